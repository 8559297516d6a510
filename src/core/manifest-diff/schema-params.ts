import { isRecord } from './view.js';

/** One node of a resolved schema that the diff compares: the root, a property, array items… */
export interface SchemaNode {
  /** JSON pointer inside the schema, e.g. `/properties/to/items`. */
  pointer: string;
  /** Human name: `to`, `to[]`, `options.bcc`; empty for the root. */
  name: string;
  /** The last property name, for parameters; undefined for the root and for `items`. */
  property?: string;
  /** Required by its parent object. */
  required: boolean;
  /** Sorted, `|`-joined list of JSON types (from `type` and `anyOf`/`oneOf` branches), or ''. */
  type: string;
  schema: Record<string, unknown>;
}

const NESTING_KEYS = new Set([
  'properties',
  'items',
  'anyOf',
  'oneOf',
  'allOf',
  'additionalProperties',
  'prefixItems',
  'not',
  'patternProperties',
]);

/**
 * Flattens a resolved schema into its nodes, keyed by pointer. Walks properties, items and
 * combinator branches; the node count is bounded by the resolver's limits.
 */
export function schemaNodes(schema: unknown): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  const visit = (
    node: unknown,
    pointer: string,
    name: string,
    property: string | undefined,
    required: boolean,
    depth: number,
  ) => {
    if (!isRecord(node) || depth > 80) return;
    const entry: SchemaNode = { pointer, name, required, type: typeOf(node), schema: node };
    if (property !== undefined) entry.property = property;
    out.set(pointer, entry);
    const req = new Set(
      Array.isArray(node['required']) ? node['required'].filter((x): x is string => typeof x === 'string') : [],
    );
    const props = node['properties'];
    if (isRecord(props)) {
      for (const [key, child] of Object.entries(props)) {
        visit(
          child,
          `${pointer}/properties/${escapePointer(key)}`,
          name ? `${name}.${key}` : key,
          key,
          req.has(key),
          depth + 1,
        );
      }
    }
    if (isRecord(node['items'])) visit(node['items'], `${pointer}/items`, `${name}[]`, undefined, false, depth + 1);
    if (isRecord(node['additionalProperties']))
      visit(node['additionalProperties'], `${pointer}/additionalProperties`, `${name}{*}`, undefined, false, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = node[key];
      if (Array.isArray(list))
        list.forEach((branch, i) => visit(branch, `${pointer}/${key}/${i}`, name, property, required, depth + 1));
    }
  };
  visit(schema, '', '', undefined, true, 0);
  return out;
}

/** The keywords of a node that are not themselves nested schemas. */
export function ownKeywords(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    if (!NESTING_KEYS.has(k) || (k === 'additionalProperties' && typeof v === 'boolean')) out[k] = v;
  return out;
}

export function typeOf(node: Record<string, unknown>): string {
  const types = new Set<string>();
  const add = (t: unknown) => {
    if (typeof t === 'string') types.add(t);
    else if (Array.isArray(t)) for (const x of t) if (typeof x === 'string') types.add(x);
  };
  add(node['type']);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) for (const b of list) if (isRecord(b)) add(b['type']);
  }
  return [...types].sort().join('|');
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
