// fast-check as the property tests use it. In CI (CI set) every run draws the same cases, so that
// whether a commit lands never rests on the draw; elsewhere each run draws new ones, to find what
// the fixed draw does not. A failure prints its seed: PARTNER_CHECK_PROPERTY_SEED=<seed> draws
// those cases again, in CI or not.
import fc from 'fast-check';

const seed = process.env['PARTNER_CHECK_PROPERTY_SEED'] ?? (process.env['CI'] ? '20261130' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });

export default fc;
