import { finding, type Finding, type FindingLocation } from '../findings/finding.js';
import { referenceFix, type SecretPlace } from './env-reference.js';
import { detectSecret, redact, urlSecrets } from './secrets.js';
import { serverSubject, type ConfiguredServer } from './server.js';

/**
 * The literal secrets written in one configured server: in `env`, `headers`, `args` and its URL.
 * Each finding shows only a redacted hint and says how to reference the value from the environment
 * in that client's own syntax. Needs nothing but the parsed config (`check --only secrets`).
 */
export function secretFindings(server: ConfiguredServer): Finding[] {
  const subject = serverSubject(server);
  const at = (field: string): FindingLocation => ({
    kind: 'config',
    name: server.id,
    file: server.file,
    line: server.fieldLines[field] || server.line,
    pointer: `${server.pointer}/${field}`,
  });
  const place = (group: SecretPlace['group'], name: string, value: string): SecretPlace => ({
    group,
    name,
    value,
    serverId: server.id,
  });
  const out: Finding[] = [];
  const report = (field: string, where: string, kind: string, hint: string, fixAt: SecretPlace, location: string) => {
    const fix = referenceFix(server.client, fixAt);
    out.push(
      finding('config/literal-secret', {
        subject,
        message: `${where} holds a literal ${kind} (${hint}); fix: ${fix}`,
        location: at(location),
        evidence: { field, kind, redacted: hint, fix },
      }),
    );
  };
  for (const [group, values] of [
    ['env', server.env],
    ['headers', server.headers],
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      const secret = detectSecret(name, value);
      if (secret)
        report(
          `${group}.${name}`,
          `${group}.${name}`,
          secret.kind,
          secret.hint,
          place(group, name, value),
          `${group}/${name}`,
        );
    }
  }
  server.args.forEach((arg, i) => {
    const prev = server.args[i - 1] ?? '';
    const inline = arg.startsWith('-') && arg.includes('=');
    const flag = inline ? arg.slice(0, arg.indexOf('=')) : prev.startsWith('-') && !prev.includes('=') ? prev : '';
    const value = inline ? arg.slice(arg.indexOf('=') + 1) : arg;
    const name = flag.replace(/^-+/, '');
    const secret = detectSecret(name, value);
    // a bare argument is flagged only in a known format: ordinary arguments are long and varied too
    if (secret && (secret.kind !== 'high-entropy string' || flag !== '')) {
      const part = secret.kind === 'password in the URL' ? 'password' : name;
      report(`args[${i}]`, `argument ${i + 1}`, secret.kind, redact(value), place('args', part, value), 'args');
    }
  });
  if (server.url !== undefined) {
    const url = server.url.trim();
    const inUrl = urlSecrets(url);
    for (const s of inUrl) {
      const part = s.where === 'URL password' ? 'password' : s.where.replace(/^URL (query parameter |user name)/, '');
      report('url', s.where, s.kind, s.hint, place('url', part, ''), 'url');
    }
    // a token in a known format elsewhere in the URL (its path, as some services issue them)
    const known = inUrl.length === 0 ? detectSecret('', url) : null;
    if (known) report('url', 'the url', known.kind, known.hint, place('url', '', ''), 'url');
  }
  return out;
}
