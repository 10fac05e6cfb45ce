import type { Settings } from '@claw/runtime';
import { configHomeFrom, workspaceFrom } from './engine-options.js';

/** Effective settings for commands that need a key or two (login's oauth, auth status's apiKeyHelper). */
export async function loadCliSettings(flags: { cwd?: string | undefined }): Promise<Settings> {
  const { loadSettings } = await import('@claw/runtime');
  const loaded = await loadSettings({
    workspaceRoot: workspaceFrom(flags),
    configHome: configHomeFrom(process.env),
  });
  return loaded.settings;
}
