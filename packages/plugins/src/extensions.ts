import type { AgentDefinition } from './agents.js';
import { discoverAgents } from './agents.js';
import type { CustomCommand } from './commands.js';
import { discoverCustomCommands } from './commands.js';
import { type HooksConfig, type LoadedPlugin, loadPlugin } from './plugin-loader.js';
import { listPlugins, type PluginStoreLocation } from './plugin-registry.js';
import type { PluginTool } from './plugin-tool.js';
import type { Skill } from './skills.js';
import { discoverSkills } from './skills.js';
import type { DiscoveryIssue, DiscoveryRoots } from './sources.js';

export interface EnabledPlugins {
  plugins: LoadedPlugin[];
  /** Every plugin's hooks merged per event (append to the settings hooks). */
  hooks: HooksConfig;
  /** Every plugin's MCP servers, for `validateMcpConfig([{ source: 'plugin', servers }])`. */
  mcpServers: Record<string, unknown>;
  tools: PluginTool[];
  issues: DiscoveryIssue[];
}

/** Loads every enabled plugin from the registry; a broken plugin is an issue, the others load. */
export async function loadEnabledPlugins(
  location: PluginStoreLocation & { extraPluginDirs?: string[] },
): Promise<EnabledPlugins> {
  const roots = [
    ...(await listPlugins(location)).filter((record) => record.enabled).map((record) => record.path),
    ...(location.extraPluginDirs ?? []),
  ];
  const result: EnabledPlugins = { plugins: [], hooks: {}, mcpServers: {}, tools: [], issues: [] };
  for (const root of roots) {
    const loaded = await loadPlugin(root);
    result.issues.push(...loaded.issues);
    if (!loaded.plugin) continue;
    const plugin = loaded.plugin;
    result.plugins.push(plugin);
    for (const [event, groups] of Object.entries(plugin.hooks))
      result.hooks[event] = [...(result.hooks[event] ?? []), ...groups];
    Object.assign(result.mcpServers, plugin.mcpServers);
    result.tools.push(...plugin.tools);
  }
  return result;
}

export interface Extensions extends EnabledPlugins {
  skills: Skill[];
  commands: CustomCommand[];
  agents: AgentDefinition[];
}

/**
 * One call for the runtime: enabled plugins, then skills, custom commands and agents from the workspace, the
 * user's config home and those plugins (project first, then user, then plugins).
 */
export async function loadExtensions(
  roots: DiscoveryRoots & { extraPluginDirs?: string[] },
): Promise<Extensions> {
  const enabled = await loadEnabledPlugins(roots);
  const pick = (key: 'skillDirs' | 'commandDirs' | 'agentDirs') => enabled.plugins.flatMap((p) => p[key]);
  const [skills, commands, agents] = await Promise.all([
    discoverSkills({ ...roots, pluginDirs: pick('skillDirs') }),
    discoverCustomCommands({ ...roots, pluginDirs: pick('commandDirs') }),
    discoverAgents({ ...roots, pluginDirs: pick('agentDirs') }),
  ]);
  return {
    ...enabled,
    skills: skills.skills,
    commands: commands.commands,
    agents: agents.agents,
    issues: [...enabled.issues, ...skills.issues, ...commands.issues, ...agents.issues],
  };
}
