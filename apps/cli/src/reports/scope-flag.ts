import { Flags } from '@oclif/core';

export const SETTINGS_SCOPES = ['user', 'project', 'local'] as const;
export type SettingsScopeName = (typeof SETTINGS_SCOPES)[number];

/** `--scope user|project|local` (short `-s`, as Claude Code's `claude mcp add -s`). */
export function settingsScopeFlag(description: string, defaultScope?: SettingsScopeName) {
  return Flags.string({
    char: 's',
    description,
    options: [...SETTINGS_SCOPES],
    ...(defaultScope ? { default: defaultScope } : {}),
  });
}

/** `--scope user|project` for things installed as files (skills, agents). */
export function installScopeFlag(description: string) {
  return Flags.string({ char: 's', description, options: ['user', 'project'], default: 'project' });
}
