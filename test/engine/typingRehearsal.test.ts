import * as assert from 'node:assert/strict';
import type { ScanResult } from '../../engine';
import { SecretLineMemo } from '../../engine/secrets/lineMemo';
import { forgetRehearsals, REHEARSAL_KEYS_PER_LINE, REHEARSAL_LINES, REHEARSAL_MAX_CHARS, typedTexts } from '../../engine/typingRehearsal';
import { testEngine } from '../support/engineFixture';

/** What a report shows, without what names the scan (for comparing two scans of one text). */
const shown = (r: ScanResult) => JSON.stringify({ findings: r.findings, skipped: r.skipped, suppressed: r.suppressed });

const KEY = ['AKIA', 'Z7QW', 'PLMX', 'K3RT', 'YV2N'].join('');

/** A Terraform file with findings all through it (a role with no owner, a wildcard policy, a key). */
function terraform(blocks: number): string {
  const out: string[] = [];
  for (let i = 0; i < blocks; i++) {
    out.push(
      `resource "aws_iam_role" "role_${i}" {\n  name = "role-${i}"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })\n}\n`,
      `resource "aws_iam_role_policy" "policy_${i}" {\n  role = aws_iam_role.role_${i}.id\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n`,
    );
    if (i % 10 === 3) out.push(`locals {\n  access_key_${i} = "${KEY}"\n}\n`);
  }
  return out.join('\n');
}

describe('typing rehearsal: the texts typed', () => {
  it('types at the end of lines spread over the text, one character more each time, and takes them back after each line', () => {
    const text = Array.from({ length: 600 }, (_, i) => `line_${i} = value_${i}`).join('\n');
    const texts = [...typedTexts(text, REHEARSAL_LINES, REHEARSAL_KEYS_PER_LINE)];
    assert.equal(texts.length, REHEARSAL_LINES * (REHEARSAL_KEYS_PER_LINE + 1));
    const typedLines: number[] = [];
    for (let line = 0; line < REHEARSAL_LINES; line++) {
      const run = texts.slice(line * (REHEARSAL_KEYS_PER_LINE + 1), (line + 1) * (REHEARSAL_KEYS_PER_LINE + 1));
      run.slice(0, -1).forEach((t, k) => assert.equal(t.length, text.length + k + 1));
      assert.equal(run[run.length - 1], text, 'taken back after the line');
      // Every typed character is at the end of one line.
      const typed = run[run.length - 2].split('\n');
      const changed = typed.flatMap((l, i) => (l !== `line_${i} = value_${i}` ? [i] : []));
      assert.equal(changed.length, 1);
      assert.equal(typed[changed[0]], `line_${changed[0]} = value_${changed[0]}${'x'.repeat(REHEARSAL_KEYS_PER_LINE)}`);
      typedLines.push(changed[0]);
    }
    assert.ok(typedLines[0] > 50 && typedLines[REHEARSAL_LINES - 1] < 550, `spread over the text: ${typedLines}`);
    assert.deepEqual(
      [...typedLines].sort((a, b) => a - b),
      typedLines,
    );
  });

  it('types where a line ends in a word, not after a bracket, and keeps \\r\\n pairs whole', () => {
    const lines = Array.from({ length: 200 }, (_, i) => (i % 3 === 2 ? `  name: app-${i}` : `  labels: { app: a${i} }`));
    const text = lines.join('\r\n');
    const typed = [...typedTexts(text, 3, 2)].filter((t) => t !== text);
    assert.equal(typed.length, 6);
    for (const t of typed) assert.ok(!t.includes('\rx') && !t.includes('}x'), 'no character after a \\r or a bracket');
    assert.equal(typed.filter((t) => /app-\d+xx\r\n/.test(t)).length, 3);
  });

  it('a text of one short line, or none, is typed into at its end', () => {
    assert.deepEqual([...typedTexts('ab', 3, 2)], ['abx', 'abxx', 'ab']);
    assert.deepEqual([...typedTexts('', 2, 1)], ['x', '']);
    assert.deepEqual([...typedTexts('a\nb', 2, 1)], ['ax\nb', 'a\nb', 'a\nbx', 'a\nb']);
  });
});

