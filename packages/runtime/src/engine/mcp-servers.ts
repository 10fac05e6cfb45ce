import type { McpConfigIssue, McpServerConfig } from '@claw/mcp';
import type { LoadedSettings } from '../config/settings-loader.js';
import type { Settings } from '../config/settings-schema.js';

/** The settings keys that approve `.mcp.json` servers, in the shape `@claw/mcp` takes. */
export function mcpApprovalsOf(settings: Settings): {
  enabledMcpjsonServers?: string[];
  disabledMcpjsonServers?: string[];
  enableAllProjectMcpServers?: boolean;
} {
  return {
    ...(settings.enabledMcpjsonServers ? { enabledMcpjsonServers: settings.enabledMcpjsonServers } : {}),
    ...(settings.disabledMcpjsonServers ? { disabledMcpjsonServers: settings.disabledMcpjsonServers } : {}),
    ...(settings.enableAllProjectMcpServers !== undefined
      ? { enableAllProjectMcpServers: settings.enableAllProjectMcpServers }
      : {}),
  };
}

/**
 * The MCP servers a session here starts, from every source, lowest precedence first as Claude Code ranks
 * them and `claw mcp list` shows them — user and project settings, `.mcp.json` (approved entries only), local
 * settings, enabled plugins, `--mcp-config` files — validated, with `${VAR}` expanded from `env`. Sessions
 * and `claw mcp login` both use it, so they always agree on what a name means. Plugins are loaded when their
 * servers are not given.
 */
export async function configuredMcpServers(input: {
  loaded: LoadedSettings;
  configHome: string;
  mcpConfigFiles: readonly string[];
  /** `--strict-mcp-config`: only the `mcpConfigFiles` servers. */
  strict?: boolean;
  env: NodeJS.ProcessEnv;
  pluginServers?: Record<string, unknown>;
}): Promise<{ servers: McpServerConfig[]; issues: McpConfigIssue[] }> {
  const mcp = await import('@claw/mcp');
  const fromFlags = await Promise.all(
    input.mcpConfigFiles.map((file) => mcp.readMcpConfigInput(file, 'cli')),
  );
  if (input.strict) return mcp.validateMcpConfig(fromFlags, { env: input.env, approvals: {} });
  const pluginServers =
    input.pluginServers ??
    (await (await import('@claw/plugins')).loadEnabledPlugins({ configHome: input.configHome })).mcpServers;
  const settings = input.loaded.settings;
  const { shared, local } = splitLocalServers(input.loaded);
  const inputs = [
    { source: 'project-settings' as const, servers: shared },
    { source: 'project' as const, path: input.loaded.mcpJson.path, servers: input.loaded.mcpJson.servers },
    { source: 'local' as const, servers: local },
    { source: 'plugin' as const, servers: pluginServers },
    ...fromFlags,
  ];
  return mcp.validateMcpConfig(inputs, { env: input.env, approvals: mcpApprovalsOf(settings) });
}

/**
 * Settings merge every layer's `mcpServers` into one object; a server from a local settings file
 * (`settings.local.json`) must still outrank `.mcp.json`, so entries are split by the layer that set them.
 */
function splitLocalServers(loaded: LoadedSettings): {
  shared: Record<string, unknown>;
  local: Record<string, unknown>;
} {
  const scopeOf = new Map(loaded.layers.map((layer) => [layer.path, layer.scope]));
  const shared: Record<string, unknown> = {};
  const local: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(loaded.settings.mcpServers ?? {})) {
    const source = loaded.provenance.get(`mcpServers.${name}`);
    const target = source !== undefined && scopeOf.get(source) === 'local' ? local : shared;
    target[name] = entry;
  }
  return { shared, local };
}
