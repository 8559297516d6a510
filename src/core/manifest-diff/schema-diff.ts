import { compactCanonicalJson } from '../canonical-json.js';
import { editedText, stringsIn, wholeText } from './added-text.js';
import type { DiffContext } from './diff-context.js';
import { resolveRefs } from './resolve-refs.js';
import { ownKeywords, schemaNodes, type SchemaNode } from './schema-params.js';
import { isSafeIntegerBound } from './sdk-noise.js';
import { addedRanges, clipWordDiff, wordDiff } from './word-diff.js';

type Which = 'inputSchema' | 'outputSchema';

/** Upper bounds: raising or removing them loosens the schema. */
const UPPER = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum'];
/** Lower bounds: lowering or removing them loosens the schema. */
const LOWER = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum'];
/** Keywords handled one by one below; anything else is a generic schema change. */
const HANDLED = new Set([
  ...UPPER,
  ...LOWER,
  'type',
  'required',
  'description',
  'title',
  'enum',
  'const',
  'pattern',
  'format',
  'additionalProperties',
  'default',
  '$schema',
  'properties',
]);

/**
 * Compares one schema of a tool (input or output) after resolving `$ref`s, parameter by parameter,
 * and records the added parameter names, descriptions, enum values and defaults for the poisoning
 * rules.
 */
export function diffSchemas(ctx: DiffContext, tool: string, which: Which, beforeRaw: unknown, afterRaw: unknown): void {
  const loc = (pointer: string) => ({ kind: 'tool', name: tool, pointer: `/${which}${pointer}` });
  if (beforeRaw === undefined && afterRaw !== undefined && which === 'outputSchema') {
    ctx.report('manifest/sdk-noise', `${tool}: an outputSchema appeared (newer SDKs emit one)`, loc(''), {
      kind: 'outputSchema-appeared',
    });
    addSchemaText(ctx, tool, which, afterRaw);
    return;
  }
  if (afterRaw === undefined && beforeRaw !== undefined && which === 'outputSchema') {
    ctx.report('manifest/schema-changed', `${tool}: the outputSchema was removed`, loc(''));
    return;
  }
  const before = resolveRefs(beforeRaw ?? {});
  const after = resolveRefs(afterRaw ?? {});
  if (
    after.issues.length > 0 &&
    (!after.issues.every((i) => before.issues.includes(i)) || !same(beforeRaw, afterRaw))
  ) {
    for (const issue of after.issues)
      ctx.report('manifest/schema-unresolved', `${tool}: ${which}: ${issue}`, loc(''), { issue });
  }
  const b = schemaNodes(before.schema);
  const a = schemaNodes(after.schema);
  const newParents: string[] = [];
  const isUnderNew = (pointer: string) => newParents.some((p) => pointer.startsWith(`${p}/`));
  for (const [pointer, node] of a) {
    const old = b.get(pointer);
    if (!old) {
      if (isUnderNew(pointer)) {
        addNodeText(ctx, tool, which, node);
        continue;
      }
      newParents.push(pointer);
      if (node.property !== undefined) {
        const code = node.required ? 'manifest/param-added-required' : 'manifest/param-added-optional';
        ctx.report(
          code,
          `${tool}: ${which === 'inputSchema' ? 'parameter' : 'output field'} ${node.name} added${node.required ? ' (required)' : ''}`,
          loc(pointer),
          {
            type: node.type || 'any',
            schema: clipJson(node.schema),
          },
        );
      } else {
        ctx.report(
          'manifest/schema-changed',
          `${tool}: ${which} gained ${node.name || 'a branch'} at ${pointer}`,
          loc(pointer),
          { after: clipJson(node.schema) },
        );
      }
      addNodeText(ctx, tool, which, node);
      continue;
    }
    compareNode(ctx, tool, which, old, node);
  }
  const gone: string[] = [];
  for (const [pointer, node] of b) {
    if (a.has(pointer) || gone.some((p) => pointer.startsWith(`${p}/`))) continue;
    gone.push(pointer);
    if (node.property !== undefined) {
      ctx.report(
        'manifest/param-removed',
        `${tool}: ${which === 'inputSchema' ? 'parameter' : 'output field'} ${node.name} removed`,
        loc(pointer),
        { before: clipJson(node.schema) },
      );
    } else {
      ctx.report(
        'manifest/schema-changed',
        `${tool}: ${which} lost ${node.name || 'a branch'} at ${pointer}`,
        loc(pointer),
        { before: clipJson(node.schema) },
      );
    }
  }
}

