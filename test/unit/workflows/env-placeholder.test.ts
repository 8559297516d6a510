import { describe, expect, it } from 'vitest';
import { envNames, envPlaceholders } from '../../../src/cli/launch-options.js';
import { AllowlistEntry } from '../../../src/core/workspace/allowlist-entry.js';
import { planSandbox } from '../../../src/io/sandbox/plan.js';
import { addServer } from '../../../src/workflows/add.js';
import { verifyServer } from '../../../src/workflows/verify.js';
import { registry } from './support.js';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

describe('--env-placeholder NAME=VALUE', () => {
  it('is stored in the pin as a placeholder and given to the server, at add and at later re-snapshots', async () => {
    const r = registry();
    r.publish('payments', '1.0.0');
    const result = await addServer(r.fake.ports(), {
      spec: 'payments@1.0.0',
      by: 'tester',
      failOn: 'high',
      snapshot: { sandbox: 'strict' },
      env: ['STRIPE_KEY', 'OTHER'],
      placeholders: { STRIPE_KEY: 'sk_test_xxxxxxxx' },
    });
    expect(result.pinned).toBe(true);
    const stored = await r.fake.workspace.readEntry('payments');
    expect(stored?.launch).toMatchObject({
      env: ['OTHER', 'STRIPE_KEY'],
      placeholders: { STRIPE_KEY: 'sk_test_xxxxxxxx' },
    });
    expect(r.fake.starts.length).toBeGreaterThan(0);
    for (const start of r.fake.starts) expect(start.placeholders).toEqual({ STRIPE_KEY: 'sk_test_xxxxxxxx' });
    const before = r.fake.starts.length;
    await verifyServer(r.fake.ports(), { spec: 'payments@1.0.0', failOn: 'high' });
    const again = r.fake.starts.slice(before);
    expect(again.length).toBeGreaterThan(0);
    for (const start of again) expect(start.placeholders).toEqual({ STRIPE_KEY: 'sk_test_xxxxxxxx' });
  });

  it('the sandboxed process gets the placeholder; the other declared names the generic one', () => {
    const dirs = { root: '/tmp/sbx', home: '/tmp/sbx/home', workspace: '/tmp/sbx/ws', tmp: '/tmp/sbx/tmp' };
    const plan = planSandbox(
      () => ({ kind: 'command', command: '/bin/true', args: [] }),
      dirs,
      ['OTHER', 'STRIPE_KEY'],
      'strict',
      { placeholders: { STRIPE_KEY: 'sk_test_xxxxxxxx' } },
    );
    expect(plan.launch.env['STRIPE_KEY']).toBe('sk_test_xxxxxxxx');
    expect(plan.launch.env['OTHER']).toBe('mcp-vet-placeholder-OTHER');
  });

  it('is checked: a declared name, not one the sandbox sets, printable, never the real value', () => {
    expect(envPlaceholders(['STRIPE_KEY=sk_test_xxxxxxxx'], ['STRIPE_KEY'], {})).toEqual({
      STRIPE_KEY: 'sk_test_xxxxxxxx',
    });
    expect(code(() => envPlaceholders(['STRIPE_KEY=sk_test_x'], [], {}))).toBe('USAGE');
    expect(code(() => envPlaceholders(['1BAD=x'], ['1BAD'], {}))).toBe('USAGE');
    expect(code(() => envPlaceholders(['STRIPE_KEY'], ['STRIPE_KEY'], {}))).toBe('USAGE');
    expect(code(() => envPlaceholders(['PATH=/bin'], ['PATH'], {}))).toBe('USAGE');
    expect(code(() => envPlaceholders(['K=a\u001bb'], ['K'], {}))).toBe('USAGE');
    expect(code(() => envPlaceholders(['K=a', 'K=b'], ['K'], {}))).toBe('USAGE');
    const real = 'sk_live_0123456789';
    let message = '';
    try {
      envPlaceholders([`STRIPE_KEY=${real}`], ['STRIPE_KEY'], { STRIPE_KEY: real });
    } catch (err) {
      message = (err as Error).message;
      expect((err as { code?: string }).code).toBe('USAGE');
    }
    expect(message).toContain('your environment');
    expect(message).not.toContain(real);
  });

  it('--env NAME=value is still a usage error', () => {
    expect(code(() => envNames(['STRIPE_KEY=sk_test_xxxxxxxx']))).toBe('USAGE');
  });

  it('the entry schema accepts placeholders only for declared names', () => {
    const launch = (l: Record<string, unknown>) => AllowlistEntry.shape.launch.safeParse({ args: [], ...l }).success;
    expect(launch({ env: ['K'], placeholders: { K: 'sk_test_x' } })).toBe(true);
    expect(launch({ env: [], placeholders: { K: 'sk_test_x' } })).toBe(false);
  });
});
