import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RuleError } from '../../engine';
import { loadConfigFile } from '../../workspace/config/configFile';
import { loadRulePack } from '../../workspace/rules/ruleFiles';
import { builtinRules, testEngine } from '../support/engineFixture';

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const CUSTOM_RULE = `
rules:
  - id: acme-internal-token
    title: ACME internal service token
    category: secret
    severity: error
    description: Token for ACME's internal service mesh.
    remediation: Rotate it in the ACME console and load it from Vault.
    keywords: [acme_]
    pattern: '(?<![A-Za-z0-9_])(?<secret>acme_[a-z0-9]{24})(?![a-z0-9])'
    examples:
      positive: ['t = "acme_q8zr3lm0pd5xv2kc7hs1ty4u"']
      negative: ['t = "acme_short"']
`;

describe('workspace config (.nhi-lens.yaml)', () => {
  it('adds user rules with the built-in schema', () => {
    const { config } = loadConfigFile(tempFile('.nhi-lens.yaml', CUSTOM_RULE));
    const engine = testEngine({ rules: builtinRules(), config });
    assert.deepEqual(
      engine.scan({ path: 'a.go', text: 'tok := "acme_q8zr3lm0pd5xv2kc7hs1ty4u"' }).findings.map((f) => f.ruleId),
      ['acme-internal-token'],
    );
  });

  it('re-grades and disables rules, and ignores paths', () => {
    const slack = 'SLACK=xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';
    const engine = testEngine({
      rules: builtinRules(),
      config: {
        overrides: { 'slack-bot-token': { severity: 'info' } },
        disable: ['aws-access-key-id'],
        paths: { ignore: ['fixtures/**'] },
      },
    });
    assert.equal(engine.scan({ path: 'a.env', text: slack }).findings[0].severity, 'info');
    assert.equal(engine.scan({ path: 'a.env', text: 'K=AKIAZ3MPLQ7RTX4VWY2Q' }).findings.length, 0);
    assert.equal(engine.scan({ path: 'fixtures/a.env', text: slack }).findings.length, 0);
    assert.ok(engine.isIgnoredPath('fixtures/deep/x.txt'));
  });

  it('warns about unknown rule ids instead of ignoring them silently', () => {
    const engine = testEngine({ rules: builtinRules(), config: { overrides: { 'slack-bot-tokn': { severity: 'info' } } } });
    assert.deepEqual(engine.warnings, ['config names unknown rule "slack-bot-tokn"']);
  });

  it('reads built-in rules given as a function when first needed, unless the config names a rule (then at once)', () => {
    let reads = 0;
    const rules = () => (reads++, builtinRules());
    // A warm cached audit makes an engine and may never scan nor list a rule.
    const quiet = testEngine({ rules, config: { paths: { ignore: ['fixtures/**'] } } });
    assert.ok(quiet.isIgnoredPath('fixtures/a.env'));
    assert.equal(quiet.skipReason(10, 'text'), undefined);
    assert.equal(reads, 0, 'not read to make the engine');
    assert.equal(quiet.scan({ path: 'a.env', text: 'K=AKIAZ3MPLQ7RTX4VWY2Q' }).findings[0].ruleId, 'aws-access-key-id');
    assert.ok(quiet.rules.some((r) => r.definition.id === 'aws-access-key-id'));
    assert.equal(reads, 1, 'read once, at the first scan');

    // Warnings and errors about the rules the config names are known as soon as the engine is.
    reads = 0;
    const warned = testEngine({ rules, config: { disable: ['slack-bot-tokn'] } });
    assert.equal(reads, 1);
    assert.deepEqual(warned.warnings, ['config names unknown rule "slack-bot-tokn"']);
    assert.throws(
      () => testEngine({ rules, config: { rules: [{ ...builtinRules()[0].definition }] } }),
      /\.nhi-lens\.yaml: rule ".*" duplicates an existing rule id/,
    );
    const { config } = loadConfigFile(tempFile('.nhi-lens.yaml', CUSTOM_RULE));
    reads = 0;
    const custom = testEngine({ rules, config });
    assert.equal(reads, 1);
    assert.deepEqual(custom.warnings, []);
  });

  it('reports schema errors with file, rule id and field', () => {
    const file = tempFile('.nhi-lens.yaml', CUSTOM_RULE.replace('severity: error', 'severity: critical'));
    assert.throws(
      () => loadConfigFile(file),
      (e: RuleError) => {
        assert.ok(e instanceof RuleError);
        assert.match(
          e.message,
          new RegExp(
            `${file.replace(/[.\\]/g, '\\$&')}: rule "acme-internal-token" severity must be equal to one of the allowed values \\(error, warning, info\\)`,
          ),
        );
        return true;
      },
    );
  });

  it('reports a pattern that does not compile, or lacks the secret group', () => {
    assert.throws(
      () => loadConfigFile(tempFile('c.yaml', CUSTOM_RULE.replace('[a-z0-9]{24})(?!', '[a-z0-9]{24}(?!'))),
      /rule "acme-internal-token" pattern does not compile/,
    );
    assert.throws(() => loadConfigFile(tempFile('c.yaml', CUSTOM_RULE.replace('(?<secret>', '('))), /needs a named group/);
  });

  it('rejects a rule without examples, and duplicate rule ids', () => {
    assert.throws(
      () => loadConfigFile(tempFile('c.yaml', CUSTOM_RULE.replace(/ {4}examples:[\s\S]*$/, ''))),
      /must have required property 'examples'/,
    );
    const duplicate = { definition: builtinRules()[0].definition, source: 'x.yaml' };
    assert.throws(() => testEngine({ rules: [...builtinRules(), duplicate] }), /duplicates an existing rule id/);
  });

  it('fails fast and clearly on a YAML alias bomb', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    assert.throws(() => loadConfigFile(tempFile('bomb.yaml', bomb)), /not valid YAML: .*[Aa]lias/);
  });

  it('a missing optional config is the empty config; a named one must exist', () => {
    assert.deepEqual(loadConfigFile('/nonexistent/.nhi-lens.yaml', false).config, {});
    assert.throws(() => loadConfigFile('/nonexistent/.nhi-lens.yaml', true), /config file not found/);
  });

  it('rule packs are validated the same way', () => {
    assert.throws(() => loadRulePack(tempFile('p.yaml', 'pack: x\nrules:\n  - id: Bad_ID\n')), /rule "Bad_ID" id must match pattern/);
  });
});
