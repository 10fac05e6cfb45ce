import { cp, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PluginsError } from './errors.js';
import { loadSkillFile } from './skills.js';

export type InstallScope = 'user' | 'project';

export interface SkillInstallLocation {
  scope: InstallScope;
  workspaceRoot: string;
  configHome: string;
}

export function skillsDir(location: SkillInstallLocation): string {
  return location.scope === 'user'
    ? join(location.configHome, 'skills')
    : join(location.workspaceRoot, '.claw', 'skills');
}

/** Copies a skill directory (one holding SKILL.md) into the scope's skills dir, after validating it. */
export async function installSkill(
  sourceDir: string,
  location: SkillInstallLocation & { force?: boolean },
): Promise<{ name: string; path: string }> {
  const loaded = await loadSkillFile(join(sourceDir, 'SKILL.md'), basename(sourceDir), location.scope);
  if (loaded === undefined) throw new PluginsError('invalid_skill', `${sourceDir} has no SKILL.md`);
  if ('message' in loaded) throw new PluginsError('invalid_skill', `${loaded.path}: ${loaded.message}`);
  if (!/^[a-zA-Z0-9_.-]+$/.test(loaded.name)) {
    throw new PluginsError('invalid_skill', `Skill name "${loaded.name}" cannot be used as a directory name`);
  }
  const target = join(skillsDir(location), loaded.name);
  if (!location.force && (await exists(target))) {
    throw new PluginsError(
      'already_exists',
      `Skill "${loaded.name}" is already installed at ${target}`,
      'Pass force to replace it',
    );
  }
  await rm(target, { recursive: true, force: true });
  await cp(sourceDir, target, { recursive: true });
  return { name: loaded.name, path: target };
}

export async function uninstallSkill(
  name: string,
  location: SkillInstallLocation,
): Promise<{ path: string }> {
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) throw new PluginsError('not_found', `No skill named "${name}"`);
  const target = join(skillsDir(location), name);
  if (!(await exists(target)))
    throw new PluginsError('not_found', `No ${location.scope} skill named "${name}"`);
  await rm(target, { recursive: true, force: true });
  return { path: target };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
