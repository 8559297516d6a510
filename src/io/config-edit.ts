import { applyEdits, findNodeAtLocation, modify, parseTree, type Node } from 'jsonc-parser';
import { parse as parseToml, patch as patchToml } from '@decimalturn/toml-patch';
import { VetError } from '../core/errors.js';
import { pointerParts, type RewriteEdit } from '../core/config/rewrite-plan.js';

/**
 * Applies rewrite edits to a config's text in place, keeping comments, order and formatting:
 * JSONC by replacing only the strings that change (the runner's options and the package spec;
 * the server's own arguments, the comments and the layout around them stay as written), else with
 * jsonc-parser's modify/applyEdits (the editor VS Code uses for its own settings); TOML with
 * toml-patch (parse, change, patch back into the original text).
 */
export function applyRewrite(text: string, format: 'jsonc' | 'toml', edits: readonly RewriteEdit[]): string {
  if (format === 'jsonc') {
    let out = text;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
    const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.length || 2, eol };
    for (const edit of edits) {
      const path = pointerParts(edit.pointer);
      const inPlace = rewriteTokens(out, path, edit);
      if (inPlace !== null) {
        out = inPlace;
        continue;
      }
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

/**
 * The args array `[runner options…, spec, server args…]` becomes `[new options…, new spec, "--",
 * server args…]` by rewriting the text from the first element to the spec only, with the separator
 * the array already uses; the command string is replaced if it differs. Null when the entry is not
 * laid out so (the caller falls back to replacing the values).
 */
function rewriteTokens(text: string, path: string[], edit: RewriteEdit): string | null {
  const tree = parseTree(text);
  const server = tree && findNodeAtLocation(tree, path);
  const command = server && findNodeAtLocation(server, ['command']);
  const args = server && findNodeAtLocation(server, ['args']);
  if (!command || command.type !== 'string' || !args || args.type !== 'array') return null;
  const items: Node[] = args.children ?? [];
  if (items.some((n) => n.type !== 'string')) return null;
  const old = items.map((n) => n.value as string);
  const cut = edit.args.indexOf('--');
  const head = cut === -1 ? edit.args : edit.args.slice(0, cut);
  const rest = cut === -1 ? [] : edit.args.slice(cut + 1);
  const at = old.length - rest.length - 1;
  if (at < 0 || old.slice(at + 1).join('\0') !== rest.join('\0')) return null;
  const first = items[0] as Node;
  const spec = items[at] as Node;
  const between = items.length > 1 ? text.slice(first.offset + first.length, (items[1] as Node).offset) : ', ';
  const sep = /^\s*,\s*$/.test(between) ? between : ', ';
  const replaced = [...head, ...(rest.length > 0 ? ['--'] : [])].map((a) => JSON.stringify(a)).join(sep);
  let out = text.slice(0, first.offset) + replaced + text.slice(spec.offset + spec.length);
  if (command.value !== edit.command)
    out = out.slice(0, command.offset) + JSON.stringify(edit.command) + out.slice(command.offset + command.length);
  return out;
}
