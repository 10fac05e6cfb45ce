/**
 * Shift-Tab's permission-mode cycle, as Claude Code's default → acceptEdits → plan → default, in claw's names.
 * danger-full-access is part of the cycle only when the session started in it (`--dangerously-skip-permissions`
 * or `--permission-mode danger-full-access`): a key press must never grant more than the user launched with.
 */
export const BASE_MODE_CYCLE = ['prompt', 'workspace-write', 'read-only'] as const;

export function permissionModeCycle(startMode: string): string[] {
  return startMode === 'danger-full-access'
    ? [...BASE_MODE_CYCLE, 'danger-full-access']
    : [...BASE_MODE_CYCLE];
}

/** The mode after `current`; a mode outside the cycle (set with /permissions) goes back to its start. */
export function nextPermissionMode(current: string, cycle: readonly string[]): string {
  const index = cycle.indexOf(current);
  return cycle[(index + 1) % cycle.length] ?? (cycle[0] as string);
}
