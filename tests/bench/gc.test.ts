import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { IpcCalls } from './children.js';
import { gcBetween, gcPerMessage, type Collection, type GcReading } from './gc.js';

const MB = 2 ** 20;

function collection(type: string, before: [number, number], after: [number, number]): Collection {
  return {
    type,
    pauseUs: type === 'Scavenge' ? 1_500 : 8_000,
    before: { used: before[0] * MB, young: before[1] * MB },
    after: { used: after[0] * MB, young: after[1] * MB },
  };
}

describe('gcBetween', () => {
  it('adds the heap growth between collections and what minor collections moved out of the young generation', () => {
    const reading: GcReading = {
      collections: [
        // 30 → 46: 16 MB allocated; outside the young generation 46 - 16 → 32 - 1: 1 MB promoted.
        collection('Scavenge', [46, 16], [32, 1]),
        // 32 → 48: 16 MB more; 48 - 17 → 34 - 1: 2 MB promoted.
        collection('Scavenge', [48, 17], [34, 1]),
        // 34 → 38: 4 MB, then incremental marking starts (a pause, not a collection of its own);
        // 38 → 40: 2 MB, then the Mark-Compact frees 20 MB of the old generation; no promotion.
        collection('IncrementalMarking', [38, 5], [38, 5]),
        collection('MarkSweepCompact', [40, 7], [20, 7]),
      ],
      usedNow: 25 * MB,
    };
    const totals = gcBetween(30 * MB, reading);
    assert.deepEqual(totals, {
      allocatedBytes: (16 + 16 + 6 + 5) * MB,
      promotedBytes: 3 * MB,
      minorCount: 2,
      minorPauseMs: 3,
      majorCount: 1,
      majorPauseMs: 16,
    });
    assert.deepEqual(gcPerMessage(totals, 1024), {
      allocatedKb: 43,
      promotedKb: 3,
      pauseMs: 19 / 1024,
      minorCount: 2,
      majorCount: 1,
    });
  });

  it('counts the growth since the start when no collection ran, and never a negative amount', () => {
    assert.equal(gcBetween(10 * MB, { collections: [], usedNow: 12 * MB }).allocatedBytes, 2 * MB);
    // Sweeping finished between the readings: the heap shrank without a collection of its own.
    assert.equal(gcBetween(10 * MB, { collections: [], usedNow: 9 * MB }).allocatedBytes, 0);
  });

  it('gives no per-message figure for a phase that delivered nothing', () => {
    const none = gcPerMessage(gcBetween(0, { collections: [], usedNow: MB }), 0);
    assert.ok(Number.isNaN(none.allocatedKb) && Number.isNaN(none.pauseMs));
  });
});

describe('gc-probe.mjs in a process of its own', () => {
  const probe = new URL('gc-probe.mjs', import.meta.url).href;
  // Allocates about 64 MB of arrays when asked, an eighth of them kept until the round ends.
  // Its timer keeps it running, as the bot's server does (the probe's channel does not).
  const script = `
    setInterval(() => {}, 1_000);
    const kept = [];
    process.on('message', (m) => {
      if (m !== 'allocate') return;
      for (let i = 0; i < 4096; i++) {
        const chunk = new Array(2048).fill(i);
        if (i % 8 === 0) kept.push(chunk);
      }
      kept.length = 0;
      process.send('allocated');
    });
    process.send('ready');
  `;

  function start(code: string, flags: readonly string[] = []): ChildProcess {
    return spawn(process.execPath, ['--import', probe, ...flags, '--eval', code], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  async function allocate(child: ChildProcess): Promise<void> {
    child.send('allocate');
    await once(child, 'message');
  }

  it('reports the collections since the last reading, and the allocation they imply', async () => {
    const child = start(script, ['--max-semi-space-size=4']);
    // The caller the benchmark's bot process uses.
    const probeCalls = new IpcCalls('probe', child, 10_000);
    const reading = () => probeCalls.call<GcReading>('gc-reading');
    try {
      await once(child, 'message');
      const first = await reading();
      await allocate(child);
      const second = await reading();
      const totals = gcBetween(first.usedNow, second);
      assert.ok(second.collections.length > 0, 'collections were reported');
      assert.ok(
        second.collections.every((gc) => gc.type.length > 0 && gc.pauseUs >= 0),
        'each with its kind and pause',
      );
      // 4,096 arrays of 2,048 small integers: 8 bytes each plus headers, 64 MB at least.
      assert.ok(totals.allocatedBytes >= 64 * MB, `allocated ${totals.allocatedBytes}`);
      assert.ok(totals.allocatedBytes < 256 * MB, `allocated ${totals.allocatedBytes}`);
      // The eighth kept alive outlives the young generation's small semi-spaces.
      assert.ok(totals.promotedBytes >= 4 * MB, `promoted ${totals.promotedBytes}`);
      assert.ok(totals.promotedBytes <= totals.allocatedBytes);
      // The next round is reported on its own, not added to this one's.
      await allocate(child);
      const again = gcBetween(second.usedNow, await reading());
      const ratio = again.allocatedBytes / totals.allocatedBytes;
      assert.ok(ratio > 0.5 && ratio < 1.5, `the second round allocated ${ratio} times the first`);
      await assert.rejects(probeCalls.call('heap-snapshot'), /unknown operation heap-snapshot/);
    } finally {
      child.kill();
    }
  });

  it('leaves the process free to exit on its own: the probe holds nothing open', async () => {
    const child = start('setTimeout(() => {}, 50)');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });
});
