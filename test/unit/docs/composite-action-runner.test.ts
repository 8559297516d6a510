import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expand, parseOutputFile, runCompositeAction, type ActionDefinition } from '../../helpers/composite-action.js';

/** The local runner the action test relies on behaves as a GitHub runner does, for what action.yml uses. */
describe('the simulated GitHub runner (test/helpers/composite-action.ts)', () => {
  it('parses GITHUB_OUTPUT lines and heredocs, and refuses anything else', () => {
    expect(parseOutputFile('a=1\nb=x=y\nlist<<EOF\none\ntwo\nEOF\n')).toEqual({ a: '1', b: 'x=y', list: 'one\ntwo' });
    expect(() => parseOutputFile('just text\n')).toThrow();
    expect(() => parseOutputFile('x<<END\nno end\n')).toThrow();
  });

  it('expands plain paths, an unset one to the empty string; refuses other expressions', () => {
    const ctx = { inputs: { 'fail-on': 'high' }, steps: { run: { outputs: { 'exit-code': '1' } } } };
    expect(expand('--fail-on ${{ inputs.fail-on }} ${{steps.run.outputs.exit-code}}', ctx)).toBe('--fail-on high 1');
    expect(expand('[${{ inputs.nothing }}]', ctx)).toBe('[]');
    expect(() => expand("${{ inputs.a || 'b' }}", ctx)).toThrow(/unsupported/);
  });

  it('runs steps with fresh GITHUB_* files, stops after a failure except for always()/failure() steps', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'mcp-vet-runner-test-'));
    const action: ActionDefinition = {
      name: 't',
      inputs: { word: { default: 'hello' } },
      outputs: { said: { value: '${{ steps.say.outputs.said }}' }, code: { value: '${{ steps.fail.outputs.code }}' } },
      runs: {
        using: 'composite',
        steps: [
          {
            id: 'say',
            shell: 'bash',
            run: 'echo "said=${{ inputs.word }}" >> "$GITHUB_OUTPUT"; echo "# $WORD" >> "$GITHUB_STEP_SUMMARY"',
            env: { WORD: '${{ inputs.word }}' },
          },
          { id: 'fail', shell: 'bash', run: 'echo "code=7" >> "$GITHUB_OUTPUT"; test -f "$GITHUB_WORKSPACE/nothing"' },
          { name: 'not run', shell: 'bash', run: 'echo ran >> "$GITHUB_STEP_SUMMARY"' },
          {
            name: 'cleanup',
            if: 'always()',
            shell: 'bash',
            run: 'echo "cleanup in $RUNNER_TEMP" >> "$GITHUB_STEP_SUMMARY"',
          },
        ],
      },
    };
    const r = await runCompositeAction(action, {
      inputs: { word: 'hi' },
      workspace: temp,
      runnerTemp: temp,
      path: process.env['PATH'] ?? '',
    });
    expect(r.steps.map((s) => s.status)).toEqual(['success', 'failure', 'skipped', 'success']);
    expect(r.status).toBe('failure');
    expect(r.outputs).toEqual({ said: 'hi', code: '7' });
    expect(r.summary).toBe(`# hi\ncleanup in ${temp}\n`);
    await expect(
      runCompositeAction(action, { inputs: { other: 'x' }, workspace: temp, runnerTemp: temp, path: '' }),
    ).rejects.toThrow(/no input "other"/);
  });
});
