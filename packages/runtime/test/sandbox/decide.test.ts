import { describe, expect, it } from 'vitest';
import { decideSandbox } from '../../src/sandbox/decide.js';
import { detectSandbox } from '../../src/sandbox/detect.js';

const wrapper = { workspaceRoot: '/ws', homeDir: '/home/u', exists: () => false };
const available = { available: true, bwrapPath: '/usr/bin/bwrap', reason: 'works' };
const unavailable = { available: false, reason: 'bwrap is not on PATH' };

describe('decideSandbox', () => {
  it.each([
    {
      name: 'disabled',
      settings: {},
      detection: available,
      expect: { wrap: false, warning: false, fatal: false },
    },
    {
      name: 'enabled and available',
      settings: { enabled: true },
      detection: available,
      expect: { wrap: true, warning: false, fatal: false },
    },
    {
      name: 'unavailable, fail',
      settings: { enabled: true, failIfUnavailable: true },
      detection: unavailable,
      expect: { wrap: false, warning: false, fatal: true },
    },
    {
      name: 'unavailable, warn',
      settings: { enabled: true, failIfUnavailable: false },
      detection: unavailable,
      expect: { wrap: false, warning: true, fatal: false },
    },
  ])('$name', ({ settings, detection, expect: want }) => {
    const decision = decideSandbox(settings, detection, wrapper);
    expect({
      wrap: decision.wrap !== undefined,
      warning: decision.warning !== undefined,
      fatal: decision.fatal !== undefined,
    }).toEqual(want);
    if (decision.fatal) expect(decision.fatal).toContain('bwrap is not on PATH');
  });

  it('cuts the network unless allowed', () => {
    const closed = decideSandbox({ enabled: true }, available, wrapper).wrap?.('true', '/ws');
    const open = decideSandbox({ enabled: true, allowNetwork: true }, available, wrapper).wrap?.(
      'true',
      '/ws',
    );
    expect(closed?.args).toContain('--unshare-net');
    expect(open?.args).not.toContain('--unshare-net');
    expect(closed?.file).toBe('/usr/bin/bwrap');
  });
});

describe('detectSandbox', () => {
  it('is unavailable off Linux', () => {
    expect(detectSandbox({ platform: 'darwin' })).toMatchObject({ available: false });
  });

  it('is unavailable without bwrap on PATH', () => {
    expect(detectSandbox({ platform: 'linux', path: '/nonexistent' })).toMatchObject({
      available: false,
      reason: expect.stringContaining('not on PATH'),
    });
  });

  it('reports a probe that fails (user namespaces forbidden)', () => {
    const detection = detectSandbox({
      platform: 'linux',
      path: '/usr/bin:/bin',
      probe: () => ({ status: 1, stderr: 'bwrap: No permissions to create new namespace' }),
    });
    if (detection.bwrapPath === undefined) return; // bwrap not installed here: the PATH case covers it.
    expect(detection).toMatchObject({ available: false, reason: expect.stringContaining('No permissions') });
  });
});
