/**
 * What a failed start's stderr says the server needed, turned into the option that gives it: a
 * variable it requires (`--env NAME`, or `--env-placeholder NAME=VALUE` when it checks the shape),
 * an argument it prints its usage for (`--arg`), a file it looks for, a service or the network at
 * start-up (which the sandbox does not give), or a newer Node.js. Pure: lines in, hints out.
 */
export interface StartHint {
  /** stable kind, for JSON consumers */
  kind: 'env' | 'args' | 'file' | 'network' | 'node-version' | 'module' | 'native';
  text: string;
}

const ENV_NAME = /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g;
const ENV_CONTEXT =
  /\b(?:must be (?:set|provided|defined)|is (?:required|not set|missing|undefined)|are required|required|missing|not (?:set|found|defined|provided)|environment variable|env(?:ironment)? var)/i;
const USAGE = /^\s*usage:\s*(\S+)(.*)$/i;
const NETWORK = /\b(?:EAI_AGAIN|ENOTFOUND|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|getaddrinfo)\b/;
const NODE_VERSION = /\b(?:requires?|needs?)\s+Node(?:\.js)?\s*(?:version\s*)?(?:>=?\s*)?v?(\d+)/i;
const FILE_MISSING =
  /\b(?:ENOENT|no such file|file not found|not found\. please place|could not find (?:the )?(?:config|credentials?))/i;
const MODULE_MISSING = /\b(?:ERR_MODULE_NOT_FOUND|Cannot find (?:module|package))\b/;
/** a native addon that was never built or fetched (install scripts do not run), or built for another Node */
const NATIVE_MISSING =
  /\b(?:Could not locate the bindings file|No native build was found|NODE_MODULE_VERSION|compiled against a different Node\.js)|^\s*['"][^'"]*\.node['"],?\s*$/m;
/** a heading of a usage text on its own line ("USAGE", "Usage:"), the usage on the next one */
const USAGE_HEADING = /^\s*usage:?\s*$/i;
/** names that are error codes or Node internals, not variables a user sets */
const NOT_VARIABLES = new Set(['ERR_MODULE_NOT_FOUND', 'EAI_AGAIN', 'ERR_ACCESS_DENIED', 'ERR_INVALID_ARG_TYPE']);

export function startHints(stderr: readonly string[], nodeVersion: string): StartHint[] {
  const hints: StartHint[] = [];
  const names = new Set<string>();
  for (const line of stderr) {
    if (!ENV_CONTEXT.test(line)) continue;
    for (const m of line.matchAll(ENV_NAME)) {
      const name = m[1]!;
      if (!NOT_VARIABLES.has(name) && !name.startsWith('ERR_') && !/^E[A-Z]+$/.test(name)) names.add(name);
    }
  }
  if (names.size > 0) {
    const list = [...names].sort();
    hints.push({
      kind: 'env',
      text:
        `the server asks for ${list.join(', ')}: declare ${list.length === 1 ? 'it' : 'them'} with ` +
        `${list.map((n) => `--env ${n}`).join(' ')} (a placeholder is given at snapshot time; ` +
        `--env-placeholder NAME=VALUE when it checks the value's shape)`,
    });
  }
  const usage = stderr.map((l) => USAGE.exec(l)).find((m) => m !== null && m[2]!.trim() !== '');
  const headed = stderr.findIndex((l, i) => USAGE_HEADING.test(l) && (stderr[i + 1] ?? '').trim() !== '');
  const usageText = usage ? `${usage[1]}${usage[2]!.trimEnd()}` : headed >= 0 ? stderr[headed + 1]!.trim() : null;
  if (usageText !== null)
    hints.push({
      kind: 'args',
      text: `the server printed its usage (${usageText}): give its arguments with --arg, e.g. --arg '\${WORKSPACE}' for a folder`,
    });
  const text = stderr.join('\n');
  const node = NODE_VERSION.exec(text);
  if (node && Number(node[1]) > Number(nodeVersion.replace(/^v/, '').split('.')[0]))
    hints.push({
      kind: 'node-version',
      text: `the server needs Node.js ${node[1]} or later; this is Node.js ${nodeVersion.replace(/^v/, '')}`,
    });
  if (NETWORK.test(text))
    hints.push({
      kind: 'network',
      text: 'the server reaches the network or a service at start-up; the sandbox gives it none, so it can only be snapshotted where it starts without',
    });
  if (NATIVE_MISSING.test(text))
    hints.push({
      kind: 'native',
      text: 'a native addon of the closure is not built: mcp-vet never runs install scripts, so an addon compiled or downloaded at install time is missing (such a server cannot be snapshotted as published)',
    });
  else if (MODULE_MISSING.test(text))
    hints.push({
      kind: 'module',
      text: 'a module the server imports is missing from its resolved closure (a packaging problem of the release)',
    });
  else if (FILE_MISSING.test(text))
    hints.push({
      kind: 'file',
      text: 'the server looks for a file (configuration or credentials) the sandbox does not have',
    });
  return hints;
}
