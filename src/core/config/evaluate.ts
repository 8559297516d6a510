import { finding, type Finding, type FindingLocation } from '../findings/finding.js';
import type { LaunchTarget } from './launch-target.js';
import { inspectUrl } from './remote-url.js';
import { secretFindings } from './secret-findings.js';
import { serverSubject, type ConfiguredServer } from './server.js';

/** A package found in node_modules for an `installed`/`installed-bin` target (null version: not installed). */
export type ResolvedTarget =
  | LaunchTarget
  | { kind: 'installed-package'; name: string | null; version: string | null; runner: string; what: string };

export interface PinRef {
  version: string;
  /** the allowlist file, as displayed */
  file: string;
}

export interface RemoteRef {
  id: string;
  file: string;
  headers: readonly string[];
}

export interface Lookups {
  pin(name: string): PinRef | null;
  /** by the URL key of inspectUrl() */
  remote(key: string): RemoteRef | null;
}

/**
 * Every finding about one configured server that needs no registry: literal secrets, plain-http
 * URLs, and how its package or URL compares with the allowlist. Re-verification of the pins is
 * done by the workflow (it needs the stored evidence).
 */
export function evaluateServer(server: ConfiguredServer, target: ResolvedTarget, lookups: Lookups): Finding[] {
  const subject = serverSubject(server);
  const at = (field?: string): FindingLocation => ({
    kind: 'config',
    name: server.id,
    file: server.file,
    line: (field && server.fieldLines[field]) || server.line,
    ...(field ? { pointer: `${server.pointer}/${field}` } : {}),
  });
  const out: Finding[] = secretFindings(server);
  if (server.url !== undefined) out.push(...urlFindings(server, subject, at('url'), lookups));
  out.push(...packageFindings(server, subject, target, lookups, at('command')));
  return out;
}

function urlFindings(
  server: ConfiguredServer,
  subject: string,
  location: FindingLocation,
  lookups: Lookups,
): Finding[] {
  const out: Finding[] = [];
  const info = inspectUrl(server.url ?? '');
  if (!info) {
    return [
      finding('config/unmanaged-server', {
        subject,
        message: `the url is not an absolute http(s) URL; mcp-vet cannot check it`,
        location,
      }),
    ];
  }
  if (info.insecure) {
    out.push(
      finding('config/insecure-url', {
        subject,
        message: `${info.display} is plain http to a host that is not loopback`,
        location,
        evidence: { url: info.display },
      }),
    );
  }
  if (server.command !== undefined) return out;
  const remote = lookups.remote(info.key);
  if (!remote) {
    out.push(
      finding('config/remote-not-allowlisted', {
        subject,
        message: `remote server ${info.display} has no entry in allowlist/remote/`,
        location,
        evidence: { url: info.display },
      }),
    );
  } else {
    const allowed = new Set(remote.headers.map((h) => h.toLowerCase()));
    for (const name of Object.keys(server.headers).sort()) {
      if (!allowed.has(name.toLowerCase())) {
        out.push(
          finding('config/remote-header-not-allowlisted', {
            subject,
            message: `header ${name} is sent to ${info.display}, but ${remote.file} does not list it`,
            location: {
              ...location,
              pointer: `${server.pointer}/headers/${name}`,
              line: server.fieldLines[`headers/${name}`] ?? server.line,
            },
            evidence: { header: name, entry: remote.file },
          }),
        );
      }
    }
  }
  return out;
}

function packageFindings(
  server: ConfiguredServer,
  subject: string,
  target: ResolvedTarget,
  lookups: Lookups,
  location: FindingLocation,
): Finding[] {
  switch (target.kind) {
    case 'remote':
      return [];
    case 'unmanaged':
      return [
        finding('config/unmanaged-server', {
          subject,
          message: target.reason,
          location,
          evidence: { runner: target.runner },
        }),
      ];
    case 'installed':
    case 'installed-bin':
      // resolved by the workflow before evaluation; unresolved means there was nothing to read
      return [
        finding('config/package-not-installed', {
          subject,
          message: `${target.kind === 'installed' ? target.name : target.bin} is started from node_modules, which was not inspected`,
          location,
        }),
      ];
    case 'installed-package': {
      if (!target.name)
        return [
          finding('config/package-not-installed', {
            subject,
            message: `${target.what} is not installed, so its package and version are unknown`,
            location,
          }),
        ];
      const pin = lookups.pin(target.name);
      if (!pin) return [shadow(subject, target.name, location)];
      if (!target.version)
        return [
          finding('config/package-not-installed', {
            subject,
            message: `${target.name} is not installed, so its version cannot be compared with the pin ${pin.version}`,
            location,
            evidence: { pinned: pin.version },
          }),
        ];
      return target.version === pin.version ? [] : [mismatch(subject, target.name, target.version, pin, location)];
    }
    case 'npm': {
      const out: Finding[] = [];
      const pin = lookups.pin(target.name);
      if (!pin) out.push(shadow(subject, target.name, location));
      if (!target.exact) {
        const how = target.spec === target.name ? 'no version' : `"${target.wanted}", not an exact version`;
        out.push(
          finding('config/unpinned', {
            subject,
            message: `${target.runner} starts ${target.name} with ${how}${pin ? `; the pin is ${target.name}@${pin.version}: start it with \`npx -y mcp-vet run ${target.name}\`` : ''}`,
            location,
            evidence: { package: target.name, wanted: target.wanted, ...(pin ? { pinned: pin.version } : {}) },
          }),
        );
      } else if (pin && !(target.enforced && target.spec === target.name) && target.wanted !== pin.version) {
        out.push(mismatch(subject, target.name, target.wanted, pin, location));
      }
      return out;
    }
  }
}

function shadow(subject: string, name: string, location: FindingLocation): Finding {
  return finding('config/shadow-server', {
    subject,
    message: `${name} is not on the allowlist`,
    location,
    evidence: { package: name },
  });
}

function mismatch(subject: string, name: string, version: string, pin: PinRef, location: FindingLocation): Finding {
  return finding('config/version-mismatch', {
    subject,
    message: `the config starts ${name}@${version}, the pin (${pin.file}) is ${pin.version}`,
    location,
    evidence: { package: name, configured: version, pinned: pin.version },
  });
}
