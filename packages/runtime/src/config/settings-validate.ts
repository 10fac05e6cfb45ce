import type { z } from 'zod';
import { validateHooksConfig } from '../hooks/hook-config.js';
import { isPlainObject } from './dotted-key.js';
import type { SettingsIssue } from './settings-issue.js';
import {
  IGNORED_COMPAT_KEYS,
  McpServerSchema,
  PermissionModeSchema,
  PermissionRuleSchema,
  type Settings,
  settingsKeySchemas,
} from './settings-schema.js';

export type PermissionBehavior = 'allow' | 'ask' | 'deny';

/** A permission rule with the file it came from, so `claw status` and denials can name it. */
export interface SourcedPermissionRule {
  behavior: PermissionBehavior;
  rule: string;
  source: string;
}

export interface ValidatedSettings {
  settings: Settings;
  issues: SettingsIssue[];
  /** Set when deny rules could not be loaded: running without them could allow what the user forbade. */
  fatal?: SettingsIssue;
}

const BEHAVIORS: readonly PermissionBehavior[] = ['allow', 'ask', 'deny'];

function reasonOf(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function validatePermissions(
  raw: unknown,
  file: string,
  issues: SettingsIssue[],
): { value?: Settings['permissions']; fatal?: SettingsIssue } {
  if (!isPlainObject(raw)) {
    const issue: SettingsIssue = {
      file,
      key: 'permissions',
      reason: 'expected an object',
      severity: 'error',
    };
    issues.push(issue);
    // A broken `permissions` might have held deny rules; refusing to run is the safe reading.
    return { fatal: issue };
  }
  const value: Record<string, unknown> = {};
  let fatal: SettingsIssue | undefined;
  for (const [key, entry] of Object.entries(raw)) {
    const dotted = `permissions.${key}`;
    if ((BEHAVIORS as readonly string[]).includes(key)) {
      if (!Array.isArray(entry)) {
        const issue: SettingsIssue = {
          file,
          key: dotted,
          reason: 'expected an array of rules',
          severity: 'error',
        };
        issues.push(issue);
        if (key === 'deny') fatal ??= issue;
        continue;
      }
      const rules: string[] = [];
      entry.forEach((rule: unknown, index) => {
        const parsed = PermissionRuleSchema.safeParse(rule);
        if (parsed.success) {
          rules.push(parsed.data);
          return;
        }
        const issue: SettingsIssue = {
          file,
          key: `${dotted}[${index}]`,
          reason: `${reasonOf(parsed.error)} (got ${JSON.stringify(rule)})`,
          severity: 'error',
        };
        issues.push(issue);
        if (key === 'deny') fatal ??= issue;
      });
      value[key] = rules;
    } else if (key === 'defaultMode') {
      const parsed = PermissionModeSchema.safeParse(entry);
      if (parsed.success) value[key] = parsed.data;
      else issues.push({ file, key: dotted, reason: reasonOf(parsed.error), severity: 'error' });
    } else if (key === 'additionalDirectories') {
      if (!Array.isArray(entry)) {
        issues.push({ file, key: dotted, reason: 'expected an array of paths', severity: 'error' });
        continue;
      }
      const dirs: string[] = [];
      entry.forEach((dir: unknown, index) => {
        if (typeof dir === 'string' && dir.length > 0) dirs.push(dir);
        else
          issues.push({
            file,
            key: `${dotted}[${index}]`,
            reason: 'expected a non-empty path string',
            severity: 'error',
          });
      });
      value[key] = dirs;
    } else if (key === 'disableBypassPermissionsMode') {
      if (entry === 'disable') value[key] = entry;
      else issues.push({ file, key: dotted, reason: 'expected "disable"', severity: 'error' });
    } else {
      value[key] = entry;
      issues.push({ file, key: dotted, reason: 'unknown key (kept, ignored)', severity: 'warning' });
    }
  }
  return fatal
    ? { value: value as Settings['permissions'], fatal }
    : { value: value as Settings['permissions'] };
}

function validateMcpServers(
  raw: unknown,
  file: string,
  issues: SettingsIssue[],
): Settings['mcpServers'] | undefined {
  if (!isPlainObject(raw)) {
    issues.push({
      file,
      key: 'mcpServers',
      reason: 'expected an object keyed by server name',
      severity: 'error',
    });
    return undefined;
  }
  const servers: NonNullable<Settings['mcpServers']> = {};
  for (const [name, entry] of Object.entries(raw)) {
    const parsed = McpServerSchema.safeParse(entry);
    if (parsed.success) servers[name] = parsed.data;
    else
      issues.push({
        file,
        key: `mcpServers.${name}`,
        reason: 'expected {"command", "args"?} (stdio) or {"type": "http"|"sse", "url"}',
        severity: 'error',
      });
  }
  return servers;
}

/**
 * Validates one settings file's parsed JSON key by key. Bad entries are dropped and reported with file, key
 * and reason; valid siblings are kept; unknown keys are kept with a warning (a newer claw may know them).
 */
export function validateSettingsObject(raw: unknown, file: string): ValidatedSettings {
  const issues: SettingsIssue[] = [];
  if (!isPlainObject(raw)) {
    issues.push({ file, key: '', reason: 'expected a JSON object at the top level', severity: 'error' });
    return { settings: {}, issues };
  }
  const settings: Settings = {};
  let fatal: SettingsIssue | undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'permissions') {
      const result = validatePermissions(value, file, issues);
      if (result.value) settings.permissions = result.value;
      fatal ??= result.fatal;
    } else if (key === 'hooks') {
      const result = validateHooksConfig(value, file);
      issues.push(...result.issues);
      settings.hooks = result.config;
    } else if (key === 'mcpServers') {
      const servers = validateMcpServers(value, file, issues);
      if (servers) settings.mcpServers = servers;
    } else if (Object.hasOwn(settingsKeySchemas, key)) {
      const schema = settingsKeySchemas[key as keyof typeof settingsKeySchemas];
      const parsed = schema.safeParse(value);
      if (parsed.success) settings[key] = parsed.data;
      else issues.push({ file, key, reason: reasonOf(parsed.error), severity: 'error' });
    } else {
      settings[key] = value;
      if (!IGNORED_COMPAT_KEYS.has(key))
        issues.push({ file, key, reason: 'unknown key (kept, ignored)', severity: 'warning' });
    }
  }
  return fatal ? { settings, issues, fatal } : { settings, issues };
}

/** The permission rules one validated file contributes, each tagged with the file. */
export function permissionRulesOf(settings: Settings, source: string): SourcedPermissionRule[] {
  const rules: SourcedPermissionRule[] = [];
  for (const behavior of BEHAVIORS) {
    for (const rule of settings.permissions?.[behavior] ?? []) rules.push({ behavior, rule, source });
  }
  return rules;
}
