// `mcp-vet check --only secrets FILE…` (what the pre-commit hook runs) over 10 client configs of
// the supported formats, some with literal tokens, against `node -e 0` measured in the same run.
// Target (issue 14): 10 files in at most 0.3 s. Needs `npm run build`. The tokens are made up here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const BIN = new URL('../bin/mcp-vet', import.meta.url).pathname;
const ROUNDS = 15;
const tmp = mkdtempSync(join(tmpdir(), 'mcp-vet-bench-secrets-'));

const fake = (prefix, n) => prefix + 'Q7xK2mN9pL4vR8sT1wY6zB3cD5fG0hJ'.repeat(2).slice(0, n);
const server = (env) => ({ command: 'npx', args: ['-y', 'some-server@1.0.0'], env });
const json = (servers, key = 'mcpServers') => JSON.stringify({ [key]: servers }, null, 2);
const files = {
  '.mcp.json': json({ a: server({ GITHUB_TOKEN: fake('ghp_', 36) }) }),
  'claude_desktop_config.json': json({ b: server({ API_KEY: '${API_KEY}' }) }),
  '.cursor/mcp.json': json({ c: server({ OPENAI_API_KEY: fake('sk-proj-', 40) }) }),
  '.vscode/mcp.json': json({ d: { type: 'stdio', command: 'npx', args: ['-y', 'x@1.0.0'] } }, 'servers'),
  '.gemini/settings.json': json({ e: server({ SLACK_TOKEN: fake('xoxb-', 40) }) }),
  'opencode.json': JSON.stringify({ mcp: { f: { type: 'local', command: ['npx', '-y', 'y@1.0.0'] } } }),
  '.codex/config.toml':
    '[mcp_servers.g]\ncommand = "npx"\nargs = ["-y", "z@1.0.0"]\n[mcp_servers.g.env]\nAWS_SECRET_ACCESS_KEY = "' +
    fake('', 40) +
    '"\n',
  'sub/.mcp.json': json({ h: server({ STRIPE_KEY: fake('sk_live_', 32) }) }),
  'other/.mcp.json': json({ i: server({}) }),
  'more/.cursor/mcp.json': json({ j: { url: `https://mcp.example.test/sse?token=${fake('', 32)}` } }),
};
const paths = [];
for (const [file, text] of Object.entries(files)) {
  const path = join(tmp, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  paths.push(path);
}

const time = (args) => {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: tmp, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, run };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const first = time([BIN, 'check', '--only', 'secrets', ...paths]).run;
const found = (first.stdout.match(/secret/gi) ?? []).length;
const node = [];
const check = [];
for (let i = 0; i < ROUNDS; i++) {
  node.push(time(['-e', '0']).ms);
  check.push(time([BIN, 'check', '--only', 'secrets', ...paths]).ms);
}
rmSync(tmp, { recursive: true, force: true });
const nodeMs = median(node);
const checkMs = median(check);
console.log(`check --only secrets, ${paths.length} files (median of ${ROUNDS}), exit ${first.status}`);
console.log(`  node -e 0:            ${nodeMs.toFixed(0)} ms`);
console.log(`  check --only secrets: ${checkMs.toFixed(0)} ms  (${(checkMs / nodeMs).toFixed(2)}x node -e 0)`);
console.log(`  target: <= 300 ms    ${checkMs <= 300 ? 'met' : 'NOT met'}   (report mentions "secret" ${found} times)`);