function compareNode(ctx: DiffContext, tool: string, which: Which, b: SchemaNode, a: SchemaNode): void {
  const where = { kind: 'tool', name: tool, pointer: `/${which}${a.pointer}` };
  const label = `${tool}: ${a.name || which}`;
  const bs = b.schema;
  const as = a.schema;
  if (!b.required && a.required && a.property !== undefined)
    ctx.report('manifest/param-now-required', `${label} is now required`, where);
  if (b.required && !a.required && a.property !== undefined)
    ctx.report('manifest/schema-changed', `${label} is no longer required`, where, { keyword: 'required' });
  if (b.type !== a.type)
    ctx.report('manifest/param-type-changed', `${label}: type ${b.type || 'any'} -> ${a.type || 'any'}`, where, {
      before: b.type || 'any',
      after: a.type || 'any',
    });
  for (const key of ['description', 'title'] as const) {
    const bt = typeof bs[key] === 'string' ? (bs[key] as string) : '';
    const at = typeof as[key] === 'string' ? (as[key] as string) : '';
    if (bt === at) continue;
    const parts = wordDiff(bt, at);
    ctx.report(
      'manifest/param-description-changed',
      `${label}: ${key} changed`,
      { ...where, pointer: `${where.pointer}/${key}` },
      { wordDiff: clipWordDiff(parts) },
    );
    ctx.addText(
      editedText('param-description', at, addedRanges(parts), { ...where, pointer: `${where.pointer}/${key}` }, tool),
    );
  }
  for (const key of UPPER) bound(ctx, label, where, key, bs[key], as[key], 'upper');
  for (const key of LOWER) bound(ctx, label, where, key, bs[key], as[key], 'lower');
  compareEnum(ctx, tool, label, where, bs['enum'], as['enum']);
  if (bs['const'] !== undefined && as['const'] === undefined)
    ctx.report('manifest/constraint-loosened', `${label}: const dropped`, where, {
      keyword: 'const',
      before: bs['const'],
    });
  else if (bs['const'] !== undefined && !same(bs['const'], as['const']))
    ctx.report('manifest/schema-changed', `${label}: const changed`, where, {
      keyword: 'const',
      before: bs['const'],
      after: as['const'],
    });
  for (const key of ['pattern', 'format'] as const) {
    if (bs[key] === as[key]) continue;
    if (bs[key] !== undefined)
      ctx.report(
        'manifest/constraint-loosened',
        `${label}: ${key} ${as[key] === undefined ? 'dropped' : 'changed'}`,
        where,
        { keyword: key, before: bs[key], after: as[key] ?? null },
      );
    else ctx.report('manifest/schema-changed', `${label}: ${key} added`, where, { keyword: key, after: as[key] });
  }
  compareAdditional(ctx, label, where, bs['additionalProperties'], as['additionalProperties']);
  if (!same(bs['default'], as['default'])) {
    ctx.report(
      'manifest/default-changed',
      `${label}: default ${as['default'] === undefined ? 'removed' : 'changed'}`,
      where,
      { before: bs['default'] ?? null, after: as['default'] ?? null },
    );
    if (as['default'] !== undefined)
      addStrings(ctx, 'default', as['default'], { ...where, pointer: `${where.pointer}/default` }, tool);
  }
  if (bs['$schema'] !== as['$schema'])
    ctx.report(
      'manifest/sdk-noise',
      `${label}: $schema ${String(bs['$schema'] ?? 'absent')} -> ${String(as['$schema'] ?? 'absent')}`,
      where,
      { kind: '$schema' },
    );
  const bo = ownKeywords(bs);
  const ao = ownKeywords(as);
  for (const key of new Set([...Object.keys(bo), ...Object.keys(ao)])) {
    if (HANDLED.has(key) || same(bo[key], ao[key])) continue;
    ctx.report('manifest/schema-changed', `${label}: ${key} changed`, where, {
      keyword: key,
      before: clipJson(bo[key] ?? null),
      after: clipJson(ao[key] ?? null),
    });
    if (ao[key] !== undefined)
      addStrings(ctx, 'schema', ao[key], { ...where, pointer: `${where.pointer}/${key}` }, tool);
  }
}

