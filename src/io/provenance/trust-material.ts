import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as SigstoreCore from '@sigstore/core';
import type { TrustMaterial } from '@sigstore/verify';
import { VetError } from '../../core/errors.js';
import { keyValidAt, type RegistryKey } from '../../core/provenance/registry-keys.js';
import { lazyRequire } from '../lazy-require.js';

const require = createRequire(import.meta.url);
const sigstoreCore = lazyRequire<typeof SigstoreCore>('@sigstore/core');
const BEGINNING = new Date(0);
const END = new Date(8_640_000_000_000_000);

/** Everything needed to verify provenance offline. */
export interface ProvenanceTrust {
  /** certificate authorities, transparency and CT logs, and the npm attestation key finder */
  material: TrustMaterial;
  /** npm keys with usage npm:attestations (publish attestations) */
  attestationKeys: RegistryKey[];
  /** npm keys with usage npm:signatures (dist.signatures) */
  signatureKeys: RegistryKey[];
  /** where the trusted root came from, for messages */
  source: string;
}

export interface TrustOptions {
  /** a trusted_root.json that replaces the one shipped in @sigstore/tuf's seeds.json */
  trustedRootFile?: string;
  /** replaces the shipped npm keys (tests, or a newer keys target) */
  npmKeys?: { attestations: RegistryKey[]; signatures: RegistryKey[] };
}

/**
 * Builds the trust material from the Sigstore trusted root and npm keys embedded in
 * @sigstore/tuf's seeds.json (no network: TUF refresh is never attempted), or from --trusted-root.
 */
export async function loadProvenanceTrust(options: TrustOptions = {}): Promise<ProvenanceTrust> {
  // The shipped material cannot change while running: built once per process (drift and verify ask
  // for it once per pin). A --trusted-root file is read again every time.
  if (options.trustedRootFile || options.npmKeys) return buildTrust(options);
  shippedTrust ??= buildTrust(options).catch((err: unknown) => {
    shippedTrust = undefined;
    throw err;
  });
  return shippedTrust;
}

let shippedTrust: Promise<ProvenanceTrust> | undefined;

