import type { SignerIdentity } from './identity.js';
import { isObject, SLSA_V02, SLSA_V1 } from './statement.js';

/** What a SLSA provenance predicate claims about the build, in identity terms. */
export type SlsaClaims = Pick<
  SignerIdentity,
  'repository' | 'workflow' | 'ref' | 'commit' | 'repositoryId' | 'ownerId' | 'runner'
>;

/** Reads the build identity claimed by a SLSA v0.2 or v1 predicate (npm's GitHub/GitLab layouts). */
export function slsaClaims(predicateType: string, predicate: Record<string, unknown>): SlsaClaims {
  if (predicateType === SLSA_V1) return v1Claims(predicate);
  if (predicateType === SLSA_V02) return v02Claims(predicate);
  return {};
}

function v1Claims(p: Record<string, unknown>): SlsaClaims {
  const def = obj(p['buildDefinition']);
  const workflow = obj(obj(def['externalParameters'])['workflow']);
  const github = obj(obj(def['internalParameters'])['github']);
  const deps = Array.isArray(def['resolvedDependencies']) ? def['resolvedDependencies'] : [];
  const out: SlsaClaims = {};
  set(out, 'repository', str(workflow['repository']));
  set(out, 'workflow', str(workflow['path']));
  set(out, 'ref', str(workflow['ref']));
  set(out, 'repositoryId', str(github['repository_id']));
  set(out, 'ownerId', str(github['repository_owner_id']));
  const first = obj(deps[0]);
  set(out, 'commit', str(obj(first['digest'])['gitCommit']));
  const builder = str(obj(obj(p['runDetails'])['builder'])['id']);
  if (builder?.endsWith('/github-hosted')) out.runner = 'github-hosted';
  else if (builder?.endsWith('/self-hosted')) out.runner = 'self-hosted';
  return out;
}

function v02Claims(p: Record<string, unknown>): SlsaClaims {
  const invocation = obj(p['invocation']);
  const source = obj(invocation['configSource']);
  const env = obj(invocation['environment']);
  const out: SlsaClaims = {};
  const uri = str(source['uri']);
  if (uri) {
    const m = /^(?:git\+)?(.+?)@(refs\/.+)$/.exec(uri);
    set(out, 'repository', m ? m[1] : uri.replace(/^git\+/, ''));
    if (m) set(out, 'ref', m[2]);
  }
  set(out, 'commit', str(obj(source['digest'])['sha1']));
  const entry = str(source['entryPoint']);
  if (entry) {
    const noRef = entry.replace(/@refs\/.*$/, '');
    const i = noRef.indexOf('.github/workflows/');
    set(out, 'workflow', i >= 0 ? noRef.slice(i) : noRef);
  }
  set(out, 'repositoryId', str(env['GITHUB_REPOSITORY_ID']));
  set(out, 'ownerId', str(env['GITHUB_REPOSITORY_OWNER_ID']));
  return out;
}

function obj(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

function set<K extends keyof SlsaClaims>(out: SlsaClaims, key: K, value: string | undefined): void {
  if (value !== undefined) out[key] = value;
}
