import type { AnyTool, ToolResult } from '@claw/tools';
import type { McpServerConfig } from './config-schema.js';
import {
  connectServer,
  isAuthRequired,
  listAllTools,
  McpConnectError,
  type ServerConnection,
} from './connection.js';
import type {
  McpManager,
  McpManagerEvent,
  McpManagerOptions,
  McpPromptInfo,
  McpPromptResult,
  McpServerState,
  McpServerStatus,
} from './manager-types.js';
import { mcpPromptCommandName, uniqueMcpToolNames } from './names.js';
import {
  createListMcpResourcesTool,
  createReadMcpResourceTool,
  type McpResourceInfo,
} from './resource-tools.js';
import { resourceContentsToBlocks, toToolResult } from './result-content.js';
import { ProcessGroupStdioTransport } from './stdio-transport.js';
import { adaptMcpTool, type McpTool } from './tool-adapter.js';
import { createToolSearchTool, rankTools, type ToolCatalogEntry } from './tool-search.js';

const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;
const DEFAULT_TOOL_TIMEOUT_MS = 600_000;
const DEFAULT_DEFER_THRESHOLD = 40;

interface ServerEntry {
  config: McpServerConfig;
  state: McpServerState;
  error?: string;
  connection?: ServerConnection;
  tools: McpTool[];
}

