// Checks that the benchmark measures the real thing: before any timing, one message in each
// direction must arrive on the far side through each target (a fast error path would otherwise
// look like a fast relay).
import { Direction, exchangeFor, type PhaseContext, type Target } from './phases.js';

const CHECK_TIMEOUT_MS = 10_000;

export class BenchCheckError extends Error {
  readonly code = 'BENCH_CHECK_FAILED';
}

export async function checkRelay(ctx: PhaseContext, target: Target): Promise<void> {
  for (const direction of Object.values(Direction)) {
    const exchange = exchangeFor(ctx, direction, target)(0);
    const status = await exchange.send();
    const ok = status >= 200 && status < 300;
    if (!ok || !(await ctx.arrivals.wait(exchange.key, CHECK_TIMEOUT_MS))) {
      throw new BenchCheckError(
        `The ${target.name} did not relay a message ${direction} (HTTP ${status}${ok ? ', never arrived' : ''})`,
      );
    }
    ctx.arrivals.forget([exchange.key]);
  }
}
