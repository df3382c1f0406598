// Preloaded into the benchmark's bot (`--import`, beside the image's own flags): records every
// garbage collection with V8's GCProfiler and, when the benchmark calls `gc-reading` over the IPC
// channel (ipc.ts's protocol), hands over what it recorded since the last call together with the
// heap's size now. The arithmetic
// (bytes allocated and promoted, pause time) is done by the benchmark, in gc.ts. Plain JavaScript,
// so that no TypeScript loader runs in the measured process.
import { GCProfiler, getHeapStatistics } from 'node:v8';

const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/** Heap bytes in use, and of those in the young generation, from one side of a GCProfiler record. */
function sizes(side) {
  let young = 0;
  for (const space of side.heapSpaceStatistics) {
    if (YOUNG_SPACES.has(space.spaceName)) young += space.spaceUsedSize;
  }
  return { used: side.heapStatistics.usedHeapSize, young };
}

let profiler = new GCProfiler();
profiler.start();

function collected() {
  const { statistics } = profiler.stop();
  profiler = new GCProfiler();
  profiler.start();
  return statistics.map((gc) => ({
    type: gc.gcType,
    pauseUs: gc.cost,
    before: sizes(gc.beforeGC),
    after: sizes(gc.afterGC),
  }));
}

if (process.send !== undefined) {
  process.on('message', (message) => {
    if (message?.kind !== 'call') return;
    if (message.op !== 'gc-reading') {
      process.send({ kind: 'result', id: message.id, error: `unknown operation ${message.op}` });
      return;
    }
    const value = { collections: collected(), usedNow: getHeapStatistics().used_heap_size };
    process.send({ kind: 'result', id: message.id, value });
  });
  // Listening refs the channel; the bot's own handles decide when it exits, as in production.
  process.channel?.unref();
}
