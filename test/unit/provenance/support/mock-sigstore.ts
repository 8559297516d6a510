import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { initializeCA, initializeCTLog, initializeTLog } from '@sigstore/mock';

/**
 * A private Sigstore made in the test: a Fulcio-like CA with a CT log, and a Rekor-like log.
 * Bundles signed with it verify through mcp-vet's normal code path when its trusted root is given.
 */
export interface TestSigstore {
  trustedRoot: Record<string, unknown>;
  /** signs an in-toto statement as a v0.3 bundle with a certificate carrying `extensions` */
  signStatement(statement: unknown, options?: SignOptions): Promise<Record<string, unknown>>;
  /** an npm-style publish key: signs v0.2 public-key bundles */
  npmKey: { keyid: string; key: string };
  signWithKey(statement: unknown): Promise<Record<string, unknown>>;
}

export interface SignOptions {
  san?: string;
  extensions?: Array<{ oid: string; value: string; legacy?: boolean }>;
}

const REKOR_URL = 'https://rekor.mcp-vet.test';
const PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export async function createTestSigstore(): Promise<TestSigstore> {
  const ecKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const ctKeys = ecKey();
  const tlogKeys = ecKey();
  const ctLog = await initializeCTLog(ctKeys);
  // @sigstore/mock 0.11 serialises SCTs without their signature in this dependency tree, so the
  // SCT is made here with node:crypto (RFC 6962 3.2) for the certificate the mock CA pre-signs.
  const framedCtLog = {
    ...ctLog,
    log: async (preCert: ArrayBuffer, issuerId: ArrayBuffer) => {
      const tbs = firstDerElement(Buffer.from(preCert));
      const timestamp = Buffer.alloc(8);
      timestamp.writeBigUInt64BE(BigInt(Date.now()));
      const len24 = Buffer.from([tbs.length >> 16, (tbs.length >> 8) & 0xff, tbs.length & 0xff]);
      const signed = Buffer.concat([
        Buffer.from([0, 0]),
        timestamp,
        Buffer.from([0, 1]),
        Buffer.from(issuerId),
        len24,
        tbs,
        Buffer.from([0, 0]),
      ]);
      const sctSig = sign('sha256', signed, ctKeys.privateKey);
      const sct = Buffer.concat([
        Buffer.from([0]),
        ctLog.logID,
        timestamp,
        Buffer.from([0, 0, 4, 3, sctSig.length >> 8, sctSig.length & 0xff]),
        sctSig,
      ]);
      const framed = Buffer.concat([Buffer.from([sct.length >> 8, sct.length & 0xff]), sct]);
      return framed.buffer.slice(framed.byteOffset, framed.byteOffset + framed.byteLength);
    },
  };
  const ca = await initializeCA(caKeys, framedCtLog);
  const tlog = await initializeTLog(REKOR_URL, tlogKeys);
  const npm = ecKey();
  const npmSpki = npm.publicKey.export({ format: 'der', type: 'spki' });
  const npmKeyid = `SHA256:test-${createHash('sha256').update(npmSpki).digest('base64').slice(0, 16)}`;
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  const start = '2000-01-01T00:00:00Z';
  const logKey = (spki: Buffer, url: string) => ({
    baseUrl: url,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: b64(spki), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
    logId: { keyId: b64(createHash('sha256').update(spki).digest()) },
  });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [logKey(tlog.publicKey, REKOR_URL)],
    certificateAuthorities: [
      {
        subject: { organization: 'mcp-vet test', commonName: 'test' },
        uri: 'https://fulcio.mcp-vet.test',
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor: { start },
      },
    ],
    ctlogs: [logKey(ctLog.publicKey, 'https://ctfe.mcp-vet.test')],
    timestampAuthorities: [],
  };

  async function logAndBundle(
    payload: Buffer,
    sig: Buffer,
    verifier: string,
    material: Record<string, unknown>,
    mediaType: string,
  ) {
    const body = {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: createHash('sha256').update(payload).digest('hex') },
        payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(payload).digest('hex') },
        signatures: [{ signature: b64(sig), verifier }],
      },
    };
    const logged = Object.values(await tlog.log(body))[0] as {
      body: string;
      integratedTime: number;
      logID: string;
      logIndex: number;
      verification: {
        signedEntryTimestamp: string;
        inclusionProof: { logIndex: number; treeSize: number; rootHash: string; hashes: string[]; checkpoint: string };
      };
    };
    const proof = logged.verification.inclusionProof;
    return {
      mediaType,
      verificationMaterial: {
        ...material,
        tlogEntries: [
          {
            logIndex: String(logged.logIndex),
            logId: { keyId: b64(Buffer.from(logged.logID, 'hex')) },
            kindVersion: { kind: 'dsse', version: '0.0.1' },
            integratedTime: String(logged.integratedTime),
            inclusionPromise: { signedEntryTimestamp: logged.verification.signedEntryTimestamp },
            inclusionProof: {
              logIndex: String(proof.logIndex),
              rootHash: b64(Buffer.from(proof.rootHash, 'hex')),
              treeSize: String(proof.treeSize),
              hashes: proof.hashes,
              checkpoint: { envelope: proof.checkpoint },
            },
            canonicalizedBody: logged.body,
          },
        ],
        timestampVerificationData: {},
      },
      dsseEnvelope: { payload: b64(payload), payloadType: PAYLOAD_TYPE, signatures: [{ sig: b64(sig), keyid: '' }] },
    };
  }

  function pae(payload: Buffer): Buffer {
    return Buffer.from(
      `DSSEv1 ${PAYLOAD_TYPE.length} ${PAYLOAD_TYPE} ${payload.length} ${payload.toString('binary')}`,
      'binary',
    );
  }

  return {
    trustedRoot,
    npmKey: { keyid: npmKeyid, key: b64(npmSpki) },
    async signStatement(statement, options = {}) {
      const leaf = ecKey();
      const cert = await ca.issueCertificate({
        publicKey: leaf.publicKey.export({ format: 'der', type: 'spki' }),
        subjectAltName:
          options.san ?? 'https://github.com/acme/weather-mcp/.github/workflows/release.yml@refs/tags/v1.0.0',
        extensions: options.extensions ?? [],
      });
      const payload = Buffer.from(JSON.stringify(statement));
      const sig = sign('sha256', pae(payload), leaf.privateKey as KeyObject);
      const pem = `-----BEGIN CERTIFICATE-----\n${b64(cert)}\n-----END CERTIFICATE-----\n`;
      return logAndBundle(
        payload,
        sig,
        b64(Buffer.from(pem)),
        { certificate: { rawBytes: b64(cert) } },
        'application/vnd.dev.sigstore.bundle.v0.3+json',
      );
    },
    async signWithKey(statement) {
      const payload = Buffer.from(JSON.stringify(statement));
      const sig = sign('sha256', pae(payload), npm.privateKey);
      const pem = npm.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      return logAndBundle(
        payload,
        sig,
        b64(Buffer.from(pem)),
        { publicKey: { hint: npmKeyid } },
        'application/vnd.dev.sigstore.bundle+json;version=0.2',
      );
    },
  };
}

