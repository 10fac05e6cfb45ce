import { resolve } from 'node:path';
import type { McpServerConfig } from '@claw/mcp';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { CliError, usageError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';

export default class McpLogin extends BaseCommand {
  static override summary = 'Authorize claw with a remote (http/sse) MCP server that uses OAuth.';
  static override description =
    `Runs the server's OAuth flow ahead of a session, so \`claw -p\` and the REPL find a stored token: the
authorization server is discovered from the MCP server, claw registers itself (dynamic client registration)
and opens the browser at the authorization URL with PKCE; the browser comes back to a loopback redirect on
127.0.0.1. The URL is also printed; the browser is not opened with --no-browser, with BROWSER=none, or on
Linux without a display. Tokens are stored per server URL in $CLAW_CONFIG_HOME/mcp-credentials.json (mode
0600) and refreshed when the server rejects them. A session never opens a browser: a server that needs a
sign-in is reported as needs-auth.`;
  static override examples = [
    '<%= config.bin %> mcp login sentry',
    '<%= config.bin %> mcp login sentry --no-browser',
  ];
  static override args = { name: Args.string({ description: 'Server name.', required: true }) };
  static override flags = {
    'no-browser': Flags.boolean({ description: 'Do not open a browser; print the URL and wait.' }),
    timeout: Flags.integer({ description: 'Seconds to wait for the browser sign-in.', default: 300, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(McpLogin);
    const [auth, mcp] = await Promise.all([import('@claw/auth'), import('@claw/mcp')]);
    const server = await findServer(args.name, flags);
    if (server.type === 'stdio') {
      throw usageError(
        `MCP server "${server.name}" runs over stdio; OAuth applies to http and sse servers.`,
        'Give a stdio server its credentials through `env` in its entry.',
      );
    }
    const configHome = configHomeFrom(process.env);
    const login = await auth.startMcpOAuthLogin({
      serverName: server.name,
      serverUrl: server.url,
      configHome,
      print: (line) => process.stderr.write(`${line}\n`),
      openBrowser: !flags['no-browser'] && auth.shouldOpenBrowser(process.env),
      timeoutMs: flags.timeout * 1000,
    });
    try {
      const provider = auth.createMcpOAuthProvider({
        serverName: server.name,
        serverUrl: server.url,
        configHome,
        clientVersion: this.config.version,
        login,
      });
      await mcp.authorizeMcpServer(server, { provider, waitForCode: () => login.waitForCode() });
    } catch (error) {
      if (auth.isAuthError(error)) throw new CliError('auth', error.message, { hint: error.hint });
      throw new CliError('auth', `Authorizing with MCP server "${server.name}" failed: ${messageOf(error)}`, {
        hint: `Check that ${server.url} is an MCP server that supports OAuth, then run \`claw mcp login ${server.name}\` again.`,
      });
    } finally {
      await login.close();
    }

    // Prove the stored token works the way a session will use it.
    const manager = mcp.createMcpManager({
      servers: [server],
      clientInfo: { name: 'claw', version: this.config.version },
      authProvider: (entry) =>
        entry.type === 'stdio'
          ? undefined
          : auth.createMcpOAuthProvider({ serverName: entry.name, serverUrl: entry.url, configHome }),
    });
    try {
      const [status] = await manager.start();
      if (status?.status !== 'connected') {
        throw new CliError(
          'auth',
          `Authorized, but MCP server "${server.name}" still refuses the connection: ${status?.error ?? 'unknown'}`,
          { hint: `Run \`claw mcp login ${server.name}\` again.` },
        );
      }
      if (this.isJson(flags)) {
        this.writeJson({
          type: 'mcp_login',
          server: server.name,
          status: status.status,
          tools: status.toolCount,
        });
      } else {
        process.stdout.write(
          `Authorized with MCP server "${server.name}" (${status.toolCount} tool${status.toolCount === 1 ? '' : 's'}).\n`,
        );
      }
    } finally {
      await manager.close();
    }
  }
}

/** The server a session would start under this name: settings, `.mcp.json` (approved), plugins, `--mcp-config`. */
async function findServer(
  name: string,
  flags: { cwd?: string | undefined; 'mcp-config'?: string[] | undefined },
): Promise<McpServerConfig> {
  const { loadSettings, configuredMcpServers } = await import('@claw/runtime');
  const configHome = configHomeFrom(process.env);
  const loaded = await loadSettings({ workspaceRoot: workspaceFrom(flags), configHome });
  return withDomainErrors(async () => {
    const { servers, issues } = await configuredMcpServers({
      loaded,
      configHome,
      mcpConfigFiles: (flags['mcp-config'] ?? []).map((file) => resolve(file)),
      env: process.env,
    });
    const found = servers.find((server) => server.name === name);
    if (found) return found;
    const issue = issues.find((item) => item.server === name);
    if (issue)
      throw new CliError('config', `MCP server "${name}": ${issue.message}`, {
        hint: 'Run `claw mcp get NAME`.',
      });
    const known = servers.map((server) => server.name);
    throw new CliError('not_found', `No MCP server named "${name}".`, {
      hint:
        known.length > 0
          ? `Configured: ${known.join(', ')}.`
          : 'Add one with `claw mcp add --transport http NAME URL`.',
    });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
