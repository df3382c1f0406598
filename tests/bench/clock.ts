// Time for the benchmark. process.hrtime reads CLOCK_MONOTONIC, which on Linux is one clock for
// every process on the machine, so timestamps taken in different processes can be subtracted.

/** Milliseconds on the machine-wide monotonic clock (sub-microsecond resolution). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Polls `probe` until it returns true or `timeoutMs` passes; resolves to whether it became true. */
export async function pollUntil(
  probe: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 20,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}
