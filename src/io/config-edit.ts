import { applyEdits, modify } from 'jsonc-parser';
import { parse as parseToml, patch as patchToml } from '@decimalturn/toml-patch';
import { VetError } from '../core/errors.js';
import { pointerParts, type RewriteEdit } from '../core/config/rewrite-plan.js';

/**
 * Applies rewrite edits to a config's text in place, keeping comments, order and formatting:
 * JSONC with jsonc-parser's modify/applyEdits (the editor VS Code uses for its own settings),
 * TOML with toml-patch (parse, change, patch back into the original text).
 */
export function applyRewrite(text: string, format: 'jsonc' | 'toml', edits: readonly RewriteEdit[]): string {
  if (format === 'jsonc') {
    let out = text;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
    const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.length || 2, eol };
    for (const edit of edits) {
      const path = pointerParts(edit.pointer);
      out = applyEdits(out, modify(out, [...path, 'command'], edit.command, { formattingOptions }));
      out = applyEdits(out, modify(out, [...path, 'args'], edit.args, { formattingOptions }));
    }
    return out;
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    throw new VetError('INVALID_FILE', `cannot parse the TOML: ${(err as Error).message}`, { cause: err });
  }
  for (const edit of edits) {
    let node: Record<string, unknown> = doc;
    for (const part of pointerParts(edit.pointer)) node = node[part] as Record<string, unknown>;
    node['command'] = edit.command;
    node['args'] = edit.args;
  }
  return patchToml(text, doc);
}
