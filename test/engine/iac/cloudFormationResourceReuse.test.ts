import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScanResult } from '../../../engine';
import { get, stringValue, type SourceNode } from '../../../engine/iac/sourceTree';
import { CloudFormationResourceReuse } from '../../../engine/iac/cloudformation/resourceReuse';
import { Section, sectionLayout } from '../../../engine/iac/sectionEntryReuse';
import { parseYamlSource } from '../../../engine/iac/yamlSource';
import { SecretLineMemo } from '../../../engine/secrets/lineMemo';
import { YamlDocumentReuse } from '../../../engine/iac/yamlDocumentReuse';
import { HclBlockReuse } from '../../../engine/iac/hcl/hclBlockReuse';
import { WorkflowJobReuse } from '../../../engine/iac/workflowJobReuse';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { DEFAULT_IAC_SETTINGS } from '../../../engine/iac/iacIssue';
import { analyseIac } from '../../../engine/iac/iacScanner';
import { loadIamData } from '../../../workspace/iamDataFile';
import { builtinRules, defaultEngine } from '../../support/engineFixture';

const RESOURCES = new Section('Resources', true);

/** Template lines, plus what could make a resource (or the keys after them) read differently on its own than in the whole file. */
const LINES = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Parameters:',
  '  Partner:',
  '    Type: String',
  'Conditions:',
  '  IsProd: !Equals [!Ref Env, prod]',
  'Resources:',
  'Resources: # the resources',
  '  Role:',
  '  Bucket:',
  '  Boundary:',
  '  "Quoted":',
  '  - item',
  '    Type: AWS::IAM::Role',
  '    Type: AWS::IAM::ManagedPolicy',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  '      ManagedPolicyArns:',
  '        - arn:aws:iam::aws:policy/AdministratorAccess',
  '        - !Ref Boundary',
  '      PermissionsBoundary: !Ref Boundary',
  '      AssumeRolePolicyDocument:',
  '        Statement:',
  '          - Effect: Allow',
  '            Principal: { AWS: !Sub "arn:aws:iam::${Partner}:root" }',
  '            Action: "*"',
  '      Policies: [{ PolicyName: p,',
  '        PolicyDocument: {} }]',
  '      Description: |',
  '        text',
  '  text',
  '      Name: "multi',
  '  line"',
  "      Name: 'single",
  '      Tags: &tags',
  '        - Key: Owner',
  '          Value: team',
  '      Tags: *tags',
  '    DependsOn: Bucket',
  '# a comment',
  '  # an indented comment',
  '   odd: indent',
  '\tType: tab',
  'Outputs:',
  '  RoleArn:',
  '    Value: !GetAtt Role.Arn',
  'Outputs: [a, b]',
  '- item',
  'plain scalar',
  '"Quoted": 1',
  '? [complex, key]',
  ': orphan',
  '---',
  '%YAML 1.2',
  '  Role: {Type: x}',
  '  Role: !Ref x',
  '  Role:',
  '  : orphan value',
  '  ? [complex, key]',
  '  Role12:abc',
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
      '\n  Res:\n',
      '\nOutputs:\n',
      '\nX:',
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
      '!Ref ',
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

const resource = (i: number) =>
  i % 2
    ? `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "bucket-${i}"\n      Tags:\n        - Key: Owner\n          Value: team-${i}\n`
    : `  Role${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p${i}\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: [s3:GetObject]\n                Resource: !Sub "arn:aws:s3:::\${Bucket${i + 1}}/*"\n`;