export function createMcpManager(options: McpManagerOptions): McpManager {
  const startupTimeoutMs =
    options.startupTimeoutMs ?? positiveEnvInt('MCP_TIMEOUT') ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const toolTimeoutMs =
    options.toolTimeoutMs ?? positiveEnvInt('MCP_TOOL_TIMEOUT') ?? DEFAULT_TOOL_TIMEOUT_MS;
  const deferThreshold = options.deferThreshold ?? DEFAULT_DEFER_THRESHOLD;
  const clientInfo = options.clientInfo ?? { name: 'claw', version: '0.1.0' };
  const baseEnv = options.env ?? stringEnv(process.env);
  const servers = new Map<string, ServerEntry>(
    options.servers.map((config) => [config.name, { config, state: 'pending', tools: [] }]),
  );
  const loaded = new Set<string>();
  const emit = (event: McpManagerEvent) => options.onEvent?.(event);

  function connectionOf(server: string): ServerConnection {
    const entry = servers.get(server);
    if (!entry)
      throw new Error(`Unknown MCP server "${server}". Known: ${[...servers.keys()].join(', ') || 'none'}`);
    if (!entry.connection || entry.state !== 'connected') {
      throw new Error(`MCP server "${server}" is not connected${entry.error ? `: ${entry.error}` : ''}`);
    }
    return entry.connection;
  }

  async function callTool(
    server: string,
    tool: string,
    input: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<ToolResult> {
    try {
      const connection = connectionOf(server);
      const result = await connection.client.callTool({ name: tool, arguments: input }, undefined, {
        timeout: toolTimeoutMs,
        resetTimeoutOnProgress: true,
        ...(signal ? { signal } : {}),
      });
      return toToolResult(result as Parameters<typeof toToolResult>[0]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A sign-in that expired mid-session and could not be refreshed: say how to sign in again.
      const hint = isAuthRequired(error) ? ` (run \`claw mcp login ${server}\`)` : '';
      return { content: `MCP tool ${server}/${tool} failed: ${message}${hint}`, isError: true };
    }
  }

  function adapt(server: string, connection: ServerConnection): McpTool[] {
    const names = uniqueMcpToolNames(
      server,
      connection.tools.map((definition) => definition.name),
    );
    return connection.tools.map((definition, index) =>
      adaptMcpTool(server, definition, callTool, names[index]),
    );
  }

  async function refreshTools(server: string): Promise<void> {
    const entry = servers.get(server);
    if (!entry?.connection || entry.state !== 'connected') return;
    try {
      entry.connection.tools = await listAllTools(
        entry.connection.client,
        AbortSignal.timeout(startupTimeoutMs),
      );
      entry.tools = adapt(server, entry.connection);
      emit({ type: 'tools_changed', server, toolCount: entry.tools.length });
    } catch (error) {
      emit({
        type: 'tools_refresh_failed',
        server,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async function startOne(entry: ServerEntry, signal: AbortSignal): Promise<void> {
    const name = entry.config.name;
    try {
      const connection = await connectServer(
        entry.config,
        {
          clientInfo,
          env: baseEnv,
          startupTimeoutMs,
          ...(options.authProvider ? { authProvider: options.authProvider } : {}),
          onToolsChanged: () => void refreshTools(name),
          onClosed: (reason) => {
            if (entry.state !== 'connected') return;
            entry.state = 'failed';
            entry.error = `disconnected: ${reason}`;
            emit({ type: 'server_disconnected', server: name, error: entry.error });
          },
        },
        signal,
      );
      if (entry.state === 'closed') {
        // close() ran while we were connecting: do not keep a live child around.
        await connection.transport.close();
        return;
      }
      entry.connection = connection;
      entry.tools = adapt(name, connection);
      entry.state = 'connected';
      emit({ type: 'server_connected', server: name, toolCount: entry.tools.length });
    } catch (error) {
      if (entry.state === 'closed') return;
      entry.error = error instanceof Error ? error.message : String(error);
      if (error instanceof McpConnectError && error.needsAuth) {
        entry.state = 'needs-auth';
        emit({ type: 'server_needs_auth', server: name, error: entry.error });
        return;
      }
      entry.state = 'failed';
      emit({ type: 'server_failed', server: name, error: entry.error });
    }
  }

  function statusOf(entry: ServerEntry): McpServerStatus {
    const capabilities = entry.connection?.client.getServerCapabilities();
    return {
      name: entry.config.name,
      type: entry.config.type,
      source: entry.config.source,
      status: entry.state,
      toolCount: entry.tools.length,
      ...(entry.error === undefined ? {} : { error: entry.error }),
      ...(entry.connection?.transport instanceof ProcessGroupStdioTransport && entry.connection.transport.pid
        ? { pid: entry.connection.transport.pid }
        : {}),
      ...(entry.connection?.instructions === undefined
        ? {}
        : { instructions: entry.connection.instructions }),
      ...(capabilities
        ? {
            capabilities: {
              tools: capabilities.tools !== undefined,
              resources: capabilities.resources !== undefined,
              prompts: capabilities.prompts !== undefined,
            },
          }
        : {}),
    };
  }

  function connected(): Array<[string, ServerEntry & { connection: ServerConnection }]> {
    return [...servers.entries()].filter(
      (item): item is [string, ServerEntry & { connection: ServerConnection }] =>
        item[1].state === 'connected' && item[1].connection !== undefined,
    );
  }

  const allMcpTools = (): McpTool[] => connected().flatMap(([, entry]) => entry.tools);
  const isDeferred = (): boolean => allMcpTools().length > deferThreshold;
  const catalogEntry = (tool: McpTool): ToolCatalogEntry => ({
    name: tool.name,
    description: tool.description,
    server: tool.mcp.server,
  });

  const manager: McpManager = {
    async start(signal = new AbortController().signal) {
      await Promise.all(
        [...servers.values()].filter((e) => e.state === 'pending').map((e) => startOne(e, signal)),
      );
      return manager.status();
    },
    status: () => [...servers.values()].map(statusOf),
    tools() {
      const mcpTools = allMcpTools();
      const deferred = mcpTools.length > deferThreshold;
      const offered: AnyTool[] = deferred ? mcpTools.filter((tool) => loaded.has(tool.name)) : [...mcpTools];
      const hasResources = connected().some(
        ([, entry]) => entry.connection.client.getServerCapabilities()?.resources,
      );
      if (hasResources)
        offered.push(createListMcpResourcesTool(resourceSource), createReadMcpResourceTool(resourceSource));
      if (deferred) offered.push(createToolSearchTool(manager));
      return offered;
    },
    allTools: () => allMcpTools(),
    isDeferred,
    deferredTools: () =>
      isDeferred()
        ? allMcpTools()
            .filter((tool) => !loaded.has(tool.name))
            .map(catalogEntry)
        : [],
    searchTools(query, limit = 5) {
      const tools = allMcpTools();
      const found = rankTools(tools.map(catalogEntry), query, limit);
      for (const entry of found) loaded.add(entry.name);
      return found.map((entry) => ({
        ...entry,
        inputSchema: tools.find((tool) => tool.name === entry.name)?.jsonSchema ?? {},
      }));
    },
    callTool,
    async listResources(server, signal) {
      const targets = server === undefined ? connected() : [[server, servers.get(server)] as const];
      const all: McpResourceInfo[] = [];
      for (const [name] of targets) {
        const connection = connectionOf(name);
        if (!connection.client.getServerCapabilities()?.resources) continue;
        let cursor: string | undefined;
        do {
          const page = await connection.client.listResources(cursor === undefined ? {} : { cursor }, {
            ...(signal ? { signal } : {}),
          });
          for (const resource of page.resources) {
            all.push({
              server: name,
              uri: resource.uri,
              name: resource.name,
              ...(resource.mimeType ? { mimeType: resource.mimeType } : {}),
              ...(resource.description ? { description: resource.description } : {}),
            });
          }
          cursor = page.nextCursor;
        } while (cursor !== undefined);
      }
      return all;
    },
    async readResource(server, uri, signal) {
      const result = await connectionOf(server).client.readResource(
        { uri },
        { ...(signal ? { signal } : {}) },
      );
      return result.contents.map((item) => ({
        uri: item.uri,
        ...(item.mimeType ? { mimeType: item.mimeType } : {}),
        ...('text' in item && typeof item.text === 'string' ? { text: item.text } : {}),
        ...('blob' in item && typeof item.blob === 'string' ? { blob: item.blob } : {}),
      }));
    },
    async listPrompts(signal) {
      const prompts: McpPromptInfo[] = [];
      for (const [name, entry] of connected()) {
        if (!entry.connection.client.getServerCapabilities()?.prompts) continue;
        let cursor: string | undefined;
        do {
          const page = await entry.connection.client.listPrompts(cursor === undefined ? {} : { cursor }, {
            ...(signal ? { signal } : {}),
          });
          for (const prompt of page.prompts) {
            prompts.push({
              server: name,
              name: prompt.name,
              commandName: mcpPromptCommandName(name, prompt.name),
              ...(prompt.description ? { description: prompt.description } : {}),
              arguments: (prompt.arguments ?? []).map((arg) => ({
                name: arg.name,
                ...(arg.description ? { description: arg.description } : {}),
                required: arg.required === true,
              })),
            });
          }
          cursor = page.nextCursor;
        } while (cursor !== undefined);
      }
      return prompts;
    },
    async getPrompt(server, name, args = {}, signal) {
      const result = await connectionOf(server).client.getPrompt(
        { name, arguments: args },
        { ...(signal ? { signal } : {}) },
      );
      const messages = result.messages.map((message) => ({
        role: message.role,
        content: message.content as unknown,
      }));
      const text = result.messages
        .map((message) => promptContentText(message.content as unknown))
        .filter((part) => part.length > 0)
        .join('\n\n');
      return {
        ...(result.description ? { description: result.description } : {}),
        messages,
        text,
      } satisfies McpPromptResult;
    },
    async close() {
      const entries = [...servers.values()];
      for (const entry of entries) entry.state = 'closed';
      await Promise.all(
        entries.map(async (entry) => {
          const connection = entry.connection;
          entry.connection = undefined;
          entry.tools = [];
          if (!connection) return;
          await connection.client.close().catch(() => undefined);
          await connection.transport.close();
        }),
      );
    },
  };

  const resourceSource = {
    listResources: manager.listResources,
    async readResourceAsResult(server: string, uri: string, signal?: AbortSignal): Promise<ToolResult> {
      const contents = await manager.readResource(server, uri, signal);
      const blocks = contents.flatMap((item) => resourceContentsToBlocks(item));
      return { content: blocks.length > 0 ? blocks : `[resource ${uri} is empty]` };
    },
  };

  return manager;
}

/** Text of one prompt message's content (text, or an embedded text resource). */
function promptContentText(content: unknown): string {
  if (typeof content !== 'object' || content === null) return '';
  const record = content as Record<string, unknown>;
  if (record.type === 'text') return String(record.text ?? '');
  if (record.type === 'resource') {
    return resourceContentsToBlocks(record.resource)
      .map((block) => (block.type === 'text' ? block.text : '[image]'))
      .join('\n');
  }
  return `[${String(record.type)} content]`;
}

function positiveEnvInt(name: string): number | undefined {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}
