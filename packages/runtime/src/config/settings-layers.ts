import { join } from 'node:path';

export type SettingsScope = 'user' | 'project' | 'local';
export type LayerScope = SettingsScope | 'flags';

export interface SettingsLayerSpec {
  path: string;
  scope: SettingsScope;
  /** Read for Claude Code compatibility; `claw config set` never writes it. */
  compat: boolean;
}

export interface SettingsLocations {
  workspaceRoot: string;
  /** `$CLAW_CONFIG_HOME` or `~/.claw`. */
  configHome: string;
}

/** The settings files in precedence order, lowest first; flag overrides come after all of them. */
export function settingsLayerSpecs({ workspaceRoot, configHome }: SettingsLocations): SettingsLayerSpec[] {
  return [
    { path: join(configHome, 'settings.json'), scope: 'user', compat: false },
    { path: join(workspaceRoot, '.claude', 'settings.json'), scope: 'project', compat: true },
    { path: join(workspaceRoot, '.claw.json'), scope: 'project', compat: false },
    { path: join(workspaceRoot, '.claw', 'settings.json'), scope: 'project', compat: false },
    { path: join(workspaceRoot, '.claude', 'settings.local.json'), scope: 'local', compat: true },
    { path: join(workspaceRoot, '.claw', 'settings.local.json'), scope: 'local', compat: false },
  ];
}

/** The file `claw config set --scope` writes. */
export function settingsPathForScope(scope: SettingsScope, locations: SettingsLocations): string {
  switch (scope) {
    case 'user':
      return join(locations.configHome, 'settings.json');
    case 'project':
      return join(locations.workspaceRoot, '.claw', 'settings.json');
    case 'local':
      return join(locations.workspaceRoot, '.claw', 'settings.local.json');
  }
}

/** The source name flag overrides are recorded under in provenance. */
export const FLAGS_SOURCE = 'flags';
