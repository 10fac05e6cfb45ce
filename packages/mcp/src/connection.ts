import { type OAuthClientProvider, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type Tool as McpToolDefinition,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from './config-schema.js';
import { ProcessGroupStdioTransport } from './stdio-transport.js';

/** Returns an OAuth provider for a remote server (from `@claw/auth`), or undefined to use headers only. */
export type McpAuthProviderFactory = (server: McpServerConfig) => OAuthClientProvider | undefined;

export interface ConnectOptions {
  clientInfo: { name: string; version: string };
  /** Base environment for stdio servers (already scrubbed of claw's secrets); the entry's `env` is laid over. */
  env: Record<string, string>;
  startupTimeoutMs: number;
  authProvider?: McpAuthProviderFactory;
  /** Called when the server says its tool list changed. */
  onToolsChanged: () => void;
  /** Called when the connection drops after start-up. */
  onClosed: (reason: string) => void;
}

export interface ServerConnection {
  client: Client;
  transport: Transport;
  tools: McpToolDefinition[];
  instructions?: string;
}

export class McpConnectError extends Error {
  readonly kind = 'mcp_connect_failed';
  /** The server wants an OAuth sign-in that only `claw mcp login` can give. */
  readonly needsAuth: boolean;
  constructor(message: string, options: { needsAuth?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.needsAuth = options.needsAuth ?? false;
  }
}

/**
 * The SDK throws `UnauthorizedError` when authorization would need a browser; claw's provider throws its own
 * `mcp_needs_auth` error (from `@claw/auth`) before the SDK would register a client or redirect.
 */
export function isAuthRequired(error: unknown): boolean {
  if (error instanceof UnauthorizedError) return true;
  return (
    typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'mcp_needs_auth'
  );
}

/**
 * Connects to one server and lists its tools, all within the start-up timeout. On any failure the transport
 * is closed (killing a stdio child) before the error is thrown, so a failed server leaves nothing behind.
 */
export async function connectServer(
  config: McpServerConfig,
  options: ConnectOptions,
  signal: AbortSignal,
): Promise<ServerConnection> {
  const transport = createTransport(config, options);
  const client = new Client(options.clientInfo, { capabilities: {} });
  const timeoutMs = config.timeout ?? options.startupTimeoutMs;
  let started = false;
  const closedEarly = new Promise<never>((_resolve, reject) => {
    client.onclose = () => {
      if (started) options.onClosed(describeExit(transport, 'connection closed'));
      // The SDK closes the connection itself when `initialize` fails (a 401, a refused sign-in): give that
      // error, which settles in the same tick, the chance to be the one reported.
      else
        setImmediate(() =>
          reject(
            new McpConnectError(describeExit(transport, 'server closed the connection during start-up')),
          ),
        );
    };
  });
  closedEarly.catch(() => undefined);
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = AbortSignal.any([signal, timeout]);
  const aborted = new Promise<never>((_resolve, reject) => {
    const fail = () =>
      reject(
        new McpConnectError(
          timeout.aborted
            ? describeExit(transport, `no answer within ${timeoutMs} ms (start-up timeout)`)
            : 'start-up aborted',
        ),
      );
    if (combined.aborted) fail();
    else combined.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  // Registered before connecting: servers may announce new tools right after `initialized`, before our first
  // `tools/list` answer arrives; such an early change is folded into one more listing below.
  let changedDuringStartup = false;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    if (started) options.onToolsChanged();
    else changedDuringStartup = true;
  });
  try {
    const ready = (async () => {
      await client.connect(transport, { signal: combined, timeout: timeoutMs });
      if (!client.getServerCapabilities()?.tools) return [];
      let tools = await listAllTools(client, combined);
      if (changedDuringStartup) tools = await listAllTools(client, combined);
      return tools;
    })();
    const tools = await Promise.race([ready, closedEarly, aborted]);
    started = true;
    const instructions = client.getInstructions();
    return { client, transport, tools, ...(instructions === undefined ? {} : { instructions }) };
  } catch (error) {
    await client.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
    if (error instanceof McpConnectError) throw error;
    if (isAuthRequired(error)) {
      throw new McpConnectError(`needs authentication: run \`claw mcp login ${config.name}\``, {
        needsAuth: true,
        cause: error,
      });
    }
    throw new McpConnectError(
      describeExit(transport, error instanceof Error ? error.message : String(error)),
    );
  }
}

/** Pages through `tools/list`. */
export async function listAllTools(client: Client, signal: AbortSignal): Promise<McpToolDefinition[]> {
  const tools: McpToolDefinition[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor }, { signal });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}

function createTransport(config: McpServerConfig, options: ConnectOptions): Transport {
  if (config.type === 'stdio') {
    return new ProcessGroupStdioTransport({
      command: config.command,
      args: config.args,
      env: { ...options.env, ...config.env },
      ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
    });
  }
  // A configured `Authorization` header is the user's own credential: OAuth stays out of its way.
  const hasOwnAuthorization = Object.keys(config.headers).some(
    (name) => name.toLowerCase() === 'authorization',
  );
  const authProvider = hasOwnAuthorization ? undefined : options.authProvider?.(config);
  const requestInit: RequestInit = { headers: config.headers };
  const url = new URL(config.url);
  if (config.type === 'sse') {
    return new SSEClientTransport(url, { requestInit, ...(authProvider ? { authProvider } : {}) });
  }
  return new StreamableHTTPClientTransport(url, { requestInit, ...(authProvider ? { authProvider } : {}) });
}

/** Adds how a stdio child ended and the tail of its stderr to a failure message. */
function describeExit(transport: Transport, message: string): string {
  if (!(transport instanceof ProcessGroupStdioTransport)) return message;
  const parts = [message];
  const exit = transport.exit;
  if (exit) parts.push(exit.signal ? `(killed by ${exit.signal})` : `(exit code ${exit.code})`);
  const stderr = transport.stderrTail.trim();
  if (stderr) parts.push(`— stderr: ${stderr.split('\n').slice(-5).join('\n')}`);
  return parts.join(' ');
}
