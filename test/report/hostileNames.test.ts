import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { markdownCode, markdownText, uriPath, visible } from '../../report/escaping';
import { runCli } from '../cli/cliHarness';
import { sarifErrors } from '../support/sarifSchema';

/** A Slack bot token assembled at run time; every file below holds one, so each is a finding. */
const SLACK = ['xo', 'xb-2741093856-4820193746512-', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('');

/** File names a repository can hold (POSIX allows every byte but `/` and NUL). */
const NAMES = [
  'line\nbreak.env',
  'carriage\rreturn.env',
  'tab\there.env',
  'pipe|name.env',
  'back`tick.env',
  '<img src=x onerror=alert(1)>.env',
  'esc\x1b[31mred.env',
  '[click](https:evil.example).env',
  '# heading.env',
  '- list item.env',
  'hash#query?percent%25.env',
  'rtl\u202eevil.env',
  'back\\slash.env',
  '**bold** _em_ ~~del~~ @octocat &amp;.env',
];

const ESC = '\x1b';
const RLO = '\u202e';

describe('reports: file names with newlines, pipes, backticks, HTML, escapes and Markdown syntax', function () {
  this.timeout(120_000);
  if (process.platform === 'win32') return; // these names are not valid on Windows

  let ws: string;
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-names-'));
    fs.mkdirSync(path.join(ws, 'dir'));
    for (const name of NAMES) fs.writeFileSync(path.join(ws, 'dir', name), `SLACK_TOKEN=${SLACK}\n`);
    // A skipped entry with a hostile name goes to the "Not scanned" list.
    spawnSync('mkfifo', [path.join(ws, 'dir', 'fifo\n- [x](https:evil.example)')]);
  });

  const audit = (format: string) => {
    const run = runCli(['audit', '.', '--format', format, '--no-git', '--fail-on', 'never', '--quiet'], ws);
    assert.equal(run.code, 0, run.stderr);
    return run.stdout;
  };
  const paths = NAMES.map((n) => `dir/${n}`);

  it('JSON keeps every name exactly (JSON escaping is enough)', () => {
    const report = JSON.parse(audit('json'));
    assert.deepEqual(report.findings.map((f: { path: string }) => f.path).sort(), [...paths].sort());
  });

  it('text: one header line per file, the name with visible escapes; no raw control or bidi character', () => {
    const text = audit('text');
    assert.ok(!text.includes(ESC) && !text.includes(RLO) && !text.includes('\r'), 'no raw escape, bidi or carriage return');
    const lines = text.split('\n');
    const summary = lines.findIndex((l) => /^\d+ findings? \(/.test(l));
    const headers = lines.slice(0, summary).filter((l) => l && !l.startsWith(' '));
    assert.deepEqual([...headers].sort(), paths.map(visible).sort());
    assert.ok(headers.includes('dir/line\\nbreak.env') && headers.includes('dir/back\\\\slash.env'));
    assert.equal(lines.filter((l) => /^ {2}\d+:\d+ +error /.test(l)).length, NAMES.length);
  });

  it('Markdown: one table row per finding with five cells; no raw HTML, heading, link or control from a name', () => {
    const md = audit('markdown');
    assert.ok(!md.includes(ESC) && !md.includes(RLO) && !md.includes('\r'));
    const lines = md.split('\n');
    const start = lines.indexOf('| Location | Severity | Rule | Value | Git / GitHub |');
    const rows = lines.slice(start + 2, lines.indexOf('', start));
    assert.equal(rows.length, NAMES.length);
    for (const row of rows) assert.equal(row.match(/(?<!\\)\|/g)?.length, 6, `a row of five cells: ${row}`);
    for (const p of paths) assert.ok(md.includes(markdownCode(`${p}:1:13`)), `the location of ${JSON.stringify(p)} as a code span`);
    // Code spans are literal in Markdown: outside them, nothing from a name may act.
    const outsideCode = md.replace(/(`+).*?(?<!`)\1(?!`)/g, '');
    assert.ok(!/(?<!\\)<img/.test(outsideCode), 'no raw <img outside code spans');
    assert.ok(!/(?<!\\)\[click\]\(/.test(outsideCode), 'no Markdown link outside code spans');
    const headings = lines.filter((l) => l.startsWith('#'));
    assert.ok(
      headings.every((h) => /^#{1,2} [A-Z]/.test(h) && !h.includes('heading.env')),
      headings.join('\n'),
    );
    const notScanned = lines.slice(lines.indexOf('## Not scanned'));
    assert.ok(notScanned.some((l) => l.startsWith('- `dir/fifo\\n- [x](https:evil.example)`: named pipe (FIFO)')));
    assert.ok(!notScanned.some((l) => l.startsWith('- [x]')), 'the newline does not start a new list item');
  });

  it('HTML: names escaped and made visible, links percent-encoded', () => {
    const html = audit('html');
    assert.ok(!html.includes('<img') && !html.includes(ESC) && !html.includes(RLO));
    assert.ok(html.includes('<code>dir/line\\nbreak.env:1:13</code>'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;.env'));
    assert.ok(html.includes(`href="dir/hash%23query%3Fpercent%2525.env"`), 'a # or ? in a name is not a fragment or a query');
    assert.ok(html.includes('data-path="dir/line&#xa;break.env"'), 'the webview gets the real name back');
  });

  it('SARIF: valid, every URI percent-encoded and decoding back to the name', () => {
    const sarif = JSON.parse(audit('sarif'));
    assert.equal(sarifErrors(sarif), undefined);
    const uris: string[] = sarif.runs[0].results.map(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        r.locations[0].physicalLocation.artifactLocation.uri,
    );
    for (const uri of uris) assert.match(uri, /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/, `only URI characters in ${uri}`);
    assert.deepEqual(uris.map(decodeURIComponent).sort(), [...paths].sort());
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    const fifo = notes.find((n: { message: { text: string } }) => /FIFO/.test(n.message.text));
    assert.equal(fifo.locations[0].physicalLocation.artifactLocation.uri, uriPath('dir/fifo\n- [x](https:evil.example)'));
  });
});

describe('report escaping helpers', () => {
  it('visible: controls, bidi and backslashes escaped; plain text unchanged', () => {
    assert.equal(visible('a\nb\tc\r\x1b[0m\u202e\\'), 'a\\nb\\tc\\r\\x1b[0m\\u202e\\\\');
    assert.equal(visible('src/app/config.py'), 'src/app/config.py');
  });

  it('markdownText: Markdown syntax escaped, words left alone', () => {
    assert.equal(
      markdownText('[x](y) <b> | `c` *d* #e _f_ ~~g~~ &amp;'),
      '\\[x\\](y) \\<b\\> \\| \\`c\\` \\*d\\* \\#e \\_f\\_ \\~\\~g\\~\\~ \\&amp;',
    );
    assert.equal(markdownText('aws_iam_user.ci @acme/platform'), 'aws_iam_user.ci @acme/platform');
    assert.equal(markdownText('- item'), '\\- item');
    assert.equal(markdownText('1. item'), '1\\. item');
    assert.equal(markdownText('plain words, no syntax.'), 'plain words, no syntax.');
  });

  it('markdownCode: a fence longer than any backtick run inside; pipes escaped in tables only', () => {
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`edge'), '`` `edge ``');
    assert.equal(markdownCode('a|b'), '`a\\|b`');
    assert.equal(markdownCode('a|b', false), '`a|b`');
  });

  it('uriPath: segments percent-encoded, slashes kept, lone surrogates replaced', () => {
    assert.equal(uriPath('a b/c#d?e%.env'), 'a%20b/c%23d%3Fe%25.env');
    assert.equal(uriPath('x\ud800y'), 'x%EF%BF%BDy');
    assert.equal(uriPath('C:/Users/x'), 'C:/Users/x');
  });
});
