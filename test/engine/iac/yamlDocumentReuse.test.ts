import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScanResult } from '../../../engine';
import { get, stringValue } from '../../../engine/iac/sourceTree';
import { YamlDocumentReuse } from '../../../engine/iac/yamlDocumentReuse';
import { parseYamlSource } from '../../../engine/iac/yamlSource';
import { SecretLineMemo } from '../../../engine/secrets/lineMemo';
import { HclBlockReuse } from '../../../engine/iac/hcl/hclBlockReuse';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { DEFAULT_IAC_SETTINGS } from '../../../engine/iac/iacIssue';
import { analyseIac } from '../../../engine/iac/iacScanner';
import { WorkflowJobReuse } from '../../../engine/iac/workflowJobReuse';
import { loadIamData } from '../../../workspace/iamDataFile';
import { builtinRules, defaultEngine } from '../../support/engineFixture';

/** Manifest lines, plus what could make a piece read differently from the whole file. */
const LINES = [
  'apiVersion: v1',
  'kind: ServiceAccount',
  'kind: Deployment',
  'kind: ClusterRole',
  'kind: Secret',
  'metadata:',
  '  name: app',
  '  labels: { owner: team-a }',
  'spec:',
  '  template:',
  '    spec:',
  '      serviceAccountName: app',
  'rules:',
  '  - apiGroups: ["*"]',
  '    verbs: ["*", escalate]',
  '    resources: [secrets, pods/exec]',
  'data:',
  '  password: aHVudGVyMmh1bnRlcjI=',
  'automountServiceAccountToken: false',
  '---',
  '--- # next',
  '---   ',
  '--- !tag',
  '--- {a: 1}',
  '...',
  '%YAML 1.2',
  'text: |',
  '  ---',
  'key: "open',
  'flow: [a,',
  'anchor: &a 1',
  'alias: *a',
  'ref: !Ref Thing',
  '\tbad: tab',
  '',
];

const EDIT = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 30 }),
  insert: fc.oneof(
    fc.array(fc.constantFrom(...LINES), { maxLength: 3 }).map((ls) => ls.join('\n')),
    fc.constantFrom(
      'a',
      ' ',
      '\n',
      '-',
      '---\n',
      '\n---\n',
      ':',
      '"',
      '[',
      ']',
      '{',
      '%',
      '#',
      '\r\n',
      '\r',
      '\u2028',
      '\t',
      '\uFEFF',
      '&a',
      '*a',
    ),
    fc.string({ maxLength: 5 }),
  ),
});

const applyEdit = (text: string, e: { at: number; remove: number; insert: string }) => {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
};

