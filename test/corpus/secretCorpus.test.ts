import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { defaultEngine } from '../support/engineFixture';
import { PROVIDERS, buildSecretCorpus, falseAlarmRate, labelsOf, precision, recall, scoreCorpus, type Score } from './secrets/index';

/**
 * Floors a little under the figures measured on the corpus (bench/RESULTS.md): a change that
 * loses recall or adds false alarms anywhere fails here. Raise them when detection improves.
 */
const FLOORS = {
  recall: 99.5,
  falseAlarmRate: 1,
  precision: 99,
  /** Recall per group of positives. */
  groups: {
    ai: 98,
    azure: 96,
    cloud: 98,
    command: 97,
    database: 98,
    framework: 98,
    generic: 98,
    jenkins: 98,
    keys: 98,
    'kubernetes-secret': 98,
    messaging: 98,
    observability: 98,
    password: 98,
    payments: 98,
    'private-key': 98,
    saas: 99,
    'source-ci': 98,
    terraform: 98,
    'tool-config': 98,
    uri: 98,
  } as Record<string, number>,
  /** Highest false-alarm rate per group of negatives; groups not listed must stay at 0. */
  negatives: {} as Record<string, number>,
};

describe('labelled secrets corpus', function () {
  this.timeout(120_000);
  const corpus = buildSecretCorpus();
  let score: Score;
  before(() => {
    const engine = defaultEngine();
    score = scoreCorpus(corpus, (d) => engine.scan(d).findings);
  });

  it('is large and varied enough to measure with', () => {
    const labels = corpus.documents.flatMap(labelsOf);
    const positives = labels.filter((l) => l.kind === 'secret');
    const negatives = labels.filter((l) => l.kind === 'negative');
    assert.ok(positives.length >= 1500, `${positives.length} positives`);
    assert.ok(negatives.length >= 1500, `${negatives.length} negatives`);
    assert.ok(PROVIDERS.length >= 150, `${PROVIDERS.length} provider formats`);
    assert.ok(new Set(positives.map((l) => l.provider)).size >= 150);
    assert.ok(new Set(corpus.documents.map((d) => d.context)).size >= 100, 'contexts');
  });

  it('labels mark exactly their values, one label per span', () => {
    for (const doc of corpus.documents) {
      for (const m of doc.marks) assert.equal(doc.text.slice(m.start, m.end), m.value, `${doc.path}: label drifted`);
      const spans = doc.marks.map((m) => `${m.start}:${m.end}`);
      assert.equal(new Set(spans).size, spans.length, `${doc.path}: overlapping labels`);
    }
    assert.equal(new Set(corpus.documents.map((d) => d.path)).size, corpus.documents.length, 'paths are unique');
  });

  it('is the same for the same seed, and differs for another', () => {
    const digest = (docs: typeof corpus.documents) =>
      createHash('sha256')
        .update(docs.map((d) => `${d.path}\0${d.text}`).join('\0'))
        .digest('hex');
    assert.equal(digest(buildSecretCorpus().documents), digest(corpus.documents));
    assert.notEqual(digest(buildSecretCorpus(7).documents), digest(corpus.documents));
  });

  it(`finds at least ${FLOORS.recall}% of the secrets`, () => {
    assert.ok(recall(score) >= FLOORS.recall, `recall ${recall(score).toFixed(1)}% < ${FLOORS.recall}%`);
  });

  it(`flags at most ${FLOORS.falseAlarmRate}% of the negatives`, () => {
    assert.ok(
      falseAlarmRate(score) <= FLOORS.falseAlarmRate,
      `false alarms ${falseAlarmRate(score).toFixed(1)}% > ${FLOORS.falseAlarmRate}%`,
    );
  });

  it(`keeps precision at least ${FLOORS.precision}%`, () => {
    assert.ok(precision(score) >= FLOORS.precision, `precision ${precision(score).toFixed(1)}% < ${FLOORS.precision}%`);
  });

  it('keeps recall per group at or above its floor', () => {
    const below = Object.entries(FLOORS.groups).flatMap(([group, floor]) => {
      const t = score.byGroup.get(group);
      assert.ok(t, `no positives in group ${group}`);
      const pct = (100 * t.hit) / t.total;
      return pct < floor ? [`${group}: ${pct.toFixed(1)}% < ${floor}%`] : [];
    });
    assert.deepEqual(below, []);
  });

  it('keeps false alarms per negative group at or below its ceiling', () => {
    const above = [...score.negativesByGroup.entries()].flatMap(([group, t]) => {
      const pct = (100 * t.hit) / t.total;
      const ceiling = FLOORS.negatives[group] ?? 0;
      return pct > ceiling ? [`${group}: ${pct.toFixed(1)}% > ${ceiling}%`] : [];
    });
    assert.deepEqual(above, []);
  });
});

describe('corpus scoring', () => {
  const corpus = buildSecretCorpus();

  it('a scanner that finds nothing has no recall and no false alarms', () => {
    const s = scoreCorpus(corpus, () => []);
    assert.equal(recall(s), 0);
    assert.equal(falseAlarmRate(s), 0);
    assert.equal(s.misses.length, s.positives.total);
  });

  it('a scanner that flags every labelled value finds all and alarms on every negative', () => {
    const byPath = new Map(corpus.documents.map((d) => [d.path, d]));
    const s = scoreCorpus(corpus, (d) =>
      byPath
        .get(d.path)!
        .marks.map((m) => ({ ruleId: 'everything', category: 'secret', offsets: { start: m.start, end: m.end }, masked: '…' })),
    );
    assert.equal(recall(s), 100);
    assert.equal(falseAlarmRate(s), 100);
    assert.equal(s.byRule.get('everything')!.fp, s.negatives.total);
  });

  it('counts a finding next to a secret, not on it, as a false alarm and the secret as missed', () => {
    const doc = corpus.documents.find((d) => d.marks.length === 1 && d.marks[0].kind === 'secret' && d.marks[0].start > 0)!;
    const one = { seed: corpus.seed, documents: [doc] };
    const s = scoreCorpus(one, () => [
      { ruleId: 'off-by-one', category: 'secret', offsets: { start: 0, end: doc.marks[0].start }, masked: '…' },
    ]);
    assert.equal(s.positives.hit, 0);
    assert.equal(s.falseAlarms.length, 1);
    assert.equal(precision(s), 0);
  });

  it('ignores findings that are not secrets (IaC checks)', () => {
    const s = scoreCorpus(corpus, (d) => [
      { ruleId: 'iac', category: 'permissions', offsets: { start: 0, end: d.text.length }, masked: '…' },
    ]);
    assert.equal(s.findings, 0);
  });
});
