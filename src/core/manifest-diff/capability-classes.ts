import { humanise } from '../poison/match.js';
import { isRecord, type McpTool } from './view.js';

/**
 * What a tool lets the model do to the world outside the conversation, in the few classes that
 * matter when a server gains them: reading local files, writing or deleting them, running
 * commands or code, requesting arbitrary URLs, sending messages.
 */
export type Capability = 'file-read' | 'file-write' | 'command-exec' | 'network-request' | 'message-send';

/** A class and the signals that decided it (name tokens, description words, parameters). */
export type ToolCapabilities = Map<Capability, string[]>;

/** Descriptions are read up to this length: enough for any real one, cheap on hostile ones. */
const MAX_TEXT = 4_000;

const FILE_NOUN = new Set(['file', 'files', 'filecontent', 'filecontents']);
const DIR_NOUN = new Set(['directory', 'directories', 'dir', 'dirs', 'folder', 'folders']);
const CONTENT_NOUN = new Set(['content', 'contents', 'text', 'data', 'body', 'bytes']);
/** Verbs that, next to a file noun in a tool name, mean its contents are read… */
const READ_VERB = new Set(['read', 'cat', 'dump', 'open', 'load', 'view', 'head', 'tail']);
/** …and verbs that mean so only together with a content noun (`get_file_info` reads metadata). */
const GET_VERB = new Set(['get', 'fetch', 'show', 'print', 'retrieve', 'return']);
const WRITE_VERB = new Set([
  'write',
  'overwrite',
  'append',
  'edit',
  'patch',
  'modify',
  'save',
  'create',
  'delete',
  'remove',
  'rm',
  'unlink',
  'truncate',
  'move',
  'mv',
  'rename',
  'copy',
  'mkdir',
  'rmdir',
  'touch',
]);
const EXEC_NOUN = new Set([
  'exec',
  'execute',
  'shell',
  'bash',
  'zsh',
  'powershell',
  'terminal',
  'subprocess',
  'spawn',
  'eval',
  'repl',
  'cmd',
]);
const EXEC_OBJECT = new Set([
  'command',
  'commands',
  'code',
  'script',
  'scripts',
  'python',
  'javascript',
  'js',
  'program',
  'process',
  'snippet',
]);
const NET_NAME = new Set([
  'fetch',
  'http',
  'https',
  'curl',
  'wget',
  'download',
  'browse',
  'crawl',
  'scrape',
  'visit',
  'navigate',
  'webpage',
]);
/** Sending verbs; `post` only in verb position (`post_message`, not `get_post`). */
const SEND_VERB = new Set(['send', 'reply', 'forward', 'notify', 'publish', 'tweet']);

/** Parameters, by their last name token (humanised), that carry a path, a command, a URL or a destination. */
const PATH_PARAM = /^(?:file|path|dir|directory|folder)s?(?:list|names?|paths?)?$/;
const PATH_PARAM_DESCRIPTION =
  /\b(?:file|director(?:y|ies)|folder)\s*(?:path|name)s?\b|\bpaths?\s+(?:to|of)\s+(?:the\s+|a\s+|each\s+)?(?:files?|director)/i;
const COMMAND_PARAM = /^(?:command|commands|cmd|code|script|scripts|snippet|program|shell|bash)$/;
const URL_PARAM = /^(?:urls?|uris?|href|link|links|endpoint|website|webpage)$/;
const DESTINATION_PARAM =
  /^(?:to|recipients?|email|emails|address|phone|number|channel|chat|destination|cc|bcc|user|users|username|handle)$/;
/** A parameter that places the files somewhere other than the local disk (a repository, a bucket). */
const REMOTE_STORE_PARAM =
  /^(?:repo|repository|owner|bucket|branch|project|drive|container|share|site|sha|commit|org|organization|workspace)$/;

/** Analysis of code is not running it: `Runs code review on…`, `Evaluates code quality`. */
const NOT_RUN = String.raw`(?!\s+(?:analysis|review|quality|style|lint\w*|format\w*|search|completion|coverage|metrics|smells|size|owners?)\b)`;

