import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findAssignments, type Assignment } from '../../../engine/secrets/assignments';
import { BLANK_RUN, lineAssignments, type LineAssignments } from '../../../engine/secrets/longLineAssignments';
import { SecretLineMemo } from '../../../engine/secrets/lineMemo';
import { defaultEngine } from '../../support/engineFixture';

/** The assignments a kept parse lists, at their positions in its line. */
const listed = (parsed: LineAssignments): Assignment[] =>
  parsed.hits.map((hit, n) => {
    const a = hit.assignment!;
    const shift = parsed.shifts[n];
    return { ...a, valueStart: a.valueStart + shift, valueEnd: a.valueEnd + shift, nameStart: a.nameStart + shift };
  });

/**
 * Pieces of code and config that make the parse tricky: quotes closed far away or never, `#`
 * inside bare values, environment look-ups with defaults, calls pairing a name with a value, XML
 * elements and key/value attributes, type annotations, glued `name:value`, runs of blanks.
 */
const UNITS = [
  'a=1',
  'token="',
  '"',
  "'",
  '`',
  'password = "hunter2hunter2"',
  'PGPASSWORD=Lf#b0i=V8q psql',
  '#x=1',
  'api_key: ',
  'x: string = "abc"',
  'secret:prod/db',
  'process.env.TOKEN || "fallback-value"',
  "os.environ.get('X') or 'y'",
  "define('DB_PASSWORD', 'p4ssw0rd!')",
  'f("name", "value")',
  '<password>s3cr3t</password>',
  '<add key="ApiKey" value="abc123def" />',
  '@token "xyz"',
  '\\"k\\": \\"v\\"',
  ' ',
  '\t',
  ';',
  ',',
  '(',
  ')',
  '{',
  '}',
  '<',
  '>',
  '\n',
  'value =',
  ' '.repeat(BLANK_RUN - 1),
  ' '.repeat(BLANK_RUN + 3),
];

describe('long line assignments: found around the edit, as a fresh parse finds them', () => {
  it('random lines and edits: the kept parse lists exactly what findAssignments lists', () => {
    const line = fc.array(fc.constantFrom(...UNITS), { maxLength: 60 }).map((units) => units.join(''));
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 30 }),
      insert: fc.oneof(
        fc.constantFrom(...UNITS),
        fc.string({ unit: fc.constantFrom('a', '=', '"', "'", ' ', '#', ':', '(', ','), maxLength: 4 }),
      ),
    });
    fc.assert(
      fc.property(line, fc.array(edit, { minLength: 1, maxLength: 10 }), (start, edits) => {
        let text = start;
        let parsed = lineAssignments(text, undefined);
        assert.deepEqual(listed(parsed), findAssignments(text));
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          parsed = lineAssignments(text, parsed);
          assert.deepEqual(listed(parsed), findAssignments(text), `after an edit at ${at}: ${JSON.stringify(text)}`);
        }
      }),
      { seed: 4242, numRuns: 600 },
    );
  });

  it('a keystroke far from everything re-reads only around it: the other assignments are the same objects', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `v${i}={a:"${i}",b:c${i}};`).join('');
    const first = lineAssignments(text, undefined);
    const at = text.length >> 1;
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;
    const second = lineAssignments(edited, first);
    assert.deepEqual(listed(second), findAssignments(edited));
    const same = second.hits.filter((hit) => first.hits.includes(hit)).length;
    // Re-made: the matches within the name pattern's reach (about 240 characters, blank runs
    // bounded) and the fixed reads of a value (300) before the edit, about 30 of these units.
    assert.ok(same >= second.hits.length - 40, `${same} of ${second.hits.length} kept`);
    assert.ok(same < second.hits.length, 'the matches next to the edit are made again');
  });

  it('a value whose closing quote the edit removes is read again, though its match is far before the edit', () => {
    const text = `token = "${'a'.repeat(3000)}" + ${'b=1;'.repeat(500)}`;
    const first = lineAssignments(text, undefined);
    const quote = text.indexOf('"', 10);
    const edited = text.slice(0, quote) + text.slice(quote + 1);
    assert.deepEqual(listed(lineAssignments(edited, first)), findAssignments(edited));
  });
});

describe('long line assignments in the engine: generic rules on a minified line', () => {
  const engine = defaultEngine();
  const view = (path: string, text: string, memo?: SecretLineMemo) =>
    JSON.stringify(engine.scan({ path, text }, memo ? { memo } : {}).findings.map((f) => [f.ruleId, f.offsets, f.fix.keyName]));

  it('typing through a line of named secrets: the memoised scan equals a fresh one, and finds them', () => {
    // Generic (by-name) secrets only, with `public_key` beside a `token` on the line to be dropped then kept.
    const unit = (i: number) =>
      `var o${i}={password:"Zx9${i}qLm2Vb7Tr",apiToken:"tK8${i}pW3nR6sY1vQ4",name:"n${i}"};` +
      (i % 50 === 0 ? `var p${i}={token:"aB3${i}dE6fG9hJ2k",c:1};` : '');
    let text = '';
    for (let i = 0; text.length < 70_000; i++) text += unit(i);
    const memo = new SecretLineMemo();
    const first = view('dist/app.min.js', text, memo);
    assert.ok(JSON.parse(first).length > 100);
    const edits: [number, string, number][] = [
      [100, 'x', 0],
      [30_000, 'public_key="k";', 0],
      [30_000, '', 15],
      [50_000, 'password:"', 0],
      [50_000, '', 10],
      [text.length - 5, '#', 0],
    ];
    for (const [at, insert, remove] of edits) {
      text = text.slice(0, at) + insert + text.slice(at + remove);
      assert.equal(view('dist/app.min.js', text, memo), view('dist/app.min.js', text), `after an edit at ${at}`);
    }
  });
});
