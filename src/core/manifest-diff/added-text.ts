import type { FindingLocation } from '../findings/finding.js';

/** Which part of the manifest a piece of added text sits in; rules weigh fields differently. */
export type TextField =
  | 'tool-name'
  | 'description'
  | 'title'
  | 'param-name'
  | 'param-description'
  | 'enum'
  | 'default'
  | 'annotation'
  | 'instructions'
  | 'prompt'
  | 'resource'
  | 'schema';

/**
 * Text that a change adds, which the poisoning rules scan. `text` is the whole field after the
 * change (so that a rule sees context); only matches that overlap an `added` range count.
 */
export interface AddedText {
  field: TextField;
  text: string;
  added: Array<[number, number]>;
  location: FindingLocation;
  /** The tool it belongs to, if any. */
  tool?: string;
  /** The whole item is new (an added tool, a new parameter), not an edit of existing text. */
  whole: boolean;
}

export function wholeText(field: TextField, text: string, location: FindingLocation, tool?: string): AddedText {
  const item: AddedText = { field, text, added: [[0, text.length]], location, whole: true };
  if (tool !== undefined) item.tool = tool;
  return item;
}

export function editedText(
  field: TextField,
  text: string,
  added: Array<[number, number]>,
  location: FindingLocation,
  tool?: string,
): AddedText {
  const item: AddedText = { field, text, added, location, whole: false };
  if (tool !== undefined) item.tool = tool;
  return item;
}

/** Strings anywhere inside a JSON value (keys included), with their pointers. Bounded. */
export function stringsIn(
  value: unknown,
  pointer = '',
  out: Array<{ pointer: string; text: string }> = [],
  depth = 0,
): Array<{ pointer: string; text: string }> {
  if (out.length > 500 || depth > 40) return out;
  if (typeof value === 'string') out.push({ pointer, text: value });
  else if (typeof value === 'number' || typeof value === 'boolean') return out;
  else if (Array.isArray(value)) value.forEach((v, i) => stringsIn(v, `${pointer}/${i}`, out, depth + 1));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ pointer: `${pointer}/${k}`, text: k });
      stringsIn(v, `${pointer}/${k}`, out, depth + 1);
    }
  }
  return out;
}
