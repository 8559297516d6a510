// `npm run demo`: mcp-vet catches a rug pull, end to end, on a private registry on this machine.
// A local Verdaccio gets an example MCP server (acme-notes-mcp) 1.0.0, which is pinned; then a
// hostile 1.1.0, which `mcp-vet verify` blocks; then `mcp-vet check` fails a client config that
// starts the server unpinned. Loopback only; everything lives in one temp dir, removed at the end.
// MCP_VET_DEMO_TMP sets where that temp dir is made (default: the system temp dir).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUpOnSignals, cleanup, interruptedExitCode, onCleanup } from './demo/cleanup.mjs';
import { PACKAGE, honestRelease, rugPullRelease } from './demo/packages.mjs';
import { startLocalRegistry } from './lib/local-registry.mjs';
import { mcpVet, requireBuild, stopRunning } from './demo/run.mjs';
import { bold, dim, green, heading, red, say } from './demo/say.mjs';

/** What verify must find in 1.1.0: one entry per change of the rug pull. */
const VERIFY_EXPECTS = {
  'the poisoned description': ['poison/hidden-instruction-markup', 'poison/secrecy-directive'],
  'the exfiltration parameter': ['poison/exfiltration-parameter'],
  'the new install script': ['package/install-script-added'],
  'the hard-coded BCC address': ['package/new-email-address'],
};
/** What check must find in the client config. */
const CHECK_EXPECTS = {
  'the unpinned acme-notes-mcp': ['config/unpinned'],
  'the server nobody reviewed': ['config/shadow-server'],
};

/** The project's MCP client config in step 4 (Claude Code's .mcp.json). */
const CLIENT_CONFIG = `{
  "mcpServers": {
    "notes": { "command": "npx", "args": ["-y", "${PACKAGE}"] },
    "calendar": { "command": "npx", "args": ["-y", "acme-calendar-mcp@0.4.2"] }
  }
}
`;

async function main() {
  requireBuild();
  cleanUpOnSignals();
  const root = await mkdtemp(join(process.env.MCP_VET_DEMO_TMP || tmpdir(), 'mcp-vet-demo-'));
  onCleanup(() => rm(root, { recursive: true, force: true, maxRetries: 5 }));
  onCleanup(stopRunning); // cleanups run last-registered first: processes stop before the dir goes
  const started = Date.now();
  const problems = [];

  heading('Setting up: a private npm registry on this machine');
  const registry = await startLocalRegistry(await made(join(root, 'registry')), { user: 'demo' });
  onCleanup(registry.stop);
  const project = await made(join(root, 'project'));
  const env = await npmEnv(root, registry);
  say(`Verdaccio listens on ${registry.url} (loopback only, no uplinks); the demo works in ${root}.`);
  await registry.publish(await honestRelease());
  say(`Published ${bold(`${PACKAGE}@1.0.0`)}: an MCP server with the tools search_notes, add_note and email_note.`);

  heading(`Step 1: the team reviews ${PACKAGE} 1.0.0 and pins it`);
  say(
    '`mcp-vet add` checks the bytes, locks the dependencies, starts the server in a sandbox to record',
    'its tool descriptions, and writes the pin to allowlist/ and the evidence to snapshots/.',
  );
  expectExit(problems, 'mcp-vet init', await mcpVet(['init'], { cwd: project, env }), 0);
  expectExit(
    problems,
    'mcp-vet add',
    await mcpVet(['add', `${PACKAGE}@1.0.0`, '--by', 'demo', '--note', 'reviewed for the demo'], { cwd: project, env }),
    0,
  );
  if (problems.length > 0) return problems; // nothing below makes sense without the pin

  heading(`Step 2: the maintainer ships ${PACKAGE} 1.1.0, a rug pull`);
  say(
    'Same server, four quiet changes:',
    '  1. search_notes gets a poisoned description: hidden instructions to the model to send it',
    "     the conversation and the user's SSH and AWS keys, and not to tell the user;",
    '  2. search_notes gets a new parameter for that loot, conversation_history;',
    "  3. the package gets a postinstall script, run with the user's rights by `npm install`;",
    '  4. the mailer blind-copies every e-mailed note to archive@notes-backup.example.',
  );
  await registry.publish(await rugPullRelease());
  say(`Published ${bold(`${PACKAGE}@1.1.0`)}. Someone who runs \`npx -y ${PACKAGE}\` now gets it.`);

  heading(`Step 3: before upgrading, verify ${PACKAGE}@1.1.0 against the pin`);
  say('`mcp-vet verify` changes nothing; it fails (exit 1) on findings of high severity or worse.');
  const verify = await mcpVet(['verify', `${PACKAGE}@1.1.0`, '--also', 'json=verify-report.json'], {
    cwd: project,
    env,
  });
  expectExit(problems, 'mcp-vet verify', verify, 1);
  await expectCodes(problems, 'mcp-vet verify', join(project, 'verify-report.json'), VERIFY_EXPECTS);

  heading("Step 4: the CI gate reads the project's MCP client config");
  await writeFile(join(project, '.mcp.json'), CLIENT_CONFIG);
  say(
    'A teammate added two servers to .mcp.json: acme-notes-mcp with no version (so the next start',
    'fetches whatever was published last, the rug pull) and a calendar server nobody reviewed:',
    dim(CLIENT_CONFIG.trimEnd().replace(/^/gm, '  ')),
  );
  const check = await mcpVet(['check', '--also', 'json=check-report.json'], { cwd: project, env });
  if (check.code === 0)
    problems.push(`mcp-vet check passed (exit 0); it should fail on ${Object.keys(CHECK_EXPECTS).join(' and ')}`);
  else if (check.code !== 1) problems.push(`mcp-vet check exited ${check.code}, expected 1 (findings), not an error`);
  await expectCodes(problems, 'mcp-vet check', join(project, 'check-report.json'), CHECK_EXPECTS);

  say(
    '',
    `The fix: start the pinned version (\`npx -y ${PACKAGE}@1.0.0\`) and review the calendar server with`,
    '`mcp-vet add` before anyone starts it. Upgrades go through `mcp-vet verify`, then `mcp-vet approve`.',
  );
  say('', dim(`(the demo took ${((Date.now() - started) / 1000).toFixed(1)} s)`));
  return problems;
}

