import type { AnyTool, ToolResult } from '@claw/tools';
import type { McpConfigSource, McpServerConfig } from './config-schema.js';
import type { McpAuthProviderFactory } from './connection.js';
import type { McpResourceInfo } from './resource-tools.js';
import type { ToolCatalogEntry } from './tool-search.js';

/** `needs-auth`: a remote server wants an OAuth sign-in and none is stored (`claw mcp login <server>`). */
export type McpServerState = 'pending' | 'connected' | 'failed' | 'needs-auth' | 'closed';

/** JSON-friendly status of one server, for `claw mcp list` and `/mcp`. */
export interface McpServerStatus {
  name: string;
  type: 'stdio' | 'http' | 'sse';
  source: McpConfigSource;
  status: McpServerState;
  toolCount: number;
  error?: string;
  /** The stdio child's pid (leader of its process group) while connected. */
  pid?: number;
  /** The server's `instructions` from initialize, for the system prompt. */
  instructions?: string;
  capabilities?: { tools: boolean; resources: boolean; prompts: boolean };
}

export type McpManagerEvent =
  | { type: 'server_connected'; server: string; toolCount: number }
  | { type: 'server_failed'; server: string; error: string }
  | { type: 'server_needs_auth'; server: string; error: string }
  | { type: 'server_disconnected'; server: string; error: string }
  | { type: 'tools_changed'; server: string; toolCount: number }
  | { type: 'tools_refresh_failed'; server: string; error: string };

export interface McpManagerOptions {
  servers: McpServerConfig[];
  /** Environment for stdio children, already scrubbed of claw's secrets. Defaults to `process.env` strings. */
  env?: Record<string, string>;
  /** Per-server start-up timeout; default `MCP_TIMEOUT` or 10 s. */
  startupTimeoutMs?: number;
  /** Per-call timeout; default `MCP_TOOL_TIMEOUT` or 10 minutes. */
  toolTimeoutMs?: number;
  clientInfo?: { name: string; version: string };
  onEvent?: (event: McpManagerEvent) => void;
  /** OAuth provider for remote servers (from `@claw/auth`). */
  authProvider?: McpAuthProviderFactory;
  /** More MCP tools than this → tools are deferred behind `ToolSearch` (default 40; `Infinity` disables). */
  deferThreshold?: number;
}

export interface McpPromptInfo {
  server: string;
  name: string;
  /** `mcp__<server>__<prompt>`: the slash command name without the `/`. */
  commandName: string;
  description?: string;
  arguments: Array<{ name: string; description?: string; required: boolean }>;
}

export interface McpPromptResult {
  description?: string;
  messages: Array<{ role: 'user' | 'assistant'; content: unknown }>;
  /** The messages' text joined, ready to send as a user prompt. */
  text: string;
}

export interface McpManager {
  /** Connects to every server in parallel; resolves when each one is connected or has failed. */
  start(signal?: AbortSignal): Promise<McpServerStatus[]>;
  status(): McpServerStatus[];
  /** Tools to offer the model now: MCP tools (or only the loaded ones when deferred), resource tools, ToolSearch. */
  tools(): AnyTool[];
  /** Every adapted tool, deferred or not, for dispatching a call by name. */
  allTools(): AnyTool[];
  /** Whether the catalog is over the threshold and tools wait behind `ToolSearch`. */
  isDeferred(): boolean;
  /** Names and descriptions of tools not yet loaded (for the system prompt). */
  deferredTools(): ToolCatalogEntry[];
  /** Finds tools by keyword (or `select:a,b`) and marks them loaded. */
  searchTools(
    query: string,
    limit?: number,
  ): Array<ToolCatalogEntry & { inputSchema: Record<string, unknown> }>;
  callTool(
    server: string,
    tool: string,
    input: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<ToolResult>;
  listResources(server?: string, signal?: AbortSignal): Promise<McpResourceInfo[]>;
  readResource(
    server: string,
    uri: string,
    signal?: AbortSignal,
  ): Promise<Array<{ uri: string; mimeType?: string; text?: string; blob?: string }>>;
  listPrompts(signal?: AbortSignal): Promise<McpPromptInfo[]>;
  getPrompt(
    server: string,
    name: string,
    args?: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<McpPromptResult>;
  /** Closes every connection and kills stdio children (their whole process groups). */
  close(): Promise<void>;
}