describe('typing rehearsal: through the engine', () => {
  beforeEach(() => forgetRehearsals());
  after(() => forgetRehearsals());

  it('changes no result: scans after it, and the scan of each edit, are those of a fresh engine', () => {
    const engine = testEngine();
    const text = terraform(120);
    const memo = new SecretLineMemo();
    const path = 'infra/main.tf';
    const opened = engine.scan({ path, text }, { memo });
    assert.ok(opened.findings.some((f) => f.category === 'secret') && opened.findings.some((f) => f.category !== 'secret'));
    const rehearsal = engine.rehearsal({ path, text }, memo);
    assert.ok(rehearsal, 'a rehearsal for a file scanned with a memo');
    assert.equal(rehearsal.family, 'terraform:terraform');
    // Its scans go through the document's memo (what the user's keystrokes will run).
    assert.ok(rehearsal.step());
    assert.equal(memo.edited?.delta, 1);
    let steps = 1;
    while (rehearsal.step()) steps++;
    assert.equal(steps, REHEARSAL_LINES * (REHEARSAL_KEYS_PER_LINE + 1));
    // It gave the memo back the document's text: to a scan of that text, nothing changed.
    engine.scan({ path, text }, { memo });
    assert.equal(memo.edited?.prefix, text.length);
    // The user types after it: in a block with a finding, then in the middle of the key.
    const fresh = testEngine();
    let now = text;
    for (const [at, typed] of [
      [now.indexOf('Action = "*"') + 10, 'x'],
      [now.indexOf(KEY) + 8, 'Q'],
      [now.indexOf('role-7"') + 6, '1'],
    ] as Array<[number, string]>) {
      now = now.slice(0, at) + typed + now.slice(at);
      assert.equal(shown(engine.scan({ path, text: now }, { memo })), shown(fresh.scan({ path, text: now })));
    }
  });

  it('is one per family of file in a process, and none for a document not scanned with a memo', () => {
    const engine = testEngine();
    const tf = terraform(20);
    const memo = new SecretLineMemo();
    assert.equal(engine.rehearsal({ path: 'a.tf', text: tf }, memo), undefined, 'not scanned yet: family unknown');
    engine.scan({ path: 'a.tf', text: tf }, { memo });
    // One cut short leaves the family to rehearse.
    assert.ok(engine.rehearsal({ path: 'a.tf', text: tf }, memo)?.step());
    const rehearsal = engine.rehearsal({ path: 'a.tf', text: tf }, memo);
    assert.ok(rehearsal);
    while (rehearsal.step());
    // Another Terraform file, even through another engine (another folder's), runs the same code.
    const other = new SecretLineMemo();
    testEngine().scan({ path: 'b.tf', text: tf }, { memo: other });
    assert.equal(testEngine().rehearsal({ path: 'b.tf', text: tf }, other), undefined);
    // A workflow runs other code.
    const workflow = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
    const wf = new SecretLineMemo();
    engine.scan({ path: '.github/workflows/ci.yml', text: workflow }, { memo: wf });
    assert.equal(engine.rehearsal({ path: '.github/workflows/ci.yml', text: workflow }, wf)?.family, 'yaml:github-workflow');
  });

  it('a text too large to keep its parses between scans is not rehearsed', () => {
    const engine = testEngine();
    const line = 'value = "some setting of this service"\n';
    const text = line.repeat(Math.ceil((REHEARSAL_MAX_CHARS + 1) / line.length));
    const memo = new SecretLineMemo();
    engine.scan({ path: 'big.py', text }, { memo });
    assert.equal(engine.rehearsal({ path: 'big.py', text }, memo), undefined);
    assert.ok(engine.rehearsal({ path: 'big.py', text: text.slice(0, REHEARSAL_MAX_CHARS) }, memo));
  });
});
