export type { AgentDefinition, CreateAgentFileOptions, DiscoverAgentsOptions } from './agents.js';
export { createAgentFile, discoverAgents, GENERAL_PURPOSE_AGENT } from './agents.js';
export type { ExpandCommandDeps } from './command-expand.js';
export { expandCustomCommand, splitArguments, substituteArguments } from './command-expand.js';
export type { CustomCommand, DiscoverCommandsOptions } from './commands.js';
export { discoverCustomCommands } from './commands.js';
export { PluginsError } from './errors.js';
export type { EnabledPlugins, Extensions } from './extensions.js';
export { loadEnabledPlugins, loadExtensions } from './extensions.js';
export type { FrontMatterDocument } from './front-matter.js';
export { parseFrontMatter } from './front-matter.js';
export type { HooksConfig, LoadedPlugin } from './plugin-loader.js';
export { loadPlugin, readPluginManifest } from './plugin-loader.js';
export type { Marketplace, PluginManifest, PluginToolDefinition } from './plugin-manifest.js';
export {
  expandPluginRoot,
  MarketplaceSchema,
  PluginManifestSchema,
  PluginToolSchema,
} from './plugin-manifest.js';
export type {
  InstallPluginOptions,
  PluginRecord,
  PluginRegistry,
  PluginStoreLocation,
} from './plugin-registry.js';
export {
  disablePlugin,
  enablePlugin,
  installPlugin,
  listPlugins,
  pluginsDir,
  readPluginRegistry,
  uninstallPlugin,
} from './plugin-registry.js';
export type { PluginTool, PluginToolInput } from './plugin-tool.js';
export { createPluginTool } from './plugin-tool.js';
export type { InstallScope, SkillInstallLocation } from './skill-install.js';
export { installSkill, skillsDir, uninstallSkill } from './skill-install.js';
export type { SkillToolInput, SkillToolOptions } from './skill-tool.js';
export { createSkillTool } from './skill-tool.js';
export type { DiscoverSkillsOptions, Skill } from './skills.js';
export { discoverSkills, formatSkillsForPrompt, loadSkillFile } from './skills.js';
export type { ContentSource, DiscoveryIssue, DiscoveryRoots, PluginContentDir } from './sources.js';
export { defaultClaudeUserDir } from './sources.js';
