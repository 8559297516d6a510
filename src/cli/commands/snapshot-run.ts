import { resolve } from 'node:path';
import { canonicalJsonChunks } from '../../core/canonical-json-chunks.js';
import { envNames, envPlaceholders } from '../launch-options.js';
import { VetError } from '../../core/errors.js';
import { isSeverity, type Severity } from '../../core/findings/severity.js';
import { buildReport, exitCodeForReport } from '../../core/report/report.js';
import { BEHAVIOUR_SCHEMA_ID } from '../../core/behaviour/record.js';
import { canonicalJson } from '../../core/canonical-json.js';
import { renderers } from '../../core/report/renderers.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { Ports } from '../../workflows/ports.js';
import type { SnapshotOptions, SnapshotResult } from '../../workflows/snapshot.js';
import { TOOL_VERSION } from '../../version.js';
import { makePorts } from '../make-ports.js';
import { portOptions } from '../pipeline-options.js';
import { note, writeStdout } from '../output.js';
import { withProgressEnded } from '../run-action.js';
import { SNAPSHOT_FORMATS, type SnapshotFormat } from './snapshot-formats.js';

/** `mcp-vet snapshot`, once its options are parsed (snapshot.ts defines them). */
export async function runSnapshot(operands: string[], opts: Record<string, unknown>): Promise<number> {
  const failOn = String(opts['failOn']);
  if (!isSeverity(failOn)) throw new VetError('USAGE', `--fail-on: unknown severity "${failOn}"`);
  const options: SnapshotOptions = {
    sandbox: opts['sandbox'] === 'relaxed' ? 'relaxed' : 'strict',
    recheck: opts['recheck'] !== false,
    behaviour: opts['behaviour'] !== false,
    limits: limitsFrom(opts),
  };
  const env = envNames(opts['env'] as string[]);
  const placeholders = envPlaceholders(opts['envPlaceholder'] as string[], env);
  const format = snapshotFormat(opts['format']);
  const output = outputFile(opts);
  const result = await run(operands, opts, env, options, placeholders).catch(async (err: unknown) => {
    // a start that failed: --report still gets its stage finding (step, request, stderr lines)
    if (typeof opts['report'] === 'string' && err instanceof VetError && err.details['server'] !== undefined)
      await writeFailureReport(resolve(opts['report']), subjectOf(operands, opts), err, failOn);
    throw err;
  });
  await emitManifest(result, format, output);
  if (typeof opts['behaviour'] === 'string' && result.behaviour)
    await writeFileAtomic(
      resolve(opts['behaviour']),
      canonicalJson({ $schema: BEHAVIOUR_SCHEMA_ID, ...result.behaviour }),
    );
  if (result.sandbox) {
    note(
      `sandbox: ${result.sandbox.active.join(', ')}${result.sandbox.unavailable.length ? `; unavailable: ${result.sandbox.reasons.map((r) => `${r.layer} (${r.reason})`).join(', ')}` : ''}${result.sandbox.lifted.length ? `; lifted: ${result.sandbox.lifted.map((l) => `${l.layer} (${l.reason})`).join(', ')}` : ''}`,
    );
  }
  // text and markdown on stdout list the findings themselves
  if (format === 'json' || output !== undefined)
    for (const f of result.findings) note(`${f.severity}: ${f.code}: ${f.message}`);
  const report = buildReport({
    command: 'snapshot',
    toolVersion: TOOL_VERSION,
    subjects: [{ name: result.subject }],
    findings: result.findings,
    failOn,
  });
  if (typeof opts['report'] === 'string') await writeFileAtomic(resolve(opts['report']), renderers.json(report));
  return exitCodeForReport(report, failOn);
}

async function run(
  operands: string[],
  opts: Record<string, unknown>,
  env: string[],
  options: SnapshotOptions,
  placeholders: Record<string, string>,
): Promise<SnapshotResult> {
  const modes = [
    operands.length > 0 && opts['command'] === undefined,
    opts['command'] !== undefined,
    opts['url'] !== undefined,
  ].filter(Boolean).length;
  if (modes !== 1) throw new VetError('USAGE', 'give exactly one of: a package spec, --command CMD, --url URL');
  const {
    snapshotCommand: runCommandSnapshot,
    snapshotPackage,
    snapshotUrl,
  } = await import('../../workflows/snapshot.js');
  if (operands.length > 1 && opts['command'] === undefined)
    throw new VetError('USAGE', `one package at a time (got ${operands.length}); server arguments go in --arg`);
  const ports = await makePorts({ ...portOptions(opts), offline: operands.length === 0 });
  return withProgressEnded(ports, () => snapshotOf(ports));

  function snapshotOf(ports: Ports): Promise<SnapshotResult> {
    if (typeof opts['command'] === 'string')
      return runCommandSnapshot(
        ports,
        opts['command'],
        [...operands, ...(opts['arg'] as string[])],
        env,
        options,
        placeholders,
      );
    if (typeof opts['url'] === 'string') {
      const headers = (opts['header'] as string[]).map((h) => {
        const m = /^([A-Za-z0-9-]+)=([A-Za-z_][A-Za-z0-9_]*)$/.exec(h);
        if (!m) throw new VetError('USAGE', `--header ${h}: expected NAME=ENVVAR (the value is read from $ENVVAR)`);
        return { name: m[1] as string, envVar: m[2] as string };
      });
      return snapshotUrl(ports, opts['url'], headers, options);
    }
    const launch = {
      args: opts['arg'] as string[],
      env,
      ...(Object.keys(placeholders).length > 0 ? { placeholders } : {}),
      ...(typeof opts['bin'] === 'string' ? { bin: opts['bin'] } : {}),
    };
    return snapshotPackage(ports, operands[0] as string, launch, options);
  }
}

