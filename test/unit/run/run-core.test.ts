import { describe, expect, it } from 'vitest';
import { launchTarget } from '../../../src/core/config/launch-target.js';
import { readRunPin, splitRunSpec } from '../../../src/core/run/run-pin.js';
import { isVetError } from '../../../src/core/errors.js';
import { parseRunArgs } from '../../../src/cli/run-options.js';

const target = (command: string, args: string[]) => launchTarget({ command, args });

describe('check recognises mcp-vet run launches', () => {
  it('npx -y mcp-vet run <pkg> is pinned by the pin, with or without a version', () => {
    expect(target('npx', ['-y', 'mcp-vet', 'run', '@s/srv'])).toMatchObject({
      kind: 'npm',
      name: '@s/srv',
      exact: true,
      enforced: true,
    });
    expect(target('mcp-vet', ['run', '--no-network', '--allowlist', 'x', 'srv@1.2.3', '--', 'a'])).toMatchObject({
      name: 'srv',
      wanted: '1.2.3',
      enforced: true,
    });
    expect(target('node', ['/p/node_modules/mcp-vet/bin/mcp-vet', 'run', 'srv'])).toMatchObject({ enforced: true });
  });
  it('an argument named mcp-vet given to another package is not an mcp-vet launch', () => {
    expect(target('npx', ['-y', 'evil', 'mcp-vet', 'run', 'srv'])).toMatchObject({ name: 'evil', exact: false });
    expect(target('npx', ['-y', 'evil', 'mcp-vet', 'run', 'srv'])).not.toHaveProperty('enforced');
  });
});

describe('run pins and specs', () => {
  const entry = {
    name: 'srv',
    version: '1.0.0',
    integrity: 'sha512-AAAA',
    dependencies: { digest: `sha256:${'1'.repeat(64)}`, count: 1 },
    manifest: { status: 'unchecked' },
    provenance: { status: 'unavailable' },
    launch: { args: [], env: ['TOKEN'] },
  };
  it('reads the fields run needs and names a bad field', () => {
    expect(readRunPin(entry, 'a.json').launch.env).toEqual(['TOKEN']);
    try {
      readRunPin({ ...entry, launch: { env: ['NOT A NAME'] } }, 'a.json');
      expect.unreachable();
    } catch (err) {
      expect(isVetError(err) && err.code).toBe('INVALID_FILE');
      expect((err as Error).message).toContain('/launch/env/0');
    }
  });
  it('splits specs', () => {
    expect(splitRunSpec('@s/x@1.0.0')).toEqual({ name: '@s/x', version: '1.0.0' });
    expect(splitRunSpec('x')).toEqual({ name: 'x', version: null });
    expect(() => splitRunSpec('../evil')).toThrow();
  });
  it('run options come before the package; the rest goes to the server', () => {
    const a = parseRunArgs(['--no-network', '--limit-fs', '--allow-write=/w', 'srv', '--help', '-x']);
    expect(a).toMatchObject({ spec: 'srv', network: false, limitFs: true, allowWrite: ['/w'], args: ['--help', '-x'] });
    expect(parseRunArgs(['srv', '--', 'a']).args).toEqual(['a']);
    expect(parseRunArgs(['srv']).args).toBeNull();
    expect(parseRunArgs(['-h']).help).toBe(true);
    expect(() => parseRunArgs(['--bogus', 'srv'])).toThrow(/unknown option/);
    expect(() => parseRunArgs(['--allow-read', '/x', 'srv'])).toThrow(/--limit-fs/);
  });
});
