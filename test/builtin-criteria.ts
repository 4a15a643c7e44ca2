// The built-in criteria as a run compiles them: the data parsed and the validators generated at
// build time (dist/, which test/built.ts refuses when older than the source or the schemas). A test
// file that compiled them with ajv spent some 2 s of CPU on it; core.test.ts and data-files.test.ts
// still compile them with ajv, and core.test.ts holds the two to the same reports.
import { compileCriteria } from '../src/core/criteria.js';
import { loadSchemas } from '../src/io/builtin.js';
import { builtModule } from './helpers.js';

const built = await builtModule<typeof import('../src/io/builtin.js')>('io/builtin.js');

/** The validators the build generated for the built-in schemas, by key. */
export const builtinPrecompiled = await built.loadPrecompiled();

/** The built-in criteria file as a run reads it: parsed at build time, no YAML to parse. */
export const builtinCriteriaSource = await built.loadBuiltinCriteria();

/** No ajv is passed: a built-in schema without its generated validator fails here rather than being compiled. */
export const builtinCriteriaSet = compileCriteria([builtinCriteriaSource], loadSchemas(), builtinPrecompiled);