describe('YAML documents reused across scans of a file', () => {
  it('random edits: the reused parse equals a whole-file parse of the same text, every time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 40 }),
        fc.array(EDIT, { maxLength: 15 }),
        (lines, edits) => {
          const reuse = new YamlDocumentReuse({ from: 0 });
          let text = lines.join('\n') + '\n';
          assert.deepEqual(reuse.parse('a.yaml', text), parseYamlSource(text));
          for (const e of edits) {
            text = applyEdit(text, e);
            assert.deepEqual(reuse.parse('a.yaml', text), parseYamlSource(text), `after an edit at ${e.at}`);
          }
        },
      ),
      { seed: 1313, numRuns: 400 },
    );
  });

  it('parses only the document that changed, and moves the others to their new offsets', () => {
    const reuse = new YamlDocumentReuse({ from: 0 });
    const doc = (i: number) => `kind: ServiceAccount\nmetadata:\n  name: sa-${i}\n`;
    const before = [0, 1, 2, 3].map(doc).join('---\n');
    reuse.parse('a.yaml', before);
    assert.equal(reuse.parsedDocuments, 4);
    const after = before.replace('sa-1', 'sa-one');
    const { documents } = reuse.parse('a.yaml', after);
    assert.equal(reuse.parsedDocuments, 5, 'one document parsed again');
    const name = get(documents[3], 'metadata', 'name')!;
    assert.equal(stringValue(name), 'sa-3');
    assert.equal(after.slice(name.start, name.end), 'sa-3');
    // Another path has its own documents; a path's old versions are not kept.
    reuse.parse('b.yaml', after);
    assert.equal(reuse.parsedDocuments, 9);
  });

  it('keeps the files scanned last up to a total size: an older one is parsed afresh', () => {
    const reuse = new YamlDocumentReuse({ from: 0 });
    const small = 'kind: A\n---\nkind: B\n---\nkind: C\n';
    const big = (kb: number) => Array.from({ length: kb / 100 }, (_, i) => `k${i}: ${'x'.repeat(100 * 1024)}\n`).join('---\n');
    reuse.parse('a.yaml', small);
    reuse.parse('a.yaml', small);
    assert.equal(reuse.parsedDocuments, 3, 'kept while nothing else was scanned');
    reuse.parse('b.yaml', big(1200));
    reuse.parse('c.yaml', big(1000)); // 2.2 MB with b: a and b are dropped
    const before = reuse.parsedDocuments;
    assert.deepEqual(reuse.parse('a.yaml', small), parseYamlSource(small));
    assert.equal(reuse.parsedDocuments, before + 3);
    reuse.parse('c.yaml', big(1000));
    assert.equal(reuse.parsedDocuments, before + 3, 'the last file is still kept');
  });

  it('a document broken in the middle of a stream: the error read from it and the next document is that of the whole parse', () => {
    const doc = (i: number) => `kind: Role\nmetadata:\n  name: r${i}\nrules:\n  - verbs: [get]\n    resources: ["pods"]\n`;
    const breakers = [
      '  - verbs: [get',
      '  - verbs: {get',
      '  name: "r',
      "  name: 'r",
      'metadata: : x',
      '\tname: x',
      '  - a\nb: c',
      'rules: |\n x\ny',
    ];
    for (const breaker of breakers)
      for (const at of [0, 2, 4, 5]) {
        const docs = [0, 1, 2, 3, 4, 5].map(doc);
        docs[at] = `${docs[at]}${breaker}\n`;
        for (const text of [docs.join('---\n'), docs.join('---\n').replace(/\n$/, '')]) {
          const reuse = new YamlDocumentReuse({ from: 0 });
          assert.deepEqual(reuse.parse('a.yaml', text), parseYamlSource(text), `${JSON.stringify(breaker)} in document ${at}`);
        }
      }
  });

  it('hands out the kept trees: a document before the edit as it was, one after it moved in place to its new offset', () => {
    const reuse = new YamlDocumentReuse({ from: 0 });
    const text = 'kind: A\n---\nkind: B\n---\nkind: C\nempty:\nlist: [x, {y: }]\n';
    const first = reuse.parse('a.yaml', text);
    const edited = text.replace('kind: B', 'kind: BB');
    const second = reuse.parse('a.yaml', edited);
    assert.equal(second.documents[0], first.documents[0], 'before the edit: the same object');
    assert.equal(second.documents[2], first.documents[2], 'after the edit: the same object, not a copy');
    assert.deepEqual(second, parseYamlSource(edited), 'moved to where its text now starts; empty values stay unplaced');
    // Typing back: moved again, by the other sign; and a syntax error elsewhere: copies placed as the whole parse places them.
    assert.deepEqual(reuse.parse('a.yaml', text), parseYamlSource(text));
    const broken = text.replace('kind: A', 'kind: [A');
    assert.deepEqual(reuse.parse('a.yaml', broken), parseYamlSource(broken));
    assert.deepEqual(reuse.parse('a.yaml', text), parseYamlSource(text));
  });

  it('a document whose text occurs twice in the file gets a tree of its own at each place', () => {
    const reuse = new YamlDocumentReuse({ from: 0 });
    const same = 'kind: Role\nrules:\n  - verbs: ["*"]\n';
    const text = `kind: A\n---\n${same}---\n${same}---\nkind: B\n---\n${same}`;
    assert.deepEqual(reuse.parse('a.yaml', text), parseYamlSource(text));
    for (const edited of [text.replace('kind: A', 'kind: AA'), text, text.replace('kind: B', 'kind: BBB')]) {
      const { documents } = reuse.parse('a.yaml', edited);
      assert.deepEqual({ documents }, parseYamlSource(edited));
      const roles = documents.filter((d) => stringValue(get(d, 'kind')) === 'Role');
      assert.equal(new Set(roles).size, 3, 'three distinct trees');
      assert.equal(new Set(roles.map((r) => get(r, 'rules'))).size, 3, 'not sharing their nodes either');
    }
  });

  it('every analyser of YAML reads the trees it is handed and never changes them (run on frozen trees)', () => {
    const ctx = { settings: DEFAULT_IAC_SETTINGS, iam: IamActions.of(loadIamData) };
    const examples = builtinRules().flatMap(({ definition }) =>
      [...definition.examples.positive, ...definition.examples.negative].filter(
        (e): e is { path: string; text: string } =>
          typeof e !== 'string' && /\.ya?ml$/.test(e.path) && !e.path.includes('.github/workflows') && !/^%/m.test(e.text),
      ),
    );
    assert.ok(examples.length > 20, `${examples.length} YAML examples`);
    const reuse = {
      yaml: new YamlDocumentReuse({ from: 0, freeze: true }),
      hcl: new HclBlockReuse({ from: 0 }),
      jobs: new WorkflowJobReuse({ from: 0 }),
    };
    for (const example of examples) {
      // Three documents at least, so the file is read in pieces; the second scan with kept trees
      // where they were, the third with them moved.
      const text = `${example.text.replace(/\n?$/, '\n')}---\nkind: A\n---\nkind: B\n`;
      const fresh = analyseIac(text, example.path, 'yaml', ctx, true);
      assert.deepEqual(analyseIac(text, example.path, 'yaml', ctx, true, reuse), fresh, `${example.path}: first scan`);
      assert.deepEqual(analyseIac(text, example.path, 'yaml', ctx, true, reuse), fresh, `${example.path}: kept trees`);
      const moved = `# a comment\n${text}`;
      assert.deepEqual(
        analyseIac(moved, example.path, 'yaml', ctx, true, reuse),
        analyseIac(moved, example.path, 'yaml', ctx, true),
        `${example.path}: moved trees`,
      );
    }
  });

  it('the engine in the editor (with a memo): random edits of a large manifest find what a fresh scan finds', () => {
    const engine = defaultEngine();
    const view = (r: ScanResult) => JSON.stringify({ findings: r.findings, skipped: r.skipped, suppressed: r.suppressed });
    const manifest = (i: number) =>
      [
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader-${i}\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "*"]`,
        `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\nautomountServiceAccountToken: ${i % 2 === 0}`,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  template:\n    spec:\n      serviceAccountName: sa-${i}\n      containers:\n        - name: app\n          image: app:${i}`,
      ][i % 3];
    let base = '';
    for (let i = 0; base.length < 40 * 1024; i++) base += `${manifest(i)}\n---\n`;
    fc.assert(
      fc.property(fc.array(EDIT, { minLength: 1, maxLength: 6 }), (edits) => {
        const memo = new SecretLineMemo();
        let text = base;
        engine.scan({ path: 'deploy/app.yaml', text }, { memo });
        for (const e of edits) {
          text = applyEdit(text, e);
          assert.equal(
            view(engine.scan({ path: 'deploy/app.yaml', text }, { memo })),
            view(engine.scan({ path: 'deploy/app.yaml', text })),
          );
        }
      }),
      { seed: 2727, numRuns: 25 },
    );
  });
});
