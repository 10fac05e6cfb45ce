/**
 * Permission modes (SPEC §5). Levels are the same strings as `@claw/tools`' `PermissionLevel`; they are
 * restated here so deciding needs no tool import.
 */
export type PermissionLevel = 'read-only' | 'workspace-write' | 'danger-full-access';

export type PermissionMode = 'read-only' | 'workspace-write' | 'danger-full-access' | 'prompt';

export const PERMISSION_MODES: readonly PermissionMode[] = [
  'read-only',
  'workspace-write',
  'danger-full-access',
  'prompt',
];

export const DEFAULT_PERMISSION_MODE: PermissionMode = 'workspace-write';

/** Claude Code's mode names and what they mean here. */
const CLAUDE_CODE_MODE_NAMES: Record<string, PermissionMode> = {
  plan: 'read-only',
  acceptEdits: 'workspace-write',
  bypassPermissions: 'danger-full-access',
  default: 'prompt',
};

export class PermissionModeError extends Error {
  readonly kind = 'invalid_permission_mode';
  readonly hint: string;
  constructor(readonly value: string) {
    const accepted = [...PERMISSION_MODES, ...Object.keys(CLAUDE_CODE_MODE_NAMES)].join(', ');
    super(`Unknown permission mode "${value}". Accepted values: ${accepted}.`);
    this.name = 'PermissionModeError';
    this.hint = `Use one of: ${accepted}`;
  }
}

export function parsePermissionMode(value: string): PermissionMode {
  const trimmed = value.trim();
  if ((PERMISSION_MODES as readonly string[]).includes(trimmed)) return trimmed as PermissionMode;
  const alias = Object.hasOwn(CLAUDE_CODE_MODE_NAMES, trimmed) ? CLAUDE_CODE_MODE_NAMES[trimmed] : undefined;
  if (alias) return alias;
  throw new PermissionModeError(value);
}

const LEVEL_RANK: Record<PermissionLevel, number> = {
  'read-only': 0,
  'workspace-write': 1,
  'danger-full-access': 2,
};

/** The highest level a mode grants without asking. `prompt` asks for anything above read-only. */
export function grantedLevel(mode: PermissionMode): PermissionLevel {
  return mode === 'prompt' ? 'read-only' : mode;
}

export function levelAllows(granted: PermissionLevel, required: PermissionLevel): boolean {
  return LEVEL_RANK[required] <= LEVEL_RANK[granted];
}

export function maxLevel(a: PermissionLevel, b: PermissionLevel): PermissionLevel {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}
