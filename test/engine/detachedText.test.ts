import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { ScanResult } from '../../engine';
import { detached } from '../../engine/text/detachedText';
import { defaultEngine } from '../support/engineFixture';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A Terraform file of about 1 MB: comments, then an IAM user with a wildcard policy and a key. */
function largeTerraform(i: number): string {
  const filler = `# ${'padding to make the file large '.repeat(3)}${i}\n`.repeat(10_000);
  return `${filler}resource "aws_iam_user" "deploy_user_number_${i}" {\n  name = "deploy-${i}"\n}\nresource "aws_iam_user_policy" "deploy_policy_number_${i}" {\n  user   = aws_iam_user.deploy_user_number_${i}.name\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\nresource "aws_iam_access_key" "deploy_key_number_${i}" {\n  user = aws_iam_user.deploy_user_number_${i}.name\n}\n${filler}`;
}

describe('scan results hold no reference to the scanned text', () => {
  it('detached: same content, lone surrogates and all', () => {
    for (const text of ['short', 'a longer piece of text cut from somewhere', 'lone \ud800 surrogate in a long string', ''])
      assert.equal(detached(text), text);
  });

  it('findings and identities of twenty 1 MB Terraform files keep far less than the files', () => {
    const engine = defaultEngine();
    engine.scan({ path: 'warm.tf', text: largeTerraform(-1) }, { inventory: true }); // buffers and JIT first
    const before = heapAfterGc();
    const kept: ScanResult[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const text = largeTerraform(i);
      bytes += text.length;
      kept.push(engine.scan({ path: `infra/m${i}/main.tf`, text }, { inventory: true }));
    }
    const retained = heapAfterGc() - before;
    assert.ok(
      kept.every((r) => r.findings.length >= 2 && r.identities!.length >= 2),
      'each file has findings and identities',
    );
    // Kept views into the texts would retain all of them (about 20 MB).
    assert.ok(retained < bytes / 5, `retained ${Math.round(retained / 1024)} KB for ${Math.round(bytes / 1024)} KB of files`);
  });
});
