// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests exercise ${VAR} expansion in config strings.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpManager, validateMcpConfig } from '../src/index.js';
import { childEnv, everythingEntry } from './helpers.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts server-everything in an HTTP mode and waits until it listens. */
async function startHttpServer(
  mode: 'streamableHttp' | 'sse',
): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [everythingEntry, mode], {
    env: { ...childEnv(), PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start`)), 15_000);
    const onData = (chunk: Buffer) => {
      if (/listening|running on port/i.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => reject(new Error(`${mode} server exited`)));
  });
  return { child, port };
}

describe('remote transports against server-everything', () => {
  let server: ChildProcess | undefined;
  afterEach(() => {
    server?.kill('SIGKILL');
    server = undefined;
  });

  it('connects over streamable HTTP with env-expanded url and headers', async () => {
    const started = await startHttpServer('streamableHttp');
    server = started.child;
    const { servers, issues } = validateMcpConfig(
      [
        {
          source: 'project',
          servers: {
            remote: {
              type: 'http',
              url: 'http://127.0.0.1:${MCP_PORT}/mcp',
              headers: { Authorization: 'Bearer ${MCP_TOKEN:-dev-token}' },
            },
          },
        },
      ],
      { env: { MCP_PORT: String(started.port) }, approvals: { enabledMcpjsonServers: ['remote'] } },
    );
    expect(issues).toEqual([]);
    expect(servers[0]).toMatchObject({ type: 'http', headers: { Authorization: 'Bearer dev-token' } });
    const manager = createMcpManager({ servers });
    try {
      const [status] = await manager.start();
      expect(status).toMatchObject({ name: 'remote', type: 'http', status: 'connected' });
      const result = await manager.callTool('remote', 'echo', { message: 'over http' });
      expect(JSON.stringify(result.content)).toContain('over http');
    } finally {
      await manager.close();
    }
  });

  it('connects over SSE', async () => {
    const started = await startHttpServer('sse');
    server = started.child;
    const { servers } = validateMcpConfig(
      [{ source: 'cli', servers: { legacy: { type: 'sse', url: `http://127.0.0.1:${started.port}/sse` } } }],
      { env: {} },
    );
    const manager = createMcpManager({ servers });
    try {
      const [status] = await manager.start();
      expect(status?.status, status?.error).toBe('connected');
      const sum = await manager.callTool('legacy', 'get-sum', { a: 1, b: 2 });
      expect(JSON.stringify(sum.content)).toContain('3');
    } finally {
      await manager.close();
    }
  });

  it('reports an unreachable remote server without hurting a healthy one', async () => {
    const port = await freePort();
    const { servers } = validateMcpConfig(
      [
        {
          source: 'cli',
          servers: {
            gone: { type: 'http', url: `http://127.0.0.1:${port}/mcp` },
            local: { command: process.execPath, args: [everythingEntry] },
          },
        },
      ],
      { env: {} },
    );
    const manager = createMcpManager({ servers, env: childEnv(), startupTimeoutMs: 5_000 });
    try {
      const statuses = await manager.start();
      expect(statuses.find((s) => s.name === 'gone')?.status).toBe('failed');
      expect(statuses.find((s) => s.name === 'local')?.status).toBe('connected');
    } finally {
      await manager.close();
    }
  });
});
