#!/usr/bin/env node
// Captures the manifests of real MCP servers published on npm with mcp-vet's own `snapshot`
// command and keeps them as test data. Run `npm run build` first; `npm run real-servers` does both.
//
//   node scripts/real-servers.mjs [--jobs N] [--timeout S] [--strict-only] [--docs-only] [PACKAGE...]
//
// Each server is snapshotted twice, in the strict sandbox and in the relaxed one (--strict-only: strict
// only); the strict manifest is kept when it succeeds, else the relaxed one. The table says for each
// mode whether it snapshotted and how long it took, what the server was seen doing (behaviour
// findings, a layer lifted), and whether the kept manifest is identical to the one captured before.
//
// Reads scripts/real-servers.list.json ([{ package, version, args?, env?, options?, note? }]):
// args go to the server (--arg), env are variable names (--env), options are more snapshot options.
// With package names, only those are captured again and the other entries of the index are kept;
// --docs-only captures nothing and writes the index and docs again from the list and the index.
// Writes test/data/real-servers/<scope>__<name>@<version>.json (the manifest exactly as printed),
// test/data/real-servers/index.json (what was captured and what failed) and docs/real-servers.md.
// Each server runs in a fresh temporary working folder; --env names get a placeholder value.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'mcp-vet');
const LIST = join(ROOT, 'scripts', 'real-servers.list.json');
const DATA = join(ROOT, 'test', 'data', 'real-servers');
const INDEX = join(DATA, 'index.json');
const DOC = join(ROOT, 'docs', 'real-servers.md');

function parseArgs(argv) {
  const opts = { jobs: 2, timeout: 300, only: [], docsOnly: false, strictOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--jobs') opts.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--timeout') opts.timeout = Math.max(10, Number(argv[++i]) || 300);
    else if (a === '--docs-only') opts.docsOnly = true;
    else if (a === '--strict-only') opts.strictOnly = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        'usage: node scripts/real-servers.mjs [--jobs N] [--timeout S] [--strict-only] [--docs-only] [PACKAGE...]\n',
      );
      process.exit(0);
    } else opts.only.push(a);
  }
  return opts;
}

export function fileFor(entry) {
  return `${entry.package.replace(/\//g, '__')}@${entry.version}.json`;
}

