#!/usr/bin/env node
// Evaluates the manifest diff and poisoning rules on ../shared/corpus (third-party data, read in
// place, never copied). Run `npm run build` first; `npm run eval:corpus` does both.
//
// Malicious side: each malicious record becomes a (before, after) pair: its benign predecessor or
// same-name benign counterpart replaced by it, or, for a tool with neither, a benign manifest
// (the source's benign tools plus a real official server) before and the same plus the tool after.
// Detected = the pair has a finding of severity high or above.
// Benign side: the real consecutive-version pairs of benign/_index.json. False alarm = a finding
// high or above; change recall = changed pairs with at least one finding.
// Records whose harm is not in the manifest are counted apart (see BEHAVIOUR_ONLY), as are pairs
// where the malicious manifest is byte-identical to the benign one, and note_only rows are skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const BASE_MANIFEST = 'memory-2026.8.31.json';
/** Manifests of real servers that mcp-vet captured itself (npm run real-servers): its own test data. */
const REAL_SERVERS = resolve(ROOT, 'test', 'data', 'real-servers');

/**
 * Harm that the corpus README documents as living in code or tool output rather than in the
 * manifest: the label, and the Enkrypt categories and behavioural rug pulls it names.
 */
const BEHAVIOUR_LABEL = 'manifest_benign_but_malicious_behaviour';
const ENKRYPT_BEHAVIOUR = new Set([
  'bad_mcp',
  'bad_output_mcp',
  'command_injection_mcp',
  'credential_theft_mcp',
  'path_traversal_mcp',
  'rce_mcp',
  'resource_exhaustion_mcp',
  'schema_poisoning_mcp',
  'session_management_mcp',
  'ssrf_mcp',
]);
/**
 * What a record's manifest text does, from its attack type: model-directed text must reach high;
 * pure preference manipulation (advertising) and attacks that are not text addressed to the model
 * (a squatted name, an open-access claim, a tool that is only the target of an injection
 * elsewhere, bare side-channel parameters) must reach medium.
 */
function tierOf(record) {
  const t = String(record.attack_type ?? '');
  if (/mpma|preference/i.test(t) && !/shadow|poison|inject/i.test(t)) return 'preference';
  if (/squatting|unauthenticated_access|injection target|channel parameters only/i.test(t)) return 'other';
  return 'directed';
}
const TIER_TARGET = { directed: 'high', preference: 'medium', other: 'medium' };

