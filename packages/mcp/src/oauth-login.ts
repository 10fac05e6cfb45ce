import { auth, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { McpRemoteServerConfig } from './config-schema.js';

export interface AuthorizeMcpServerOptions {
  /** A provider in login mode (`@claw/auth`'s `createMcpOAuthProvider` with `login`). */
  provider: OAuthClientProvider;
  /** Resolves with the authorization code the browser brought back to the loopback redirect. */
  waitForCode: () => Promise<string>;
}

/**
 * `claw mcp login`: runs the SDK's OAuth flow for one remote server ahead of a session. Discovery, dynamic
 * client registration and PKCE come from the SDK; the first pass ends by sending the user to the
 * authorization URL, the second exchanges the code the loopback redirect received and stores the tokens.
 */
export async function authorizeMcpServer(
  server: McpRemoteServerConfig,
  options: AuthorizeMcpServerOptions,
): Promise<void> {
  const serverUrl = new URL(server.url);
  const first = await auth(options.provider, { serverUrl });
  if (first === 'AUTHORIZED') return;
  const authorizationCode = await options.waitForCode();
  const second = await auth(options.provider, { serverUrl, authorizationCode });
  if (second !== 'AUTHORIZED') {
    throw new Error(`MCP server "${server.name}" did not accept the authorization code`);
  }
}
