import { homedir } from 'node:os';
import type { LoadedSettings, SettingsIssue } from '@claw/runtime';
import { markUntrustedServers, mcpApprovalsOf } from './mcp-approvals.js';

export interface StatusReport {
  workspace: string;
  model: { id: string; requested?: string; source: string; path?: string };
  provider: { kind: string; baseURL: string; reason: string };
  permissionMode: { mode: string; source: string; path?: string };
  credential: { source: string | null; kind: string | null; preview: string | null };
  memoryFiles: Array<{
    path: string;
    scope: string;
    bytes: number;
    truncated: boolean;
    importedFrom?: string;
  }>;
  /** Every settings layer in precedence order (lowest first), with the keys whose effective value it supplies. */
  configFiles: Array<{
    path: string;
    scope: string;
    compat: boolean;
    exists: boolean;
    loaded: boolean;
    wins: string[];
    issues: string[];
  }>;
  mcpServers: Array<{ name: string; scope: string; state: string; message?: string; shadowed: boolean }>;
  hooks: { groups: number; events: string[]; issues: string[] };
  /** Workspace trust, and the project/local settings keys ignored because the workspace is not trusted. */
  trust: {
    trusted: boolean;
    source: string;
    trustedPath?: string;
    ignored: Array<{ file: string; key: string; reason: string }>;
  };
  issues: string[];
}

export interface StatusInput {
  workspaceRoot: string;
  configHome: string;
  env: NodeJS.ProcessEnv;
  flags: {
    model?: string | undefined;
    'permission-mode'?: string | undefined;
    'dangerously-skip-permissions'?: boolean | undefined;
  };
}

function issueText(issue: SettingsIssue): string {
  return issue.key ? `${issue.key}: ${issue.reason}` : issue.reason;
}

