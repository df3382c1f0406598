// What one benchmark run does and for how long: the default plan fits in a few minutes on a
// 2-core machine; BENCH_QUICK=1 is a short run (profiling, smoke checks); BENCH_REPETITIONS sets
// the number of repetitions.

export interface Plan {
  readonly repetitions: number;
  /** Offered loads for the open-loop phases, messages per second. */
  readonly loads: readonly number[];
  readonly fixedMs: number;
  readonly saturation: {
    readonly concurrency: number;
    readonly warmupMs: number;
    readonly durationMs: number;
  };
  /** Open sessions at which memory is read; the timed phases run with the last but one level. */
  readonly ladder: readonly number[];
  readonly warmupMs: number;
  readonly countMessages: number;
  readonly availabilityUsers: number;
  /**
   * No timed repetition starts (after the first) that would end later than this after the start,
   * leaving time for the largest memory level, which comes last.
   */
  readonly budgetMs: number;
}

export const DEFAULT_PLAN: Plan = {
  repetitions: 3,
  loads: [50, 100, 200, 350, 500],
  fixedMs: 3_000,
  saturation: { concurrency: 32, warmupMs: 1_000, durationMs: 3_000 },
  ladder: [100, 1_000, 10_000],
  warmupMs: 3_000,
  countMessages: 200,
  availabilityUsers: 20,
  budgetMs: 7 * 60_000,
};

export const QUICK_PLAN: Plan = {
  ...DEFAULT_PLAN,
  repetitions: 1,
  loads: [100, 500],
  ladder: [100, 1_000],
  warmupMs: 1_000,
  countMessages: 50,
  availabilityUsers: 5,
};

export function planFrom(env: Readonly<Record<string, string | undefined>>): Plan {
  const base = env.BENCH_QUICK === '1' ? QUICK_PLAN : DEFAULT_PLAN;
  const repetitions = Number(env.BENCH_REPETITIONS ?? base.repetitions);
  return {
    ...base,
    repetitions:
      Number.isInteger(repetitions) && repetitions >= 1 && repetitions <= 10
        ? repetitions
        : base.repetitions,
  };
}
