import type { Finding } from '../findings/finding.js';
import { severityRank, type Severity } from '../findings/severity.js';
import { codeTexts, profileCode } from '../package-diff/code-profile.js';
import { apiScanner } from '../package-diff/dangerous-apis.js';
import { diffPackages } from '../package-diff/index.js';
import { isMinified } from '../package-diff/minified-code.js';
import { endpointScanner } from '../package-diff/network-endpoints.js';
import type { PackageVersion } from '../package-diff/input.js';
import { reviewPackageVersion } from '../package-diff/version-review.js';
import { maintainerFindings } from '../registry-signals/maintainers.js';
import type { ClosureJudgement, ClosureOutcome, ClosurePackageEvidence, ClosureSignal } from './evidence.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A release younger than this is "recent": most malicious releases of popular packages were found
 * and pulled within hours or days, so a recent hostile or notable release weighs most.
 */
export const RECENT_DAYS = 7;
/**
 * A clean change (its content reviewed, nothing of note) is worth a line (low) only while it is
 * this fresh, inside the window in which compromised releases were found and pulled; then info,
 * so routine patch releases of the closure do not turn every nightly drift into a review.
 */
export const CLEAN_RECENT_DAYS = 2;

/** Severity per outcome: [recent or of unknown age, out for RECENT_DAYS (clean: CLEAN_RECENT_DAYS) or more]. */
const SEVERITY: Record<'hostile' | 'notable' | 'clean', readonly [Severity, Severity]> = {
  hostile: ['critical', 'high'],
  notable: ['medium', 'low'],
  clean: ['low', 'info'],
};

const MAX_SIGNALS = 20;
/** Ways to hide code that only an obfuscator produces (a long encoded string alone is only notable). */
const HIDING = new Set(['packed-eval', 'obfuscator-identifiers', 'hex-escapes']);
/** APIs that, next to a hard-coded endpoint, make a package that calls out and acts. */
const ACTING_APIS = new Set(['child-process', 'eval', 'vm']);
const WORST_APIS = new Set(['download-exec', 'remote-code', 'home-write']);
const OWNERSHIP = new Set([
  'package/maintainers-changed',
  'package/publisher-changed',
  'package/repository-changed',
  'package/author-changed',
]);
const ENDPOINTS = new Set(['package/new-network-endpoint', 'package/new-ip-address', 'package/new-email-address']);

/**
 * One changed package of the closure, judged by what its change holds and how fresh it is. A
 * version change is diffed with the version the pinned lock records (the signals the server
 * itself gets); a package new to the closure (or whose old version could not be read) is
 * reviewed on its own. Hostile: an install script, obfuscation, a native binary, unsafe tarball
 * entries, a download handed to a shell, code fetched and run, writes to sensitive home files,
 * or a new hard-coded endpoint together with a new child process / eval / vm. Notable: another
 * new dangerous API, endpoint or minified file, a long encoded string, or a change of owner.
 * Anything else is clean. Pure.
 */
export function judgeClosurePackage(e: ClosurePackageEvidence, now: Date): ClosureJudgement {
  const path = e.change.path;
  if (e.bytesRefused) return { path, outcome: 'bytes-refused', severity: 'critical', signals: [] };
  const age = releaseAge(e, now);
  if (!e.after)
    return { path, outcome: 'unreviewed', severity: 'medium', signals: [], reason: e.missing ?? 'not fetched', ...age };
  const against = e.before ? 'previous' : 'nothing';
  const signalsOf = (view: (v: PackageVersion) => PackageVersion) =>
    e.before ? changeSignals(view(e.before), view(e.after!), e) : ownSignals(view(e.after!));
  // Judged on the code that can run: tests, examples and TypeScript sources (which Node does not
  // run from node_modules) only make a change notable, whatever they hold.
  const signals = signalsOf(runtimeView);
  const seen = new Set(signals.map(signalKey));
  const inertOnly = signalsOf((v) => v).filter((s) => isHostile(s) && !seen.has(signalKey(s)));
  const hostile = signals.filter((s) => isHostile(s)).concat(e.before ? [] : sameFileCallout(e.after));
  const combined = e.before ? endpointWithApi(signals) : [];
  const notable = [...signals.filter((s) => !isHostile(s) && isNotable(s, against)), ...inertOnly];
  const decisive = [...hostile, ...combined];
  const outcome: ClosureOutcome = decisive.length > 0 ? 'hostile' : notable.length > 0 ? 'notable' : 'clean';
  const kept = outcome === 'hostile' ? [...decisive, ...notable] : outcome === 'notable' ? notable : [];
  const unique = [...new Map(kept.map((s) => [`${s.code}\u0000${s.message}`, s])).values()];
  const window = outcome === 'clean' ? CLEAN_RECENT_DAYS : RECENT_DAYS;
  const recent = age.ageDays === undefined || age.ageDays < window;
  return {
    path,
    outcome,
    severity: SEVERITY[outcome][recent ? 0 : 1],
    signals: unique
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity))
      .slice(0, MAX_SIGNALS)
      .map(asSignal),
    against,
    ...age,
  };
}

/** Where code that does not run in production lives: tests, fixtures, examples, benchmarks. */
const INERT_DIR =
  /(?:^|\/)(?:__tests__|__mocks__|__fixtures__|tests?|spec|specs|fixtures?|examples?|benchmarks?|bench)\//i;
