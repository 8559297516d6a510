import type { SignalKind, SignalStrength } from './types.js';

/** A language-independent recogniser: a regex, the signal it gives and a stable id. */
export interface PayloadPattern {
  id: string;
  kind: SignalKind;
  strength: SignalStrength;
  re: RegExp;
}

const p = (id: string, kind: SignalKind, strength: SignalStrength, re: RegExp): PayloadPattern => ({
  id,
  kind,
  strength,
  re,
});

const SHELLS = String.raw`(?:sudo\s+)?(?:ba|z|k|da|fi|c)?sh|python[23]?|perl|ruby|node|php|iex|Invoke-Expression|pwsh|powershell`;
const FETCHERS = String.raw`curl|wget|fetch|iwr|irm|Invoke-WebRequest|Invoke-RestMethod`;
const COMMON_EXECUTABLES = String.raw`curl|wget|rm|chmod|chown|sudo|bash|sh|zsh|python[23]?|node|perl|ruby|nc|ncat|netcat|cat|echo|export|git|npm|npx|pip3?|apt(?:-get)?|yum|brew|powershell|pwsh|kill|pkill|mv|cp|tar|unzip|base64|scp|ssh|rsync|crontab|systemctl|launchctl|eval|exec|source|dd|mkfs|whoami|env|printenv|history|find|xargs|openssl`;

/**
 * Shell commands, recognised by shell syntax and common executables. `strong` marks the dangerous
 * classes (a download run by a shell, deletion, privilege, reverse shells, decoding into execution):
 * an order to run one of these is high however it is phrased.
 */
