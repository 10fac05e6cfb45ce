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
 * The MCP servers a session here starts, from every source in precedence order — settings, `.mcp.json`
 * (approved entries only), enabled plugins, `--mcp-config` files — validated, with `${VAR}` expanded from
 * `env`. Sessions and `claw mcp login` both use it, so they always agree on what a name means. Plugins are
 * loaded when their servers are not given.
 */
export async function configuredMcpServers(input: {
  loaded: LoadedSettings;
  configHome: string;
  mcpConfigFiles: readonly string[];
  env: NodeJS.ProcessEnv;
  pluginServers?: Record<string, unknown>;
}): Promise<{ servers: McpServerConfig[]; issues: McpConfigIssue[] }> {
  const mcp = await import('@claw/mcp');
  const pluginServers =
    input.pluginServers ??
    (await (await import('@claw/plugins')).loadEnabledPlugins({ configHome: input.configHome })).mcpServers;
  const settings = input.loaded.settings;
  const inputs = [
    { source: 'project-settings' as const, servers: settings.mcpServers ?? {} },
    { source: 'project' as const, path: input.loaded.mcpJson.path, servers: input.loaded.mcpJson.servers },
    { source: 'plugin' as const, servers: pluginServers },
    ...(await Promise.all(input.mcpConfigFiles.map((file) => mcp.readMcpConfigInput(file, 'cli')))),
  ];
  return mcp.validateMcpConfig(inputs, { env: input.env, approvals: mcpApprovalsOf(settings) });
}
