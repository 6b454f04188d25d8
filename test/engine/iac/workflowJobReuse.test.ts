import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScanResult } from '../../../engine';
import { get, stringValue, type SourceNode } from '../../../engine/iac/sourceTree';
import { jobsLayout, WorkflowJobReuse } from '../../../engine/iac/workflowJobReuse';
import { parseYamlSource } from '../../../engine/iac/yamlSource';
import { SecretLineMemo } from '../../../engine/secrets/lineMemo';
import { YamlDocumentReuse } from '../../../engine/iac/yamlDocumentReuse';
import { HclBlockReuse } from '../../../engine/iac/hcl/hclBlockReuse';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { DEFAULT_IAC_SETTINGS } from '../../../engine/iac/iacIssue';
import { analyseIac } from '../../../engine/iac/iacScanner';
import { loadIamData } from '../../../workspace/iamDataFile';
import { builtinRules, defaultEngine } from '../../support/engineFixture';

/** Workflow lines, plus what could make a job read differently on its own than in the whole file. */
const LINES = [
  'name: ci',
  'on: [push, pull_request]',
  'permissions:',
  '  contents: read',
  'permissions: write-all',
  'jobs:',
  'jobs: # the jobs',
  '  build:',
  '  deploy:',
  '  test-2:',
  '  "quoted":',
  '  - item',
  '    runs-on: ubuntu-latest',
  '    permissions:',
  '      id-token: write',
  '      contents: write',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - uses: aws-actions/configure-aws-credentials@v4',
  '        with: { role-to-assume: arn:aws:iam::123456789012:role/ci,',
  '          aws-region: us-east-1 }',
  '        with:',
  '          aws-access-key-id: ${{ secrets.KEY }}',
  '      - run: |',
  '          echo one',
  '  echo two',
  '      - run: >-',
  '      - run: "multi',
  '  line"',
  "      - run: 'single",
  '        env:',
  '          TOKEN: &tok ${{ secrets.TOKEN }}',
  '          OTHER: *tok',
  "    if: github.ref == 'refs/heads/main'",
  '# a comment',
  '  # an indented comment',
  '   odd: indent',
  '\tname: tab',
  'env:',
  '---',
  '%YAML 1.2',
  '  build: {runs-on: x}',
  '  build: [a, b]',
  '  build: !tag x',
  '  build:',
  '  : orphan value',
  '  ? [complex, key]',
  '  job12:abc',
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
      '  ',
      '\n',
      '\n  job:\n',
      '-',
      ':',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      '|',
      '#',
      '&a',
      '*a',
      '\r\n',
      '\r',
      '\t',
      '---\n',
    ),
    fc.string({ maxLength: 5 }),
  ),
});

const applyEdit = (text: string, e: { at: number; remove: number; insert: string }) => {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
};

const job = (i: number) =>
  `  job${i}:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          make ${i}\n        env:\n          TOKEN: \${{ secrets.T${i} }}\n`;
const workflow = (jobs: number) =>
  `name: ci\non: push\npermissions:\n  contents: read\njobs:\n${Array.from({ length: jobs }, (_, i) => job(i)).join('\n')}`;

