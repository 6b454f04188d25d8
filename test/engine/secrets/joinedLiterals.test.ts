import * as assert from 'node:assert/strict';
import { jointEnd, joinedLiterals, mayHoldSplitToken } from '../../../engine/secrets/joinedLiterals';
import { defaultEngine } from '../../support/engineFixture';
import { ALNUM, Rng } from '../../support/seededRandom';

// Tokens made at run time: no secret-shaped value is written in the repository.
const rng = new Rng(20261130);
const slackBot = () => `xoxb-${rng.chars('0123456789', 12)}-${rng.chars('0123456789', 13)}-${rng.chars(ALNUM, 24)}`;
const openAi = () => `sk-proj-${rng.chars(ALNUM, 74)}T3BlbkFJ${rng.chars(ALNUM, 74)}`;

describe('joinedLiterals', () => {
  it('joins literals chained with +, with . (PHP) and by juxtaposition over lines', () => {
    const text = "const k = 'ab' +\n  'cd' +\n  'ef';\n$x = 'gh' . 'ij';\nT = (\n    \"kl\"\n    \"mn\"\n)\n";
    assert.deepEqual(
      joinedLiterals(text).map((c) => [c.joined, c.boundaries, text.slice(c.start, c.end)]),
      [
        ['abcdef', [2, 4], "'ab' +\n  'cd' +\n  'ef'"],
        ['ghij', [2], "'gh' . 'ij'"],
        ['klmn', [2], '"kl"\n    "mn"'],
      ],
    );
  });

  it('does not join arguments, keys and values, calls between literals or empty strings', () => {
    const text = [
      'f("ab", "cd")',
      '{"ab": "cd"}',
      'x = "ab" + name + "cd"',
      'y = "ab".upper() + "cd"',
      'z = ""',
      "# it's a comment, isn't it",
      '',
    ].join('\n');
    assert.deepEqual(joinedLiterals(text), []);
  });

  // The joint pass was a regex; it is read by hand now (a third of this module's time went to the
  // regex on the npm tree): at every quote it must find what the regex finds there.
  it('finds at every quote the joint the regex it replaces finds', () => {
    const JOINT = /["'][ \t]*(?:[+.][ \t]*)?(?:\r?\n[ \t]*(?:[+.][ \t]*)?)?["']/y;
    const random = new Rng(7741);
    let joints = 0;
    for (let round = 0; round < 3000; round++) {
      const text = random.chars(`"'+. \t\r\nab`, 1 + random.int(24));
      for (let i = 0; i < text.length; i++) {
        if (text[i] !== '"' && text[i] !== "'") continue;
        JOINT.lastIndex = i;
        const m = JOINT.exec(text);
        const expected = m ? i + m[0].length : -1;
        if (m) joints++;
        assert.equal(jointEnd(text, i), expected, JSON.stringify({ text, i }));
      }
    }
    assert.ok(joints > 1000, String(joints));
  });

  it('joins the literals of every joint of one long line (a minified bundle)', () => {
    const tokens = Array.from({ length: 40 }, () => slackBot());
    const line = tokens.map((t, i) => `v${i}="${t.slice(0, 20)}"+"${t.slice(20)}"`).join(',');
    const chains = joinedLiterals(`${line}\n`);
    assert.deepEqual(
      chains.map((c) => c.joined),
      tokens,
    );
    assert.deepEqual(
      chains.map((c) => line.slice(c.start, c.end)),
      tokens.map((t) => `"${t.slice(0, 20)}"+"${t.slice(20)}"`),
    );
  });

  it('keeps chains bounded: at most 16 pieces each', () => {
    const text = `x = ${Array.from({ length: 40 }, () => '"ab"').join(' + ')}\n`;
    const chains = joinedLiterals(text);
    assert.ok(chains.length >= 3);
    assert.ok(chains.every((c) => c.boundaries.length <= 15));
    assert.equal(chains.map((c) => c.joined).join(''), 'ab'.repeat(40));
  });
});

describe('secrets split over joined literals', () => {
  const scan = (path: string, text: string) => defaultEngine().scan({ path, text }).findings;

  it('finds a Slack token split over Python implicit concatenation, and an OpenAI key over JS +', () => {
    const slack = slackBot();
    const py = `SLACK_TOKEN = (\n    "${slack.slice(0, 20)}"\n    "${slack.slice(20)}"\n)\n`;
    const found = scan('bots/settings.py', py);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.ruleId)));
    assert.match(found[0].ruleId, /slack/);
    assert.equal(found[0].range.start.line, 1);

    const key = openAi();
    const js = `const key = '${key.slice(0, 60)}' +\n  '${key.slice(60, 120)}' +\n  '${key.slice(120)}';\n`;
    const inJs = scan('src/ai.js', js);
    assert.equal(inJs.length, 1);
    assert.match(inJs[0].ruleId, /openai/);
  });

  it('reports a token inside one literal once, and nothing for joined prose or split non-tokens', () => {
    const slack = slackBot();
    const whole = `msg = "${slack}" + "\\n"\n`;
    assert.equal(scan('app/notify.py', whole).length, 1);
    const prose = `HELP = (\n    "Set the password in the environment "\n    "before you start the server."\n)\n`;
    assert.deepEqual(scan('app/help.py', prose), []);
    const notToken = `PREFIX = "xoxb-" + "${rng.chars(ALNUM, 6)}"\n`;
    assert.deepEqual(scan('app/prefix.py', notToken), []);
  });

  it('rescans only chains where a long run of token characters crosses a joint', () => {
    const [split] = joinedLiterals(`const t = '${slackBot().slice(0, 20)}' +\n  '${rng.chars(ALNUM, 20)}';\n`);
    assert.equal(mayHoldSplitToken(split), true);
    const [short] = joinedLiterals(`const s = 'ab' + 'cd';\n`);
    assert.equal(mayHoldSplitToken(short), false);
    // Prose and markup meet at blanks or punctuation: not even tokenised as chains.
    assert.deepEqual(joinedLiterals(`const h = '<b>Hello</b> ' +\n  '<i>world</i>';\n`), []);
    assert.deepEqual(joinedLiterals(`msg = ("The token was " \n  "rejected by the server")\n`), []);
  });
});
