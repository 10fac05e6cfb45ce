import { join } from 'node:path';
import type { McpConfigSource } from './config-schema.js';
import { parseServerEntry } from './config-schema.js';
import { type McpApprovals, type McpConfigInput, validateMcpConfig } from './config-validate.js';
import { readJsonObject, writeJsonObjectAtomic } from './json-file.js';

/** `claw mcp add --scope`: where an entry is written. */
export type McpScope = 'user' | 'project' | 'local';

export interface McpScopeLocation {
  workspaceRoot: string;
  /** `$CLAW_CONFIG_HOME` or `~/.claw`. */
  configHome: string;
}

/** The file each scope lives in: project → `.mcp.json`, local → `.claw/settings.local.json`, user → settings. */
export function mcpConfigPath(scope: McpScope, location: McpScopeLocation): string {
  switch (scope) {
    case 'project':
      return join(location.workspaceRoot, '.mcp.json');
    case 'local':
      return join(location.workspaceRoot, '.claw', 'settings.local.json');
    case 'user':
      return join(location.configHome, 'settings.json');
  }
}

const SCOPE_SOURCE: Record<McpScope, McpConfigSource> = { user: 'user', project: 'project', local: 'local' };

export class McpConfigError extends Error {
  constructor(
    readonly kind: 'invalid_entry' | 'not_found' | 'unreadable_config',
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface AddMcpServerOptions extends McpScopeLocation {
  scope: McpScope;
  name: string;
  /** The raw entry in Claude Code's format, `${VAR}` references kept unexpanded. */
  config: Record<string, unknown>;
}

/** Validates and writes one entry, keeping every other key of the file. Returns the file written. */
export async function addMcpServer(
  options: AddMcpServerOptions,
): Promise<{ path: string; replaced: boolean }> {
  if (!/^[a-zA-Z0-9_.-]+$/.test(options.name)) {
    throw new McpConfigError(
      'invalid_entry',
      `Invalid server name "${options.name}"`,
      'Use letters, digits, "_", "-", "."',
    );
  }
  const parsed = parseServerEntry(options.config);
  if (!parsed.ok)
    throw new McpConfigError('invalid_entry', `Invalid MCP server "${options.name}": ${parsed.message}`);
  const path = mcpConfigPath(options.scope, options);
  const file = await readConfig(path);
  const servers = asRecord(file.mcpServers);
  const replaced = options.name in servers;
  servers[options.name] = options.config;
  await writeJsonObjectAtomic(path, { ...file, mcpServers: servers });
  return { path, replaced };
}

export interface RemoveMcpServerOptions extends McpScopeLocation {
  name: string;
  /** Without a scope the first scope holding the name (local, project, user) is edited. */
  scope?: McpScope;
}

export async function removeMcpServer(
  options: RemoveMcpServerOptions,
): Promise<{ path: string; scope: McpScope }> {
  const scopes: McpScope[] = options.scope ? [options.scope] : ['local', 'project', 'user'];
  for (const scope of scopes) {
    const path = mcpConfigPath(scope, options);
    const file = await readConfig(path);
    const servers = asRecord(file.mcpServers);
    if (!(options.name in servers)) continue;
    delete servers[options.name];
    await writeJsonObjectAtomic(path, { ...file, mcpServers: servers });
    return { path, scope };
  }
  throw new McpConfigError(
    'not_found',
    `No MCP server named "${options.name}"${options.scope ? ` in ${options.scope} scope` : ''}`,
    'Run `claw mcp list` to see configured servers',
  );
}

export interface McpServerListing {
  name: string;
  /**
   * `plugin` for a server an enabled plugin brings (read-only here: disable the plugin instead), `cli` for
   * one from `--mcp-config`.
   */
  scope: McpScope | 'plugin' | 'cli';
  /** The plugin that brings it, for scope `plugin`. */
  plugin?: string;
  /** The config file, or the plugin's directory; `(inline JSON)` for inline `--mcp-config`. */
  path: string;
  /** The entry as written (unexpanded). */
  config: unknown;
  state: 'ok' | 'invalid' | 'pending-approval' | 'disabled';
  /** The reason when not `ok`. */
  message?: string;
  /** Whether a higher-precedence scope defines the same name. */
  shadowed: boolean;
}

export interface ListMcpServersOptions extends McpScopeLocation {
  env?: Readonly<Record<string, string | undefined>>;
  approvals?: McpApprovals;
  /** Servers of enabled plugins; they rank above every scope, as in a session. */
  pluginServers?: ReadonlyArray<{ plugin: string; root: string; servers: Record<string, unknown> }>;
  /** `--mcp-config` inputs (read with `readMcpConfigInput`); they rank above everything else. */
  cliServers?: readonly McpConfigInput[];
  /** `--strict-mcp-config`: list only `cliServers`, as a session would start only those. */
  strict?: boolean;
}

/**
 * Every configured server with its scope and validation, lowest precedence first (user, project, local,
 * then plugins).
 */
export async function listMcpServers(options: ListMcpServersOptions): Promise<McpServerListing[]> {
  const scopes: McpScope[] = options.strict ? [] : ['user', 'project', 'local'];
  const listings: McpServerListing[] = [];
  for (const scope of scopes) {
    const path = mcpConfigPath(scope, options);
    const servers = asRecord((await readConfig(path)).mcpServers);
    const input: McpConfigInput = { source: SCOPE_SOURCE[scope], path, servers };
    const { issues } = validateMcpConfig([input], {
      ...(options.env ? { env: options.env } : {}),
      ...(options.approvals ? { approvals: options.approvals } : {}),
    });
    for (const [name, config] of Object.entries(servers)) {
      const issue = issues.find((item) => item.server === name);
      listings.push({
        name,
        scope,
        path,
        config,
        state: issue ? (issue.kind === 'invalid' ? 'invalid' : issue.kind) : 'ok',
        ...(issue ? { message: issue.message } : {}),
        shadowed: false,
      });
    }
  }
  const extra = (input: McpConfigInput, scope: 'plugin' | 'cli', plugin?: string) => {
    const servers = asRecord(input.servers);
    const { issues } = validateMcpConfig([input], { ...(options.env ? { env: options.env } : {}) });
    for (const [name, config] of Object.entries(servers)) {
      const issue = issues.find((item) => item.server === name);
      listings.push({
        name,
        scope,
        ...(plugin !== undefined ? { plugin } : {}),
        path: input.path ?? '(inline JSON)',
        config,
        state: issue ? (issue.kind === 'invalid' ? 'invalid' : issue.kind) : 'ok',
        ...(issue ? { message: issue.message } : {}),
        shadowed: false,
      });
    }
  };
  if (!options.strict) {
    for (const { plugin, root, servers } of options.pluginServers ?? []) {
      extra({ source: 'plugin', path: root, servers }, 'plugin', plugin);
    }
  }
  for (const input of options.cliServers ?? []) extra(input, 'cli');
  for (const [index, listing] of listings.entries()) {
    listing.shadowed = listings.slice(index + 1).some((later) => later.name === listing.name);
  }
  return listings;
}

/** One server by name, the effective (highest-precedence) definition. */
export async function getMcpServer(
  options: ListMcpServersOptions & { name: string },
): Promise<McpServerListing> {
  const found = (await listMcpServers(options)).filter((listing) => listing.name === options.name).at(-1);
  if (!found) {
    throw new McpConfigError('not_found', `No MCP server named "${options.name}"`, 'Run `claw mcp list`');
  }
  return found;
}

export interface McpAddFlags {
  transport?: 'stdio' | 'http' | 'sse';
  /** stdio: the command; http/sse: the URL. */
  commandOrUrl: string;
  args?: string[];
  /** `-e KEY=VALUE` flags. */
  env?: string[];
  /** `-H 'Name: value'` flags. */
  headers?: string[];
}

/** Turns `claw mcp add` flags into a Claude Code entry. */
export function buildMcpServerEntry(flags: McpAddFlags): Record<string, unknown> {
  const transport = flags.transport ?? 'stdio';
  if (transport === 'stdio') {
    return {
      type: 'stdio',
      command: flags.commandOrUrl,
      args: flags.args ?? [],
      env: Object.fromEntries((flags.env ?? []).map((pair) => splitPair(pair, '=', '-e'))),
    };
  }
  const headers = Object.fromEntries((flags.headers ?? []).map((pair) => splitPair(pair, ':', '-H')));
  return {
    type: transport,
    url: flags.commandOrUrl,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

function splitPair(pair: string, separator: string, flag: string): [string, string] {
  const at = pair.indexOf(separator);
  if (at <= 0) {
    throw new McpConfigError(
      'invalid_entry',
      `${flag} ${JSON.stringify(pair)}: expected KEY${separator}VALUE`,
    );
  }
  return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
}

async function readConfig(path: string): Promise<Record<string, unknown>> {
  try {
    return await readJsonObject(path);
  } catch (error) {
    throw new McpConfigError(
      'unreadable_config',
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      'Fix or remove the file',
    );
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { ...(value as Record<string, unknown>) }
    : {};
}
