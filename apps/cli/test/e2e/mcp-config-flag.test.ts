import { writeFileSync } from 'node:fs';
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
});
