import { describe, expect, it } from 'vitest';
import { nextPermissionMode, permissionModeCycle } from '../../src/repl/mode-cycle.js';

function walk(start: string, presses: number): string[] {
  const cycle = permissionModeCycle(start);
  const seen: string[] = [];
  let mode = start;
  for (let i = 0; i < presses; i++) {
    mode = nextPermissionMode(mode, cycle);
    seen.push(mode);
  }
  return seen;
}

describe('Shift-Tab permission mode cycle', () => {
  it.each([
    ['prompt', ['workspace-write', 'read-only', 'prompt', 'workspace-write']],
    ['workspace-write', ['read-only', 'prompt', 'workspace-write', 'read-only']],
    ['read-only', ['prompt', 'workspace-write', 'read-only', 'prompt']],
  ])('from %s goes prompt → workspace-write → read-only, never to danger-full-access', (start, expected) => {
    expect(walk(start, 4)).toEqual(expected);
  });

  it('includes danger-full-access when the session started in it', () => {
    expect(walk('danger-full-access', 5)).toEqual([
      'prompt',
      'workspace-write',
      'read-only',
      'danger-full-access',
      'prompt',
    ]);
  });

  it('leaves a mode outside the cycle (danger-full-access set by /permissions) for the start of the cycle', () => {
    expect(nextPermissionMode('danger-full-access', permissionModeCycle('workspace-write'))).toBe('prompt');
  });
});