function bound(
  ctx: DiffContext,
  label: string,
  where: { kind: string; name: string; pointer: string },
  key: string,
  b: unknown,
  a: unknown,
  side: 'upper' | 'lower',
): void {
  if (same(b, a)) return;
  if ((b === undefined || isSafeIntegerBound(key, b)) && (a === undefined || isSafeIntegerBound(key, a))) {
    ctx.report(
      'manifest/sdk-noise',
      `${label}: ${key} ${String(b ?? 'absent')} -> ${String(a ?? 'absent')} (integer bounds of +/-(2^53-1) come from the SDK)`,
      where,
      { kind: 'integer-bound', keyword: key },
    );
    return;
  }
  const loosened =
    a === undefined ||
    isSafeIntegerBound(key, a) ||
    (typeof a === 'number' && typeof b === 'number' && (side === 'upper' ? a > b : a < b));
  if (b !== undefined && loosened)
    ctx.report(
      'manifest/constraint-loosened',
      `${label}: ${key} ${String(b)} -> ${a === undefined ? 'none' : String(a)}`,
      where,
      { keyword: key, before: b, after: a ?? null },
    );
  else
    ctx.report('manifest/schema-changed', `${label}: ${key} ${String(b ?? 'none')} -> ${String(a ?? 'none')}`, where, {
      keyword: key,
      before: b ?? null,
      after: a ?? null,
    });
}

function compareEnum(
  ctx: DiffContext,
  tool: string,
  label: string,
  where: { kind: string; name: string; pointer: string },
  b: unknown,
  a: unknown,
): void {
  if (same(b, a)) return;
  if (Array.isArray(b) && !Array.isArray(a)) {
    ctx.report('manifest/constraint-loosened', `${label}: enum dropped (any value is now accepted)`, where, {
      keyword: 'enum',
      before: clipJson(b),
    });
    return;
  }
  if (!Array.isArray(a)) return;
  const old = new Set((Array.isArray(b) ? b : []).map((x) => compactCanonicalJson(x)));
  const fresh = a.filter((x) => !old.has(compactCanonicalJson(x)));
  const now = new Set(a.map((x) => compactCanonicalJson(x)));
  const dropped = (Array.isArray(b) ? b : []).filter((x) => !now.has(compactCanonicalJson(x)));
  if (Array.isArray(b) && fresh.length > 0)
    ctx.report('manifest/enum-widened', `${label}: enum gained ${fresh.length} value(s)`, where, {
      added: clipJson(fresh),
    });
  if (!Array.isArray(b))
    ctx.report('manifest/schema-changed', `${label}: enum added`, where, { keyword: 'enum', after: clipJson(a) });
  if (dropped.length > 0)
    ctx.report('manifest/schema-changed', `${label}: enum lost ${dropped.length} value(s)`, where, {
      keyword: 'enum',
      removed: clipJson(dropped),
    });
  for (const value of fresh) addStrings(ctx, 'enum', value, { ...where, pointer: `${where.pointer}/enum` }, tool);
}

