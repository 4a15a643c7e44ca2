// A user's criterion schema is refused at load, before ajv sees it, when its `$ref`s could stall or
// crash a run: a `$ref` that leads back to itself (on some charter a check would call itself
// without end: "Maximum call stack"), or `$ref`s that multiply the schema past a budget (a chain
// of `anyOf: [{ $ref: next }, { $ref: next }]` doubles the work at each link: 20 links took 15 s
// and 560 MB on one charter). A criterion checks a charter of a known, finite shape, so it never
// needs a recursive schema.

/** How many schemas a check may stand for once its `$ref`s are followed: a doubled chain of 11 links. */
export const EXPANDED_SCHEMA_LIMIT = 10_000;

/** The keywords whose values are schemas (JSON Schema 2020-12's applicators): one, a list, or a map of them. */
const ONE = new Set(['not', 'if', 'then', 'else', 'items', 'additionalProperties', 'propertyNames', 'contains', 'unevaluatedItems', 'unevaluatedProperties']);
const LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const MAP = new Set(['properties', 'patternProperties', 'dependentSchemas']);
/** The shared definitions: built in, and free of references back into a user's schema. */
const SHARED = 'pc:defs#';

type Schema = Record<string, unknown>;

export interface RefFault {
  message: string;
  /** The schema object at fault (a `$ref`'s), to find its line. */
  node: object;
}

/** Why `root` cannot be run safely, or null. */
export function schemaRefFault(root: unknown): RefFault | null {
  if (!isSchema(root)) return null;
  const resources = indexResources(root);
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const size = (node: unknown, resource: Schema): number => {
    if (!isSchema(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) throw fault(LOOP, node); // a YAML alias inside itself
    open.add(node);
    const here = typeof node['$id'] === 'string' ? node : resource;
    let total = 1;
    // `$defs` count where they are referred to, not where they are written.
    for (const [key, value] of Object.entries(node)) {
      if (ONE.has(key)) total += size(value, here);
      else if (LIST.has(key) && Array.isArray(value)) for (const item of value) total += size(item, here);
      else if (MAP.has(key) && isSchema(value)) for (const item of Object.values(value)) total += size(item, here);
      else if ((key === '$ref' || key === '$dynamicRef') && typeof value === 'string') {
        const target = resolve(value, here, resources, node);
        if (isSchema(target) && open.has(target)) throw fault(LOOP, node);
        total += size(target, here);
      }
    }
    open.delete(node);
    sizes.set(node, total);
    return total;
  };
  try {
    // Sizes are summed in full (a doubled chain of 40 links is 2^42, still a number) and judged as a whole.
    if (size(root, root) <= EXPANDED_SCHEMA_LIMIT) return null;
    return { message: `stands for more than ${EXPANDED_SCHEMA_LIMIT.toLocaleString('en-GB')} schemas once its $refs are followed (each $ref copies what it names), too many to check in reasonable time; refer to fewer or smaller definitions`, node: root };
  } catch (error) {
    if (error instanceof FaultError) return error.fault;
    if (error instanceof RangeError) return { message: 'nests its schemas or $refs too deeply to be checked', node: root };
    throw error;
  }
}

/** The pointer (below `root`) of the object `node`, found by identity, or undefined. */
export function pointerOf(root: unknown, node: object, pointer = ''): string | undefined {
  if (root === node) return pointer;
  if (typeof root !== 'object' || root === null) return undefined;
  for (const [key, value] of Object.entries(root)) {
    const found = pointerOf(value, node, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

class FaultError extends Error {
  constructor(readonly fault: RefFault) {
    super(fault.message);
  }
}

const LOOP = 'refers back to itself through its $ref, so on some charter it would never finish; a criterion cannot be recursive';

const fault = (message: string, node: object) => new FaultError({ message, node });

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each resource (the root, and every schema with an `$id`) by its `$id`, with its anchors. */
interface Resource {
  anchors: Map<string, Schema>;
}

function indexResources(root: Schema): Map<Schema, Resource> {
  const resources = new Map<Schema, Resource>();
  const walk = (value: unknown, resource: Schema): void => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, resource));
    if (!isSchema(value)) return;
    const here = typeof value['$id'] === 'string' ? value : resource;
    if (!resources.has(here)) resources.set(here, { anchors: new Map() });
    for (const key of ['$anchor', '$dynamicAnchor']) if (typeof value[key] === 'string') resources.get(here)!.anchors.set(value[key], value);
    for (const [key, item] of Object.entries(value)) if (key !== 'enum' && key !== 'const') walk(item, here);
  };
  walk(root, root);
  return resources;
}

/**
 * What a `$ref` names within its resource (`#`, `#/pointer`, `#anchor`); null for the shared
 * definitions. Any other address is refused: partner-check could not follow it.
 */
function resolve(ref: string, resource: Schema, resources: Map<Schema, Resource>, node: object): Schema | boolean | null {
  if (ref.startsWith(SHARED)) return null;
  if (!ref.startsWith('#')) throw fault(`has a $ref partner-check cannot follow (${JSON.stringify(ref)}); refer within the schema ('#/$defs/name') or to the shared definitions ('pc:defs#/$defs/name')`, node);
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return null; // ajv refuses it
  }
  if (fragment !== '' && !fragment.startsWith('/')) return resources.get(resource)?.anchors.get(fragment) ?? null;
  let target: unknown = resource;
  for (const segment of fragment.split('/').slice(1)) {
    target = isSchema(target) || Array.isArray(target) ? (target as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isSchema(target) || typeof target === 'boolean' ? target : null;
}