const DESCRIPTION: Record<Capability, RegExp[]> = {
  'file-read': [
    /\b(?:read|reads|reading|cat|dump|dumps|opens?|loads?)\b[^.\n]{0,40}?\bfiles?\b/i,
    /\b(?:returns?|returning|gets?|retrieves?|fetch(?:es)?|shows?|prints?|outputs?)\b[^.\n]{0,30}?\b(?:contents?|text|bytes|data)\s+of\s+(?:the\s+|a\s+|an\s+|each\s+|all\s+|every\s+|any\s+|multiple\s+)?(?:[\w-]+\s+)?files?\b/i,
    /\b(?:returns?|returning|with|gets?|retrieves?|outputs?|shows?|prints?)\b[^.\n]{0,30}?\bfiles?(?:'s?)?\s+contents?\b/i,
  ],
  'file-write': [
    /\b(?:writes?|writing|overwrites?|append(?:s|ing)?|edit(?:s|ing)?|modif(?:y|ies)|saves?|creates?|delet(?:e|es|ing)|remov(?:e|es|ing)|mov(?:e|es|ing)|renam(?:e|es|ing)|truncates?)\b[^.\n]{0,40}?\b(?:files?|director(?:y|ies)|folders?)\b/i,
  ],
  'command-exec': [
    new RegExp(
      String.raw`\b(?:execut\w*|runs?|running|eval|evaluates?|spawn\w*)\s+(?:an?\s+|the\s+|any\s+|arbitrary\s+|given\s+|provided\s+)?(?:(?:shell|system|terminal|bash|os|cli|python|javascript|js|node(?:\.js)?)\s+)?(?:commands?|code|scripts?|programs?|snippets?|python|javascript)\b${NOT_RUN}`,
      'i',
    ),
  ],
  'network-request': [
    /\b(?:fetch\w*|download\w*|crawl\w*|scrap\w*|brows\w*|visit\w*|navigat\w*|loads?)\b[^.\n]{0,40}?\b(?:urls?|web\s?pages?|websites?|https?)\b/i,
    /\b(?:makes?|sends?|performs?|issues?)\s+(?:an?\s+|arbitrary\s+)?(?:https?|web|network)\s+requests?\b/i,
  ],
  'message-send': [
    /\b(?:send|sends|sending|posts?|publish\w*|deliver\w*)\b[^.\n]{0,30}?\b(?:e-?mails?|messages?|sms|texts?|notifications?|dms?|tweets?)\b/i,
  ],
};

interface Param {
  words: string[];
  description: string;
}

/** The capability classes of one tool, decided conservatively: an action signal and a parameter that carries its object. */
export function capabilitiesOf(tool: McpTool): ToolCapabilities {
  const nameTokens = humanise(tool.name).split(' ').filter(Boolean);
  const name = new Set(nameTokens);
  const description = typeof tool['description'] === 'string' ? tool['description'].slice(0, MAX_TEXT) : '';
  const params = topLevelParams(tool);
  const out: ToolCapabilities = new Map();
  const decide = (cap: Capability, nameSignal: string | undefined, param: Param | undefined, paramWhy: string) => {
    if (param === undefined) return;
    let desc: string | undefined;
    for (const re of DESCRIPTION[cap]) if ((desc = re.exec(description)?.[0]) !== undefined) break;
    if (nameSignal === undefined && desc === undefined) return;
    const signals: string[] = [];
    if (nameSignal !== undefined) signals.push(`name: ${nameSignal}`);
    if (desc !== undefined) signals.push(`description: ${desc}`);
    signals.push(`${paramWhy}: ${param.words.join(' ')}`);
    out.set(cap, signals);
  };

  const pathParam = params.find(
    (p) =>
      PATH_PARAM.test(last(p.words)) ||
      PATH_PARAM.test(p.words.slice(-2).join('')) ||
      PATH_PARAM_DESCRIPTION.test(p.description),
  );
  const remote = params.some((p) => REMOTE_STORE_PARAM.test(last(p.words)));
  const fileNoun = nameTokens.find((t) => FILE_NOUN.has(t));
  const anyFileNoun = fileNoun ?? nameTokens.find((t) => DIR_NOUN.has(t));
  if (!remote) {
    const readVerb =
      nameTokens.find((t) => READ_VERB.has(t)) ??
      (nameTokens.some((t) => CONTENT_NOUN.has(t)) ? nameTokens.find((t) => GET_VERB.has(t)) : undefined);
    decide('file-read', fileNoun && readVerb ? `${readVerb} … ${fileNoun}` : undefined, pathParam, 'path parameter');
    const writeVerb = nameTokens.find((t) => WRITE_VERB.has(t));
    decide(
      'file-write',
      anyFileNoun && writeVerb ? `${writeVerb} … ${anyFileNoun}` : undefined,
      pathParam,
      'path parameter',
    );
  }
  const execWord =
    nameTokens.find((t) => EXEC_NOUN.has(t)) ??
    (name.has('run') ? nameTokens.find((t) => EXEC_OBJECT.has(t)) : undefined);
  decide(
    'command-exec',
    execWord,
    params.find((p) => COMMAND_PARAM.test(last(p.words))),
    'command parameter',
  );
  decide(
    'network-request',
    nameTokens.find((t) => NET_NAME.has(t)),
    params.find((p) => URL_PARAM.test(last(p.words))),
    'URL parameter',
  );
  const sendVerb = nameTokens.find((t) => SEND_VERB.has(t)) ?? (nameTokens[0] === 'post' ? 'post' : undefined);
  decide(
    'message-send',
    sendVerb,
    params.find((p) => DESTINATION_PARAM.test(last(p.words))),
    'destination parameter',
  );
  return out;
}

/** Top-level input parameters (at most 200): humanised name words and description. */
function topLevelParams(tool: McpTool): Param[] {
  const schema = tool['inputSchema'];
  const props = isRecord(schema) && isRecord(schema['properties']) ? schema['properties'] : {};
  const out: Param[] = [];
  for (const [key, node] of Object.entries(props).slice(0, 200)) {
    const d = isRecord(node) ? node['description'] : undefined;
    out.push({ words: humanise(key).split(' '), description: typeof d === 'string' ? d.slice(0, 500) : '' });
  }
  return out;
}

function last(words: readonly string[]): string {
  return words[words.length - 1] ?? '';
}