describe('GitHub workflow jobs reused across scans of a file', () => {
  it('random edits: the reused parse equals a whole-file parse of the same text, every time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 50 }),
        fc.array(EDIT, { maxLength: 15 }),
        (lines, edits) => {
          const reuse = new WorkflowJobReuse({ from: 0 });
          let text = lines.join('\n') + '\n';
          assert.deepEqual(reuse.parse('ci.yml', text), parseYamlSource(text));
          for (const e of edits) {
            text = applyEdit(text, e);
            assert.deepEqual(reuse.parse('ci.yml', text), parseYamlSource(text), `after an edit at ${e.at}`);
          }
        },
      ),
      { seed: 1616, numRuns: 600 },
    );
  });

  it('random edits of a well-formed workflow (most scans reuse jobs): same as a whole-file parse', () => {
    const base = workflow(6);
    assert.ok(jobsLayout(base), 'the base workflow has the plain layout');
    fc.assert(
      fc.property(fc.array(EDIT, { minLength: 1, maxLength: 10 }), (edits) => {
        const reuse = new WorkflowJobReuse({ from: 0 });
        let text = base;
        reuse.parse('ci.yml', text);
        for (const e of edits) {
          text = applyEdit(text, e);
          assert.deepEqual(reuse.parse('ci.yml', text), parseYamlSource(text), `after an edit at ${e.at}`);
        }
      }),
      { seed: 1717, numRuns: 400 },
    );
  });

  it('typing characters one at a time, breaking and restoring indentation, quotes and brackets', () => {
    const base = workflow(5);
    const typed = ['a', ':', ' "x', '"', ' [', ']', '\n  ', 'job9:', '\n   ', '  ', '{', '}', '|', '\n#c'];
    fc.assert(
      fc.property(fc.nat(base.length), fc.array(fc.constantFrom(...typed), { minLength: 1, maxLength: 6 }), (at, words) => {
        const reuse = new WorkflowJobReuse({ from: 0 });
        reuse.parse('ci.yml', base);
        let text = base;
        let cursor = at;
        for (const word of words)
          for (const ch of word) {
            text = text.slice(0, cursor) + ch + text.slice(cursor);
            cursor++;
            assert.deepEqual(reuse.parse('ci.yml', text), parseYamlSource(text));
          }
        while (text.length > base.length) {
          cursor--;
          text = text.slice(0, cursor) + text.slice(cursor + 1);
          assert.deepEqual(reuse.parse('ci.yml', text), parseYamlSource(text));
        }
      }),
      { seed: 1818, numRuns: 150 },
    );
  });

  it('nesting near the depth limit: a job read on its own passes only where the file passes', () => {
    for (let depth = 90; depth <= 102; depth++) {
      let nested = '';
      for (let d = 0; d < depth; d++) nested += `${'  '.repeat(d + 2)}k${d}:\n`;
      const text = `on: push\njobs:\n  a:\n    x: 1\n  b:\n${nested}${'  '.repeat(depth + 2)}v: 1\n  c:\n    y: 2\n`;
      const reuse = new WorkflowJobReuse({ from: 0 });
      assert.deepEqual(reuse.parse('ci.yml', text), parseYamlSource(text), `depth ${depth}`);
    }
  });

  it('parses only the job that changed, and moves the others to their new offsets', () => {
    const reuse = new WorkflowJobReuse({ from: 0 });
    const before = workflow(4);
    reuse.parse('ci.yml', before);
    assert.equal(reuse.parsedPieces, 5, 'the header and four jobs');
    const after = before.replace('make 1', 'make one');
    const { documents } = reuse.parse('ci.yml', after);
    assert.equal(reuse.parsedPieces, 6, 'one job parsed again');
    assert.deepEqual(documents, parseYamlSource(after).documents);
    const run = get(documents[0], 'jobs', 'job3', 'steps')!;
    assert.equal(run.type, 'seq');
    const token = get(documents[0], 'jobs', 'job3', 'steps')!;
    assert.ok(after.slice(token.start, token.end).includes('make 3'));
    assert.equal(stringValue(get(documents[0], 'name')), 'ci');
    // A job broken on its own: the file's first error, from that job on.
    const broken = after.replace('    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:', '    steps:a');
    assert.deepEqual(reuse.parse('ci.yml', broken), parseYamlSource(broken));
    assert.ok(parseYamlSource(broken).error);
  });

  it('parses other layouts whole: a key after the jobs, a second document, a tab', () => {
    assert.equal(jobsLayout(`${workflow(3)}env:\n  A: 1\n`), undefined);
    assert.equal(jobsLayout(`${workflow(3)}---\nx: 1\n`), undefined);
    assert.equal(jobsLayout(`${workflow(3)}\t  more: 1\n`), undefined);
    assert.equal(jobsLayout(workflow(3).replace('\n', '\r')), undefined);
    assert.ok(jobsLayout(workflow(3).replace(/\n/g, '\r\n')));
  });

  it('jobsLayout visits only the shallow lines and says what a walk over every line says (random workflows)', () => {
    const lines = fc.array(fc.constantFrom(...LINES, '    \t  tabbed: deep', '  \r', '      \r', '  build:\r'), { maxLength: 40 });
    fc.assert(
      fc.property(lines, fc.constantFrom('\n', '\r\n'), (picked, eol) => {
        const text = picked.join('\n').replace(/\n/g, eol);
        assert.deepEqual(jobsLayout(text), jobsLayoutByLines(text), JSON.stringify(text));
        const plain = `${workflow(3)}${picked.join('\n')}`;
        assert.deepEqual(jobsLayout(plain), jobsLayoutByLines(plain), JSON.stringify(plain));
      }),
      { seed: 1717, numRuns: 2000 },
    );
  });

  it('kept jobs are handed out moved in place (the same objects, at their new offsets); a job whose text occurs twice gets a copy', () => {
    const reuse = new WorkflowJobReuse({ from: 0 });
    const text = workflow(3);
    const first = reuse.parse('ci.yml', text);
    const jobsOf = (r: { documents: SourceNode[] }) => (get(r.documents[0], 'jobs') as { entries: Array<{ value: SourceNode }> }).entries;
    const firstJobs = jobsOf(first).map((e) => e.value);
    const shiftedText = `# a comment\n${text}`;
    const second = reuse.parse('ci.yml', shiftedText);
    assert.deepEqual(second, parseYamlSource(shiftedText));
    assert.deepEqual(
      jobsOf(second).map((e) => firstJobs.includes(e.value)),
      firstJobs.map(() => true),
    );
    // The same job twice (renamed later, as when a job is copied): two trees, not one object at two places.
    const lines = text.split('\n');
    const jobStart = lines.findIndex((l) => /^ {2}\S/.test(l));
    const jobEnd = lines.findIndex((l, i) => i > jobStart && /^ {2}\S/.test(l));
    const twice = [...lines.slice(0, jobEnd), ...lines.slice(jobStart, jobEnd), ...lines.slice(jobEnd)].join('\n');
    const parsed = reuse.parse('ci.yml', twice);
    assert.deepEqual(parsed, parseYamlSource(twice));
    const values = jobsOf(parsed).map((e) => e.value);
    assert.equal(new Set(values).size, values.length);
  });

  it('every analyser of workflows reads the trees it is handed and never changes them (run on frozen trees)', () => {
    const ctx = { settings: DEFAULT_IAC_SETTINGS, iam: IamActions.of(loadIamData) };
    const examples = builtinRules().flatMap(({ definition }) =>
      [...definition.examples.positive, ...definition.examples.negative].filter(
        (e): e is { path: string; text: string } => typeof e !== 'string' && e.path.includes('.github/workflows'),
      ),
    );
    const reuse = {
      yaml: new YamlDocumentReuse({ from: 0 }),
      hcl: new HclBlockReuse({ from: 0 }),
      jobs: new WorkflowJobReuse({ from: 0, freeze: true }),
    };
    let read = 0;
    for (const example of examples) {
      // Two more jobs, so the file is read in pieces; scanned again with kept jobs where they were, then moved.
      const text = `${example.text.replace(/\n?$/, '\n')}  extra-one:\n    runs-on: ubuntu-latest\n  extra-two:\n    runs-on: ubuntu-latest\n`;
      if (!jobsLayout(text)) continue;
      read++;
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
    assert.ok(read > 10, `${read} workflow examples read in pieces`);
  });

  it('the engine in the editor (with a memo): random edits of a large workflow find what a fresh scan finds', () => {
    const engine = defaultEngine();
    const view = (r: ScanResult) => JSON.stringify({ findings: r.findings, skipped: r.skipped, suppressed: r.suppressed });
    const unit = (i: number) =>
      [
        `  deploy${i}:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: \${{ secrets.AWS_KEY_${i} }}\n          aws-secret-access-key: \${{ secrets.AWS_SECRET_${i} }}`,
        `  test${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo \${{ toJSON(secrets) }}`,
        `  pr${i}:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n      id-token: write\n    steps:\n      - uses: some/action@main\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}`,
      ][i % 3];
    let base = 'name: ci\non: [push, pull_request_target]\njobs:\n';
    for (let i = 0; base.length < 40 * 1024; i++) base += `${unit(i)}\n`;
    fc.assert(
      fc.property(fc.array(EDIT, { minLength: 1, maxLength: 6 }), (edits) => {
        const memo = new SecretLineMemo();
        let text = base;
        engine.scan({ path: '.github/workflows/ci.yml', text }, { memo });
        for (const e of edits) {
          text = applyEdit(text, e);
          assert.equal(
            view(engine.scan({ path: '.github/workflows/ci.yml', text }, { memo })),
            view(engine.scan({ path: '.github/workflows/ci.yml', text })),
          );
        }
      }),
      { seed: 2929, numRuns: 25 },
    );
  });
});

