// Start-up time: `mcp-vet --version` and `mcp-vet --help` against `node -e 0`, measured in the
// same run, interleaved (so a busy machine slows all three alike), median of N runs each.
// Target (issue #16): each at most 1.5x the bare node start. Needs `npm run build`.
// Usage: node bench/startup.mjs [runs]   (default 21)
import { spawnSync } from 'node:child_process';

const RUNS = Number(process.argv[2] ?? 21);
const TARGET = 1.5;
const BIN = new URL('../bin/mcp-vet', import.meta.url).pathname;
const cases = [
  ['node -e 0', ['-e', '0']],
  ['mcp-vet --version', [BIN, '--version']],
  ['mcp-vet --help', [BIN, '--help']],
  ['mcp-vet add --help', [BIN, 'add', '--help']],
];

const times = new Map(cases.map(([name]) => [name, []]));
const once = (args) => {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
};
for (const [, args] of cases) once(args); // warm the file cache
for (let r = 0; r < RUNS; r++) for (const [name, args] of cases) times.get(name).push(once(args));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times.get('node -e 0'));
console.log(`runs: ${RUNS} each, interleaved; median wall time`);
let ok = true;
for (const [name] of cases) {
  const t = median(times.get(name));
  if (name === 'node -e 0') {
    console.log(`${name.padEnd(20)} ${t.toFixed(1)} ms (baseline)`);
    continue;
  }
  const ratio = t / base;
  ok &&= ratio <= TARGET;
  console.log(
    `${name.padEnd(20)} ${t.toFixed(1)} ms — ${ratio.toFixed(2)}x node -e 0 (target <= ${TARGET}x): ${ratio <= TARGET ? 'met' : 'MISSED'}`,
  );
}
if (!ok) process.exitCode = 1;
