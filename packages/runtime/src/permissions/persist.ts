import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePermissionRule } from './rules.js';

export class PermissionSettingsError extends Error {
  readonly kind = 'invalid_settings_file';
  readonly hint = 'Fix the JSON in that file (or remove it) and try again.';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Cannot update ${file}: ${reason}`);
    this.name = 'PermissionSettingsError';
  }
}

/** Where "always allow" rules go: personal, git-ignored project settings. */
export function localSettingsPath(workspaceRoot: string): string {
  return join(workspaceRoot, '.claw', 'settings.local.json');
}

/**
 * Adds `rule` to `permissions.allow` in `<workspace>/.claw/settings.local.json`, keeping every other key,
 * atomically (temp file + rename) so a crash never leaves half a settings file. A file that is not valid
 * JSON is left alone and reported: overwriting it would lose the user's settings. Returns the file path.
 */
export async function persistAllowRule(workspaceRoot: string, rule: string): Promise<string> {
  parsePermissionRule(rule);
  const file = localSettingsPath(workspaceRoot);
  let settings: Record<string, unknown> = {};
  let existing: string | undefined;
  try {
    existing = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing !== undefined && existing.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch (error) {
      throw new PermissionSettingsError(
        file,
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new PermissionSettingsError(file, 'the top level is not a JSON object');
    }
    settings = parsed as Record<string, unknown>;
  }
  const permissions = settings.permissions ?? {};
  if (typeof permissions !== 'object' || permissions === null || Array.isArray(permissions)) {
    throw new PermissionSettingsError(file, '"permissions" is not an object');
  }
  const section = permissions as Record<string, unknown>;
  const allow = section.allow ?? [];
  if (!Array.isArray(allow)) throw new PermissionSettingsError(file, '"permissions.allow" is not an array');
  if (!allow.includes(rule)) allow.push(rule);
  settings.permissions = { ...section, allow };

  await mkdir(join(workspaceRoot, '.claw'), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return file;
}