const INERT_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$|\.[cm]?tsx?$/i;

export function isInertPath(path: string): boolean {
  return INERT_DIR.test(path) || INERT_FILE.test(path);
}

/** The version with the content of inert files dropped, so the code signals read only what can run. */
function runtimeView(v: PackageVersion): PackageVersion {
  return {
    ...v,
    files: v.files.map((f) => {
      if (!f.content || !isInertPath(f.path)) return f;
      const { content: _content, ...rest } = f;
      return rest;
    }),
  };
}

function signalKey(f: Finding): string {
  return `${f.code}\u0000${String(f.evidence?.['kind'] ?? f.evidence?.['api'] ?? f.evidence?.['script'] ?? f.message)}`;
}

function releaseAge(e: ClosurePackageEvidence, now: Date): { published?: string; ageDays?: number } {
  const version = e.change.after.version;
  const raw = e.packument?.time?.[version];
  const at = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (Number.isNaN(at)) return {};
  return { published: raw as string, ageDays: Math.floor((Math.max(0, now.getTime() - at) / DAY_MS) * 10) / 10 };
}

/** The package diff and the owner signals between the locked version and the new one. */
function changeSignals(before: PackageVersion, after: PackageVersion, e: ClosurePackageEvidence): Finding[] {
  const owners = e.packument
    ? maintainerFindings({
        name: after.meta.name,
        pinned: before.meta.version,
        candidate: after.meta.version,
        packument: e.packument,
        now: new Date(0),
      }).filter((f) => f.code !== 'package/maintainers-unavailable')
    : [];
  return [...diffPackages(before, after).findings, ...owners];
}

/** A package new to the closure: its own signals, as a first pin gets them. */
function ownSignals(after: PackageVersion): Finding[] {
  return reviewPackageVersion(after);
}

function isHostile(f: Finding): boolean {
  switch (f.code) {
    case 'package/install-script-added':
    case 'package/install-script-changed':
      // `prepare` runs only for git and folder installs (reported as info)
      return f.severity !== 'info';
    case 'package/native-binary-added':
    case 'package/unsafe-tarball-entry':
      return true;
    case 'package/obfuscated-code-added':
      return HIDING.has(String(f.evidence?.['kind']));
    case 'package/dangerous-api-added':
      // on a package reviewed on its own, a combination seen in a bundle weighs medium: notable only
      return WORST_APIS.has(String(f.evidence?.['api'])) && severityRank(f.severity) >= severityRank('high');
    default:
      return false;
  }
}

function isNotable(f: Finding, against: 'previous' | 'nothing'): boolean {
  if (OWNERSHIP.has(f.code)) return true;
  if (f.code === 'package/obfuscated-code-added') return true;
  if (against === 'nothing')
    // using an API or naming a host or address is no news for a package seen for the first time
    return f.code === 'package/dangerous-api-added' && severityRank(f.severity) >= severityRank('medium');
  return ENDPOINTS.has(f.code) || f.code === 'package/dangerous-api-added' || f.code === 'package/minified-code-added';
}

/** A version change that adds a hard-coded endpoint and a child process, eval or vm: both signals. */
function endpointWithApi(signals: readonly Finding[]): Finding[] {
  const endpoints = signals.filter(
    (f) => f.code === 'package/new-network-endpoint' || f.code === 'package/new-ip-address',
  );
  const apis = signals.filter(
    (f) => f.code === 'package/dangerous-api-added' && ACTING_APIS.has(String(f.evidence?.['api'])),
  );
  return endpoints.length > 0 && apis.length > 0 ? [...endpoints.slice(0, 3), ...apis.slice(0, 3)] : [];
}

/**
 * A package reviewed on its own: a code file (not a bundle) that hard-codes a host or IP address
 * and starts processes or evaluates code. In the same file only: across a whole package both are
 * common.
 */
function sameFileCallout(version: PackageVersion): Finding[] {
  const out: Finding[] = [];
  for (const file of codeTexts(runtimeView(version))) {
    const profile = profileCode([file], [endpointScanner, apiScanner]);
    const endpoint = [...(profile.get(endpointScanner.id) ?? [])].find(
      ([k]) => k.startsWith('host:') || k.startsWith('ip:'),
    );
    const api = [...(profile.get(apiScanner.id) ?? [])].find(([k]) => ACTING_APIS.has(k));
    if (!endpoint || !api || isMinified(file)) continue;
    out.push({
      code: 'package/dangerous-api-added',
      severity: 'high',
      subject: version.subject,
      location: { kind: 'file', file: file.path, line: api[1].line },
      message: `${file.path}:${api[1].line} uses ${api[0]} in the file that hard-codes ${endpoint[0].slice(endpoint[0].indexOf(':') + 1)}`,
      evidence: { api: api[0], after: api[1].match, endpoint: endpoint[1].match },
    });
    if (out.length >= 3) break;
  }
  return out;
}

function asSignal(f: Finding): ClosureSignal {
  const s: ClosureSignal = { code: f.code, severity: f.severity, message: f.message };
  if (f.location) s.location = f.location;
  if (f.evidence) s.evidence = f.evidence;
  return s;
}