/** Long lines and URLs kept out of the docs: a reason is one short line. */
function oneLine(text, max = 200) {
  return text
    .replace(/https?:\/\/[^\s'")]+/g, '<url>')
    .replace(/\/tmp\/[^\s'")]+/g, '<tmp>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

function run(entry, mode, timeoutSeconds) {
  const cwd = mkdtempSync(join(tmpdir(), 'mcp-vet-real-'));
  const report = join(cwd, 'report.json');
  const args = [BIN, 'snapshot', `${entry.package}@${entry.version}`, '--sandbox', mode];
  for (const a of entry.args ?? []) args.push(`--arg=${a}`);
  for (const name of entry.env ?? []) args.push('--env', name);
  args.push(...(entry.options ?? []));
  args.push('--report', report);
  const env = { ...process.env };
  for (const name of entry.env ?? []) env[name] = 'placeholder-value';
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let findings = [];
      if (existsSync(report)) {
        try {
          findings = JSON.parse(readFileSync(report, 'utf8')).findings ?? [];
        } catch {
          findings = [];
        }
      }
      rmSync(cwd, { recursive: true, force: true });
      done({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        findings,
      });
    });
  });
}

const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

function failureReason(result) {
  if (!result) return 'not run';
  if (result.signal) return `killed by ${result.signal} (timeout)`;
  // a stage that could not complete repeats the error below, which also shows the stderr tail
  const worst = result.findings
    .filter((f) => !f.code.startsWith('stage/'))
    .sort((a, b) => (RANK[b.severity] ?? 0) - (RANK[a.severity] ?? 0))[0];
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
  const own = lines.filter((l) => l.startsWith('mcp-vet:') || /^error\b/i.test(l));
  const line = own[0] ?? lines.filter((l) => !/MaxListeners|trace-warnings|^sandbox:/.test(l)).at(-1) ?? '';
  if (worst) return oneLine(`${worst.code}: ${worst.message ?? ''}`);
  // the server's last stderr line, printed (escaped, indented) under mcp-vet's error
  const heading = lines.findIndex((l) => /^ {2}last \d+ line\(s\) of the server's stderr:$/.test(l));
  const tail = heading === -1 ? [] : lines.slice(heading + 1).filter((l) => l.startsWith('    '));
  const last = tail.at(-1)?.trim();
  const hint = lines.find((l) => l.startsWith('hint: '))?.slice('hint: '.length);
  const reason = (line.replace(/^mcp-vet: /, '') || `exit ${result.code}`).replace(/ \[[A-Z_]+\]$/, '');
  const parts = [reason, ...(hint ? [`hint: ${hint}`] : []), ...(last ? [`stderr ends: ${last.slice(0, 160)}`] : [])];
  return oneLine(parts.join('; '), 400);
}

/** A manifest without tools: the finding that says why, when there is one. */
function noToolsReason(result) {
  const failed = result.findings.find((f) => f.code === 'manifest/list-failed');
  return failed ? oneLine(`${failed.code}: ${failed.message ?? ''}`) : 'manifest has no tools';
}

/** One snapshot in one sandbox mode: the manifest when it listed tools, else why not. */
async function attempt(entry, mode, timeoutSeconds) {
  const started = Date.now();
  const result = await run(entry, mode, timeoutSeconds);
  const seconds = Math.round((Date.now() - started) / 1000);
  let manifest = null;
  try {
    manifest = JSON.parse(result.stdout);
  } catch {
    manifest = null;
  }
  const tools = Array.isArray(manifest?.tools) ? manifest.tools.length : 0;
  const ok = manifest !== null && tools > 0;
  const reason = ok ? undefined : manifest ? noToolsReason(result) : failureReason(result);
  // the snapshot's own starts (first, second with the same HOME, another client) were compared
  const unstable = result.findings.filter((f) => f.code === 'manifest/unstable').map((f) => oneLine(f.message ?? ''));
  const digest = typeof manifest?.digests?.manifest === 'string' ? manifest.digests.manifest : null;
  const line = ok ? `${tools} tools` : reason;
  process.stderr.write(
    `${ok ? 'ok    ' : 'FAILED'} ${entry.package}@${entry.version} ${mode}: ${line} (${seconds} s)\n`,
  );
  return { mode, ok, seconds, reason, result, manifest, digest, unstable };
}

/** What the server was seen doing: behaviour findings by kind, and a sandbox layer lifted for it. */
function behaviourSeen(a) {
  const seen = [...new Set(a.result.findings.filter((f) => f.code.startsWith('behaviour/')).map((f) => f.code))]
    .map((c) => c.slice('behaviour/'.length))
    .sort();
  const lifted = a.manifest?.probe?.sandbox?.lifted ?? [];
  if (a.mode === 'strict' && lifted.includes('node-permission')) seen.push('node-permission lifted');
  return seen;
}

/**
 * Whether the manifests of every start agree: each snapshot compares its own three starts (a
 * `manifest/unstable` finding when they differ), and the strict and the relaxed snapshot, two runs
 * of mcp-vet with their own sandbox folders, must give the same manifest digest. Computed, never
 * assumed: null when no snapshot succeeded.
 */
export function compareRuns(snapshots) {
  if (snapshots.length === 0) return null;
  const differences = snapshots.flatMap((a) => a.unstable.map((m) => `${a.mode}: ${m}`));
  const digests = [...new Set(snapshots.map((a) => a.digest))];
  if (digests.length > 1 || digests[0] === null)
    differences.push(
      `strict and relaxed snapshots differ (${snapshots.map((a) => a.digest ?? 'no digest').join(' vs ')})`,
    );
  const starts = snapshots.length * 3;
  return {
    starts,
    runs: snapshots.length,
    result: differences.length === 0,
    ...(differences.length ? { differences } : {}),
  };
}

async function capture(entry, timeoutSeconds, strictOnly) {
  const strict = await attempt(entry, 'strict', timeoutSeconds);
  const relaxed = strictOnly ? null : await attempt(entry, 'relaxed', timeoutSeconds);
  const kept = strict.ok ? strict : relaxed?.ok ? relaxed : (relaxed ?? strict);
  const outcome = (a) =>
    a === null
      ? null
      : { result: a.ok ? 'snapshotted' : 'failed', seconds: a.seconds, ...(a.reason ? { reason: a.reason } : {}) };
  const base = {
    package: entry.package,
    version: entry.version,
    args: entry.args ?? [],
    env: entry.env ?? [],
    sandbox: kept.mode,
    ...(entry.options ? { options: entry.options } : {}),
    strict: outcome(strict),
    ...(relaxed ? { relaxed: outcome(relaxed) } : {}),
    behaviour: behaviourSeen(kept),
  };
  const counts = kept.manifest
    ? {
        tools: Array.isArray(kept.manifest.tools) ? kept.manifest.tools.length : 0,
        prompts: Array.isArray(kept.manifest.prompts) ? kept.manifest.prompts.length : 0,
        resources: Array.isArray(kept.manifest.resources) ? kept.manifest.resources.length : 0,
      }
    : {};
  const codes = [...new Set(kept.result.findings.map((f) => f.code))].sort();
  const identical = compareRuns([strict, relaxed].filter((a) => a?.ok));
  if (kept.ok) {
    const file = fileFor(entry);
    const text = kept.result.stdout.endsWith('\n') ? kept.result.stdout : `${kept.result.stdout}\n`;
    const before = existsSync(join(DATA, file)) ? readFileSync(join(DATA, file), 'utf8') : null;
    writeFileSync(join(DATA, file), text);
    const sameAsBefore = before === null ? null : before === text;
    return {
      ...base,
      result: 'snapshotted',
      file,
      ...counts,
      sameAsBefore,
      identical,
      exitCode: kept.result.code,
      findings: codes,
    };
  }
  return {
    ...base,
    result: 'failed',
    reason: kept.reason,
    ...counts,
    identical,
    exitCode: kept.result.code,
    findings: codes,
  };
}

async function pool(items, jobs, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

function readIndex() {
  if (!existsSync(INDEX)) return [];
  const data = JSON.parse(readFileSync(INDEX, 'utf8'));
  return [...(data.servers ?? []), ...(data.failed ?? [])];
}

function cell(value) {
  return String(value).replace(/\|/g, '\\|');
}

/** The reason without the tool's name and the subject the row already shows. */
function shortReason(row) {
  const subject = `${row.package}@${row.version}`;
  let text = oneLine(row.reason.replace(/^mcp-vet: /, ''), 400);
  if (text.startsWith(subject)) text = text.slice(subject.length).replace(/^:?\s*/, '');
  return text;
}

/** What a server needs at start-up that the table's runs do not give it, as the list records it. */
const NEEDS = {
  credential: 'needs a live credential',
  network: 'needs the network at start-up',
  runtime: 'needs another runtime',
  package: 'a bug in the package',
};

/** Why a mode failed: what the server needs (from the list), else an mcp-vet bug until shown otherwise. */
function why(r) {
  const strictOk = (r.strict?.result ?? r.result) === 'snapshotted' && r.sandbox === 'strict';
  if (strictOk) return '-';
  const cause = r.cause ? NEEDS[r.cause] : null;
  if (cause) return r.note ? `${cause}: ${r.note}` : cause;
  return r.result === 'snapshotted'
    ? 'mcp-vet: strict fails where relaxed works (sandbox too strict)'
    : 'not explained: an mcp-vet bug until shown otherwise';
}

function identicalCell(r) {
  const i = r.identical;
  if (i === undefined || i === null) return '-';
  const what = `${i.starts} starts, ${i.runs} run${i.runs === 1 ? '' : 's'}`;
  return i.result ? `yes (${what})` : `no (${what}): ${oneLine((i.differences ?? []).join('; '))}`;
}

export function summary(rows) {
  const strictOk = (r) => r.result === 'snapshotted' && r.sandbox === 'strict';
  const relaxedOk = (r) => r.relaxed?.result === 'snapshotted';
  const failed = rows.filter((r) => !strictOk(r));
  const by = (cause) => failed.filter((r) => r.cause === cause).length;
  const free = rows.filter((r) => !r.cause || r.cause === 'package');
  const snapshotted = rows.filter((r) => r.result === 'snapshotted');
  return {
    servers: rows.length,
    strict: rows.filter(strictOk).length,
    relaxed: rows.filter(relaxedOk).length,
    relaxedTried: rows.filter((r) => r.relaxed).length,
    credential: by('credential'),
    network: by('network'),
    runtime: by('runtime'),
    package: by('package'),
    unexplained: failed.filter((r) => !r.cause).length,
    needsNothing: rows.filter((r) => !r.cause).length,
    needsNothingStrict: rows.filter((r) => !r.cause && strictOk(r)).length,
    packageBugs: free.length - rows.filter((r) => !r.cause).length,
    identical: snapshotted.filter((r) => r.identical?.result === true).length,
    snapshotted: snapshotted.length,
  };
}

function renderDoc(rows) {
  const s = summary(rows);
  const lines = [
    '# Real MCP servers',
    '',
    `Manifests of ${s.snapshotted} of ${s.servers} popular MCP servers published on npm, captured with`,
    "mcp-vet's own `snapshot` command and kept in `test/data/real-servers/` as test data",
    '(`index.json` there lists them). `npm run real-servers` captures them again from',
    '`scripts/real-servers.list.json`; `npm run real-servers -- PACKAGE...` captures only those.',
    'Each server is snapshotted in the strict sandbox and in the relaxed one (which lifts only',
    "Node's permission layer); the strict manifest is kept when it succeeds. Environment variables",
    'are declared by name only and get placeholder values, so servers that check a key at start-up',
    'may still fail; no server was given a real credential or network. "Behaviour" lists what the',
    'behaviour record saw at start-up (see the catalogue codes `behaviour/*`).',
    '',
    '"Identical" is computed for every row that snapshotted: each snapshot compares its own three',
    'starts (the first, a second sharing its HOME, one as another client; a difference is a',
    '`manifest/unstable` finding), and the strict and relaxed snapshots, two runs of mcp-vet with',
    'their own sandbox folders, must give the same manifest digest. "Same" says whether the kept',
    'manifest is byte-identical to the one captured before. "Why" says, for a server that does not',
    'snapshot in strict mode, what it needs at start-up that these runs do not give it (recorded',
    'as `cause` and `note` in the list after reading its stderr); a failure without one counts as',
    'an mcp-vet bug until shown otherwise.',
    '',
    `- Strict: ${s.strict} of ${s.servers} snapshotted; relaxed: ${s.relaxed} of ${s.relaxedTried} tried.`,
    `- Servers that need no live credential, network or other runtime at start-up: ${s.needsNothing};` +
      ` ${s.needsNothingStrict} of them snapshot in strict mode` +
      (s.packageBugs ? ` (and ${s.packageBugs} more cannot start anywhere: a bug in the package).` : '.'),
    `- Not in strict mode: ${s.credential} need a live credential, ${s.network} the network at start-up,` +
      ` ${s.runtime} another runtime, ${s.package} a bug in the package, ${s.unexplained} not explained (mcp-vet).`,
    `- Identical manifests across all starts and both runs: ${s.identical} of ${s.snapshotted} snapshotted.`,
    '',
    '| Package | Version | Strict | Relaxed | Why | Tools | Prompts | Resources | Behaviour | Identical | Same | Args | Env |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const mode = (r, m) => {
    const o = r[m] ?? (r.sandbox === m ? { result: r.result, reason: r.reason } : null);
    if (!o) return '-';
    const time = o.seconds === undefined ? '' : ` (${o.seconds} s)`;
    return o.result === 'snapshotted' ? `ok${time}` : `failed${time}: ${shortReason({ ...r, reason: o.reason ?? '' })}`;
  };
  for (const r of rows) {
    const count = (n) => (n === undefined ? '-' : n);
    const same = r.sameAsBefore === undefined || r.sameAsBefore === null ? '-' : r.sameAsBefore ? 'yes' : 'no';
    lines.push(
      `| ${cell(r.package)} | ${cell(r.version)} | ${cell(mode(r, 'strict'))} | ${cell(mode(r, 'relaxed'))} | ${cell(why(r))} | ` +
        `${count(r.tools)} | ${count(r.prompts)} | ${count(r.resources)} | ${cell((r.behaviour ?? []).join(', ') || '-')} | ` +
        `${cell(identicalCell(r))} | ${same} | ${cell(r.args.map((a) => `\`${a}\``).join(' ') || '-')} | ${cell(r.env.join(', ') || '-')} |`,
    );
  }
  const notes = rows.filter((r) => r.note && why(r) === '-');
  if (notes.length > 0) {
    lines.push('', 'Notes on servers that snapshot:', '');
    for (const r of notes) lines.push(`- ${r.package}: ${r.note}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const list = JSON.parse(readFileSync(LIST, 'utf8'));
  const unknown = opts.only.filter((name) => !list.some((e) => e.package === name));
  if (unknown.length > 0) {
    process.stderr.write(`real-servers: not in the list: ${unknown.join(', ')}\n`);
    process.exit(2);
  }
  const chosen = opts.docsOnly ? [] : opts.only.length > 0 ? list.filter((e) => opts.only.includes(e.package)) : list;
  const fresh = await pool(chosen, opts.jobs, (e) => capture(e, opts.timeout, opts.strictOnly));
  const kept = readIndex().filter((r) => list.some((e) => e.package === r.package && e.version === r.version));
  const byKey = new Map(kept.map((r) => [`${r.package}@${r.version}`, r]));
  for (const r of fresh) byKey.set(`${r.package}@${r.version}`, r);
  const rows = list
    .map((e) => {
      const row = byKey.get(`${e.package}@${e.version}`);
      if (!row) return undefined;
      const { note: _old, cause: _cause, ...rest } = row;
      return { ...rest, ...(e.cause ? { cause: e.cause } : {}), ...(e.note ? { note: e.note } : {}) };
    })
    .filter(Boolean);
  // a manifest of a server that no longer snapshots (or left the list) is removed
  const wanted = new Set(rows.filter((r) => r.result === 'snapshotted').map((r) => r.file));
  for (const f of readdirSync(DATA)) {
    if (f !== 'index.json' && f.endsWith('.json') && !wanted.has(f)) unlinkSync(join(DATA, f));
  }
  const index = {
    servers: rows.filter((r) => r.result === 'snapshotted'),
    failed: rows.filter((r) => r.result === 'failed'),
  };
  writeFileSync(INDEX, `${JSON.stringify(index, null, 2)}\n`);
  writeFileSync(DOC, renderDoc(rows));
  process.stderr.write(`real-servers: ${index.servers.length} snapshotted, ${index.failed.length} failed\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
