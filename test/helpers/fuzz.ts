// Running a fast-check property in a browser test: a fixed seed by default (CI repeats itself),
// FUZZ_SEED=<n> for another, FUZZ_RUNS=<n> for a longer run, and FUZZ_SEED with FUZZ_PATH (both
// from a failure's report) to replay one counterexample (web-test-runner.config.mjs hands them
// to the page as `globalThis.FUZZ`). The seed is printed either way.
import fc from 'fast-check';

declare global {
  /** Set by web-test-runner.config.mjs from FUZZ_RUNS and FUZZ_SEED. */
  var FUZZ: { runs?: number; seed?: number; path?: string } | undefined;
}

/** The seed CI runs with. */
export const DEFAULT_SEED = 20261201;

/** How many sequences this run tries: FUZZ_RUNS, else the suite's own number. */
export const fuzzRuns = (ciRuns: number): number => globalThis.FUZZ?.runs ?? ciRuns;

/**
 * Checks a property over random sequences with the run's seed, printing what it ran and how to
 * replay it. On failure fast-check's report names the seed, the path and the shrunk sequence.
 *
 * @example
 * ```ts
 * await checkFuzz('<prefetch-link>', fc.asyncProperty(actions, run), { ciRuns: 30 });
 * ```
 */
export async function checkFuzz<T extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<T>,
  { ciRuns }: { ciRuns: number },
): Promise<void> {
  const numRuns = fuzzRuns(ciRuns);
  const seed = globalThis.FUZZ?.seed ?? DEFAULT_SEED;
  console.log(
    `fuzz ${name}: ${numRuns} sequences, seed ${seed} (FUZZ_SEED=${seed} replays it, FUZZ_RUNS=<n> runs more)`,
  );
  // The error goes into the report: web-test-runner shows a message, not an error's `cause`.
  await fc.assert(property, { numRuns, seed, path: globalThis.FUZZ?.path, includeErrorInReport: true });
}
