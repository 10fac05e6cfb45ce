import { readFile } from 'node:fs/promises';
import type { JsonObject } from './dotted-key.js';
import { type McpJson, readMcpJson } from './mcp-json.js';
import type { SettingsIssue } from './settings-issue.js';
import {
  FLAGS_SOURCE,
  type LayerScope,
  type SettingsLocations,
  settingsLayerSpecs,
} from './settings-layers.js';
import { mergeSettingsLayer } from './settings-merge.js';
import type { PermissionModeSetting, Settings } from './settings-schema.js';
import { DEFAULT_PERMISSION_MODE, gateUntrustedSettings } from './settings-trust-gate.js';
import {
  permissionRulesOf,
  type SourcedPermissionRule,
  validateSettingsObject,
} from './settings-validate.js';
import { resolveWorkspaceTrust, type WorkspaceTrust } from './workspace-trust.js';

export interface SettingsLayer {
  path: string;
  scope: LayerScope;
  compat: boolean;
  exists: boolean;
  /** False when the file exists but was skipped (unreadable or invalid JSON). */
  loaded: boolean;
  errors: SettingsIssue[];
}

export interface LoadedSettings {
  settings: Settings;
  /** Dotted leaf key (`permissions.defaultMode`, `env.FOO`, `mcpServers.git`) → file (or `flags`) that set it. */
  provenance: Map<string, string>;
  layers: SettingsLayer[];
  /** Every issue of every layer, in precedence order (warnings included; filter on `severity`). */
  errors: SettingsIssue[];
  permissionRules: SourcedPermissionRule[];
  /** Deny rules could not be loaded: the run must stop rather than run without them. */
  fatal?: SettingsIssue;
  mcpJson: McpJson;
  /** Whether the workspace is trusted, and what its settings files asked for that was ignored because it is not. */
  trust: LoadedTrust;
}

/** A key of a project or local settings file that was ignored because the workspace is not trusted. */
export interface UntrustedSetting {
  file: string;
  key: string;
  reason: string;
}

export interface LoadedTrust extends WorkspaceTrust {
  ignored: UntrustedSetting[];
}

export interface LoadSettingsOptions extends SettingsLocations {
  /** Settings given on the command line (`--model`, `--permission-mode`…), highest precedence. */
  flagOverrides?: JsonObject;
  /** Where `CLAW_TRUST_WORKSPACE` is read; defaults to the process environment. */
  env?: NodeJS.ProcessEnv;
  /** The workspace's trust, when the caller already resolved it (otherwise it is looked up). */
  trust?: WorkspaceTrust;
}

type FileRead =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'invalid-json'; reason: string; mentionsDeny: boolean }
  | { kind: 'ok'; raw: unknown };

/** Detects a file that holds deny rules even though it does not parse, so its loss is not silent. */
const DENY_KEY = /"deny"\s*:/;

export async function readSettingsFile(path: string): Promise<FileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: (error as Error).message };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { kind: 'ok', raw: {} };
  try {
    return { kind: 'ok', raw: JSON.parse(body) };
  } catch (error) {
    return { kind: 'invalid-json', reason: (error as Error).message, mentionsDeny: DENY_KEY.test(body) };
  }
}

function fatalFor(issue: SettingsIssue): SettingsIssue {
  return {
    ...issue,
    reason: `${issue.reason} — permissions.deny in this file could not be loaded; claw stops rather than run without your deny rules (fix the file)`,
  };
}

/**
 * Loads every settings layer (see `settingsLayerSpecs`), validates each key by key and merges them, later
 * wins, recording where each key came from. A file that is not valid JSON is skipped with an error — unless
 * it holds deny rules, which makes the result `fatal`.
 */
export async function loadSettings(options: LoadSettingsOptions): Promise<LoadedSettings> {
  // Read while the settings files are read.
  const trustLookup =
    options.trust ??
    resolveWorkspaceTrust({
      workspaceRoot: options.workspaceRoot,
      configHome: options.configHome,
      env: options.env ?? process.env,
    });
  const ignored: UntrustedSetting[] = [];
  let baselineMode: PermissionModeSetting | undefined;
  const merged: JsonObject = {};
  const provenance = new Map<string, string>();
  const layers: SettingsLayer[] = [];
  const errors: SettingsIssue[] = [];
  const permissionRules: SourcedPermissionRule[] = [];
  let fatal: SettingsIssue | undefined;

  const apply = (raw: unknown, layer: SettingsLayer): void => {
    const validated = validateSettingsObject(raw, layer.path);
    layer.errors.push(...validated.issues);
    if (validated.fatal) fatal ??= fatalFor(validated.fatal);
    let settings = validated.settings;
    // Files a repository can ship only restrict until the user trusts the workspace (see settings-trust-gate).
    if (!trust.trusted && (layer.scope === 'project' || layer.scope === 'local')) {
      // The user layer comes first, so this is the mode the user's own settings give (or the default).
      baselineMode ??=
        (merged.permissions as Settings['permissions'])?.defaultMode ?? DEFAULT_PERMISSION_MODE;
      const gated = gateUntrustedSettings(settings, baselineMode);
      settings = gated.kept;
      ignored.push(...gated.ignored.map((item) => ({ file: layer.path, ...item })));
    }
    mergeSettingsLayer(merged, settings as JsonObject, layer.path, provenance);
    permissionRules.push(...permissionRulesOf(settings, layer.path));
    layer.loaded = true;
  };

  const [trust, reads] = await Promise.all([
    trustLookup,
    Promise.all(
      settingsLayerSpecs(options).map(async (spec) => ({ spec, read: await readSettingsFile(spec.path) })),
    ),
  ]);
  for (const { spec, read } of reads) {
    const layer: SettingsLayer = { ...spec, exists: read.kind !== 'missing', loaded: false, errors: [] };
    layers.push(layer);
    if (read.kind === 'unreadable') {
      layer.errors.push({
        file: spec.path,
        key: '',
        reason: `unreadable, skipped: ${read.reason}`,
        severity: 'error',
      });
    } else if (read.kind === 'invalid-json') {
      const issue: SettingsIssue = {
        file: spec.path,
        key: '',
        reason: `invalid JSON, file skipped: ${read.reason}`,
        severity: 'error',
      };
      layer.errors.push(issue);
      if (read.mentionsDeny) fatal ??= fatalFor(issue);
    } else if (read.kind === 'ok') {
      apply(read.raw, layer);
    }
    errors.push(...layer.errors);
  }

  if (options.flagOverrides && Object.keys(options.flagOverrides).length > 0) {
    const layer: SettingsLayer = {
      path: FLAGS_SOURCE,
      scope: 'flags',
      compat: false,
      exists: true,
      loaded: false,
      errors: [],
    };
    layers.push(layer);
    apply(options.flagOverrides, layer);
    errors.push(...layer.errors);
  }

  const mcpJson = await readMcpJson(options.workspaceRoot);
  errors.push(...mcpJson.errors);
  const result: LoadedSettings = {
    settings: merged as Settings,
    provenance,
    layers,
    errors,
    permissionRules,
    mcpJson,
    trust: { ...trust, ignored },
  };
  if (fatal) result.fatal = fatal;
  return result;
}

/** The warning for one ignored key: the file, the key, why it needs trust, and how to give it. */
export function untrustedSettingWarning(item: UntrustedSetting): string {
  return `${item.file}: ${item.key} ignored — it ${item.reason}, and this workspace is not trusted (run \`claw trust\` to trust it, or set CLAW_TRUST_WORKSPACE=1 for one run)`;
}