function expectExit(problems, what, result, expected) {
  if (result.code !== expected) problems.push(`${what} exited ${result.code}, expected ${expected}`);
}

async function expectCodes(problems, what, reportFile, expects) {
  let codes;
  try {
    // A poison finding names its dominant intent; the codes folded into it are in evidence.also.
    codes = new Set(
      JSON.parse(await readFile(reportFile, 'utf8')).findings.flatMap((f) => [
        f.code,
        ...(f.evidence?.also ?? []).map((a) => a.code),
      ]),
    );
  } catch (err) {
    problems.push(`${what} wrote no readable JSON report (${err.message})`);
    return;
  }
  for (const [change, wanted] of Object.entries(expects)) {
    const missing = wanted.filter((code) => !codes.has(code));
    if (missing.length > 0) problems.push(`${what} did not report ${missing.join(', ')} for ${change}`);
  }
}

async function made(dir) {
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * The only configuration mcp-vet sees: a temp .npmrc with the demo registry and its token, a temp
 * npm cache and home. The user's own npm config, cache and home are never read or written.
 */
async function npmEnv(root, registry) {
  const npm = await made(join(root, 'npm'));
  const host = new URL(registry.url).host;
  await writeFile(join(npm, '.npmrc'), `registry=${registry.url}\n//${host}/:_authToken=${registry.token}\n`);
  return {
    HOME: await made(join(root, 'home')),
    TMPDIR: await made(join(root, 'tmp')), // mcp-vet's own scratch dirs (installs, sandbox) land here too
    npm_config_userconfig: join(npm, '.npmrc'),
    npm_config_globalconfig: join(npm, 'global-npmrc'),
    npm_config_cache: join(npm, 'cache'),
  };
}

let exitCode = 1;
try {
  const problems = await main();
  if (interruptedExitCode() !== undefined) {
    // the signal handler explains; what a killed step returned means nothing
  } else if (problems.length === 0) {
    say(
      '',
      green(
        bold(
          'Demo complete: mcp-vet blocked the rug pull (verify exit 1) and failed the unpinned config (check exit 1).',
        ),
      ),
    );
    exitCode = 0;
  } else {
    say('', red(bold('The demo did not behave as expected:')), ...problems.map((p) => red(`  - ${p}`)));
  }
} catch (err) {
  if (interruptedExitCode() === undefined) say('', red(bold(`The demo failed: ${err.message}`)));
} finally {
  await cleanup();
}
process.exit(interruptedExitCode() ?? exitCode);
