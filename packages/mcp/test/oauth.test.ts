import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMcpOAuthProvider } from '@claw/auth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMcpManager, type McpManagerEvent, type McpServerConfig } from '../src/index.js';
import { fixture } from './helpers.js';

/** A remote MCP server that wants a bearer token it never accepts, like any OAuth-protected server. */
async function startProtectedServer(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
    if (req.method === 'POST' && req.url === '/mcp') {
      res
        .writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' })
        .end('{"error":"invalid_token"}');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const remote = (url: string, headers: Record<string, string> = {}): McpServerConfig => ({
  name: 'remote',
  type: 'http',
  url,
  headers,
  source: 'cli',
});

let protectedServer: Awaited<ReturnType<typeof startProtectedServer>>;
let configHome: string;
beforeEach(async () => {
  protectedServer = await startProtectedServer();
  configHome = await mkdtemp(join(tmpdir(), 'claw-mcp-oauth-'));
});
afterEach(async () => {
  await protectedServer.close();
  await rm(configHome, { recursive: true, force: true });
});

describe('remote servers that demand OAuth', () => {
  it('report needs-auth with the login hint, without registering, while a stdio server next to them connects', async () => {
    const events: McpManagerEvent[] = [];
    const manager = createMcpManager({
      servers: [
        remote(protectedServer.url),
        {
          name: 'local',
          type: 'stdio',
          command: process.execPath,
          args: [fixture('dynamic-server.mjs')],
          env: {},
          source: 'cli',
        },
      ],
      authProvider: (server) =>
        server.type === 'stdio'
          ? undefined
          : createMcpOAuthProvider({ serverName: server.name, serverUrl: server.url, configHome }),
      onEvent: (event) => events.push(event),
    });
    try {
      const statuses = await manager.start();
      expect(statuses.find((s) => s.name === 'remote')).toMatchObject({
        status: 'needs-auth',
        error: 'needs authentication: run `claw mcp login remote`',
      });
      expect(statuses.find((s) => s.name === 'local')).toMatchObject({ status: 'connected', toolCount: 1 });
      expect(events).toContainEqual({
        type: 'server_needs_auth',
        server: 'remote',
        error: 'needs authentication: run `claw mcp login remote`',
      });
      // Discovery only: no client registration, no token request, nothing stored.
      expect(protectedServer.requests.some((r) => /register|token|authorize/.test(r))).toBe(false);
      expect(await readdir(configHome)).toEqual([]);
    } finally {
      await manager.close();
    }
  });

  it('without a provider, reports the 401 itself rather than "closed during start-up"', async () => {
    const manager = createMcpManager({ servers: [remote(protectedServer.url)] });
    try {
      const [status] = await manager.start();
      expect(status?.status).toBe('failed');
      expect(status?.error).toMatch(/401|invalid_token/);
      expect(status?.error).not.toContain('closed the connection');
    } finally {
      await manager.close();
    }
  });

  it('leaves a configured Authorization header alone: OAuth is not consulted', async () => {
    let consulted = 0;
    const manager = createMcpManager({
      servers: [remote(protectedServer.url, { authorization: 'Bearer my-own-token' })],
      authProvider: (server) => {
        consulted += 1;
        return server.type === 'stdio'
          ? undefined
          : createMcpOAuthProvider({ serverName: server.name, serverUrl: server.url, configHome });
      },
    });
    try {
      const [status] = await manager.start();
      expect(consulted).toBe(0);
      expect(status?.status).toBe('failed');
      expect(protectedServer.requests[0]).toContain('Bearer my-own-token');
    } finally {
      await manager.close();
    }
  });
});
