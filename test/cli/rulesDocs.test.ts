import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, runCli } from './cliHarness';

describe('rule documentation', function () {
  this.timeout(60_000);

  it('docs/rules.md is generated from the current rule packs (run npm run docs:rules)', () => {
    const generated = runCli(['rules', '--format', 'markdown'], REPO);
    assert.equal(generated.code, 0, generated.stderr);
    assert.equal(fs.readFileSync(path.join(REPO, 'docs', 'rules.md'), 'utf8'), generated.stdout);
  });

  it('every rule has an anchor that its docs link points to', () => {
    const rules = JSON.parse(runCli(['rules', '--format', 'json'], REPO).stdout) as { id: string; docs: string }[];
    const doc = fs.readFileSync(path.join(REPO, 'docs', 'rules.md'), 'utf8');
    assert.ok(rules.length >= 300);
    for (const rule of rules) {
      assert.ok(doc.includes(`<a id="${rule.id}"></a>`), rule.id);
      assert.ok(rule.docs.endsWith(`docs/rules.md#${rule.id}`), rule.docs);
    }
  });
});
