import type { McpPromptInfo, McpPromptResult } from '@claw/mcp';
import type { AgentDefinition, CustomCommand, Extensions } from '@claw/plugins';
import type { AnyTool } from '@claw/tools';
import type { LoadedSettings } from '../config/index.js';
import type { HooksConfig } from '../hooks/index.js';
import { configuredMcpServers } from './mcp-servers.js';

export interface McpServerReport {
  name: string;
  status: string;
  tools: number;
  error?: string;
}

/** The connected servers' prompts, offered as `/mcp__<server>__<prompt>` slash commands. */
export interface McpPromptSource {
  listPrompts(signal?: AbortSignal): Promise<McpPromptInfo[]>;
  getPrompt(
    server: string,
    name: string,
    args: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<McpPromptResult>;
}

/** What MCP servers, plugins, skills and agent definitions add to a session. */
export interface ExtensionsSetup {
  /** MCP tools (the loaded ones when the catalog is deferred), plugin tools and the Skill tool. */
  tools(): AnyTool[];
  /** Every MCP tool, deferred or not: a model may call one ToolSearch returned. */
  allTools(): AnyTool[];
  /** The MCP catalog is large: its tools hide behind MCP's own ToolSearch. */
  deferred(): boolean;
  skills: Array<{ name: string; description: string; path: string }>;
  agents: AgentDefinition[];
  commands: CustomCommand[];
  /** Settings hooks plus every enabled plugin's hooks. */
  hooks: HooksConfig | undefined;
  mcpStatus(): McpServerReport[];
  mcpPrompts: McpPromptSource;
  close(): Promise<void>;
}

const NO_PROMPTS: McpPromptSource = {
  listPrompts: async () => [],
  getPrompt: async (server) => {
    throw new Error(`Unknown MCP server "${server}"`);
  },
};

function mergeHooks(
  base: HooksConfig | undefined,
  extra: Record<string, unknown[]>,
): HooksConfig | undefined {
  if (Object.keys(extra).length === 0) return base;
  const merged: Record<string, unknown[]> = { ...(base ?? {}) };
  for (const [event, groups] of Object.entries(extra)) merged[event] = [...(merged[event] ?? []), ...groups];
  return merged as HooksConfig;
}

function hasServers(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/**
 * Loads plugins, skills, agents and custom commands, then starts MCP servers (in parallel, each with a
 * start-up timeout). `@claw/mcp` and the MCP SDK are only imported when some server is configured, so a
 * session without MCP pays nothing for it.
 */
export async function setUpExtensions(input: {
  workspaceRoot: string;
  configHome: string;
  loaded: LoadedSettings;
  mcpConfigFiles: string[];
  strictMcpConfig: boolean;
  childEnv: NodeJS.ProcessEnv;
  clientVersion: string;
  onWarning(message: string): void;
  signal: AbortSignal;
}): Promise<ExtensionsSetup> {
  const { loaded } = input;
  const plugins = await import('@claw/plugins');
  const ext: Extensions = await plugins.loadExtensions({
    workspaceRoot: input.workspaceRoot,
    configHome: input.configHome,
    claudeUserDir: plugins.defaultClaudeUserDir(input.childEnv),
  });
  for (const issue of ext.issues) input.onWarning(`${issue.path}: ${issue.message}`);

  const ownTools: AnyTool[] = [...ext.tools];
  if (ext.skills.length > 0) ownTools.push(plugins.createSkillTool({ skills: () => ext.skills }));

  const settings = loaded.settings;
  const needsMcp =
    input.mcpConfigFiles.length > 0 ||
    (!input.strictMcpConfig &&
      (hasServers(settings.mcpServers) || hasServers(loaded.mcpJson.servers) || hasServers(ext.mcpServers)));

  let mcpTools = (): AnyTool[] => [];
  let mcpAllTools = (): AnyTool[] => [];
  let deferred = (): boolean => false;
  let mcpStatus = (): McpServerReport[] => [];
  let mcpPrompts = NO_PROMPTS;
  let close = async (): Promise<void> => {};

  if (needsMcp) {
    const mcp = await import('@claw/mcp');
    const { servers, issues } = await configuredMcpServers({
      loaded,
      configHome: input.configHome,
      mcpConfigFiles: input.mcpConfigFiles,
      strict: input.strictMcpConfig,
      env: input.childEnv,
      pluginServers: ext.mcpServers,
    });
    const problems: McpServerReport[] = [];
    for (const issue of issues) {
      const hint =
        issue.kind === 'pending-approval' ? ` (approve it with \`claw mcp approve ${issue.server}\`)` : '';
      input.onWarning(`MCP server ${issue.server}: ${issue.message}${hint}`);
      problems.push({ name: issue.server, status: issue.kind, tools: 0, error: issue.message });
    }
    const env = Object.fromEntries(
      Object.entries(input.childEnv).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const auth = await import('@claw/auth');
    const manager = mcp.createMcpManager({
      servers,
      env,
      clientInfo: { name: 'claw', version: input.clientVersion },
      // The SDK's transports only consult the provider for tokens it stored, and on a 401; a session never
      // opens a browser: a server that needs a new sign-in is reported as `needs-auth`.
      authProvider: (server) =>
        server.type === 'stdio'
          ? undefined
          : auth.createMcpOAuthProvider({
              serverName: server.name,
              serverUrl: server.url,
              configHome: input.configHome,
              clientVersion: input.clientVersion,
            }),
      onEvent: (event) => {
        if (event.type === 'server_needs_auth') {
          input.onWarning(
            `MCP server ${event.server} needs authentication; run \`claw mcp login ${event.server}\` first.`,
          );
        }
        if (event.type === 'server_failed' || event.type === 'server_disconnected') {
          input.onWarning(
            `MCP server ${event.server} ${event.type === 'server_failed' ? 'failed' : 'disconnected'}: ${event.error}`,
          );
        }
      },
    });
    await manager.start(input.signal);
    mcpTools = () => manager.tools();
    mcpAllTools = () => manager.allTools();
    deferred = () => manager.isDeferred();
    mcpStatus = () => [
      ...manager.status().map((s) => ({
        name: s.name,
        status: s.status,
        tools: s.toolCount,
        ...(s.error ? { error: s.error } : {}),
      })),
      ...problems,
    ];
    mcpPrompts = {
      listPrompts: (signal) => manager.listPrompts(signal),
      getPrompt: (server, name, args, signal) => manager.getPrompt(server, name, args, signal),
    };
    close = () => manager.close();
  }

  return {
    tools: () => [...mcpTools(), ...ownTools],
    allTools: () => {
      // Offered tools (resource tools, MCP's ToolSearch) plus deferred ones, each once.
      const byName = new Map<string, AnyTool>();
      for (const tool of [...mcpTools(), ...mcpAllTools(), ...ownTools])
        if (!byName.has(tool.name)) byName.set(tool.name, tool);
      return [...byName.values()];
    },
    deferred,
    skills: ext.skills.map((s) => ({ name: s.name, description: s.description, path: s.path })),
    agents: ext.agents,
    commands: ext.commands,
    hooks: mergeHooks(settings.hooks, ext.hooks as Record<string, unknown[]>),
    mcpStatus,
    mcpPrompts,
    close,
  };
}
