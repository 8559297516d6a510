import type { CatalogueOf } from '../catalogue-entry.js';

/** poison findings. Each code needs its title, default severity, explanation and remedy. */
export const poisonCatalogue = {
  'poison/hidden-instruction-markup': {
    title: 'Hidden-instruction markup in added text',
    severity: 'high',
    explanation:
      'Tags such as <IMPORTANT> or <system>, chat-template tokens, [SYSTEM] labels, HTML comments or long runs of blanks set text apart as a message to the model that a reviewer skims past. Honest descriptions document the tool; they do not need such markup.',
    remedy: 'Do not approve. Read the marked text in full; report the package if it instructs the model.',
  },
  'poison/model-directive': {
    title: 'Instructions aimed at the model',
    severity: 'high',
    explanation:
      'The added text tells the model what to do beyond using the tool: override its instructions or role, take extra steps around a call, or comply under threat of a crash. An instruction override is high; a directive with nothing dangerous in its sentence is low, or medium when framed with emphasis or authority; with a payload the finding takes the payload’s code.',
    remedy:
      'Do not approve until the instruction is explained; remove the server if it asks the model to act against the user.',
  },
  'poison/secrecy-directive': {
    title: 'Text asks to hide something from the user',
    severity: 'critical',
    explanation:
      'The added text asks the model not to tell the user, to act silently, or frames a hidden action as an unimportant detail. Critical when it hides a directive or any payload in the same field, high on its own. No honest tool needs its behaviour hidden from its user.',
    remedy: 'Do not approve. Treat the version as malicious and report it.',
  },
  'poison/sensitive-path': {
    title: 'Reference to a credential file or sensitive path',
    severity: 'high',
    explanation:
      'The added text points at SSH keys, cloud credentials, .env files, secret-bearing environment variables or similar. High when a directive asks to read or hand them over (or a parameter asks for their contents), medium when they are only mentioned. A model told to read these can leak them through any tool argument.',
    remedy:
      'Do not approve unless the tool is meant to manage these files; check what it asks the model to do with them.',
  },
  'poison/secret-reference': {
    title: 'Reference to secrets',
    severity: 'medium',
    explanation:
      'The added text mentions passwords, API keys, tokens or credentials; high when a directive asks to send them out or hand them to an endpoint, medium or lower otherwise.',
    remedy: 'Check why the tool needs secrets and where they go.',
  },
  'poison/exfiltration-parameter': {
    title: 'Parameter shaped for exfiltration',
    severity: 'high',
    explanation:
      'A parameter asks the model for its own context (the conversation, the system prompt, other tools and their output), which is high, or for its identity, which is high when the parameter is required and medium when optional; or a delivery channel (bcc, forward-to, webhook) is added to an existing tool (high; medium on a new tool).',
    remedy:
      'Do not approve until the parameter is explained; a tool does not need the conversation or a hidden copy destination to do its job.',
  },
  'poison/side-channel-parameter': {
    title: 'Free-form side-channel parameter',
    severity: 'medium',
    explanation:
      'A new free-form parameter (notes, metadata, feedback, debug, extra…) with no role in the tool’s purpose is the usual place a poisoned description asks the model to put stolen data; several at once are high.',
    remedy: 'Check what the description asks the model to put in it.',
  },
  'poison/data-egress-channel': {
    title: 'New channel to send content to a destination',
    severity: 'high',
    explanation:
      'The change gives the model a tool that takes both a destination (recipient, e-mail, channel, URL, webhook) and free content (body, message, payload): a way to move data out of the session, which is what a rug pull needs, however innocent the description.',
    remedy: 'Approve only if sending is the purpose of the server and the destination is controlled by the user.',
  },
  'poison/tool-shadowing': {
    title: 'Instructions about other tools',
    severity: 'high',
    explanation:
      'The added text changes how other tools are used: an order to call a tool this server does not provide, or a claim that another tool is deprecated or broken, is high; a directive naming the server’s own tool is guidance (low). A server can thereby hijack another server’s tools without being called.',
    remedy: 'Do not approve. A tool description has no business instructing the use of other tools.',
  },
  'poison/shell-command': {
    title: 'Shell command in text the model reads',
    severity: 'high',
    explanation:
      'The added text holds a shell command (a download piped to a shell, deletion, privilege changes, an interpreter running inline code, a reverse shell…). With a directive to the model in the same sentence (an obligation, an order, a condition around a call) it is high, and critical if it also asks to hide it; a command without a directive is medium.',
    remedy: 'Do not approve. A tool description has no reason to ask the model to run a command on the user’s machine.',
  },
  'poison/host-modification': {
    title: 'Instruction to change the user’s machine',
    severity: 'high',
    explanation:
      'The added text points at shell startup files, cron and other schedulers, authorized_keys, git hooks or config, or agent and editor configuration. Asked of the model it is high (persistence on the host); mentioned without a directive, medium.',
    remedy: 'Do not approve unless the server exists to manage these files, and then only with the user in the loop.',
  },
  'poison/argument-override': {
    title: 'Argument forced regardless of the user',
    severity: 'high',
    explanation:
      'The added text forces a parameter to a value or tells the model to set the user’s own value aside (“regardless of the user’s input”, “ignore the user’s limit”, “redirect all payments to …”). It is high on its own and critical with concealment.',
    remedy: 'Do not approve. A tool must use the values the user asked for.',
  },
  'poison/exfiltration-instruction': {
    title: 'Instruction to send data to an endpoint',
    severity: 'high',
    explanation:
      'The added text sends, copies or forwards data to a URL, IP address, e-mail address or phone number. High with a directive to the model, with a side copy (cc, bcc, forward) or a capture service; medium otherwise.',
    remedy: 'Do not approve until the destination is explained and belongs to the user.',
  },
  'poison/shadow-tool': {
    title: 'Tool added to shadow another',
    severity: 'high',
    explanation:
      'A new tool sits beside an existing one with a preference-loaded variant of its name (premium, official, verified, v2…) or a near-identical description, so the model picks it instead of the original.',
    remedy: 'Check why the server offers two versions of one tool; do not approve a twin that exists to be preferred.',
  },
  'poison/invisible-unicode': {
    title: 'Invisible or bidirectional Unicode',
    severity: 'high',
    explanation:
      'Zero-width characters, bidirectional controls, tag characters or unpaired surrogates make the text a reviewer sees differ from what the model reads.',
    remedy: 'Do not approve; look at the escaped text (mcp-vet shows these characters as \\u{…}).',
  },
  'poison/terminal-escape': {
    title: 'Terminal escape sequence',
    severity: 'high',
    explanation:
      'ESC/CSI sequences and other control characters can hide or rewrite text in a terminal, so a review in a terminal can be fooled.',
    remedy: 'Do not approve; inspect the raw bytes.',
  },
  'poison/encoded-payload': {
    title: 'Encoded payload',
    severity: 'medium',
    explanation:
      'Base64, hex or escaped text in a description is opaque to a reviewer but readable by a model; base64 that decodes to text is high.',
    remedy: 'Decode the blob and review what it says.',
  },
  'poison/new-url': {
    title: 'New URL or domain',
    severity: 'medium',
    explanation:
      'A URL or domain added to text the model reads is somewhere data can be sent or instructions fetched from; high for raw IPs, request-capture, tunnelling and paste services, or when the sentence says to send something there.',
    remedy: 'Check that the address belongs to the server’s publisher and why the model is told about it.',
  },
  'poison/new-email-address': {
    title: 'New e-mail address',
    severity: 'medium',
    explanation:
      'An e-mail address added to text the model reads; high when the sentence is about sending or copying messages (a planted BCC).',
    remedy: 'Check whose address it is and why the model needs it.',
  },
  'poison/new-phone-number': {
    title: 'New phone number',
    severity: 'medium',
    explanation:
      'A phone number added to text the model reads; high when the sentence is about sending or re-routing messages.',
    remedy: 'Check whose number it is and why the model needs it.',
  },
  'poison/preference-manipulation': {
    title: 'Preference manipulation',
    severity: 'high',
    explanation:
      'The added text steers the model’s choice of tool: ratings, endorsements, superlatives, urgency, disparaging other tools, “use this tool first”, or an edit that only adds praise. Three or more kinds of claim in a field, or a directive to prefer it over other tools, are high; one or two claims medium.',
    remedy: 'Do not approve; descriptions should say what a tool does, not why the model must pick it.',
  },
  'poison/confusable-tool-name': {
    title: 'Confusable tool name',
    severity: 'high',
    explanation:
      'A new tool name looks like another tool’s name (case, separators, look-alike letters) or uses non-ASCII characters, or it extends a kept tool’s name by whole words, largely repeats its description and requires inputs the original does not (a near-duplicate with a different interface). The model or a reviewer can mistake one for the other, and calls meant for the original go to the twin.',
    remedy:
      'Check why two tools share a look-alike name and description; do not approve a homoglyph name or an unexplained near-duplicate.',
  },
  'poison/security-downgrade': {
    title: 'Claims or instructions that security does not apply',
    severity: 'high',
    explanation:
      'The added text switches off or waives authentication, confirmation, audit, safety checks or limits, or grants elevated privileges. High when it is an order to the model (an obligation, a condition around a call, or marked-up system text), medium when it is only a claim.',
    remedy: 'Do not approve. A tool cannot waive the user’s controls.',
  },
  'poison/nonstandard-annotation': {
    title: 'Non-standard tool annotation',
    severity: 'medium',
    explanation:
      'An annotation outside the MCP specification appeared; high when it is about trust, auth, privileges, prompts or schemas, which clients do not check but models may read.',
    remedy: 'Check why the server declares it; standard annotations are title and the four hints.',
  },
  'poison/oversized-text': {
    title: 'Oversized added text',
    severity: 'high',
    explanation:
      'More than 64 KiB of text was added to one field. Nobody can review it, mcp-vet scans only its two ends, and it can bury a payload or exhaust the model’s context.',
    remedy: 'Do not approve until the text is explained.',
  },
} as const satisfies CatalogueOf<'poison'>;
