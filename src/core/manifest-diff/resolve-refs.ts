import { isRecord } from './view.js';

/** Limits that keep hostile schemas (deep nesting, cycles, exponential `$ref` fan-out) cheap. */
export const MAX_SCHEMA_DEPTH = 64;
export const MAX_SCHEMA_NODES = 20_000;

export interface ResolvedSchema {
  schema: unknown;
  /** What could not be resolved: a cyclic reference, a missing target, too deep or too large. */
  issues: string[];
}

/**
 * Inlines local `$ref`s (`#/$defs/X`, `#/definitions/X`, any `#/…` pointer) so that two schemas
 * that say the same thing compare equal however they are factored. A reference to a schema that is
 * already being expanded is left as `{"$ref": …, "$recursive": true}`; `$defs`/`definitions` are
 * dropped after inlining. Depth and node count are bounded.
 */
export function resolveRefs(root: unknown): ResolvedSchema {
  const issues: string[] = [];
  let nodes = 0;
  const issue = (text: string) => {
    if (issues.length < 20 && !issues.includes(text)) issues.push(text);
  };

  const walk = (node: unknown, depth: number, stack: readonly string[]): unknown => {
    nodes += 1;
    if (nodes > MAX_SCHEMA_NODES) {
      issue(`schema larger than ${MAX_SCHEMA_NODES} nodes after resolving references; the rest was not compared`);
      return { $truncated: true };
    }
    if (depth > MAX_SCHEMA_DEPTH) {
      issue(`schema nested deeper than ${MAX_SCHEMA_DEPTH} levels; deeper parts were not compared`);
      return { $truncated: true };
    }
    if (Array.isArray(node)) return node.map((x) => walk(x, depth + 1, stack));
    if (!isRecord(node)) return node;
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      if (stack.includes(ref)) return { $ref: ref, $recursive: true };
      const target = ref.startsWith('#') ? lookup(root, ref) : undefined;
      if (target === undefined) {
        issue(`reference ${ref} could not be resolved`);
        return { ...node };
      }
      const siblings = Object.entries(node).filter(([k]) => k !== '$ref');
      const inlined = walk(target, depth + 1, [...stack, ref]);
      if (siblings.length === 0 || !isRecord(inlined)) return inlined;
      const merged: Record<string, unknown> = { ...inlined };
      for (const [k, v] of siblings) merged[k] = walk(v, depth + 1, stack);
      return merged;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if ((k === '$defs' || k === 'definitions') && depth === 0) continue;
      out[k] = walk(v, depth + 1, stack);
    }
    return out;
  };

  return { schema: walk(root, 0, []), issues };
}

/** Follows a JSON pointer fragment (`#/a/b~1c`) inside the document. */
function lookup(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponentSafe(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