export const SHELL_PATTERNS: readonly PayloadPattern[] = [
  p('shell.pipe-to-interpreter', 'shell', 'strong', new RegExp(String.raw`\|\s*(?:${SHELLS})\b`, 'i')),
  p(
    'shell.download',
    'shell',
    'strong',
    new RegExp(String.raw`\b(?:${FETCHERS})\s+(?:-{1,2}[\w-]+\s+(?:[^\s-]\S*\s+)?)*['"]?(?:https?|ftp)://`, 'i'),
  ),
  p(
    'shell.download-tool',
    'shell',
    'strong',
    /\b(?:certutil\s+-urlcache|bitsadmin\s+\/transfer|Invoke-WebRequest|Start-BitsTransfer)\b/i,
  ),
  p(
    'shell.delete',
    'shell',
    'strong',
    /\brm\s+(?:-{1,2}[\w-]+\s+)*-[a-zA-Z]*[rRf][a-zA-Z]*(?=\s|$)|\brm\s+-{2}(?:recursive|force)\b|\brmdir\s+\/s\b|\bdel\s+\/[fsq]\b|\bRemove-Item\b[^\n]{0,80}-Recurse\b|\bshred\s+-|\bmkfs(?:\.\w+)?\s|\bdd\s+if=|\bformat\s+[a-z]:/i,
  ),
  p('shell.fork-bomb', 'shell', 'strong', /:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/),
  p(
    'shell.privilege',
    'shell',
    'strong',
    /\bsudo\s+(?:-\w+\s+)*[a-z./]|\bchmod\s+(?:-R\s+)?(?:[0-7]{3,4}|[ugoa]*[+=][rwxsStT]+)\s+\S|\bchown\s+(?:-R\s+)?\w+(?::\w+)?\s+\S|\bsu\s+(?:-|root)(?=\s|$)|\brunas\s+\/user/i,
  ),
  p(
    'shell.interpreter-inline',
    'shell',
    'strong',
    /\b(?:bash|sh|zsh|dash|python[23]?|perl|ruby|node|php|pwsh|powershell(?:\.exe)?|cmd(?:\.exe)?|osascript)\s+(?:-[a-zA-Z]*[cei]\b|\/c\b|-Command\b|-EncodedCommand\b|-enc\b|-nop\b|-w(?:indowstyle)?\s+hidden)/i,
  ),
  p(
    'shell.reverse-shell',
    'shell',
    'strong',
    /\b(?:nc|ncat|netcat)\s+(?:-[a-zA-Z]+\s+)*(?:\S+\s+)?\d{2,5}\b|\/dev\/(?:tcp|udp)\/|\bmkfifo\b|\bsocat\s+\S/i,
  ),
  p(
    'shell.decode-exec',
    'shell',
    'strong',
    /\bbase64\s+(?:-d|--decode|-D)\b|\b(?:os\.system|subprocess\.(?:run|call|Popen|check_output)|child_process|Runtime\.getRuntime\(\)\.exec|execSync|spawnSync)\b|\beval\s*\(\s*(?:atob|Buffer|base64|decode|unescape|String\.fromCharCode)/i,
  ),
  p(
    'shell.exfil-command',
    'shell',
    'strong',
    /\b(?:scp|rsync|sftp)\s+(?:-\w+\s+)*\S+\s+\S*@|\bcurl\b[^\n]{0,200}?\s(?:-d|--data(?:-binary|-raw|-urlencode)?|-F|--form|-T|--upload-file)(?=[\s=@])|\bwget\s+[^\n]{0,200}--post-(?:data|file)/i,
  ),
  p(
    'shell.persistence',
    'shell',
    'strong',
    /\b(?:crontab\s+-[elr]?|schtasks\s+\/create|reg\s+add|Set-ItemProperty|New-ItemProperty|launchctl\s+load|systemctl\s+(?:enable|start)\s)/i,
  ),
  p('shell.kill', 'shell', 'weak', /\b(?:kill\s+-9|pkill|killall|taskkill)\b/i),
  p(
    'shell.install',
    'shell',
    'weak',
    /\b(?:npm|pnpm|yarn)\s+(?:i|install|add)\s+(?:-g\s+)?[@\w]|\bnpx\s+-y\s+[@\w]|\bpip3?\s+install\s+\S|\b(?:apt-get|apt|yum|dnf|brew|choco|winget)\s+install\s+\S/i,
  ),
  p(
    'shell.chain',
    'shell',
    'weak',
    new RegExp(String.raw`(?:[\w'"/)\]]\s*(?:&&|\|\||;)\s*|\|\s*)(?:${COMMON_EXECUTABLES})\b`, 'i'),
  ),
  p(
    'shell.substitution',
    'shell',
    'weak',
    new RegExp(
      String.raw`\$\((?:${COMMON_EXECUTABLES})\b[^()\n]{0,200}\)|\x60(?:${COMMON_EXECUTABLES})\b[^\x60\n]{0,200}\x60`,
      'i',
    ),
  ),
  p(
    'shell.redirect',
    'shell',
    'weak',
    /(?:^|[\s;&|`(])(?:echo|printf|cat|tee)\b[^\n]{0,200}?(?:>>?|\|\s*tee\s+(?:-a\s+)?)\s*['"]?[~/$.%\w][^\s'"]*/i,
  ),
];

/** Changes to the user's machine: startup files, schedulers, keys, git hooks, agent and editor config. */
export const HOST_PATTERNS: readonly PayloadPattern[] = [
  p(
    'host.shell-rc',
    'host-change',
    'strong',
    /(?:^|[\s'"`(=:/~])\.(?:bashrc|bash_profile|bash_login|bash_logout|zshrc|zprofile|zshenv|zlogin|profile|cshrc|tcshrc|kshrc|inputrc)\b|config\/fish\/config\.fish|Microsoft\.PowerShell_profile\.ps1|\$PROFILE\b/i,
  ),
  p('host.ssh-keys', 'host-change', 'strong', /\bauthorized_keys2?\b|\.ssh\/config\b|\bknown_hosts\b/i),
  p(
    'host.scheduler',
    'host-change',
    'strong',
    /\/etc\/(?:cron[\w.]*|crontab|rc\.local|profile(?:\.d)?|sudoers(?:\.d)?|hosts|systemd|init\.d|ld\.so\.preload|environment)\b|\bcrontab\b|\bLaunch(?:Agents|Daemons)\b|\/Library\/StartupItems|HKEY_(?:CURRENT_USER|LOCAL_MACHINE)|\\CurrentVersion\\Run|shell:startup|\.config\/autostart|systemd\/user\b/i,
  ),
  p(
    'host.git',
    'host-change',
    'strong',
    /\.git\/hooks\b|\bcore\.hooksPath\b|\bgit\s+config\s+(?:--global|--system)\b|(?:^|[\s'"`(~/])\.gitconfig\b|\.husky\//i,
  ),
  p(
    'host.agent-config',
    'host-change',
    'strong',
    /(?:^|[\s'"`(~/])\.(?:vscode|cursor|claude|codex|gemini|windsurf|continue|aider|zed)\/[\w./-]*|\bclaude_desktop_config\.json\b|(?:^|[\s'"`(/])\.?mcp\.json\b|\bCLAUDE\.md\b|\bAGENTS\.md\b|\.cursorrules\b|\.windsurfrules\b|\bcline_mcp_settings\.json\b/i,
  ),
  p(
    'host.env-hijack',
    'host-change',
    'strong',
    /\bexport\s+(?:PATH|LD_PRELOAD|DYLD_INSERT_LIBRARIES|NODE_OPTIONS|PYTHONPATH|PYTHONSTARTUP|PROMPT_COMMAND|HTTPS?_PROXY|https?_proxy)=|\bLD_PRELOAD=|\bNODE_OPTIONS=|\balias\s+(?:sudo|ls|cd|git|ssh)=/i,
  ),
];

/** Credential files, key files and secret-bearing environment variables. */
export const SENSITIVE_PATTERNS: readonly PayloadPattern[] = [
  p(
    'sens.ssh',
    'sensitive',
    'strong',
    /~\/\.ssh\b|\.ssh\/[\w.-]+|\bid[_ ](?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?\b|\bssh[_ ](?:private[_ ])?keys?\b/i,
  ),
  p('sens.key-file', 'sensitive', 'strong', /[\w-]\.(?:pem|p12|pfx|keystore|jks|kdbx|ppk|gpg|asc)\b/),
  p(
    'sens.cloud',
    'sensitive',
    'strong',
    /\.aws\/(?:credentials|config)\b|\.azure\/[\w.]+|\.config\/gcloud\b|application_default_credentials\.json|\.kube\/config\b|\bkubeconfig\b|\.docker\/config\.json\b|\.terraform\.d\/credentials|\.config\/gh\/hosts\.yml/i,
  ),
  p(
    'sens.package-auth',
    'sensitive',
    'strong',
    /(?:^|[\s'"`(~/])\.(?:npmrc|pypirc|netrc|git-credentials|pgpass|my\.cnf)\b|\.gnupg\b|\.password-store\b/i,
  ),
  p('sens.dotenv', 'sensitive', 'strong', /(?:^|[\s'"`(~/])\.env(?:\.[\w-]+)?(?![\w-])(?!\.\w)/i),
  p('sens.system', 'sensitive', 'strong', /\/etc\/(?:passwd|shadow|sudoers|master\.passwd)\b/i),
  p(
    'sens.system-state',
    'sensitive',
    'strong',
    /\/proc\/(?:self|\d+)\/(?:environ|cmdline|mem)\b|\.(?:bash|zsh|python|node_repl|psql|mysql)_history\b|\bSAM\b(?= (?:file|hive|database))/,
  ),
  p(
    'sens.browser',
    'sensitive',
    'strong',
    /\bLogin Data\b|\bcookies\.sqlite\b|\bCookies\b(?= (?:file|database|db))|\bkey[34]\.db\b|\blogins\.json\b|\bLocal State\b|\bwallet\.dat\b|\bkeychain\b|\.keychain(?:-db)?\b|\bmetamask\b|\bvault\.json\b/i,
  ),
  p(
    'sens.secret-file',
    'sensitive',
    'strong',
    /\b(?:secrets?|credentials?|service[-_]account|token)s?\.(?:json|ya?ml|toml|txt|ini)\b/i,
  ),
  p(
    'sens.env-secret',
    'sensitive',
    'strong',
    /\b(?:[A-Z][A-Z0-9]*_)+(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|CREDENTIALS?|PAT)\b|\b(?:AWS_ACCESS_KEY_ID|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|OPENAI_API_KEY|ANTHROPIC_API_KEY|DATABASE_URL|STRIPE_SECRET_KEY)\b/,
  ),
  p(
    'sens.env-access',
    'sensitive',
    'strong',
    /\bprocess\.env\b|\bos\.environ\b|\bgetenv\s*\(|\bENV\[|\$env:[A-Za-z_]+|\bprintenv\b|\benv\s*\|/,
  ),
  p('sens.private-key-block', 'sensitive', 'strong', /-----BEGIN [A-Z ]*PRIVATE KEY-----/),
];

/** Places data can go or instructions come from. */
export const ENDPOINT_PATTERNS: readonly PayloadPattern[] = [
  p('endpoint.url', 'endpoint', 'weak', /\b(?:https?|wss?|ftp|sftp):\/\/[^\s<>"'`)\]}]+/i),
  p(
    'endpoint.capture-service',
    'endpoint',
    'strong',
    /\b(?:[\w-]+\.)*(?:ngrok(?:-free)?\.(?:io|app|dev)|webhook\.site|requestbin\.\w+|pipedream\.net|burpcollaborator\.net|oast\.\w+|interact\.sh|pastebin\.com|paste\.ee|hastebin\.\w+|transfer\.sh|file\.io|trycloudflare\.com|serveo\.net|localtunnel\.me|loca\.lt|requestcatcher\.com|beeceptor\.com|hookbin\.com|discord(?:app)?\.com\/api\/webhooks|hooks\.slack\.com)\b/i,
  ),
  p(
    'endpoint.ip',
    'endpoint',
    'strong',
    /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?::\d{2,5})?\b/,
  ),
  p('endpoint.email', 'endpoint', 'weak', /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/i),
  p('endpoint.phone', 'endpoint', 'weak', /(?:^|[\s:(])\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b/),
];

/** Markup and comments that set text apart as a message to the model. */
export const FRAMING_PATTERNS: readonly PayloadPattern[] = [
  p(
    'framing.tag',
    'framing',
    'strong',
    /<\s*\/?\s*(?:important|system|instructions?|secret|hidden|admin|note|critical|warning|context|assistant|user|tool_?call|priority|override|mandatory|sys|rules?|policy|directive|internal)\b[^>]{0,80}>/i,
  ),
  p(
    'framing.comment',
    'framing',
    'strong',
    /<!--[\s\S]{0,2000}?-->|\/\*[\s\S]{2,2000}?\*\/|\{\{[\s\S]{2,500}?\}\}|\[\/\/\]: #/,
  ),
  p(
    'framing.system-key',
    'framing',
    'strong',
    /["']_+[a-z]*(?:system|priority|instruction|override|admin|authenticated|auth|role|hidden|directive|prompt)[\w]*["']\s*:/i,
  ),
  p('framing.banner', 'framing', 'strong', /(?:^|\n)\s*(?:#{2,}|={3,}|\*{3,}|-{3,}|\[{2,})\s*[A-Z][A-Z _-]{3,}/),
  p(
    'framing.label',
    'framing',
    'strong',
    /\[+\s*(?:SYSTEM|INST|ADMIN|IMPORTANT|CRITICAL|NOTE|HIDDEN|OVERRIDE|DEVELOPER|ASSISTANT)\b[^\]]{0,40}\]|<\|[\w-]{2,30}\|>|^\s*#{1,6}\s*(?:system|instructions?|important|note|hidden|admin)\b|^\s*(?:SYSTEM|ASSISTANT|ADMIN|DEVELOPER)\s*:/im,
  ),
  p(
    'framing.caps',
    'framing',
    'weak',
    /\b[A-Z]{3,}(?:[ -][A-Z]{2,}){1,}\b|!!+|\b(?:IMPORTANT|CRITICAL|URGENT|WARNING|MANDATORY|REQUIRED|ATTENTION|NOTICE)\b/,
  ),
];

/** A control waived or switched off, or privileges granted: what an attacker needs before acting. */
export const DOWNGRADE_PATTERNS: readonly PayloadPattern[] = [
  p(
    'downgrade.disable-control',
    'security-downgrade',
    'strong',
    /\b(?:disable|turn off|switch off|deactivate|bypass|skip|suppress|remove|circumvent|ignore)s?\s+(?:all\s+|any\s+|the\s+)?(?:\w+\s+)?(?:security|safety|audit(?:ing)?|logging|logs|guardrails?|safeguards?|sandbox(?:ing)?|confirmations?|approvals?|authentication|auth|verification|validation|checks?|protections?|firewall|antivirus|2fa|mfa|rate limits?|restrictions?|filters?|monitoring)\b/i,
  ),
  p(
    'downgrade.grant',
    'security-downgrade',
    'strong',
    /\b(?:grant|give|enable|allow|escalate)s?\s+(?:\w+\s+)?(?:full|unrestricted|unlimited|admin(?:istrator)?|root|elevated|superuser|all)\s+(?:\w+\s+)?(?:access|privileges?|permissions?|rights|operations?|control)\b|\b(?:unrestricted|unlimited|elevated|root|admin)[_ ](?:access|privileges?|mode)\s*=|\bsecurity[_ ]level\s*=\s*0\b|\b\w*(?:audit|logging|security|auth)\w*\s*=\s*(?:false|0|off|none|disabled)\b|\bregardless of (?:annotations|permissions|restrictions)\b/i,
  ),
  p(
    'downgrade.no-auth',
    'security-downgrade',
    'weak',
    /\b(?:no|without)\s+(?:credentials|authentication|auth|password|login|confirmation|approval|permission)s?\s+(?:needed|required|necessary)\b|\b(?:does not|doesn'?t|no need to)\s+(?:need|require|ask for)\s+(?:the user'?s?\s+)?(?:confirmation|approval|permission|consent)\b|\bpre-?approved\b|\balready (?:authorized|approved|authenticated)\b/i,
  ),
];

/** Advertising aimed at the model's choice of tool. */
export const PREFERENCE_PATTERNS: readonly PayloadPattern[] = [
  p(
    'pref.rating',
    'preference',
    'strong',
    /⭐{2,}|★{2,}|#\s?1\b|\bno\.?\s?1\b|\b(?:rated|ranked|voted)\s+(?:#?1|first|top|best)\b|\b\d+(?:\.\d+)?\s?(?:%|x|times)\s+(?:better|faster|more accurate|more reliable|superior)\b|\b(?:five|5)[- ]star\b|\b\d+(?:\.\d+)?% (?:customer )?satisfaction\b|\baward[- ]winning\b|🏆|💎/i,
  ),
  p(
    'pref.endorsement',
    'preference',
    'strong',
    /\b(?:trusted|recommended|endorsed|used|chosen|preferred|approved|certified)\s+by\s+(?:over\s+)?(?:\d|top|leading|experts?|millions?|fortune|the\b|all\b|most\b|major\b|\p{Lu})|\b(?:as seen on|featured (?:in|on))\b|\bscientifically proven\b|\bindustry[- ]leader\b|\bmarket[- ]leader\b/iu,
  ),
  p(
    'pref.superlative',
    'preference',
    'strong',
    /\b(?:the\s+)?(?:best|most (?:accurate|reliable|powerful|advanced|trusted|secure)|only (?:reliable|accurate|trusted|correct|safe|official|real)|ultimate|unmatched|unprecedented|unrivall?ed|superior|world'?s (?:best|leading|first)|number one)\b[^.!?\n]{0,40}\b(?:tool|server|service|function|option|choice|solution|\w+or|\w+er)\b/i,
  ),
  p(
    'pref.urgency',
    'preference',
    'strong',
    /\b(?:limited time|act now|hurry|only \d+ (?:uses|spots|calls) left|expires? soon|before (?:access|it) expires|while (?:you still can|supplies last)|don'?t (?:miss out|fall behind|settle|waste time))\b/i,
  ),
  p(
    'pref.disparage',
    'preference',
    'strong',
    /\b(?:inferior|outdated|inaccurate|unreliable|buggy|slow|worse|broken|deprecated)\s+(?:\w+\s+)?(?:alternatives?|competitors?|tools?|options?|versions?|converters?|services?)\b|\b(?:other|all other|standard|competing|rival)\s+(?:\w+\s+)?(?:tools?|alternatives?|options?|services?|calculators?|converters?|translators?)\s+(?:are|is|were|have been)\s+(?:being\s+)?(?:deprecated|outdated|inaccurate|unreliable|buggy|broken|inferior|slow|obsolete|insecure)\b|\bfar superior to\b|\bwhy use inferior\b/i,
  ),
  p(
    'pref.self-first',
    'preference',
    'strong',
    /\b(?:always\s+)?(?:choose|use|try|select|pick|prefer|prioriti[sz]e|call)\s+this\s+(?:tool|function|server)\s+(?:first|over|before|instead|for (?:all|every|any))\b|\bstart here\b|\bthe only (?:tool|converter|calculator|option) you (?:should|need|can)\b/i,
  ),
];

/** The user's data in bulk. */
export const USER_DATA_PATTERNS: readonly PayloadPattern[] = [
  p(
    'userdata.bulk',
    'user-data',
    'weak',
    /\b(?:all|every|entire|whole|full|complete)\s+(?:of\s+the\s+)?(?:user'?s?\s+|customer\s+|personal\s+)?(?:data|files|documents|records|messages|emails|contacts|conversations|chats|history|database|inbox|notes|photos)\b|\b(?:contacts? list|address book|user data|personal data|customer data|chat logs|message history|browsing history)\b/i,
  ),
];
