import { isPlainObject, type JsonObject } from './dotted-key.js';
import type { PermissionModeSetting, Settings } from './settings-schema.js';

/**
 * What settings from an untrusted workspace may do. A repository can ship `.claude/settings.json`,
 * `.claw.json` and `.claw/settings*.json`; until the user trusts the directory (`claw trust`), those files
 * keep everything that only restricts claw (deny and ask rules, stricter modes, turning the sandbox on…) and
 * lose every key that could run code, widen what tools may touch, pass secrets on, or send credentials
 * somewhere else. Pure: the loader applies it to each project and local layer.
 */

export interface IgnoredUntrustedKey {
  /** Dotted key, e.g. `permissions.allow` or `sandbox.enabled`. */
  key: string;
  /** Why honouring it needs trust. */
  reason: string;
}

/** Lower is stricter. Claude Code's names rank with the claw modes they stand for. */
const MODE_RANK: Record<PermissionModeSetting, number> = {
  'read-only': 0,
  plan: 0,
  prompt: 1,
  default: 1,
  'workspace-write': 2,
  acceptEdits: 2,
  'danger-full-access': 3,
  bypassPermissions: 3,
};

export const DEFAULT_PERMISSION_MODE: PermissionModeSetting = 'workspace-write';

export function isModeLooser(mode: PermissionModeSetting, than: PermissionModeSetting): boolean {
  return MODE_RANK[mode] > MODE_RANK[than];
}

/** Top-level keys an untrusted workspace never sets, with the reason the warning gives. */
const GATED_KEYS: Readonly<Record<string, string>> = {
  env: 'sets environment variables (PATH, LD_PRELOAD…) for Bash, hooks and MCP servers',
  childEnvAllow: 'passes secrets such as API keys to Bash, hooks and MCP servers',
  apiKeyHelper: 'runs a command with your credentials in its environment',
  oauth: 'changes where OAuth sign-in sends your tokens',
  hooks: 'runs commands on session and tool events',
  mcpServers: 'starts MCP servers (runs commands)',
  enabledMcpjsonServers: 'approves .mcp.json servers (they run commands)',
  statusLine: 'runs a command',
  plugins: 'loads plugin code',
  webSearch: "sends the model's search queries to a host the repository chooses",
  webFetch: 'lets WebFetch reach private and local addresses',
};

/** Sandbox keys and the only value an untrusted workspace may give each (the stricter one). */
const SANDBOX_STRICT_VALUES: Readonly<Record<string, unknown>> = {
  enabled: true,
  failIfUnavailable: true,
  allowNetwork: false,
};

function gatePermissions(
  permissions: JsonObject,
  baselineMode: PermissionModeSetting,
  ignored: IgnoredUntrustedKey[],
): JsonObject {
  const kept: JsonObject = {};
  for (const [key, value] of Object.entries(permissions)) {
    if (key === 'allow') {
      ignored.push({ key: 'permissions.allow', reason: 'allows tools without asking' });
    } else if (key === 'additionalDirectories') {
      ignored.push({
        key: 'permissions.additionalDirectories',
        reason: 'lets file tools reach directories outside the workspace',
      });
    } else if (key === 'defaultMode' && isModeLooser(value as PermissionModeSetting, baselineMode)) {
      ignored.push({
        key: 'permissions.defaultMode',
        reason: `sets the mode "${String(value)}", looser than "${baselineMode}"`,
      });
    } else {
      kept[key] = value;
    }
  }
  return kept;
}

function gateSandbox(sandbox: JsonObject, ignored: IgnoredUntrustedKey[]): JsonObject {
  const kept: JsonObject = {};
  for (const [key, value] of Object.entries(sandbox)) {
    if (Object.hasOwn(SANDBOX_STRICT_VALUES, key) && SANDBOX_STRICT_VALUES[key] === value) {
      kept[key] = value;
    } else {
      ignored.push({ key: `sandbox.${key}`, reason: 'loosens the Bash sandbox' });
    }
  }
  return kept;
}

function gateEnabledPlugins(plugins: JsonObject, ignored: IgnoredUntrustedKey[]): JsonObject {
  const kept: JsonObject = {};
  for (const [name, on] of Object.entries(plugins)) {
    if (on === false) kept[name] = false;
    else ignored.push({ key: `enabledPlugins.${name}`, reason: 'enables plugin code' });
  }
  return kept;
}

/**
 * Splits one validated settings layer of an untrusted workspace into what is honoured and what is ignored.
 * `baselineMode` is the mode the user's own settings (or the default) give: a project may only tighten it.
 */
export function gateUntrustedSettings(
  settings: Settings,
  baselineMode: PermissionModeSetting,
): { kept: Settings; ignored: IgnoredUntrustedKey[] } {
  const kept: JsonObject = {};
  const ignored: IgnoredUntrustedKey[] = [];
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const gatedReason = GATED_KEYS[key];
    if (gatedReason !== undefined) {
      ignored.push({ key, reason: gatedReason });
    } else if (key === 'permissions' && isPlainObject(value)) {
      kept[key] = gatePermissions(value, baselineMode, ignored);
    } else if (key === 'sandbox' && isPlainObject(value)) {
      kept[key] = gateSandbox(value, ignored);
    } else if (key === 'enabledPlugins' && isPlainObject(value)) {
      kept[key] = gateEnabledPlugins(value, ignored);
    } else if (key === 'enableAllProjectMcpServers' && value !== false) {
      ignored.push({ key, reason: 'approves every .mcp.json server (they run commands)' });
    } else if (key === 'disableAllHooks' && value !== true) {
      ignored.push({ key, reason: 'turns your own hooks back on' });
    } else {
      kept[key] = value;
    }
  }
  return { kept: kept as Settings, ignored };
}
