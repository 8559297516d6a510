import { describe, expect, it } from 'vitest';
import { startHints } from '../../../src/core/start/hints.js';

const kinds = (lines: string[]) => startHints(lines, '20.20.2').map((h) => h.kind);

describe('start hints from a failed start', () => {
  it('names the variables a server asks for, whatever the wording', () => {
    const [hint] = startHints(['Fatal: WIDGET_API_KEY and WIDGET_ORG_ID are required to start'], 'v20.0.0');
    expect(hint?.kind).toBe('env');
    expect(hint?.text).toContain('--env WIDGET_API_KEY --env WIDGET_ORG_ID');
    expect(kinds(['Environment variable ACME_TOKEN is not set.'])).toEqual(['env']);
    expect(kinds(['error: please set the env var SHOP_SECRET (missing)'])).toEqual(['env']);
  });
  it('does not take error codes or constants in other lines for variables', () => {
    expect(kinds(['TypeError [ERR_INVALID_ARG_TYPE]: bad', 'MAX_RETRIES reached'])).toEqual([]);
  });
  it('turns a usage line into --arg', () => {
    const [hint] = startHints(['Usage: notes-mcp <notes-folder> [--readonly]'], '20.1.0');
    expect(hint?.kind).toBe('args');
    expect(hint?.text).toContain("--arg '${WORKSPACE}'");
  });
  it('reads a usage text whose heading stands on its own line', () => {
    const [hint] = startHints(['USAGE', '  notes-mcp start [--folder value]', '', 'FLAGS'], '20.1.0');
    expect(hint).toMatchObject({ kind: 'args', text: expect.stringContaining('(notes-mcp start [--folder value])') });
    expect(kinds(['usage:', ''])).toEqual([]);
  });
  it('tells a native addon that was never built', () => {
    expect(kinds(['Error: Could not locate the bindings file. Tried:'])).toEqual(['native']);
    expect(kinds(['  tries: [', "    '${INSTALL}/node_modules/db/build/Release/db.node',", '  ]'])).toEqual(['native']);
    expect(kinds(['Error: No native build was found for platform=linux arch=x64 runtime=node abi=115'])).toEqual([
      'native',
    ]);
    expect(kinds(["Cannot find module './helper.js'"])).toEqual(['module']);
  });
  it('tells a newer Node.js from this one, the network from a missing file', () => {
    expect(kinds(['This tool requires Node.js 22 or newer'])).toEqual(['node-version']);
    expect(kinds(['This tool requires Node.js 18 or newer'])).toEqual([]);
    expect(kinds(['Error: getaddrinfo EAI_AGAIN api.example.test'])).toEqual(['network']);
    expect(kinds(["Error: ENOENT: no such file or directory, open '/sandbox/home/.acme/creds.json'"])).toEqual([
      'file',
    ]);
    expect(kinds(["Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/x/sdk/dist/y.js'"])).toEqual(['module']);
  });
  it('says nothing when stderr holds no clue', () => {
    expect(startHints(['starting…', 'TypeError: undefined is not a function'], '20.0.0')).toEqual([]);
  });
});

describe('a failed start names its hints in the stage finding', () => {
  it('puts them in the message and the evidence', async () => {
    const { stageFailure } = await import('../../../src/workflows/gather/stage.js');
    const { stageFindings } = await import('../../../src/core/assess/stage.js');
    const { VetError } = await import('../../../src/core/errors.js');
    const err = new VetError('SERVER_FAILED', 'srv@1.0.0 (first start): the server exited with status 1', {
      details: { stderr: ['Error: NOTES_API_TOKEN must be set'] },
    });
    const [f] = stageFindings([stageFailure('snapshot', 'srv@1.0.0', err)]);
    expect(f?.code).toBe('stage/incomplete');
    expect(f?.message).toContain('--env NOTES_API_TOKEN');
    expect(f?.evidence?.['hints']).toEqual([expect.stringContaining('--env NOTES_API_TOKEN')]);
  });
});
