// How many cases a property tries. In npm test, a hundred where each case checks a whole charter
// (fast-check's own default), a few hundred where it only parses one, so that the suite stays
// within its two minutes; each run draws new cases, so the runs together search on. npm run fuzz
// asks for PARTNER_CHECK_FUZZ_RUNS (ten thousand) of every property.

/** The number of cases: `inNpmTest`, or PARTNER_CHECK_FUZZ_RUNS when it is set. */
export function fuzzRuns(inNpmTest: number): number {
  const asked = process.env.PARTNER_CHECK_FUZZ_RUNS;
  return asked === undefined ? inNpmTest : Number(asked);
}

/** A count for a test's title: 1,000. */
export const shown = (runs: number) => runs.toLocaleString('en-GB');

/** Long enough for ten thousand cases on a loaded machine; under npm test a property takes seconds. */
export const FUZZ_TIMEOUT = 1_800_000;
