import * as assert from 'node:assert/strict';
import { compileRule, SecretScanner } from '../../engine/secrets/secretScanner';
import { KeywordIndex } from '../../engine/secrets/keywordIndex';
import { freshTests, type TextTests } from '../../engine/text/keptSearches';
import { PASS_TRIGGERS, ScreenedText, screenedTests } from '../../engine/text/passTriggers';
import { mayBeIac } from '../../engine/iac/iacScanner';
import { secretReferences } from '../../engine/inventory/secretReferences';
import { Suppressions } from '../../engine/suppression';
import { isMcpConfig } from '../../engine/text/toolFiles';
import { importsAwsCdk } from '../../engine/iac/cdk/cdkAnalyzer';
import { importsAwsCdkPython } from '../../engine/iac/cdk/cdkPythonAnalyzer';
import { importsPulumiTypeScript } from '../../engine/iac/pulumi/pulumiTypeScript';
import { importsPulumiPython } from '../../engine/iac/pulumi/pulumiPython';
import { looksLikeArmTemplate } from '../../engine/iac/azure/armTemplate';
import { kubernetesSecretData } from '../../engine/secrets/kubernetesSecrets';
import type { FileKind } from '../../engine/types';
import { builtinRules, defaultEngine } from '../support/engineFixture';

/** Texts each of the screened passes finds something in, and near misses. */
const SAMPLES: Array<{ path: string; kind: FileKind; text: string }> = [
  { path: 'a.js', kind: 'javascript', text: 'const k = "x"; // nhi-lens:ignore\n' },
  { path: 'a.js', kind: 'javascript', text: '// NHI-LENS:IGNORE-FILE\nconst k = 1;\n' },
  { path: 'a.ts', kind: 'typescript', text: "import * as iam from 'aws-cdk-lib/aws-iam';\nconst s = getSecret('db-pass');\n" },
  { path: 'a.ts', kind: 'typescript', text: "import * as aws from '@pulumi/aws';\nnew aws.iam.Role('r', {});\n" },
  { path: 'a.ts', kind: 'typescript', text: "import * as aws from '@PULUMI/aws';\nconst X_CDK = 1;\n" },
  { path: 'a.py', kind: 'python', text: 'import pulumi_aws as aws\nfrom aws_cdk import aws_iam\nclient.get_secret("x")\n' },
  { path: 'a.yaml', kind: 'yaml', text: 'apiVersion: v1\nkind: Secret\ndata:\n  password: aHVudGVyMg==\n' },
  { path: 'a.yaml', kind: 'yaml', text: 'APIVERSION: v1\nKIND: secret\n' },
  { path: 'a.yaml', kind: 'yaml', text: 'Resources:\n  R:\n    Type: AWS::IAM::Role\n' },
  { path: 'a.yaml', kind: 'yaml', text: 'AWSTemplateFormatVersion: "2010-09-09"\n' },
  { path: 'a.yaml', kind: 'yaml', text: 'steps:\n  - run: echo ${{ secrets.DEPLOY_TOKEN }}\n' },
  { path: 'a.json', kind: 'json', text: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}' },
  { path: 'a.json', kind: 'json', text: '{"AssignableScopes": ["/"], "Actions": ["*"]}' },
  { path: 'a.json', kind: 'json', text: '{"mcpServers": {"x": {"command": "npx"}}}' },
  {
    path: 'a.json',
    kind: 'json',
    text: '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}',
  },
  { path: 'a.json', kind: 'json', text: '{"name": "left-pad", "version": "1.3.0", "kind": "lib"}' },
  // Every secrets-manager reference idiom, and the same words in other letter cases.
  ...[
    'Password: "{{resolve:secretsmanager:prod/db:SecretString:password}}"',
    'const r = await sm.send({ SecretId: "prod/api-key" });',
    'env:\n  - name: DB\n    valueFrom:\n      secretKeyRef:\n        name: db-creds\n',
    'name = "projects/acme/secrets/db-pass/versions/latest"',
    'const v = client.getSecret("stripe-key"); client.GetSecretAsync("other");',
    'v = client.get_secret("sql-pass")',
    'uri = "https://kv1.vault.azure.net/secrets/sql-pass"',
    'vault kv get "secret/data/app/db"',
    'x = client.secrets.kv.v2.read_secret_version(path="app/db")',
    'SECRETID: "x"; GETSECRET("y"); "SECRET/DATA/APP"; PROJECTS/A/SECRETS/B',
  ].map((text) => ({ path: 'a.js', kind: 'javascript' as FileKind, text })),
];

/** What a keyword pass that looked for the triggers and saw exactly those in the lower-cased text answers. */
const oracle =
  (text: string) =>
  (trigger: string): boolean =>
    !(PASS_TRIGGERS as readonly string[]).includes(trigger) || text.toLowerCase().includes(trigger);

/** Every screened pass, with the tests it is given. */
function passes(path: string, kind: FileKind, text: string, tests: TextTests) {
  const suppressions = new Suppressions(text, tests);
  return {
    iac: mayBeIac(path, kind, text, tests),
    references: secretReferences(text, tests),
    fileIgnored: suppressions.fileIgnored,
    line0: suppressions.isSuppressed(0, 'generic-secret-assignment'),
    mcp: isMcpConfig(path, tests),
    cdk: importsAwsCdk(tests) || importsAwsCdkPython(tests),
    pulumi: importsPulumiTypeScript(tests) || importsPulumiPython(tests),
    arm: tests.mayHold('deploymenttemplate.json') && looksLikeArmTemplate(text),
    secretData: tests.mayHold('secret') ? kubernetesSecretData(text) : [],
  };
}

