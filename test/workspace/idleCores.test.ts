import * as assert from 'node:assert/strict';
import {
  IdleCoreSampler,
  idleCoresBetween,
  noteCpuTimesAtStart,
  readCpuTimes,
  readCpuTimesWithOwn,
  startReading,
  type CpuTimes,
} from '../../workspace/scan/idleCores';

/** A /proc/stat as the kernel writes it: user nice system idle iowait irq softirq steal guest guest_nice. */
const procStat = (user: number, idle: number, iowait = 0) =>
  `cpu  ${user} 0 0 ${idle} ${iowait} 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

describe('idle cores (the audit default worker count)', () => {
  it('reads the machine-wide line of /proc/stat, idle including I/O wait', () => {
    assert.deepEqual(
      readCpuTimes(() => procStat(100, 50, 10)),
      { idle: 60, total: 160 },
    );
    assert.equal(
      readCpuTimes(() => 'nothing like it'),
      undefined,
    );
    assert.equal(
      readCpuTimes(() => {
        throw new Error('ENOENT');
      }),
      undefined,
      'no /proc (macOS, Windows)',
    );
  });

  it('counts the cores idle between two readings, and says nothing about readings too close together', () => {
    const before: CpuTimes = { idle: 1000, total: 5000 };
    assert.equal(idleCoresBetween(before, { idle: 1100, total: 5200 }, 2), 1, 'half the ticks idle on 2 cores: one core');
    assert.equal(idleCoresBetween(before, { idle: 1000, total: 5200 }, 2), 0, 'both cores busy');
    assert.equal(idleCoresBetween(before, { idle: 1002, total: 5005 }, 2), undefined, '5 ticks on 2 cores: too little to tell');
    assert.equal(idleCoresBetween(before, { idle: 1003, total: 5006 }, 2), 1, '6 ticks on 2 cores: enough');
  });

  it("counts this process's own threads beyond its first core as idle, not as another program's load", () => {
    assert.deepEqual(
      readCpuTimesWithOwn(
        () => ({ idle: 60, total: 160 }),
        () => ({ user: 150_000, system: 50_000 }),
      ),
      { idle: 60, total: 160, own: 20 },
      '0.2 s of CPU is 20 ticks',
    );
    assert.equal(
      readCpuTimesWithOwn(
        () => undefined,
        () => ({ user: 1, system: 1 }),
      ),
      undefined,
    );
    // 100 ticks of wall time on 2 cores; the machine was never idle.
    const before: CpuTimes = { idle: 1000, total: 5000, own: 100 };
    assert.equal(
      idleCoresBetween(before, { idle: 1000, total: 5200, own: 280 }, 2),
      0.8,
      'V8 busy beside the main thread: the other core is ours',
    );
    assert.equal(
      idleCoresBetween(before, { idle: 1000, total: 5200, own: 200 }, 2),
      0,
      'only the main thread: the other core is another program',
    );
    assert.equal(idleCoresBetween(before, { idle: 1000, total: 5200, own: 160 }, 2), 0, 'less than a core of our own: nothing added');
    assert.equal(idleCoresBetween(before, { idle: 1180, total: 5200, own: 400 }, 2), 2, 'never more than every core');
    assert.equal(
      idleCoresBetween({ idle: 1000, total: 5000 }, { idle: 1000, total: 5200, own: 280 }, 2),
      0,
      'a reading without its own time',
    );
  });

  it('is not fooled by earlier load: it looks only at the time since its last reading', () => {
    // The 1-minute load average says 1.9 (an audit just ran), the counters say the machine is idle now.
    const readings: CpuTimes[] = [
      { idle: 0, total: 0 },
      { idle: 1, total: 2 }, // too soon
      { idle: 90, total: 100 },
      { idle: 95, total: 200 },
    ];
    let next = 0;
    const sampler = new IdleCoreSampler(
      2,
      () => readings[next++],
      () => 1.9,
      readings[next++],
    );
    assert.equal(sampler.idleCores(), undefined, 'too soon: ask again later');
    assert.equal(sampler.idleCores(), 1.8);
    assert.equal(sampler.idleCores(), 0.1, 'measured from the last answer on');
  });

  it('falls back to cores minus the load average without counters, and starts again when they go backwards', () => {
    const none = new IdleCoreSampler(
      4,
      () => undefined,
      () => 1.5,
      undefined,
    );
    assert.equal(none.idleCores(), 2.5);
    const readings: CpuTimes[] = [
      { idle: 500, total: 1000 },
      { idle: 10, total: 20 },
      { idle: 110, total: 120 },
    ];
    let next = 1;
    const restarted = new IdleCoreSampler(
      2,
      () => readings[next++],
      () => 0,
      readings[0],
    );
    assert.equal(restarted.idleCores(), undefined, 'counters went backwards');
    assert.equal(restarted.idleCores(), 2);
  });

  it("starts from the launcher's reading when it took one, else from a reading of its own", () => {
    const stash: Record<symbol, unknown> = {};
    const own = startReading(stash, () => ({ idle: 7, total: 9 }), 2_000);
    assert.deepEqual(own, { times: { idle: 7, total: 9 }, at: 2_000 }, 'no launcher: read now');
    noteCpuTimesAtStart(stash, () => ({ idle: 1, total: 2 }), 1_000);
    noteCpuTimesAtStart(stash, () => ({ idle: 3, total: 4 }), 1_500);
    assert.deepEqual(
      startReading(stash, () => ({ idle: 7, total: 9 }), 2_000),
      { times: { idle: 1, total: 2 }, at: 1_000 },
      "the launcher's first reading, not a later one",
    );
  });
});
