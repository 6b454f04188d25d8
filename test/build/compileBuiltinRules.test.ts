import * as assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCompiledRules, type CompiledRulesFile } from '../../engine/rules/ruleLoader';
import { readPattern } from '../../engine/rules/requiredLiterals';
import { KeywordIndex } from '../../engine/secrets/keywordIndex';
import { secretKeywords } from '../../engine/secrets/secretScanner';

const REPO = path.resolve(__dirname, '../../..');
/** The rule compilation `npm run build` runs (bundled by esbuild.mjs before the tests). */
const COMPILE = path.join(REPO, 'dist', '.build', 'compile-rules.js');

function compile(rulesDir: string): { code: number | null; stderr: string; out: string } {
  const out = path.join(rulesDir, 'compiled.json');
  const r = spawnSync(process.execPath, [COMPILE, out, rulesDir], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr, out };
}

/** A copy of the built-in packs, plus extra pack files. */
function rulesDirWith(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-rules-'));
  for (const f of fs.readdirSync(path.join(REPO, 'rules')).filter((n) => n.endsWith('.yaml')))
    fs.copyFileSync(path.join(REPO, 'rules', f), path.join(dir, f));
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const UNKNOWN_CHECK_PACK = `pack: fake
description: A pack whose rule names a check nobody implemented.
rules:
  - id: acme-wildcard
    check: acme-wildcard
    title: ACME wildcard
    category: permission
    severity: warning
    description: Flags ACME wildcards, if only there were an analyser for them.
    remediation: Implement the check first.
    examples:
      positive: [{ path: acme.yaml, text: "acme: '*'" }]
      negative: [{ path: acme.yaml, text: "acme: read" }]
`;

describe('build: rule compilation', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('compiles the built-in packs', () => {
    const dir = rulesDirWith({});
    dirs.push(dir);
    const r = compile(dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(r.out));
  });

  it('writes the keyword automaton of every built-in secret rule, which engines load instead of building it', () => {
    const dir = rulesDirWith({});
    dirs.push(dir);
    const r = compile(dir);
    assert.equal(r.code, 0, r.stderr);
    const file = JSON.parse(fs.readFileSync(r.out, 'utf8')) as CompiledRulesFile;
    const secretRules = file.rules.map((x) => x.definition).filter((d) => d.category === 'secret' && !d.check);
    assert.deepEqual(file.keywordIndex?.keywords, secretKeywords(secretRules));
    // One state per distinct keyword prefix, plus the root.
    const prefixes = new Set(file.keywordIndex!.keywords.flatMap((k) => [...k].map((_, i) => k.slice(0, i + 1))));
    assert.equal(file.keywordIndex!.parent.length, prefixes.size);
    const index = new KeywordIndex(file.keywordIndex!.keywords, file.keywordIndex);
    const found: string[] = [];
    index.scan('x = AKIA; token: ghp_', (k) => found.push(index.keywords[k]));
    assert.ok(found.includes('akia') && found.includes('ghp_'), found.join());
  });

  it('writes the prefilter reading of every built-in pattern, as the engine would read it at run time', () => {
    const dir = rulesDirWith({});
    dirs.push(dir);
    const r = compile(dir);
    assert.equal(r.code, 0, r.stderr);
    const file = JSON.parse(fs.readFileSync(r.out, 'utf8')) as CompiledRulesFile;
    const readings = new Map(file.patternReadings);
    const patterns = new Set(file.rules.flatMap((x) => (x.definition.pattern === undefined ? [] : [x.definition.pattern])));
    assert.equal(readings.size, patterns.size);
    for (const pattern of patterns) assert.deepEqual(readings.get(pattern), readPattern(pattern), pattern);
    assert.ok([...readings.values()].filter((x) => x.literals.length || x.fragment).length > 100, 'most patterns have something to test');
  });

  it('writes ASCII JSON, its rules before its one line break and the scanner data after it, so a run that scans nothing parses half', () => {
    const dir = rulesDirWith({});
    dirs.push(dir);
    const r = compile(dir);
    assert.equal(r.code, 0, r.stderr);
    const bytes = fs.readFileSync(r.out);
    assert.ok(isAscii(bytes));
    const text = bytes.toString('latin1');
    const whole = JSON.parse(text) as CompiledRulesFile;
    assert.equal(text.split('\n').length, 2);
    assert.ok(text.indexOf('"keywordIndex"') > text.indexOf('\n') && text.indexOf('"patternReadings"') > text.indexOf('\n'));
    assert.ok(
      whole.rules.some((x) => /[^\x20-\x7e]/.test(x.definition.description)),
      'non-ASCII text survives its escapes',
    );
    const parsed = parseCompiledRules(text)!;
    assert.deepEqual(parsed.rules, whole.rules);
    assert.deepEqual(parsed.scanData(), { keywordIndex: whole.keywordIndex, patternReadings: whole.patternReadings });
    assert.equal(parsed.scanData(), parsed.scanData(), 'parsed once');
    // A file without the break (an older build's, or one rewritten as a whole) is read whole.
    const rewritten = parseCompiledRules(JSON.stringify(whole))!;
    assert.deepEqual(rewritten.rules, whole.rules);
    assert.deepEqual(rewritten.scanData().keywordIndex, whole.keywordIndex);
    assert.equal(parseCompiledRules(JSON.stringify({ ...whole, format: 'other/2' })), undefined);
  });

  it('a damaged scanner half of the shipped file stops the first scan with an error naming the file, not a JSON message', () => {
    // The bundle next to a copy of its compiled rules file, whose second half is parsed when a file is first scanned.
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-dist-'));
    dirs.push(dist);
    fs.cpSync(path.join(REPO, 'dist'), dist, { recursive: true, filter: (source) => !source.endsWith('.map') });
    const rulesFile = path.join(dist, 'builtin-rules.json');
    const text = fs.readFileSync(rulesFile, 'latin1');
    const half = text.indexOf('\n') + 200;
    fs.writeFileSync(rulesFile, `${text.slice(0, half)}@@@${text.slice(half + 3)}`);
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-ws-'));
    dirs.push(ws);
    fs.writeFileSync(path.join(ws, 'app.py'), 'print("hello")\n');
    for (const jobs of ['0', '1']) {
      const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'audit', ws, '--no-git', '--jobs', jobs], { encoding: 'utf8' });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /the compiled rules file .*builtin-rules\.json is damaged \(.+\): reinstall nhi-lens/);
    }
  });

  it('fails, writing nothing, when a pack names a check with no implementation', () => {
    const dir = rulesDirWith({ 'zz-fake.yaml': UNKNOWN_CHECK_PACK });
    dirs.push(dir);
    const r = compile(dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /zz-fake\.yaml: rule "acme-wildcard" names unknown check "acme-wildcard"/);
    assert.ok(!fs.existsSync(r.out));
  });

  it('fails when an implemented check has no rule', () => {
    const dir = rulesDirWith({});
    dirs.push(dir);
    const pack = path.join(dir, 'iac-kubernetes.yaml');
    // Point the one rule reporting k8s-rbac-exec-or-proxy at a check of its own, to orphan it.
    fs.writeFileSync(pack, fs.readFileSync(pack, 'utf8').replace('check: k8s-rbac-exec-or-proxy', 'check: k8s-rbac-wildcard'));
    const r = compile(dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /check "k8s-rbac-exec-or-proxy" \(.+\) is implemented but no rule in rules\/ reports it/);
  });
});
