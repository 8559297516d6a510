import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { detectShape } from '../../core/config/detect-shape.js';
import { serversFromText } from '../../core/config/extract.js';
import { parseJsonc } from '../../core/config/jsonc.js';
import { planRewrite } from '../../core/config/rewrite-plan.js';
import { parseTomlConfig } from '../../core/config/toml.js';
import { VetError } from '../../core/errors.js';
import { escapeForTerminal } from '../../core/text/escape.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { applyRewrite } from '../../io/config-edit.js';
import type { WorkspaceOptions } from '../common-options.js';
import { Workspace } from '../../io/workspace.js';
import { note } from '../output.js';

/** `mcp-vet config rewrite FILE`, once its options are parsed (config-rewrite.ts defines them). */
export async function runConfigRewrite(file: string, opts: WorkspaceOptions & { dryRun?: boolean }): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new VetError('NOT_FOUND', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? ''}`, {
      cause: err,
      details: { file },
    });
  }
  const format = /\.toml$/i.test(file) ? 'toml' : 'jsonc';
  const doc = format === 'toml' ? parseTomlConfig(text, file) : parseJsonc(text, file);
  const shape = detectShape(file, doc.value);
  if (!shape)
    throw new VetError('INVALID_FILE', `${file}: not an MCP client config mcp-vet knows`, { details: { file } });
  const servers = serversFromText({ ...shape, file }, text);
  const workspace = Workspace.at(opts);
  const pinned = new Map((await workspace.listEntries()).map((e) => [e.name, e.version]));
  // `mcp-vet run` finds the pins at or above its working directory, which is the project for the
  // project's own configs; a config elsewhere (Claude Desktop's, a user-level one) names them
  const allowlist = workspace.dirs.allowlist;
  const fromProject = relative(dirname(allowlist), dirname(resolve(file)));
  const outside = fromProject.startsWith('..') || isAbsolute(fromProject);
  const edits = planRewrite(servers, (name) => pinned.has(name), outside ? ['--allowlist', allowlist] : []);
  const out = applyRewrite(text, format, edits);
  const verb = opts.dryRun ? 'would start' : 'now starts';
  for (const e of edits) {
    const spec = e.args.find((a, i) => i > 2 && (a === e.package || a.startsWith(`${e.package}@`)));
    const asked = spec && spec !== e.package ? spec.slice(e.package.length + 1) : null;
    const pin = pinned.get(e.package);
    const refused =
      asked !== null && asked !== pin
        ? ` (it asks for ${asked}, the pin is ${pin}: mcp-vet run refuses it until that version is approved)`
        : '';
    note(escapeForTerminal(`${e.id}: ${e.package} ${verb} through mcp-vet run${refused}`, { singleLine: true }));
  }
  if (edits.length === 0) note('no allowlisted server to rewrite');
  else if (outside)
    note(
      escapeForTerminal(`${file} is outside the project: its servers name the allowlist ${allowlist}`, {
        singleLine: true,
      }),
    );
  if (opts.dryRun) process.stdout.write(out);
  else if (edits.length > 0) await writeFileAtomic(file, out);
  return 0;
}
