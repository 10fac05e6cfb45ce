import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, parseJsonLines, runClaw, type Sandbox } from '../helpers.js';

let mock: MockServer;
let sandbox: Sandbox;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
});
afterEach(() => sandbox.cleanup());

/** A stdio "server" that exits at once: enough for claw to list it by name and report it. */
const QUITTER = { mcpServers: { quitter: { command: 'node', args: ['-e', 'process.exit(0)'] } } };

describe('--mcp-config', () => {
  it('accepts inline JSON, as Claude Code does', async () => {
    const run = await runClaw(
      ['-p', 'hi', '--output-format', 'stream-json', '--mcp-config', JSON.stringify(QUITTER)],
      { sandbox, baseUrl: mock.url, timeoutMs: 60_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    const init = parseJsonLines(run.stdout).find((e) => e.subtype === 'init') as {
      mcp_servers: Array<{ name: string }>;
    };
    expect(init.mcp_servers.map((s) => s.name)).toContain('quitter');
  });

  it.each([
    ['a missing file', () => join(sandbox.home, 'nope.json'), /--mcp-config .*nope\.json: cannot read/],
    [
      'a file with invalid JSON',
      () => {
        const path = join(sandbox.home, 'broken.json');
        writeFileSync(path, '{ not json');
        return path;
      },
      /--mcp-config .*broken\.json: invalid JSON/,
    ],
    ['inline JSON that does not parse', () => '{"mcpServers":', /--mcp-config \(inline JSON\): invalid JSON/],
    [
      'a file without mcpServers',
      () => {
        const path = join(sandbox.home, 'empty.json');
        writeFileSync(path, '{}');
        return path;
      },
      /empty\.json: no "mcpServers" object/,
    ],
  ])(
    'refuses %s with exit 2 naming the flag and the file, before any model call',
    async (_what, value, message) => {
      const run = await runClaw(['-p', 'hi', '--mcp-config', value()], { sandbox, baseUrl: mock.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(mock.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(0);
    },
  );

  describe('--strict-mcp-config', () => {
    /** A project server that leaves a marker when started, next to the --mcp-config one. */
    function configureProjectServer(): string {
      const marker = join(sandbox.home, 'project-server-started');
      mkdirSync(join(sandbox.workspace, '.claw'), { recursive: true });
      const server = { command: 'sh', args: ['-c', `touch ${marker}`] };
      writeFileSync(
        join(sandbox.workspace, '.claw', 'settings.json'),
        JSON.stringify({ mcpServers: { projectside: server } }),
      );
      return marker;
    }

    it('starts only the --mcp-config servers', async () => {
      const marker = configureProjectServer();
      const args = ['-p', 'hi', '--output-format', 'stream-json', '--mcp-config', JSON.stringify(QUITTER)];
      const strict = await runClaw([...args, '--strict-mcp-config'], {
        sandbox,
        baseUrl: mock.url,
        timeoutMs: 60_000,
      });
      expect(strict.code, strict.stderr).toBe(0);
      const names = (run: string) =>
        (
          parseJsonLines(run).find((e) => e.subtype === 'init') as { mcp_servers: Array<{ name: string }> }
        ).mcp_servers.map((s) => s.name);
      expect(names(strict.stdout)).toEqual(['quitter']);
      expect(existsSync(marker)).toBe(false);

      // Without the flag the project's server starts too.
      const merged = await runClaw(args, { sandbox, baseUrl: mock.url, timeoutMs: 60_000 });
      expect(names(merged.stdout).sort()).toEqual(['projectside', 'quitter']);
    });

    it('is what `claw mcp list` shows with the same flags', async () => {
      writeFileSync(
        join(sandbox.workspace, '.mcp.json'),
        JSON.stringify({ mcpServers: { projectside: { command: 'true' } } }),
      );
      const inline = JSON.stringify(QUITTER);
      const listed = async (...extra: string[]) => {
        const run = await runClaw(
          ['mcp', 'list', '--output-format', 'json', '--mcp-config', inline, ...extra],
          {
            sandbox,
          },
        );
        expect(run.code, run.stderr).toBe(0);
        return (JSON.parse(run.stdout) as { servers: Array<{ name: string; scope: string }> }).servers.map(
          (s) => `${s.scope}:${s.name}`,
        );
      };
      expect(await listed()).toEqual(['project:projectside', 'cli:quitter']);
      expect(await listed('--strict-mcp-config')).toEqual(['cli:quitter']);
    });
  });
});