function compareAdditional(
  ctx: DiffContext,
  label: string,
  where: { kind: string; name: string; pointer: string },
  b: unknown,
  a: unknown,
): void {
  if (same(b, a)) return;
  if (b === false) {
    ctx.report(
      'manifest/additional-properties-opened',
      `${label}: additionalProperties false -> ${a === undefined ? 'absent (any extra property accepted)' : compactCanonicalJson(a)}`,
      where,
      { before: false, after: a ?? null },
    );
  } else if (b === undefined && a === false) {
    ctx.report('manifest/sdk-noise', `${label}: additionalProperties: false added (newer SDKs emit it)`, where, {
      kind: 'additionalProperties-false',
    });
  } else if (typeof a === 'boolean' || typeof b === 'boolean' || a === undefined || b === undefined) {
    ctx.report('manifest/schema-changed', `${label}: additionalProperties changed`, where, {
      keyword: 'additionalProperties',
      before: clipJson(b ?? null),
      after: clipJson(a ?? null),
    });
  }
}

/** Text of a node that is new as a whole: its name, description, title, enum values, default. */
function addNodeText(ctx: DiffContext, tool: string, which: Which, node: SchemaNode): void {
  const base = `/${which}${node.pointer}`;
  if (node.property !== undefined)
    ctx.addText(wholeText('param-name', node.property, { kind: 'tool', name: tool, pointer: base }, tool));
  for (const { pointer, text } of stringsIn(ownKeywords(node.schema))) {
    if (pointer === '/type' || pointer === '/$schema' || /^\/(type|required|format)\/\d+$/.test(pointer)) continue;
    if (/^\/[A-Za-z$]+$/.test(pointer) && text === pointer.slice(1)) {
      if (!isStandardKeyword(text))
        ctx.addText(wholeText('schema', text, { kind: 'tool', name: tool, pointer: base + pointer }, tool));
      continue;
    }
    const field = pointer.startsWith('/enum')
      ? 'enum'
      : pointer.startsWith('/default')
        ? 'default'
        : pointer === '/description' || pointer === '/title'
          ? 'param-description'
          : 'schema';
    ctx.addText(wholeText(field, text, { kind: 'tool', name: tool, pointer: base + pointer }, tool));
  }
}

const STANDARD = new Set([
  'type',
  'description',
  'title',
  'enum',
  'const',
  'default',
  'pattern',
  'format',
  'examples',
  'required',
  'additionalProperties',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  '$schema',
  '$id',
  '$comment',
  'nullable',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
]);
function isStandardKeyword(key: string): boolean {
  return STANDARD.has(key);
}

function addStrings(
  ctx: DiffContext,
  field: 'enum' | 'default' | 'schema',
  value: unknown,
  location: { kind: string; name: string; pointer: string },
  tool: string,
): void {
  for (const { pointer, text } of stringsIn(value))
    ctx.addText(wholeText(field, text, { ...location, pointer: location.pointer + pointer }, tool));
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' && typeof b !== 'object') return false;
  return compactCanonicalJson(a) === compactCanonicalJson(b);
}

function clipJson(value: unknown): unknown {
  const text = compactCanonicalJson(value);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}… (${text.length - 2_000} more characters)` : value;
}

/** All the text of a schema that is new as a whole (a schema of an added tool). */
export function addSchemaText(ctx: DiffContext, tool: string, which: Which, raw: unknown): void {
  if (raw === undefined) return;
  const resolved = resolveRefs(raw);
  for (const issue of resolved.issues) {
    ctx.report(
      'manifest/schema-unresolved',
      `${tool}: ${which}: ${issue}`,
      { kind: 'tool', name: tool, pointer: `/${which}` },
      { issue },
    );
  }
  for (const node of schemaNodes(resolved.schema).values()) addNodeText(ctx, tool, which, node);
}
