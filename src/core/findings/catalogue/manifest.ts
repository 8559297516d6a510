import type { CatalogueOf } from '../catalogue-entry.js';

/** manifest findings. Each code needs its title, default severity, explanation and remedy. */
export const manifestCatalogue = {
  'manifest/tool-added': {
    title: 'A tool was added',
    severity: 'medium',
    explanation:
      'The server offers the model a new tool. Its name, description and schema become text the model trusts and a capability it can use.',
    remedy:
      'Read the new tool (the poison/* findings point at suspicious text) and approve the version only if the tool is expected.',
  },
  'manifest/capability-added': {
    title: 'The server gained a new kind of capability',
    severity: 'high',
    explanation:
      'A new or changed tool lets the model do something none of the server’s tools could do before: read local files, write or delete them, run commands or code, request arbitrary URLs, or send messages. A rug pull often needs exactly such a capability, and the tool text may look harmless. The evidence names the class and the name, description and parameter signals that decided it.',
    remedy:
      'Approve only if the new capability is the documented purpose of the update; otherwise keep the pinned version.',
  },
  'manifest/tool-removed': {
    title: 'A tool was removed',
    severity: 'low',
    explanation: 'The server no longer offers this tool. Clients or prompts that relied on it will fail.',
    remedy: 'Check that the removal is intended; nothing to do for security.',
  },
  'manifest/tool-renamed': {
    title: 'A tool was renamed',
    severity: 'low',
    explanation:
      'A tool disappeared and a tool with the same schema and a similar description appeared under a new name.',
    remedy: 'Confirm the rename in the changelog; a new name next to a well-known one can be used to shadow it.',
  },
  'manifest/description-changed': {
    title: 'A tool description changed',
    severity: 'low',
    explanation:
      'The model reads tool descriptions as trusted instructions; a changed description is the usual vehicle of a rug pull. The word diff shows what was added.',
    remedy: 'Read the added words. Poisoning findings on the same tool say what looked hostile.',
  },
  'manifest/title-changed': {
    title: 'A tool title changed',
    severity: 'low',
    explanation:
      'Titles are shown to users and often to the model; a new title can carry instructions or impersonate another tool.',
    remedy: 'Read the new title.',
  },
  'manifest/param-added-optional': {
    title: 'An optional parameter was added',
    severity: 'low',
    explanation:
      'A new optional parameter widens what the model can send to the server. Unexplained free-text parameters are a common exfiltration channel.',
    remedy: 'Check that the parameter is documented and needed.',
  },
  'manifest/param-added-required': {
    title: 'A required parameter was added',
    severity: 'medium',
    explanation:
      'Every call must now fill a new parameter, which the model will do with whatever the description asks for: possibly files, secrets or conversation content.',
    remedy: 'Check what the parameter is for and what its description asks the model to put in it.',
  },
  'manifest/param-removed': {
    title: 'A parameter was removed',
    severity: 'low',
    explanation: 'A parameter disappeared from the schema. Mostly a compatibility concern.',
    remedy: 'Check that callers do not depend on it.',
  },
  'manifest/param-now-required': {
    title: 'A parameter became required',
    severity: 'medium',
    explanation: 'An optional parameter is now mandatory, so the model must fill it on every call.',
    remedy: 'Check why the parameter became required and what it receives.',
  },
  'manifest/param-type-changed': {
    title: 'A parameter changed type',
    severity: 'medium',
    explanation:
      'The type of a parameter changed, which changes what the model may send (a string where a number was expected accepts any text).',
    remedy: 'Check that the new type is intended.',
  },
  'manifest/param-description-changed': {
    title: 'A parameter description or title changed',
    severity: 'low',
    explanation: 'Parameter descriptions are read by the model like tool descriptions and can carry instructions.',
    remedy: 'Read the added words.',
  },
  'manifest/constraint-loosened': {
    title: 'A schema constraint was loosened',
    severity: 'medium',
    explanation:
      'A maximum length, pattern, format, enum or bound was dropped or widened: the parameter now accepts more than before, e.g. long free text instead of an identifier.',
    remedy: 'Check that the wider input is intended.',
  },
  'manifest/enum-widened': {
    title: 'An enum gained values',
    severity: 'low',
    explanation: 'New allowed values for a parameter. Their text is read by the model.',
    remedy: 'Check the new values.',
  },
  'manifest/additional-properties-opened': {
    title: 'A schema now accepts undeclared properties',
    severity: 'medium',
    explanation: 'additionalProperties went from false to open, so the model may send fields the schema does not name.',
    remedy: 'Check why the schema was opened.',
  },
  'manifest/default-changed': {
    title: 'A parameter default changed',
    severity: 'low',
    explanation:
      'A new default changes what a call does when the model omits the parameter; defaults are also text the model reads.',
    remedy: 'Check the new default.',
  },
  'manifest/schema-changed': {
    title: 'A schema changed',
    severity: 'low',
    explanation:
      'A schema keyword changed in a way not covered by a more specific finding (a bound tightened, a pattern added, a branch added or removed).',
    remedy: 'Review the change; usually a compatibility matter.',
  },
  'manifest/schema-unresolved': {
    title: 'A schema could not be fully compared',
    severity: 'medium',
    explanation:
      'The schema has references that cannot be resolved, or is nested or expanded beyond the limits mcp-vet compares; a hostile server can hide content this way.',
    remedy: 'Inspect the schema by hand.',
  },
  'manifest/annotation-flipped': {
    title: 'A tool annotation now claims more power',
    severity: 'medium',
    explanation:
      'readOnlyHint went from true to false, destructiveHint from false to true, or openWorldHint from false to true: the tool can now change or delete data, or reach outside systems.',
    remedy:
      'Check that the new capability is expected; clients may stop asking before calling it only if they trust the old hints.',
  },
  'manifest/annotation-changed': {
    title: 'A tool annotation changed',
    severity: 'low',
    explanation:
      'An annotation was declared, changed or removed, or a non-standard annotation appeared. Non-standard annotations are read by some clients and models.',
    remedy: 'Review the annotation.',
  },
  'manifest/tool-field-changed': {
    title: 'Another tool field changed',
    severity: 'low',
    explanation:
      'A tool member other than name, description, title, schemas and annotations changed (for example _meta or icons).',
    remedy: 'Review the change.',
  },
  'manifest/sdk-noise': {
    title: 'A difference that comes from the MCP SDK version',
    severity: 'info',
    explanation:
      '$schema, execution.taskSupport, integer bounds of +/-(2^53-1), additionalProperties:false or a new outputSchema differ because the server was installed with another SDK or zod version, not because its code changed. Shown, not hidden, so that nothing escapes review.',
    remedy: 'Nothing to do; pin the SDK in the server to make snapshots reproducible.',
  },
  'manifest/instructions-changed': {
    title: 'The server instructions changed',
    severity: 'low',
    explanation:
      'Server instructions are given to the model as guidance for the whole session, so they carry more weight than a tool description.',
    remedy: 'Read the added words.',
  },
  'manifest/prompt-added': {
    title: 'A prompt was added',
    severity: 'low',
    explanation: 'A new prompt template; its text may reach the model when the user picks it.',
    remedy: 'Read the prompt.',
  },
  'manifest/prompt-removed': {
    title: 'A prompt was removed',
    severity: 'low',
    explanation: 'A prompt template was removed.',
    remedy: 'Nothing to do for security.',
  },
  'manifest/prompt-changed': {
    title: 'A prompt changed',
    severity: 'low',
    explanation: 'The description or arguments of a prompt changed.',
    remedy: 'Read the added words.',
  },
  'manifest/resource-added': {
    title: 'A resource was added',
    severity: 'low',
    explanation: 'A new resource or resource template is offered to the client.',
    remedy: 'Check the resource.',
  },
  'manifest/resource-removed': {
    title: 'A resource was removed',
    severity: 'low',
    explanation: 'A resource or template is no longer offered.',
    remedy: 'Nothing to do for security.',
  },
  'manifest/resource-changed': {
    title: 'A resource changed',
    severity: 'low',
    explanation: 'The name, description, MIME type or other metadata of a resource changed.',
    remedy: 'Review the change.',
  },
  'manifest/unstable': {
    title: 'The server told a different story on another start',
    severity: 'high',
    explanation:
      "Listed twice more (a second start sharing the first one's HOME, and a start under another client name), the server returned a different manifest. Servers that turn hostile after their first run, or only for popular clients, look exactly like this.",
    remedy:
      'Compare both versions in the evidence. Do not approve a server whose manifest depends on earlier runs or on who asks, unless the maintainers explain why.',
  },
  'manifest/sandbox-denied': {
    title: 'The server tried something the sandbox denied',
    severity: 'high',
    explanation:
      'While it was only asked to list its tools, the server tried to reach the network, read or write files outside its sandbox, start a process or a worker. The attempt was denied; its trace is in the captured stderr. The finding names the layer that denied it (evidence.layer: node-permission for files, processes, workers and native addons; network-namespace for connections and name lookups) and what lifts it (evidence.lift).',
    remedy:
      "Find out why the server does this at start-up. A denial by Node's permission model can be lifted with --sandbox relaxed (that layer only), but review the code first; no option lifts the network namespace: a snapshotted server never gets network access.",
  },
  'manifest/env-echoed': {
    title: "The server put an environment variable's value into its manifest",
    severity: 'medium',
    explanation:
      'A placeholder value given to a declared environment variable appears in what the server tells the model. With the real value (a token, a key) the model, and whoever controls its context, would see the secret.',
    remedy:
      'Check where the value appears (the evidence points at it) and do not approve a server that echoes secrets into tool descriptions.',
  },
  'manifest/stdout-noise': {
    title: 'The server wrote non-protocol text to stdout',
    severity: 'low',
    explanation:
      'Lines on stdout that are not JSON-RPC can break MCP clients, and may be an attempt to inject text into a client that shows raw output.',
    remedy: 'Usually a logging mistake; report it upstream. The lines are shown escaped in the evidence.',
  },
  'manifest/list-failed': {
    title: 'A list request failed',
    severity: 'medium',
    explanation:
      'The server declared a list (tools, prompts, resources or resource templates) but answered its request with an error other than "Method not found", or with a result that is not a valid list. That list is missing from the manifest (its status is "failed"); the other lists were kept. What the server would show there was not reviewed.',
    remedy:
      'Read the error in the evidence. A list that needs a live service (a database, an account) at listing time can be expected; otherwise report it upstream, and re-snapshot before approving if the list matters.',
  },
  'manifest/list-changed': {
    title: 'The tool list changed during the snapshot',
    severity: 'low',
    explanation:
      'The server announced notifications/tools/list_changed while it was being listed, so its tools depend on time or on what happened in the session. The snapshot holds the list after the change.',
    remedy: 'Check that the dynamic tool list is expected; re-snapshots (drift) will show later changes.',
  },
  'manifest/not-reviewed': {
    title: 'The manifest was not reviewed',
    severity: 'medium',
    explanation:
      'The server was not started (--no-snapshot), so no manifest was captured: its tool descriptions, parameter schemas, prompts and resources went through none of the poisoning rules, and a description that tells the model to send a secret somewhere would pass unseen. The pin records its manifest as unchecked, so later runs have no approved manifest to compare with.',
    remedy:
      'Look at what the server tells the model with `mcp-vet snapshot <pkg>@<version> --format text` (it runs the poisoning rules), then pin it again without --no-snapshot, so the manifest is reviewed and stored.',
  },
  'manifest/changed-without-release': {
    title: 'Manifest of the pinned version changed',
    severity: 'high',
    explanation:
      'Running the pinned version again gives a different manifest than the one approved, with no new version published: a server whose tools change without a release (a remote switch, a time bomb, or unpinned dependencies) can turn hostile after review.',
    remedy:
      'Read the changes listed with it. If they come from a dependency that is not pinned, approve the new snapshot; otherwise treat the server as compromised.',
  },
} as const satisfies CatalogueOf<'manifest'>;