/** jobsLayout as first written (every line visited): what the regex-driven one must say. */
function jobsLayoutByLines(text: string): { jobsKey: number; indent: number; starts: number[] } | undefined {
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  if (/^(?:%|---|\.\.\.)/.test(text) || ['\n%', '\n---', '\n...'].some((marker) => text.includes(marker))) return undefined;
  const jobKey = /[A-Za-z_][\w-]*[ \t]*:(?=[ \t\r\n]|$)/y;
  let jobsKey = -1;
  let indent = -1;
  const starts: number[] = [];
  for (let at = 0; at < text.length;) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    if (jobsKey < 0) {
      if (text.startsWith('jobs:', at) && /jobs:[ \t]*(?:#[^\n]*)?\r?$/.test(text.slice(at, nl))) jobsKey = at;
    } else {
      let i = at;
      while (text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      const blank = i >= nl || (c === 13 && i + 1 === nl) || c === 35;
      if (!blank) {
        const n = i - at;
        if (c === 9 || n === 0) return undefined;
        if (indent < 0) indent = n;
        if (n < indent) return undefined;
        if (n === indent) {
          jobKey.lastIndex = i;
          if (jobKey.test(text)) starts.push(at);
          else if (!starts.length) return undefined;
        }
      }
    }
    at = nl + 1;
  }
  return jobsKey >= 0 && starts.length >= 2 ? { jobsKey, indent, starts } : undefined;
}
