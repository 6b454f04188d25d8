import * as assert from 'node:assert/strict';
import { testEngine } from '../../support/engineFixture';
import { Rng } from '../../support/seededRandom';

// The keyword pass keeps per-rule scratch state from one text to the next (secretScanner.ts,
// `lastLine`) and notes only the keywords rules name as context: an engine that has scanned
// other texts must find in each text what a fresh engine finds there.
describe('keyword pass: state kept between scans', () => {
  const rng = new Rng(4421);
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  // The shape of OpenAI's legacy keys (`sk-` and 48 characters), which that rule reports only
  // next to one of its context keywords (openai, gpt).
  const key = () => `sk-${rng.chars(ALNUM, 48)}`;
  const ids = (engine: ReturnType<typeof testEngine>, text: string) =>
    engine
      .scan({ path: 'src/settings.py', text })
      .findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`)
      .sort();

  it('finds in each text what a fresh engine finds, whatever it scanned before', () => {
    const first = key();
    const texts = [
      `OPENAI_API_KEY = "${first}"\n`,
      `OPENAI_API_KEY = "${first}"\n`, // same rule on the same line start as the scan before
      `client_id = "${key()}"\n`, // no context keyword: the rule does not report it
      `# gpt settings\n\nopenai_key = "${key()}"\nOPENAI_API_KEY = "${key()}"\n`,
      `OPENAI_API_KEY = "${first}"\n`,
    ];
    const reused = testEngine();
    const found = texts.map((text) => ids(reused, text));
    texts.forEach((text, i) => assert.deepEqual(found[i], ids(testEngine(), text), `text ${i}`));
    const legacy = (list: string[]) => list.filter((f) => f.startsWith('openai-legacy-api-key@'));
    assert.deepEqual(legacy(found[0]), ['openai-legacy-api-key@0:18']);
    assert.deepEqual(legacy(found[1]), ['openai-legacy-api-key@0:18']);
    assert.deepEqual(legacy(found[2]), []);
    assert.deepEqual(legacy(found[3]), ['openai-legacy-api-key@2:14', 'openai-legacy-api-key@3:18']);
  });
});
