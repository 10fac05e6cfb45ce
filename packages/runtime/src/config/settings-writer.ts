import { writeFileAtomic } from './atomic-write.js';
import { getAtPath, isPlainObject, type JsonObject, setAtPath, splitDottedKey } from './dotted-key.js';
import { ConfigError, issueToString } from './settings-issue.js';
import { type SettingsLocations, type SettingsScope, settingsPathForScope } from './settings-layers.js';
import { loadSettings, readSettingsFile } from './settings-loader.js';
import { provenanceOf } from './settings-merge.js';
import { validateSettingsObject } from './settings-validate.js';

/**
 * `claw config set KEY VALUE` takes VALUE as JSON when it parses (`0.7`, `true`, `["a"]`, `{"x":1}`) and as a
 * plain string otherwise (`plan`, `claude-sonnet-4-5`).
 */
export function parseSettingValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function keyParts(key: string): string[] {
  const parts = splitDottedKey(key);
  if (!parts)
    throw new ConfigError('invalid_key', `invalid settings key "${key}"`, {
      hint: 'use dotted keys such as permissions.defaultMode',
    });
  return parts;
}

async function readScopeFile(path: string): Promise<JsonObject> {
  const read = await readSettingsFile(path);
  switch (read.kind) {
    case 'missing':
      return {};
    case 'ok':
      if (isPlainObject(read.raw)) return read.raw;
      throw new ConfigError('invalid_settings_file', `${path} is not a JSON object`, {
        hint: 'fix or remove the file',
      });
    case 'unreadable':
      throw new ConfigError('invalid_settings_file', `cannot read ${path}: ${read.reason}`);
    case 'invalid-json':
      // Rewriting would throw away whatever the user has in there.
      throw new ConfigError(
        'invalid_settings_file',
        `${path} is not valid JSON (${read.reason}); not overwriting it`,
        {
          hint: 'fix the file by hand, then retry',
        },
      );
  }
}

export interface SettingValue {
  found: boolean;
  value: unknown;
  /** The file (or `flags`) the value comes from. */
  source?: string;
}

/**
 * Reads `key` from one scope's file, or — without a scope — from the merged settings, naming the file it
 * came from.
 */
export async function getSetting(
  options: SettingsLocations & { scope?: SettingsScope },
  key: string,
): Promise<SettingValue> {
  const parts = keyParts(key);
  if (options.scope) {
    const path = settingsPathForScope(options.scope, options);
    const { found, value } = getAtPath(await readScopeFile(path), parts);
    return found ? { found, value, source: path } : { found, value: undefined };
  }
  const loaded = await loadSettings(options);
  const { found, value } = getAtPath(loaded.settings, parts);
  if (!found) return { found: false, value: undefined };
  const source = provenanceOf(loaded.provenance, key);
  return source === undefined ? { found, value } : { found, value, source };
}

export interface SetSettingResult {
  path: string;
  previous: unknown;
  value: unknown;
}

/**
 * Writes `key` into the scope's file (user: `$CLAW_CONFIG_HOME/settings.json`, project: `.claw/settings.json`,
 * local: `.claw/settings.local.json`), creating it if needed and keeping every other key. The result is
 * validated first; an invalid value is refused with the reason and nothing is written. `undefined` removes
 * the key.
 */
export async function setSetting(
  options: SettingsLocations & { scope: SettingsScope },
  key: string,
  value: unknown,
): Promise<SetSettingResult> {
  const parts = keyParts(key);
  const path = settingsPathForScope(options.scope, options);
  const current = await readScopeFile(path);
  const previous = getAtPath(current, parts).value;
  const next = setAtPath(current, parts, value);
  const top = parts[0] ?? key;
  const problems = validateSettingsObject(next, path).issues.filter(
    (issue) =>
      issue.severity === 'error' &&
      (issue.key === top || issue.key.startsWith(`${top}.`) || issue.key.startsWith(`${top}[`)),
  );
  if (problems.length > 0) {
    throw new ConfigError(
      'invalid_setting',
      `refusing to set ${key}: ${problems.map(issueToString).join('; ')}`,
      {
        hint: 'check the value against docs/config.md',
        issues: problems,
      },
    );
  }
  await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
  return { path, previous, value };
}

export async function unsetSetting(
  options: SettingsLocations & { scope: SettingsScope },
  key: string,
): Promise<SetSettingResult> {
  return setSetting(options, key, undefined);
}