/** Fulcio extensions as GitHub Actions sets them (DER values from .1.8 on). */
export function githubExtensions(o: {
  repository: string;
  workflow: string;
  ref: string;
  commit: string;
  runner?: string;
  repositoryId?: string;
  ownerId?: string;
}) {
  const P = '1.3.6.1.4.1.57264.1.';
  const uri = `${o.repository}/${o.workflow}@${o.ref}`;
  const ext = [
    { oid: `${P}8`, value: 'https://token.actions.githubusercontent.com' },
    { oid: `${P}9`, value: uri },
    { oid: `${P}11`, value: o.runner ?? 'github-hosted' },
    { oid: `${P}12`, value: o.repository },
    { oid: `${P}13`, value: o.commit },
    { oid: `${P}14`, value: o.ref },
    { oid: `${P}15`, value: o.repositoryId ?? '1001' },
    { oid: `${P}17`, value: o.ownerId ?? '2002' },
    { oid: `${P}18`, value: uri },
  ];
  return ext;
}

/** A SLSA v1 statement for an npm package, as npm writes it. */
export function slsaStatement(o: {
  name: string;
  version: string;
  sha512: string;
  repository: string;
  workflow: string;
  ref: string;
  commit: string;
  repositoryId?: string;
  ownerId?: string;
  runner?: string;
}) {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: `pkg:npm/${o.name.replace(/^@/, '%40')}@${o.version}`, digest: { sha512: o.sha512 } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
        externalParameters: { workflow: { ref: o.ref, repository: o.repository, path: o.workflow } },
        internalParameters: {
          github: {
            event_name: 'release',
            repository_id: o.repositoryId ?? '1001',
            repository_owner_id: o.ownerId ?? '2002',
          },
        },
        resolvedDependencies: [{ uri: `git+${o.repository}@${o.ref}`, digest: { gitCommit: o.commit } }],
      },
      runDetails: {
        builder: { id: `https://github.com/actions/runner/${o.runner ?? 'github-hosted'}` },
        metadata: { invocationId: `${o.repository}/actions/runs/1/attempts/1` },
      },
    },
  };
}

export function publishStatement(o: { name: string; version: string; sha512: string }) {
  return {
    _type: 'https://in-toto.io/Statement/v0.1',
    subject: [{ name: `pkg:npm/${o.name.replace(/^@/, '%40')}@${o.version}`, digest: { sha512: o.sha512 } }],
    predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1',
    predicate: { name: o.name, version: o.version, registry: 'https://registry.example.test' },
  };
}

/** The first element inside a DER SEQUENCE (a certificate's TBSCertificate), header included. */
function firstDerElement(der: Buffer): Buffer {
  const skipHeader = (at: number): { start: number; end: number } => {
    const first = der[at + 1]!;
    if (first < 0x80) return { start: at + 2, end: at + 2 + first };
    const n = first & 0x7f;
    let len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[at + 2 + i]!;
    return { start: at + 2 + n, end: at + 2 + n + len };
  };
  const outer = skipHeader(0);
  const inner = skipHeader(outer.start);
  return der.subarray(outer.start, inner.end);
}
