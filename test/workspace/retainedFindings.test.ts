import * as assert from 'node:assert/strict';
import type { Finding, Severity } from '../../engine';
import { RetainedFindings } from '../../workspace/scan/retainedFindings';

/** Findings of one rule at distinct places; only the fields the cap looks at matter. */
function findings(count: number, severity: Severity, path: string, category = 'secret'): Finding[] {
  return Array.from(
    { length: count },
    (_, i) =>
      ({
        ruleId: `rule-${severity}`,
        severity,
        category,
        path,
        offsets: { start: i * 10, end: i * 10 + 5 },
        fingerprint: `${path}-${severity}-${i}`,
      }) as unknown as Finding,
  );
}

/** Deterministic shuffle (the order workers deliver files in is not fixed). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('retained findings: the cap on what an audit keeps in full', () => {
  const all = [...findings(3000, 'info', 'a.env'), ...findings(2000, 'warning', 'b.tf', 'permission'), ...findings(1500, 'error', 'c.py')];

  it('keeps the most severe, counts the rest by severity, category and file', () => {
    const retained = new RetainedFindings(2500);
    for (let i = 0; i < all.length; i += 100) retained.add(all.slice(i, i + 100));
    const kept = retained.findings();
    assert.equal(kept.length, 2500);
    assert.equal(kept.filter((f) => f.severity === 'error').length, 1500, 'every error is kept');
    assert.equal(kept.filter((f) => f.severity === 'warning').length, 1000);
    assert.equal(retained.omitted.total, 4000);
    assert.deepEqual(retained.omitted.bySeverity, { error: 0, warning: 1000, info: 3000 });
    assert.deepEqual(retained.omitted.byCategory, { permission: 1000, secret: 3000 });
    assert.deepEqual([...retained.omitted.paths].sort(), ['a.env', 'b.tf']);
    // Report order: by file, then position.
    assert.deepEqual([...new Set(kept.map((f) => f.path))], ['b.tf', 'c.py']);
  });

  it('keeps the same findings whatever order the files arrive in', () => {
    const fingerprints = (seed: number) => {
      const retained = new RetainedFindings(1234);
      for (const f of shuffled(all, seed)) retained.add([f]);
      return retained.findings().map((f) => f.fingerprint);
    };
    assert.deepEqual(fingerprints(1), fingerprints(2));
  });

  it('counts baselined findings without keeping them; Infinity keeps everything', () => {
    const baselined = findings(10, 'error', 'd.env').map((f) => ({ ...f, baselined: true }));
    const retained = new RetainedFindings(Infinity);
    retained.add([...all, ...baselined]);
    assert.equal(retained.findings().length, all.length);
    assert.equal(retained.baselined, 10);
    assert.equal(retained.omitted.total, 0);
  });

  it('under the cap nothing is omitted', () => {
    const retained = new RetainedFindings(20_000);
    retained.add(all);
    assert.equal(retained.findings().length, all.length);
    assert.equal(retained.omitted.total, 0);
  });
});