async function buildTrust(options: TrustOptions): Promise<ProvenanceTrust> {
  const seeds = readSeeds();
  let root: unknown;
  let source = '@sigstore/tuf seeds.json';
  if (options.trustedRootFile) {
    source = options.trustedRootFile;
    let text: string;
    try {
      text = await readFile(options.trustedRootFile, 'utf8');
    } catch (err) {
      throw new VetError(
        'INVALID_FILE',
        `--trusted-root ${options.trustedRootFile}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        { cause: err, details: { file: options.trustedRootFile } },
      );
    }
    try {
      root = JSON.parse(text);
    } catch (err) {
      throw new VetError(
        'INVALID_FILE',
        `--trusted-root ${options.trustedRootFile}: not valid JSON: ${(err as Error).message}`,
        { cause: err, details: { file: options.trustedRootFile } },
      );
    }
  } else {
    root = seeds.trustedRoot;
  }
  const keys = options.npmKeys ?? seeds.npmKeys;
  return {
    material: toMaterial(root, source, keys.attestations),
    attestationKeys: keys.attestations,
    signatureKeys: keys.signatures,
    source,
  };
}

interface Seeds {
  trustedRoot: unknown;
  npmKeys: { attestations: RegistryKey[]; signatures: RegistryKey[] };
}

let seedsCache: Seeds | undefined;

function readSeeds(): Seeds {
  if (seedsCache) return seedsCache;
  try {
    const seeds = require('@sigstore/tuf/seeds.json') as Record<string, { targets: Record<string, string> }>;
    const repo = Object.values(seeds)[0];
    if (!repo) throw new Error('no repository');
    const target = (name: string) =>
      JSON.parse(Buffer.from(repo.targets[name] ?? '', 'base64').toString('utf8')) as unknown;
    const keysTarget = Object.keys(repo.targets).find((t) => t.endsWith('%2Fkeys.json'));
    if (!keysTarget) throw new Error('no npm keys target');
    const keyList = ((target(keysTarget) as { keys?: unknown[] }).keys ?? []) as Array<{
      keyId: string;
      keyUsage: string;
      publicKey: { rawBytes: string; validFor?: { start?: string; end?: string } };
    }>;
    const toKey = (k: (typeof keyList)[number]): RegistryKey => {
      const key: RegistryKey = { keyid: k.keyId, key: k.publicKey.rawBytes };
      if (k.publicKey.validFor?.start) key.start = k.publicKey.validFor.start;
      if (k.publicKey.validFor?.end) key.expires = k.publicKey.validFor.end;
      return key;
    };
    seedsCache = {
      trustedRoot: target('trusted_root.json'),
      npmKeys: {
        attestations: keyList.filter((k) => k.keyUsage === 'npm:attestations').map(toKey),
        signatures: keyList.filter((k) => k.keyUsage === 'npm:signatures').map(toKey),
      },
    };
    return seedsCache;
  } catch (err) {
    throw new VetError(
      'TRUST_MATERIAL',
      `cannot read the Sigstore trust material shipped in @sigstore/tuf (seeds.json): ${(err as Error).message}`,
      { cause: err },
    );
  }
}

interface RootAuthority {
  certChain?: { certificates?: Array<{ rawBytes?: string }> };
  validFor?: { start?: string; end?: string };
}
interface RootLog {
  baseUrl?: string;
  logId?: { keyId?: string };
  checkpointKeyId?: { keyId?: string };
  publicKey?: { rawBytes?: string; keyDetails?: string; validFor?: { start?: string; end?: string } };
}

function toMaterial(root: unknown, source: string, npmKeys: RegistryKey[]): TrustMaterial {
  const r = root as {
    mediaType?: unknown;
    certificateAuthorities?: RootAuthority[];
    timestampAuthorities?: RootAuthority[];
    tlogs?: RootLog[];
    ctlogs?: RootLog[];
  };
  const where = (field: string) => `trusted root ${source}: ${field}`;
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.mediaType !== 'string' ||
    !r.mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')
  ) {
    throw new VetError('INVALID_FILE', where('mediaType: expected application/vnd.dev.sigstore.trustedroot+json'), {
      details: { file: source, field: '/mediaType' },
    });
  }
  try {
    return {
      certificateAuthorities: (r.certificateAuthorities ?? []).map(authority),
      timestampAuthorities: (r.timestampAuthorities ?? []).map(authority),
      tlogs: (r.tlogs ?? []).map(log),
      ctlogs: (r.ctlogs ?? []).map(log),
      publicKey: keyFinder(npmKeys),
    };
  } catch (err) {
    throw new VetError('INVALID_FILE', where(`unreadable key or certificate: ${(err as Error).message}`), {
      cause: err,
      details: { file: source },
    });
  }
}

function authority(a: RootAuthority) {
  return {
    certChain: trustedChain(
      (a.certChain?.certificates ?? []).map((c) =>
        sigstoreCore().X509Certificate.parse(Buffer.from(c.rawBytes ?? '', 'base64')),
      ),
    ),
    validFor: window(a.validFor),
  };
}

/**
 * A trust root's certificate chain is parsed once and takes part in every bundle's chain check.
 * @sigstore/core re-encodes these certificates (DER, recursively) for every comparison and checks the
 * chain's own links (root self-signature, root over intermediate) again for every bundle. Neither
 * can change within a run, so each part's encoding and each link's result between two certificates
 * of this chain are computed once, on first use. Everything that depends on a bundle (its leaf
 * certificate, SCTs, log entries, signatures) is still checked for every bundle.
 */
function trustedChain(certs: SigstoreCore.X509Certificate[]): SigstoreCore.X509Certificate[] {
  const members = new Set<unknown>(certs);
  for (const cert of certs) {
    const freeze = (obj: SigstoreCore.ASN1Obj) => {
      obj.subs.forEach(freeze);
      const der = obj.toDER();
      obj.toDER = () => der;
    };
    freeze(cert.root);
    const verify = cert.verify.bind(cert);
    const links = new Map<unknown, boolean>();
    cert.verify = (issuer?: SigstoreCore.X509Certificate) => {
      const key = issuer ?? cert;
      if (!members.has(key)) return verify(issuer);
      let ok = links.get(key);
      if (ok === undefined) links.set(key, (ok = verify(issuer)));
      return ok;
    };
  }
  return certs;
}

function log(l: RootLog) {
  const rsa = /RSA_PKCS1V1?5/.test(l.publicKey?.keyDetails ?? '') && l.publicKey?.keyDetails?.startsWith('PKCS1');
  return {
    baseURL: l.baseUrl ?? '',
    logID: Buffer.from((l.checkpointKeyId ?? l.logId)?.keyId ?? '', 'base64'),
    publicKey: sigstoreCore().crypto.createPublicKey(
      Buffer.from(l.publicKey?.rawBytes ?? '', 'base64'),
      rsa ? 'pkcs1' : 'spki',
    ),
    validFor: window(l.publicKey?.validFor),
  };
}

function window(v: { start?: string; end?: string } | undefined): { start: Date; end: Date } {
  return { start: v?.start ? new Date(v.start) : BEGINNING, end: v?.end ? new Date(v.end) : END };
}

/** The Verifier asks for a key by hint; an unknown hint is outdated trust material, not tampering. */
function keyFinder(keys: RegistryKey[]): TrustMaterial['publicKey'] {
  return (hint: string) => {
    const key = keys.find((k) => k.keyid === hint);
    if (!key) {
      throw new VetError(
        'TRUST_MATERIAL',
        `attestation signed by npm key ${hint}, which mcp-vet does not know; its trust material needs updating (upgrade mcp-vet)`,
        { details: { keyid: hint } },
      );
    }
    return {
      publicKey: sigstoreCore().crypto.createPublicKey(Buffer.from(key.key, 'base64'), 'spki'),
      validFor: (date: Date) => keyValidAt(key, date),
    };
  };
}