describe('pass triggers (the keyword pass tells the other whole-text passes what a file lacks)', () => {
  const scanner = SecretScanner.build(
    builtinRules()
      .filter(({ definition: d }) => d.category === 'secret' && !d.check)
      .map(({ definition }) => compileRule(definition, definition.severity)),
  );
  const held = (text: string) => scanner.scanFile(text, 'a.txt', 'text', 1_000_000, []).held;

  it('notes each trigger the text holds, in any letter case, and no other', () => {
    // One bit each in a scan's mask.
    assert.ok(PASS_TRIGGERS.length <= 31);
    for (const { text } of SAMPLES) {
      const h = held(text);
      const expected = oracle(text);
      for (const trigger of PASS_TRIGGERS) assert.equal(h(trigger), expected(trigger), `${trigger} in ${JSON.stringify(text)}`);
    }
    const h = held('x = 1\n# NHI-Lens:Ignore\nAWS::IAM::Role');
    assert.equal(h('nhi-lens:ignore'), true);
    assert.equal(h('aws::'), true);
    assert.equal(h('@pulumi/'), false);
    assert.equal(h('secret'), false);
    // A string that is no trigger is not known to be absent.
    assert.equal(h('kind'), true);
  });

  it('answers a substring test false without reading the text only for a trigger the pass did not see', () => {
    const asked: string[] = [];
    const inner: TextTests = { includes: (n) => (asked.push(n), true), matches: () => true, mayHold: () => true };
    const tests = screenedTests(inner, oracle('import x from "@Pulumi/aws"'));
    assert.equal(tests.includes('nhi-lens:ignore'), false);
    assert.equal(tests.mayHold('secret'), false);
    assert.equal(tests.includes('@pulumi/'), true);
    assert.equal(tests.includes('apiVersionNotATrigger'), true);
    assert.deepEqual(asked, ['@pulumi/', 'apiVersionNotATrigger']);
    const text = new ScreenedText('import x from "@Pulumi/aws" // nhi-lens:ignore', oracle('import x from "@Pulumi/aws"'));
    assert.equal(text.includes('nhi-lens:ignore'), false, 'the pass did not see it: not read');
    assert.equal(text.includes('@Pulumi/'), true);
    assert.equal(text.includes('@pulumi/'), false, 'read as it is written: case-sensitive');
  });

  it('every screened pass answers as it does reading the whole text, with and without its trigger', () => {
    const texts = SAMPLES.flatMap((s) => [
      s,
      // The same text with each trigger broken up: the passes that needed it now find nothing.
      {
        ...s,
        text: PASS_TRIGGERS.reduce(
          (t, trigger) => t.replace(new RegExp(trigger.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi'), (m) => `${m[0]}\u00b7${m.slice(1)}`),
          s.text,
        ),
      },
    ]);
    let found = 0;
    for (const { path, kind, text } of texts) {
      const fresh = passes(path, kind, text, freshTests(text));
      assert.deepEqual(passes(path, kind, text, screenedTests(freshTests(text), held(text))), fresh, text);
      // What the engine hands the passes of a file that is not open: the same tests as one object.
      assert.deepEqual(passes(path, kind, text, new ScreenedText(text, held(text))), fresh, text);
      found += Object.values(fresh).filter((v) => v === true || (Array.isArray(v) && v.length > 0)).length;
    }
    assert.ok(found >= 20, `only ${found} positive answers`);
    // Each reference idiom above is found (the first two texts have none, the last only shouts the words).
    const references = SAMPLES.filter((s) => s.kind === 'javascript').map(
      ({ text }) => secretReferences(text, screenedTests(freshTests(text), held(text))).length,
    );
    assert.deepEqual(references, [0, 0, 1, 1, 1, 1, 2, 1, 1, 1, 1, 0]);
  });

  it('an automaton without the triggers (data of an older build) leaves every string held', () => {
    const rules = builtinRules()
      .filter(({ definition: d }) => d.category === 'secret' && !d.check && !d.files)
      .map(({ definition }) => compileRule(definition, definition.severity));
    const own = SecretScanner.build(rules);
    // Rebuilt with the triggers: the scanner never runs on an index lacking the keywords it needs.
    assert.equal(own.scanFile('nothing here', 'a.txt', 'text', 1000, []).held('@pulumi/'), false);
    const index = new KeywordIndex(['password']);
    const bare = new SecretScanner([], index, [[]]);
    assert.equal(bare.scanFile('nothing here', 'a.txt', 'text', 1000, []).held('@pulumi/'), true);
  });

  it('an engine scan still honours suppressions and reads references', () => {
    const engine = defaultEngine();
    // Built at run time: no secret in the test's source.
    const line = `const dbPassword = "${['Vb7Kq2', 'mXz9Rw'].join('')}";`;
    assert.equal(engine.scan({ path: 'a.js', text: `${line}\n` }).findings.length, 1);
    const upper = engine.scan({ path: 'a.js', text: `${line} // NHI-LENS:IGNORE\n// nhi-lens:ignore\n` });
    assert.equal(upper.findings.length, 1, 'an upper-case marker is no marker');
    assert.equal(engine.scan({ path: 'a.js', text: `${line} // nhi-lens:ignore\n` }).findings.length, 0);
    assert.equal(engine.scan({ path: 'a.js', text: `// nhi-lens:ignore-file\n${line}\n` }).findings.length, 0);
    const refs = engine.scan({ path: 'w.yml', text: 'run: echo ${{ secrets.DEPLOY_KEY }}\n' }, { inventory: true });
    assert.deepEqual(
      refs.identities?.map((i) => i.name),
      ['DEPLOY_KEY'],
    );
  });
});