function subjectOf(operands: string[], opts: Record<string, unknown>): string {
  if (typeof opts['url'] === 'string') return opts['url'];
  if (typeof opts['command'] === 'string') return [opts['command'], ...operands].join(' ');
  return operands[0] ?? '';
}

async function writeFailureReport(file: string, subject: string, err: VetError, failOn: Severity): Promise<void> {
  const { stageFailure } = await import('../../workflows/gather/stage.js');
  const { stageFindings } = await import('../../core/assess/stage.js');
  const report = buildReport({
    command: 'snapshot',
    toolVersion: TOOL_VERSION,
    subjects: [{ name: subject }],
    findings: stageFindings([stageFailure('snapshot', subject, err)]),
    failOn,
  });
  await writeFileAtomic(file, renderers.json(report));
}

function limitsFrom(opts: Record<string, unknown>): SnapshotOptions['limits'] {
  const seconds = (key: string, flag: string) => {
    if (opts[key] === undefined) return undefined;
    const n = Number(opts[key]);
    if (!Number.isFinite(n) || n <= 0)
      throw new VetError('USAGE', `${flag}: expected a number of seconds, got "${String(opts[key])}"`);
    return Math.round(n * 1000);
  };
  const limits: SnapshotOptions['limits'] = {};
  const startup = seconds('startupTimeout', '--startup-timeout');
  const total = seconds('timeout', '--timeout');
  if (startup !== undefined) limits.startupMs = startup;
  if (total !== undefined) limits.totalMs = total;
  return limits;
}

/**
 * The canonical manifest, with every character that could act on a terminal (C1 controls, DEL,
 * bidirectional and invisible format characters) written as a JSON \u escape: the same JSON value,
 * safe to print.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(
    // eslint-disable-next-line no-misleading-character-class -- single code units on purpose: each one is escaped
    /[\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb\ud800-\udfff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function snapshotFormat(value: unknown): SnapshotFormat {
  const format = String(value ?? 'json');
  if (!(SNAPSHOT_FORMATS as readonly string[]).includes(format))
    throw new VetError('USAGE', `--format: unknown format "${format}" (use ${SNAPSHOT_FORMATS.join(', ')})`);
  return format as SnapshotFormat;
}

/** --output FILE, or its older name --out; both at once must agree. */
function outputFile(opts: Record<string, unknown>): string | undefined {
  const output = typeof opts['output'] === 'string' ? opts['output'] : undefined;
  const out = typeof opts['out'] === 'string' ? opts['out'] : undefined;
  if (output !== undefined && out !== undefined && output !== out)
    throw new VetError('USAGE', '--output and --out name different files: give one');
  return output ?? out;
}

async function emitManifest(result: SnapshotResult, format: SnapshotFormat, out: string | undefined): Promise<void> {
  const text = format === 'json' ? manifestJson(result) : await manifestView(result, format);
  if (out) {
    await writeFileAtomic(resolve(out), text);
    note(
      `wrote ${out} (${result.manifest.tools.length} tools, ${result.manifest.prompts.length} prompts, ${result.manifest.resources.length} resources)`,
    );
  } else {
    await writeStdout(text);
  }
}

/**
 * The canonical manifest, in pieces: a manifest of many megabytes is never held as one more string
 * (escaping works on single code units, so it can be applied piece by piece).
 */
function* manifestJson(result: SnapshotResult): Generator<string> {
  for (const piece of canonicalJsonChunks(result.manifest, 2)) yield terminalSafeJson(piece);
  yield '\n';
}

async function manifestView(result: SnapshotResult, format: 'text' | 'markdown'): Promise<string> {
  const { renderManifestMarkdown, renderManifestText } = await import('../../core/manifest/render-manifest.js');
  const view = { manifest: result.manifest, findings: result.findings };
  return format === 'text' ? renderManifestText(view) : renderManifestMarkdown(view);
}
