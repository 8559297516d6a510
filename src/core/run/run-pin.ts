import { VetError } from '../errors.js';

/**
 * The fields of an allowlist entry that `mcp-vet run` needs, read without the full schema so that
 * a warm start loads no schema library. A cold start (nothing cached yet) also validates the whole
 * entry against its schema.
 */
export interface RunPin {
  name: string;
  version: string;
  integrity: string;
  /** `tree`: the closure digest approved (pins made before it was recorded have none) */
  dependencies: { digest: string; count: number; tree?: string };
  manifest: { status: string; digest?: string };
  provenance: { status: string };
  launch: { bin?: string; sandbox?: string; args: string[]; env: string[] };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const INTEGRITY = /^(sha512|sha384|sha256|sha1)-[A-Za-z0-9+/=]+$/;

/** Reads a parsed allowlist entry; a missing or mistyped field is INVALID_FILE naming file and field. */
export function readRunPin(value: unknown, file: string): RunPin {
  const bad = (field: string, what: string): never => {
    throw new VetError('INVALID_FILE', `${file}: field ${field}: ${what}`, { details: { file, field } });
  };
  const obj = (v: unknown, field: string): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : bad(field, 'not an object');
  const str = (v: unknown, field: string, re?: RegExp): string =>
    typeof v === 'string' && v.length > 0 && (!re || re.test(v)) ? v : bad(field, 'missing or not a valid string');
  const strings = (v: unknown, field: string, re?: RegExp): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return bad(field, 'not an array');
    return v.map((x, i) =>
      typeof x === 'string' && (!re || re.test(x)) ? x : bad(`${field}/${i}`, 'not a valid string'),
    );
  };
  const root = obj(value, '/');
  const deps = obj(root['dependencies'], '/dependencies');
  const manifest = obj(root['manifest'], '/manifest');
  const provenance = obj(root['provenance'], '/provenance');
  const launch = root['launch'] === undefined ? {} : obj(root['launch'], '/launch');
  const count = deps['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    bad('/dependencies/count', 'not a non-negative integer');
  const pin: RunPin = {
    name: str(root['name'], '/name'),
    version: str(root['version'], '/version'),
    integrity: str(root['integrity'], '/integrity', INTEGRITY),
    dependencies: { digest: str(deps['digest'], '/dependencies/digest', DIGEST), count: count as number },
    manifest: { status: str(manifest['status'], '/manifest/status') },
    provenance: { status: str(provenance['status'], '/provenance/status') },
    launch: {
      args: strings(launch['args'], '/launch/args'),
      env: strings(launch['env'], '/launch/env', ENV_NAME),
    },
  };
  if (deps['tree'] !== undefined) pin.dependencies.tree = str(deps['tree'], '/dependencies/tree', DIGEST);
  if (manifest['digest'] !== undefined) pin.manifest.digest = str(manifest['digest'], '/manifest/digest', DIGEST);
  if (launch['bin'] !== undefined) pin.launch.bin = str(launch['bin'], '/launch/bin');
  if (launch['sandbox'] !== undefined) pin.launch.sandbox = str(launch['sandbox'], '/launch/sandbox');
  return pin;
}

/** `name`, `name@1.2.3`, `@scope/name@1.2.3` -> name and the version asked (null: none). */
export function splitRunSpec(spec: string): { name: string; version: string | null } {
  const at = spec.indexOf('@', 1);
  const name = at === -1 ? spec : spec.slice(0, at);
  const version = at === -1 ? null : spec.slice(at + 1);
  if (!/^(@[a-z0-9][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/i.test(name) || name.length > 214)
    throw new VetError('INVALID_SPEC', `"${spec}" is not a registry package name[@version]`, { details: { spec } });
  if (version === '') throw new VetError('INVALID_SPEC', `"${spec}": empty version`, { details: { spec } });
  return { name, version };
}
