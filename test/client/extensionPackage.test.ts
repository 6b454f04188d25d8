import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SECRETS_MANAGERS } from '../../engine/fixes/secretReplacement';
import { builtinRules, testEngine } from '../support/engineFixture';

const REPO = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

describe('the VS Code extension package', function () {
  this.timeout(60_000);

  it('contributes every command the client registers, and documented settings', () => {
    const client = fs.readFileSync(path.join(REPO, 'client', 'extension.ts'), 'utf8');
    const registered = [...client.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]);
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command);
    // copyStoreCommand is invoked by a code action, not from the palette.
    assert.deepEqual(registered.filter((c) => c !== 'nhiLens.copyStoreCommand').sort(), [...contributed].sort());
    for (const [key, setting] of Object.entries<{ description?: string; markdownDescription?: string }>(
      pkg.contributes.configuration.properties,
    )) {
      assert.ok(key.startsWith('nhiLens.') && (setting.description ?? setting.markdownDescription), key);
    }
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('offers exactly the secrets managers the quick-fixes implement', () => {
    const setting = pkg.contributes.configuration.properties['nhiLens.secretsManager'] as { enum: string[]; enumDescriptions: string[] };
    assert.deepEqual(setting.enum, SECRETS_MANAGERS);
    assert.equal(setting.enumDescriptions.length, SECRETS_MANAGERS.length);
  });

  it('vsce packages the bundles, compiled rules and schemas, the Marketplace README and its images only, and nothing secret', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies', '--readme-path', 'MARKETPLACE.md'],
      {
        cwd: REPO,
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 0, run.stderr);
    const files = run.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(files, [
      'LICENSE',
      'MARKETPLACE.md',
      'dist/builtin-rules.json',
      'dist/extension.js',
      'dist/iam-actions.json',
      'dist/re2js.js',
      'dist/scanWorker.js',
      'dist/server.js',
      'dist/serverMain.js',
      'dist/vendor/ajv.js',
      'dist/vendor/aws4.js',
      'dist/vendor/diff.js',
      'dist/vendor/octokit.js',
      'dist/vendor/yaml.js',
      'docs/images/icon.png',
      'docs/images/vscode-hover.png',
      'docs/images/vscode-problems-panel.png',
      'docs/images/vscode-rule-details.png',
      'docs/rules.md',
      'package.json',
      'rules/config.schema.json',
      'rules/schema.json',
    ]);
    // The rule table holds the patterns themselves; everything else must scan clean.
    const engine = testEngine({ rules: builtinRules() });
    for (const file of files.filter((f) => f !== 'dist/builtin-rules.json' && !f.endsWith('.png'))) {
      const findings = engine.scan({ path: file, text: fs.readFileSync(path.join(REPO, file), 'utf8') }).findings;
      assert.deepEqual(
        findings.map((f) => `${f.ruleId}@${f.range.start.line}`),
        [],
        file,
      );
    }
    const compiled = JSON.parse(fs.readFileSync(path.join(REPO, 'dist', 'builtin-rules.json'), 'utf8'));
    assert.ok(
      compiled.rules.every((r: { definition: { examples: { positive: unknown[] } } }) => r.definition.examples.positive.length === 0),
      'examples are not shipped',
    );
  });

  it('has a 128x128 PNG icon and a Marketplace README whose images ship in the package', () => {
    const icon = fs.readFileSync(path.join(REPO, pkg.icon));
    assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.match(pkg.scripts.package, /--readme-path MARKETPLACE\.md/);
    const readme = fs.readFileSync(path.join(REPO, 'MARKETPLACE.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 2, 'the Marketplace README shows the extension');
    const shipped = fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8');
    for (const image of images) {
      assert.ok(fs.existsSync(path.join(REPO, image)), image);
      assert.ok(shipped.includes(`!${image}`), `${image} is packaged`);
    }
    const findings = testEngine({ rules: builtinRules() }).scan({ path: 'README.md', text: readme }).findings;
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      [],
    );
  });
});