function hasEntries(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/** Same precedence as the engine: flag, then settings `permissions.defaultMode`, then workspace-write. */
async function permissionModeOf(
  loaded: LoadedSettings,
  flags: StatusInput['flags'],
): Promise<StatusReport['permissionMode']> {
  const { parsePermissionMode } = await import('@claw/runtime');
  if (flags['dangerously-skip-permissions'])
    return { mode: 'danger-full-access', source: 'flag:--dangerously-skip-permissions' };
  if (flags['permission-mode'])
    return { mode: parsePermissionMode(flags['permission-mode']), source: 'flag:--permission-mode' };
  const fromSettings = loaded.settings.permissions?.defaultMode;
  if (fromSettings) {
    const path = loaded.provenance.get('permissions.defaultMode');
    return { mode: parsePermissionMode(fromSettings), source: 'settings', ...(path ? { path } : {}) };
  }
  return { mode: 'workspace-write', source: 'default' };
}

async function mcpListingsOf(
  input: StatusInput,
  loaded: LoadedSettings,
): Promise<StatusReport['mcpServers']> {
  const configured =
    hasEntries(loaded.settings.mcpServers) ||
    hasEntries(loaded.mcpJson.servers) ||
    loaded.errors.some((issue) => issue.key.startsWith('mcpServers'));
  if (!configured) return [];
  const { listMcpServers } = await import('@claw/mcp');
  const { settings } = loaded;
  const listings = await listMcpServers({
    workspaceRoot: input.workspaceRoot,
    configHome: input.configHome,
    env: input.env,
    approvals: mcpApprovalsOf(settings),
  });
  return markUntrustedServers(listings, loaded.trust).map((l) => ({
    name: l.name,
    scope: l.scope,
    state: l.state,
    ...(l.message ? { message: l.message } : {}),
    shadowed: l.shadowed,
  }));
}

/**
 * The credential the chosen provider will send: the Anthropic one for Anthropic, else the route's key
 * variable (`OPENAI_API_KEY`), or none for servers that take no key (Ollama).
 */
function routeCredential(
  route: { kind: string; apiKeyEnv?: string },
  anthropic: StatusReport['credential'],
  env: NodeJS.ProcessEnv,
  redact: (secret: string) => string,
): StatusReport['credential'] {
  if (route.kind === 'anthropic')
    return { source: anthropic.source, kind: anthropic.kind, preview: anthropic.preview };
  const key = route.apiKeyEnv ? env[route.apiKeyEnv]?.trim() : undefined;
  if (!route.apiKeyEnv || !key) return { source: null, kind: null, preview: null };
  return { source: route.apiKeyEnv, kind: 'api-key', preview: redact(key) };
}

/** Gathers what `claw status` shows, using the same resolution functions the engine uses. */
export async function gatherStatus(input: StatusInput): Promise<StatusReport> {
  const [runtime, api, auth] = await Promise.all([
    import('@claw/runtime'),
    import('@claw/api-client'),
    import('@claw/auth'),
  ]);
  const loaded = await runtime.loadSettings({
    workspaceRoot: input.workspaceRoot,
    configHome: input.configHome,
    env: input.env,
    ...(input.flags.model ? { flagOverrides: { model: input.flags.model } } : {}),
  });
  const { settings } = loaded;
  const effective = runtime.resolveEffectiveModel({
    settings,
    provenance: loaded.provenance,
    env: input.env,
    defaultModel: api.DEFAULT_MODEL,
  });
  // Settings aliases are applied by resolveEffectiveModel; built-in ones (opus, sonnet…) by the provider.
  const id = api.resolveModel(effective.model, settings.aliases ?? {}).id;
  const requested = effective.requested ?? (id !== effective.model ? effective.model : undefined);

  const [credential, memoryFiles, mcpServers, permissionMode] = await Promise.all([
    auth.describeCredentialSources({
      env: input.env,
      configHome: input.configHome,
      ...(settings.apiKeyHelper ? { apiKeyHelper: settings.apiKeyHelper } : {}),
    }),
    runtime.loadMemoryFiles({
      workspaceRoot: input.workspaceRoot,
      configHome: input.configHome,
      homeDir: input.env.HOME ?? homedir(),
    }),
    mcpListingsOf(input, loaded),
    permissionModeOf(loaded, input.flags),
  ]);
  const route = api.selectProvider({
    model: id,
    env: input.env,
    hasAnthropicCredential: credential.source !== null,
  });

  const winsByFile = new Map<string, string[]>();
  for (const [key, file] of loaded.provenance) winsByFile.set(file, [...(winsByFile.get(file) ?? []), key]);
  const hookIssues = loaded.errors.filter((i) => i.key === 'hooks' || i.key.startsWith('hooks.'));
  const hookEvents = Object.entries(settings.hooks ?? {});

  return {
    workspace: input.workspaceRoot,
    model: {
      id,
      ...(requested ? { requested } : {}),
      source: effective.source,
      ...(effective.path ? { path: effective.path } : {}),
    },
    provider: { kind: route.kind, baseURL: route.baseURL, reason: route.reason },
    permissionMode,
    credential: routeCredential(route, credential, input.env, auth.redactSecret),
    memoryFiles: memoryFiles.map((f) => ({
      path: f.path,
      scope: f.scope,
      bytes: f.bytes,
      truncated: f.truncated,
      ...(f.importedFrom ? { importedFrom: f.importedFrom } : {}),
    })),
    configFiles: loaded.layers.map((layer) => ({
      path: layer.path,
      scope: layer.scope,
      compat: layer.compat,
      exists: layer.exists,
      loaded: layer.loaded,
      wins: (winsByFile.get(layer.path) ?? []).sort(),
      issues: layer.errors.map(issueText),
    })),
    mcpServers,
    hooks: {
      groups: hookEvents.reduce((n, [, groups]) => n + (groups?.length ?? 0), 0),
      events: hookEvents.map(([event]) => event),
      issues: hookIssues.map(runtime.issueToString),
    },
    trust: {
      trusted: loaded.trust.trusted,
      source: loaded.trust.source,
      ...(loaded.trust.trustedPath ? { trustedPath: loaded.trust.trustedPath } : {}),
      ignored: loaded.trust.ignored,
    },
    issues: [
      ...loaded.errors.map(runtime.issueToString),
      ...(loaded.trust.warning ? [loaded.trust.warning] : []),
      ...loaded.trust.ignored.map(runtime.untrustedSettingWarning),
    ],
  };
}