function behaviourOnly(record) {
  if (record.label === BEHAVIOUR_LABEL) return true;
  if (ENKRYPT_BEHAVIOUR.has(record.attack_type)) return true;
  return /^rug_pull \(behavioural/i.test(String(record.attack_type ?? ''));
}

export async function evaluateCorpus(corpusDir = DEFAULT_CORPUS, reviewOptions = {}) {
  const { reviewManifestChange } = await import(pathToFileURL(join(ROOT, 'dist/core/manifest-diff/review.js')).href);
  const { parseManifestInput } = await import(pathToFileURL(join(ROOT, 'dist/core/manifest-diff/input.js')).href);
  const { atLeast } = await import(pathToFileURL(join(ROOT, 'dist/core/findings/severity.js')).href);
  const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
  const high = (findings) => findings.filter((f) => atLeast(f.severity, 'high'));
  const reached = (findings, severity) =>
    findings.some((f) => f.code.startsWith('poison/') && atLeast(f.severity, severity));
  const view = (tools, label) => parseManifestInput({ tools }, label);
  const baseTools = readJson(join(corpusDir, 'benign', BASE_MANIFEST)).tools;

  const sources = {};
  const misses = [];
  const behaviour = { total: 0, flagged: 0 };
  let skippedNoteOnly = 0;
  let indistinguishable = 0;
  const malDir = join(corpusDir, 'malicious');
  for (const file of readdirSync(malDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const rows = readJson(join(malDir, file));
    const benign = rows.filter((r) => r.label === 'benign' && r.description !== null);
    const stats = (sources[file] = { pairs: 0, detected: 0, patterns: [], tiers: {} });
    for (const record of rows) {
      if (record.label === 'benign') continue;
      if (record.label === 'note_only' || record.description === null || record.inputSchema === null) {
        skippedNoteOnly++;
        continue;
      }
      const tool = toTool(record);
      const counterpart = record.benign_predecessor ?? benign.find((b) => b.name === record.name);
      const others = [
        ...baseTools,
        ...benign.filter((b) => b.name !== record.name && !baseTools.some((t) => t.name === b.name)).map(toTool),
      ];
      const unique = dedupe(others.filter((t) => t.name !== record.name));
      const before = counterpart ? [...unique, toTool(counterpart)] : unique;
      const after = [...unique, tool];
      const review = reviewManifestChange(
        view(before, 'before'),
        view(after, 'after'),
        `${file}:${record.name}`,
        reviewOptions,
      );
      const tier = tierOf(record);
      const flagged =
        tier === 'directed' ? high(review.findings).length > 0 : reached(review.findings, TIER_TARGET[tier]);
      if (behaviourOnly(record)) {
        behaviour.total++;
        if (flagged) behaviour.flagged++;
        continue;
      }
      if (!review.changed) {
        indistinguishable++;
        continue;
      }
      stats.pairs++;
      stats.tiers[tier] = stats.tiers[tier] ?? { pairs: 0, detected: 0 };
      stats.tiers[tier].pairs++;
      if (flagged) stats.tiers[tier].detected++;
      stats.patterns.push(patternsOf(high(review.findings)));
      if (flagged) stats.detected++;
      else
        misses.push({
          source: file,
          name: record.name,
          attack: String(record.attack_type ?? '').slice(0, 80),
          tier,
          codes: [...new Set(review.findings.map((f) => `${f.code}:${f.severity}`))],
        });
    }
    stats.rate = stats.pairs ? stats.detected / stats.pairs : 1;
  }
  const overall = Object.values(sources).reduce(
    (a, s) => ({ pairs: a.pairs + s.pairs, detected: a.detected + s.detected }),
    { pairs: 0, detected: 0 },
  );
  overall.rate = overall.pairs ? overall.detected / overall.pairs : 1;

  const index = readJson(join(corpusDir, 'benign', '_index.json'));
  const benignPairs = {
    pairs: 0,
    falseAlarms: 0,
    changed: 0,
    changedWithFinding: 0,
    identicalWithFinding: 0,
    alarms: [],
  };
  for (const pair of index.pairs) {
    const [fromFile, toFile] = pair.files;
    const before = parseManifestInput(readJson(join(corpusDir, 'benign', fromFile)), fromFile);
    const after = parseManifestInput(readJson(join(corpusDir, 'benign', toFile)), toFile);
    const review = reviewManifestChange(before, after, `${pair.server}@${pair.to}`, reviewOptions);
    benignPairs.pairs++;
    const alarms = high(review.findings);
    if (alarms.length > 0) {
      benignPairs.falseAlarms++;
      benignPairs.alarms.push({
        pair: `${pair.server} ${pair.from}->${pair.to}`,
        findings: alarms.map((f) => `${f.code} ${f.message}`).slice(0, 5),
      });
    }
    if (pair.identical) {
      if (review.findings.length > 0) benignPairs.identicalWithFinding++;
    } else {
      benignPairs.changed++;
      if (review.findings.length > 0) benignPairs.changedWithFinding++;
    }
  }
  benignPairs.falseAlarmRate = benignPairs.pairs ? benignPairs.falseAlarms / benignPairs.pairs : 0;
  benignPairs.changeRecall = benignPairs.changed ? benignPairs.changedWithFinding / benignPairs.changed : 1;

  // Whole manifests with no baseline (what a first pin reviews): every benign manifest of the
  // corpus and every real server captured in test/data/real-servers.
  const wholeManifests = { manifests: 0, withHigh: 0, alarms: [] };
  const { reviewWholeManifest } = await import(pathToFileURL(join(ROOT, 'dist/core/manifest-diff/review.js')).href);
  for (const [dir, files] of [
    [join(corpusDir, 'benign'), readdirSync(join(corpusDir, 'benign')).filter((f) => /^[^_].*\.json$/.test(f))],
    [
      REAL_SERVERS,
      existsSync(REAL_SERVERS)
        ? readdirSync(REAL_SERVERS).filter((f) => f.endsWith('.json') && f !== 'index.json')
        : [],
    ],
  ]) {
    for (const file of files.sort()) {
      const review = reviewWholeManifest(parseManifestInput(readJson(join(dir, file)), file), file, reviewOptions);
      wholeManifests.manifests++;
      const alarms = high(review.findings);
      if (alarms.length > 0) {
        wholeManifests.withHigh++;
        wholeManifests.alarms.push({
          manifest: file,
          findings: alarms.map((f) => `${f.code} ${f.message}`).slice(0, 5),
        });
      }
    }
  }

  const targets = {
    detectionPerSource: Object.values(sources).every((s) => s.pairs === 0 || s.rate >= 0.95),
    noFalseAlarm: benignPairs.falseAlarms === 0,
    noHighOnBenignManifests: wholeManifests.withHigh === 0,
    fullChangeRecall: benignPairs.changeRecall === 1,
  };
  return {
    sources,
    overall,
    misses,
    behaviourOnly: behaviour,
    indistinguishable,
    skippedNoteOnly,
    benign: benignPairs,
    wholeManifests,
    targets,
  };
}

/** The pattern ids behind findings: signal patterns, and `code:why` of the phrase rules. */
export function patternsOf(findings) {
  const out = new Set();
  for (const f of findings) {
    const e = f.evidence ?? {};
    for (const s of e.signals ?? []) out.add(s.pattern);
    if (!e.signals)
      for (const why of String(e.rationale ?? '').split('; '))
        if (why && !why.includes('→')) out.add(`${f.code}:${why}`);
    for (const a of e.also ?? [])
      for (const why of String(a.rationale ?? '').split('; '))
        if (why && !why.includes('→')) out.add(`${a.code}:${why}`);
  }
  return out;
}

/**
 * Leave-one-source-out: for each source, the patterns that fire on its records and on no other
 * source's are left out, and the source is measured again. A source that only its own patterns
 * catch drops; one caught by patterns that other sources also need holds.
 */
export async function leaveOneSourceOut(corpusDir, reviewOptions, full) {
  const out = {};
  for (const name of Object.keys(full.sources)) {
    const own = new Set(full.sources[name].patterns.flatMap((p) => [...p]));
    const others = new Set(
      Object.entries(full.sources)
        .filter(([n]) => n !== name)
        .flatMap(([, s]) => s.patterns.flatMap((p) => [...p])),
    );
    const ablate = new Set([...own].filter((p) => !others.has(p)));
    const r = await evaluateCorpus(corpusDir, { ...reviewOptions, ablate });
    out[name] = { ...r.sources[name], ablated: [...ablate].sort() };
  }
  return out;
}

function toTool(record) {
  const tool = {
    name: record.name,
    description: record.description ?? '',
    inputSchema: record.inputSchema ?? { type: 'object' },
  };
  if (record.annotations_declared) tool.annotations = record.annotations_declared;
  if (record.execution) tool.execution = record.execution;
  return tool;
}

function dedupe(tools) {
  const seen = new Set();
  return tools.filter((t) => (seen.has(t.name) ? false : (seen.add(t.name), true)));
}

function pct(x) {
  return `${(x * 100).toFixed(1)}%`;
}

async function main() {
  const args = process.argv.slice(2);
  const dir = args[0] && !args[0].startsWith('--') ? resolve(args[0]) : DEFAULT_CORPUS;
  const seed = Number(args.find((a) => a.startsWith('--seed='))?.slice(7) ?? 1);
  if (!existsSync(dir)) {
    console.error(`eval:corpus: ${dir} is missing (the corpus lives in ../shared, outside the repository)`);
    process.exit(2);
  }
  const { signalOnlyRules } = await import(pathToFileURL(join(ROOT, 'dist/core/poison/index.js')).href);
  const { evaluateMutations } = await import('./lib/eval-mutations.mjs');
  const engines = [
    ['full engine (signals + phrase rules)', {}],
    ['signals only (fused judgement + structural rules, no phrase rules)', { rules: signalOnlyRules }],
  ];
  let ok = true;
  for (const [label, options] of engines) {
    const r = await evaluateCorpus(dir, options);
    console.log(`== ${label}`);
    console.log('detection: model-directed pairs at high or above; preference and other pairs at medium or above');
    for (const [name, s] of Object.entries(r.sources)) {
      const tiers = Object.entries(s.tiers)
        .map(([t, x]) => `${t} ${x.detected}/${x.pairs}`)
        .join(', ');
      console.log(
        `  ${name.padEnd(46)} ${String(s.detected).padStart(4)}/${String(s.pairs).padEnd(4)} ${pct(s.rate)}  (${tiers})`,
      );
    }
    console.log(
      `  ${'overall'.padEnd(46)} ${String(r.overall.detected).padStart(4)}/${String(r.overall.pairs).padEnd(4)} ${pct(r.overall.rate)}`,
    );
    const loso = await leaveOneSourceOut(dir, options, r);
    console.log('leave-one-source-out (patterns that fire only on the held-out source are left out):');
    for (const [name, s] of Object.entries(loso))
      console.log(
        `  ${name.padEnd(46)} ${String(s.detected).padStart(4)}/${String(s.pairs).padEnd(4)} ${pct(s.rate)}  (${s.ablated.length} patterns left out)`,
      );
    console.log(
      `counted apart: ${r.behaviourOnly.total} behaviour-only records (harm in code or output; ${r.behaviourOnly.flagged} flagged anyway), ${r.indistinguishable} identical to their benign counterpart; skipped ${r.skippedNoteOnly} note_only`,
    );
    for (const m of r.misses)
      console.log(`  missed (${m.tier}): ${m.source} ${m.name} [${m.attack}] ${m.codes.join(' ')}`);
    const b = r.benign;
    console.log(
      `benign version pairs: ${b.pairs}; false alarms ${b.falseAlarms} (${pct(b.falseAlarmRate)}); change recall ${b.changedWithFinding}/${b.changed} (${pct(b.changeRecall)}); identical pairs with findings ${b.identicalWithFinding}`,
    );
    for (const a of b.alarms) console.log(`  false alarm: ${a.pair}\n    ${a.findings.join('\n    ')}`);
    const w = r.wholeManifests;
    console.log(
      `benign whole manifests (first-pin review): ${w.manifests}; with a finding at high or above: ${w.withHigh}`,
    );
    for (const a of w.alarms) console.log(`  false alarm: ${a.manifest}\n    ${a.findings.join('\n    ')}`);
    const m = await evaluateMutations({ seed, reviewOptions: options });
    console.log(
      `mutation suite (seed ${seed}): ${m.passed}/${m.total} variants reach their severity (${pct(m.rate)}), as an update and as a first pin`,
    );
    for (const [k, t] of Object.entries(m.tally))
      console.log(
        `  by ${k}: ${Object.entries(t)
          .map(([n, x]) => `${n} ${x.ok}/${x.n}`)
          .join(', ')}`,
      );
    for (const f of m.failures.slice(0, 20))
      console.log(
        `  failed: ${f.id} (update ${f.update}, first pin ${f.first}, wants ${f.expect}): ${JSON.stringify(f.text)}`,
      );
    const targets = { ...r.targets, mutations: m.rate >= 0.95 };
    console.log(
      `targets: ${Object.entries(targets)
        .map(([k, v]) => `${k} ${v ? 'met' : 'MISSED'}`)
        .join(', ')}`,
    );
    if (options.rules === undefined) ok = Object.values(targets).every(Boolean);
    console.log('');
  }
  process.exitCode = ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