const template = (count: number, outputs = true) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Env:\n    Type: String\nResources:\n${Array.from({ length: count }, (_, i) => resource(i)).join('\n')}` +
  (outputs ? `Outputs:\n  Arn:\n    Value: !GetAtt Role0.Arn\n` : '');

describe('CloudFormation resources reused across scans of a template', () => {
  it('random edits: the reused parse equals a whole-file parse of the same text, every time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'Resources:\n  First:\n    Type: AWS::S3::Bucket\n'),
        fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 20 }),
        fc.array(EDIT, { maxLength: 15 }),
        (lead, lines, edits) => {
          const reuse = new CloudFormationResourceReuse({ from: 0 });
          // Most texts start as a template would, so that most are read in pieces.
          let text = `${lead}${lines.join('\n')}\n`;
          assert.deepEqual(reuse.parse('template.yaml', text), parseYamlSource(text));
          for (const e of edits) {
            text = applyEdit(text, e);
            assert.deepEqual(reuse.parse('template.yaml', text), parseYamlSource(text), `after an edit at ${e.at}`);
          }
        },
      ),
      { seed: 2323, numRuns: 600 },
    );
  });

  it('random edits of a well-formed template (most scans reuse resources): same as a whole-file parse', () => {
    for (const base of [template(6), template(6, false)]) {
      assert.ok(sectionLayout(base, RESOURCES), 'the base template has the plain layout');
      fc.assert(
        fc.property(fc.array(EDIT, { minLength: 1, maxLength: 10 }), (edits) => {
          const reuse = new CloudFormationResourceReuse({ from: 0 });
          let text = base;
          reuse.parse('template.yaml', text);
          for (const e of edits) {
            text = applyEdit(text, e);
            assert.deepEqual(reuse.parse('template.yaml', text), parseYamlSource(text), `after an edit at ${e.at}`);
          }
        }),
        { seed: 2424, numRuns: 400 },
      );
    }
  });

  it('typing characters one at a time, breaking and restoring indentation, quotes and brackets', () => {
    const base = template(5);
    const typed = ['a', ':', ' "x', '"', ' [', ']', '\n  ', 'Res9:', '\n   ', '  ', '{', '}', '|', '\n#c', '\nOut:', ' !Ref'];
    fc.assert(
      fc.property(fc.nat(base.length), fc.array(fc.constantFrom(...typed), { minLength: 1, maxLength: 6 }), (at, words) => {
        const reuse = new CloudFormationResourceReuse({ from: 0 });
        reuse.parse('template.yaml', base);
        let text = base;
        let cursor = at;
        for (const word of words)
          for (const ch of word) {
            text = text.slice(0, cursor) + ch + text.slice(cursor);
            cursor++;
            assert.deepEqual(reuse.parse('template.yaml', text), parseYamlSource(text));
          }
        while (text.length > base.length) {
          cursor--;
          text = text.slice(0, cursor) + text.slice(cursor + 1);
          assert.deepEqual(reuse.parse('template.yaml', text), parseYamlSource(text));
        }
      }),
      { seed: 2525, numRuns: 150 },
    );
  });

  it('parses only the resource that changed, moves the others and the keys after them to their new offsets', () => {
    const reuse = new CloudFormationResourceReuse({ from: 0 });
    const before = template(4);
    reuse.parse('template.yaml', before);
    assert.equal(reuse.parsedPieces, 6, 'the header, four resources and the outputs');
    const after = before.replace('bucket-1', 'bucket-one');
    const { documents } = reuse.parse('template.yaml', after);
    assert.equal(reuse.parsedPieces, 7, 'one resource parsed again');
    assert.deepEqual(documents, parseYamlSource(after).documents);
    const policy = get(documents[0], 'Resources', 'Role2', 'Properties', 'Policies')!;
    assert.ok(after.slice(policy.start, policy.end).includes('PolicyName: p2'));
    const arn = get(documents[0], 'Outputs', 'Arn', 'Value')!;
    assert.equal(after.slice(arn.start, arn.end), 'Role0.Arn');
    assert.equal(stringValue(get(documents[0], 'AWSTemplateFormatVersion')), '2010-09-09');
    // A resource broken on its own: the file's first error, from that resource on.
    const broken = after.replace('    Type: AWS::S3::Bucket\n    Properties:', '    Type:a\n   Properties:');
    assert.deepEqual(reuse.parse('template.yaml', broken), parseYamlSource(broken));
    assert.ok(parseYamlSource(broken).error);
    // The outputs broken: their error.
    const brokenOutputs = `${after}  Other: [a\n`;
    assert.deepEqual(reuse.parse('template.yaml', brokenOutputs), parseYamlSource(brokenOutputs));
    assert.ok(parseYamlSource(brokenOutputs).error);
  });

  it('parses other layouts whole: a JSON template, a second document, a tab, a column-0 line that is no key', () => {
    const reuse = new CloudFormationResourceReuse({ from: 0 });
    const json = JSON.stringify({ Resources: { A: { Type: 'AWS::S3::Bucket' }, B: { Type: 'AWS::SNS::Topic' } } }, null, 2);
    assert.equal(reuse.reused('template.json', json), undefined);
    // And the engine in the editor reads a large JSON template as a fresh scan does, edit after edit.
    const engine = defaultEngine();
    const view = (r: ScanResult) => JSON.stringify(r.findings);
    const roles = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [
        `Role${i}`,
        { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
      ]),
    );
    let text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: roles }, null, 2);
    const memo = new SecretLineMemo();
    for (const at of [40, 5000, 20000, 20001, 20002]) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      const fresh = engine.scan({ path: 'infra/template.json', text });
      assert.equal(view(engine.scan({ path: 'infra/template.json', text }, { memo })), view(fresh));
    }
    assert.ok(engine.scan({ path: 'infra/template.json', text: JSON.stringify({ Resources: roles }) }).findings.length >= 300);
    assert.equal(sectionLayout(`${template(3)}---\nx: 1\n`, RESOURCES), undefined);
    assert.equal(sectionLayout(`${template(3, false)}\t  more: 1\n`, RESOURCES), undefined);
    assert.equal(sectionLayout(`${template(3, false)}- item\n`, RESOURCES), undefined);
    assert.equal(sectionLayout(template(3).replace('\n', '\r'), RESOURCES), undefined);
    assert.ok(sectionLayout(template(3).replace(/\n/g, '\r\n'), RESOURCES));
    // After the trailer's start anything goes: it is read on its own, after the section.
    const layout = sectionLayout(`${template(3)}\tx: 1\n`, RESOURCES);
    assert.ok(layout);
    assert.equal(layout.end, template(3).indexOf('Outputs:'));
    // A key after the resources that the tree leaves out (a complex key) still ends the file's mapping further on.
    const complex = `${template(3)}? [complex, key]\n: a value that ends the mapping\n`;
    assert.deepEqual(reuse.parse('template.yaml', complex), parseYamlSource(complex));
    assert.equal(reuse.reused('template.yaml', complex), undefined);
  });

  it('kept resources are handed out moved in place (the same objects, at their new offsets); one whose text occurs twice gets a copy', () => {
    const reuse = new CloudFormationResourceReuse({ from: 0 });
    const text = template(3);
    const first = reuse.parse('template.yaml', text);
    const valuesOf = (r: { documents: SourceNode[] }) =>
      (get(r.documents[0], 'Resources') as { entries: Array<{ value: SourceNode }> }).entries.map((e) => e.value);
    const firstValues = valuesOf(first);
    const firstOutputs = get(first.documents[0], 'Outputs');
    const shiftedText = `# a comment\n${text}`;
    const second = reuse.parse('template.yaml', shiftedText);
    assert.deepEqual(second, parseYamlSource(shiftedText));
    assert.deepEqual(
      valuesOf(second).map((v) => firstValues.includes(v)),
      firstValues.map(() => true),
    );
    assert.equal(get(second.documents[0], 'Outputs'), firstOutputs);
    const copied = text.replace('Resources:\n', `Resources:\n${resource(0)}`);
    const parsed = reuse.parse('template.yaml', copied);
    assert.deepEqual(parsed, parseYamlSource(copied));
    const values = valuesOf(parsed);
    assert.equal(new Set(values).size, values.length);
  });

  it('every analyser of templates reads the trees it is handed and never changes them (run on frozen trees)', () => {
    const ctx = { settings: DEFAULT_IAC_SETTINGS, iam: IamActions.of(loadIamData) };
    const examples = builtinRules().flatMap(({ definition }) =>
      [...definition.examples.positive, ...definition.examples.negative].filter(
        (e): e is { path: string; text: string } => typeof e !== 'string' && /^AWSTemplateFormatVersion|^Resources:/m.test(e.text),
      ),
    );
    const reuse = {
      yaml: new YamlDocumentReuse({ from: 0 }),
      hcl: new HclBlockReuse({ from: 0 }),
      jobs: new WorkflowJobReuse({ from: 0 }),
      resources: new CloudFormationResourceReuse({ from: 0, freeze: true }),
    };
    let read = 0;
    for (const example of examples) {
      // Two more resources and an output, so the file is read in pieces; scanned again with kept resources where they were, then moved.
      const body = example.text.replace(/\n?$/, '\n');
      const text = /^Outputs:/m.test(body)
        ? body
        : `${body}  ExtraOne:\n    Type: AWS::S3::Bucket\n  ExtraTwo:\n    Type: AWS::SNS::Topic\nOutputs:\n  X:\n    Value: !Ref ExtraOne\n`;
      if (!sectionLayout(text, RESOURCES)) continue;
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
    assert.ok(read > 10, `${read} template examples read in pieces`);
  });

  it('the engine in the editor (with a memo): random edits of a large template find what a fresh scan finds', () => {
    const engine = defaultEngine();
    const view = (r: ScanResult) => JSON.stringify({ findings: r.findings, skipped: r.skipped, suppressed: r.suppressed });
    // Cross-resource reading: boundaries referenced from other resources, actions of every policy, !Sub principals from parameters.
    const unit = (i: number) =>
      [
        `  Role${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: !Ref Limit${i + 1}\n      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: !Sub "arn:aws:iam::\${Partner}:root" }\n            Action: sts:AssumeRole`,
        `  Limit${i}:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"`,
        `  Key${i}:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref User${i}\n  User${i}:\n    Type: AWS::IAM::User\n    Properties:\n      Policies:\n        - PolicyName: p${i}\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: [s3:*, iam:PassRole]\n                Resource: "*"`,
      ][i % 3];
    let base = 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Partner:\n    Type: String\nResources:\n';
    for (let i = 0; base.length < 40 * 1024; i++) base += `${unit(i)}\n`;
    base += 'Outputs:\n  First:\n    Value: !GetAtt Role0.Arn\n';
    assert.ok(sectionLayout(base, RESOURCES));
    fc.assert(
      fc.property(fc.array(EDIT, { minLength: 1, maxLength: 6 }), (edits) => {
        const memo = new SecretLineMemo();
        let text = base;
        engine.scan({ path: 'infra/template.yaml', text }, { memo });
        for (const e of edits) {
          text = applyEdit(text, e);
          assert.equal(
            view(engine.scan({ path: 'infra/template.yaml', text }, { memo })),
            view(engine.scan({ path: 'infra/template.yaml', text })),
          );
        }
      }),
      { seed: 2626, numRuns: 25 },
    );
  });
});
