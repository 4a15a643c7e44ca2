// Where the package's own schemas and built-in criteria live, and loading them from disk.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type { SchemaChecks } from '../core/ajv.js';
import type { Precompiled } from '../core/compile.js';
import type { CriteriaData, CriteriaSource, SchemaBundle } from '../core/criteria.js';
import type { PackedSignalForm } from '../core/text/signals.js';

/** The package root: this file is dist/io/builtin.js. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function packagePath(relative: string): string {
  return `${PACKAGE_ROOT}${relative}`;
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

/** The package's schemas, read once a process (they are the installation's, and nothing changes them). */
export function loadSchemas(): SchemaBundle {
  const read = (name: string) => JSON.parse(readFileSync(packagePath(`schemas/${name}`), 'utf8')) as object;
  return (schemas ??= { charter: read('charter.schema.json'), criteria: read('criteria.schema.json'), defs: read('defs.schema.json') });
}
let schemas: SchemaBundle | undefined;

/** The charter schema's file name, in the package and wherever `schema --write` puts a copy. */
export const CHARTER_SCHEMA_FILE = 'charter.schema.json';

/** Whether a text is (a version of) partner-check's charter schema: its $id says so, whatever its version. */
export function isCharterSchema(text: string): boolean {
  return /"\$id"\s*:\s*"https:\/\/partner-check\.dev\/schemas\/charter\.schema\.json"/.test(text);
}

export const BUILTIN_CRITERIA_ORIGIN = 'built-in';

/** The built-in criteria's YAML, read once a process. */
export function builtinCriteria(): CriteriaSource {
  return (fromYaml ??= { origin: BUILTIN_CRITERIA_ORIGIN, text: readFileSync(packagePath('schemas/criteria/builtin.yaml'), 'utf8'), trusted: true });
}
let fromYaml: CriteriaSource | undefined;

/**
 * The built-in criteria, already parsed at build time (dist/generated/builtin-criteria.js), so that
 * no YAML is parsed at start-up; read from the YAML when running from source. A build whose
 * signal file is missing or of another build is read from the YAML too (right, but slower): `warn`
 * says so, since only a damaged installation has one.
 */
export async function loadBuiltinCriteria(warn?: (message: string) => void): Promise<CriteriaSource> {
  // Read once a process from the build; a damaged installation is said each time.
  if (fromBuild) return fromBuild;
  let generated: { criteria: CriteriaData & { signalForms: Record<string, SignalGate> } };
  try {
    generated = (await import(new URL('../generated/builtin-criteria.js', import.meta.url).href)) as typeof generated;
  } catch {
    return builtinCriteria();
  }
  try {
    const data: CriteriaData = { ...generated.criteria, signalForms: withSignalTexts(generated.criteria.signalForms, generated.criteria.signalFormsStamp) };
    return (fromBuild = { origin: BUILTIN_CRITERIA_ORIGIN, text: '', data, trusted: true });
  } catch (error) {
    warn?.(`${error instanceof Error ? error.message : String(error)}: the built-in criteria are read from their YAML, which is slower; reinstall partner-check to mend it`);
    return builtinCriteria();
  }
}

let fromBuild: CriteriaSource | undefined;

type SignalGate = Omit<PackedSignalForm, 'tests' | 'form'>;

/** Where the build writes the built-in signals' tests and phrases (scripts/precompile-validators.mjs). */
const SIGNAL_FORMS_FILE = 'dist/generated/signal-forms.txt';

/**
 * The signals' gates joined to their tests and phrases, which the build writes apart
 * (dist/generated/signal-forms.txt: the build's stamp, then a signal a line, its name, tests and
 * form between tabs). A file of another build (its stamp differs) or one that lacks a signal
 * throws, and the caller reads the YAML instead: slower, but never a gate of one build with the
 * phrases of another.
 */
function withSignalTexts(gates: Record<string, SignalGate>, stamp: string | undefined): Record<string, PackedSignalForm> {
  const file = packagePath(SIGNAL_FORMS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    throw new Error(`${file} is missing`);
  }
  const [fileStamp, ...lines] = text.split('\n');
  if (stamp === undefined || fileStamp !== stamp) throw new Error(`${file} is not of the same build as builtin-criteria.js`);
  const forms: Record<string, PackedSignalForm> = {};
  for (const line of lines) {
    const [name, tests, form] = line.split('\t');
    if (name === undefined || tests === undefined || form === undefined) continue;
    const gate = gates[name];
    if (gate === undefined) throw new Error(`${file} has a signal the built-in criteria do not: ${name}`);
    forms[name] = { ...gate, tests, form };
  }
  if (Object.keys(forms).length !== Object.keys(gates).length) throw new Error(`${file} lacks some of the built-in signals`);
  return forms;
}

/** The validators generated at build time (dist/generated/validators.js), or none from source. */
export async function loadPrecompiled(): Promise<Precompiled> {
  try {
    const generated = (await import(new URL('../generated/validators.js', import.meta.url).href)) as Record<string, unknown> & { index: Record<string, string> };
    return new Map(Object.entries(generated.index).map(([key, name]) => [key, generated[name] as ValidateFunction]));
  } catch {
    return new Map();
  }
}

/**
 * The checks of a schema generated at build time (dist/generated/schema-checks.cjs), or none from
 * source. Required, not imported: the bundle, compiled by the bin as a script, cannot import.
 */
export function loadSchemaChecks(): SchemaChecks | undefined {
  try {
    return createRequire(import.meta.url)('../generated/schema-checks.cjs') as SchemaChecks;
  } catch {
    return undefined;
  }
}
