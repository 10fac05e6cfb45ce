// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests exercise ${VAR} expansion in config strings.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMcpManager,
  type McpManager,
  type McpManagerEvent,
  type McpTool,
  validateMcpConfig,
} from '../src/index.js';
import { childEnv, everythingEntry, fakeContext, filesystemEntry, fixture, isAlive } from './helpers.js';

describe('McpManager against real servers', () => {
  let dir: string;
  let manager: McpManager;
  const events: McpManagerEvent[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'claw-mcp-'));
    await writeFile(join(dir, 'hello.txt'), 'hello from the filesystem server\n');
    const { servers, issues } = validateMcpConfig(
      [
        {
          source: 'user',
          servers: {
            everything: { command: '${NODE_BIN}', args: [everythingEntry, 'stdio'] },
            files: {
              type: 'stdio',
              command: process.execPath,
              args: [filesystemEntry, '${FS_ROOT:-/nonexistent}'],
            },
            crashing: { command: process.execPath, args: [fixture('crash-server.mjs')] },
            hanging: { command: process.execPath, args: [fixture('hang-server.mjs')], timeout: 1_500 },
            garbage: { command: process.execPath, args: [fixture('garbage-server.mjs')], timeout: 1_500 },
          },
        },
      ],
      { env: { NODE_BIN: process.execPath, FS_ROOT: dir } },
    );
    expect(issues).toEqual([]);
    manager = createMcpManager({
      servers,
      env: childEnv(),
      startupTimeoutMs: 15_000,
      onEvent: (e) => events.push(e),
    });
    await manager.start(AbortSignal.timeout(30_000));
  }, 40_000);

  afterAll(async () => {
    await manager?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('connects the healthy servers and reports the broken ones', () => {
    const byName = Object.fromEntries(manager.status().map((s) => [s.name, s]));
    expect(byName.everything?.status).toBe('connected');
    expect(byName.files?.status).toBe('connected');
    expect(byName.crashing?.status).toBe('failed');
    expect(byName.crashing?.error).toMatch(/exit code 3/);
    expect(byName.crashing?.error).toMatch(/missing API key/);
    expect(byName.hanging?.status).toBe('failed');
    expect(byName.hanging?.error).toMatch(/start-up timeout/);
    expect(byName.garbage?.status).toBe('failed');
    expect(
      events
        .filter((e) => e.type === 'server_failed')
        .map((e) => e.server)
        .sort(),
    ).toEqual(['crashing', 'garbage', 'hanging']);
  });

  it('adapts tools with mcp__ names, JSON schema and permissions', () => {
    const names = manager.tools().map((t) => t.name);
    expect(names).toContain('mcp__everything__echo');
    expect(names).toContain('mcp__everything__get-sum');
    expect(names).toContain('mcp__files__read_text_file');
    expect(names).toContain('ListMcpResources');
    expect(names).toContain('ReadMcpResource');
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    const echo = manager.tools().find((t) => t.name === 'mcp__everything__echo') as McpTool;
    expect(echo.jsonSchema).toMatchObject({ type: 'object', properties: { message: { type: 'string' } } });
    expect(echo.permission).toBe('read-only');
    expect(echo.concurrencySafe).toBe(true);
    const write = manager.allTools().find((t) => t.name === 'mcp__files__write_file');
    expect(write?.permission).toBe('danger-full-access');
    expect(write?.concurrencySafe).toBe(false);
  });

  it('validates input against the server schema before calling', () => {
    const sum = manager.tools().find((t) => t.name === 'mcp__everything__get-sum');
    const bad = sum?.inputSchema.safeParse({ a: 'one', b: 2 });
    expect(bad?.success).toBe(false);
    expect(sum?.inputSchema.safeParse({ a: 1, b: 2 }).success).toBe(true);
  });

  it('calls echo and get-sum', async () => {
    const echo = manager.tools().find((t) => t.name === 'mcp__everything__echo');
    const result = await echo?.execute({ message: 'hi there' }, fakeContext());
    expect(JSON.stringify(result?.content)).toContain('hi there');
    expect(result?.isError).toBeUndefined();
    const sum = await manager.callTool('everything', 'get-sum', { a: 2, b: 40 });
    expect(JSON.stringify(sum.content)).toContain('42');
  });

  it('reads a file through the filesystem server', async () => {
    const read = manager.tools().find((t) => t.name === 'mcp__files__read_text_file');
    const result = await read?.execute({ path: join(dir, 'hello.txt') }, fakeContext());
    expect(JSON.stringify(result?.content)).toContain('hello from the filesystem server');
  });

  it('keeps isError from the server and turns protocol errors into error results', async () => {
    const outside = await manager.callTool('files', 'read_text_file', { path: '/etc/passwd' });
    expect(outside.isError).toBe(true);
    const unknown = await manager.callTool('everything', 'no-such-tool', {});
    expect(unknown.isError).toBe(true);
    const down = await manager.callTool('crashing', 'anything', {});
    expect(down.isError).toBe(true);
    expect(JSON.stringify(down.content)).toMatch(/not connected/);
  });

  it('returns images as image blocks', async () => {
    const result = await manager.callTool('everything', 'get-tiny-image', {});
    const blocks = Array.isArray(result.content) ? result.content : [];
    expect(blocks.some((b) => b.type === 'image')).toBe(true);
  });

  it('lists and reads resources, through the manager and the tools', async () => {
    const resources = await manager.listResources('everything');
    expect(resources.length).toBeGreaterThan(0);
    const first = resources[0];
    if (!first) throw new Error('no resource');
    const contents = await manager.readResource('everything', first.uri);
    expect(contents[0]?.uri).toBe(first.uri);
    const readTool = manager.tools().find((t) => t.name === 'ReadMcpResource');
    const viaTool = await readTool?.execute({ server: 'everything', uri: first.uri }, fakeContext());
    expect(viaTool?.isError).toBeUndefined();
    const listTool = manager.tools().find((t) => t.name === 'ListMcpResources');
    const listed = await listTool?.execute({}, fakeContext());
    expect(String(listed?.content)).toContain(first.uri);
  });

  it('lists prompts as slash commands and gets one', async () => {
    const prompts = await manager.listPrompts();
    const simple = prompts.find((p) => p.server === 'everything' && p.name === 'simple-prompt');
    expect(simple?.commandName).toBe('mcp__everything__simple-prompt');
    const got = await manager.getPrompt('everything', 'simple-prompt');
    expect(got.messages.length).toBeGreaterThan(0);
    expect(got.text.length).toBeGreaterThan(0);
  });

  it('defers a large catalog behind ToolSearch', async () => {
    const { servers } = validateMcpConfig(
      [{ source: 'cli', servers: { everything: { command: process.execPath, args: [everythingEntry] } } }],
      { env: {} },
    );
    const small = createMcpManager({ servers, env: childEnv(), deferThreshold: 3 });
    try {
      await small.start();
      expect(small.isDeferred()).toBe(true);
      const offered = small.tools().map((t) => t.name);
      expect(offered).toContain('ToolSearch');
      expect(offered).not.toContain('mcp__everything__echo');
      expect(small.deferredTools().map((t) => t.name)).toContain('mcp__everything__echo');
      const search = small.tools().find((t) => t.name === 'ToolSearch');
      const found = await search?.execute({ query: 'echo' }, fakeContext());
      expect(String(found?.content)).toContain('mcp__everything__echo');
      expect(small.tools().map((t) => t.name)).toContain('mcp__everything__echo');
      expect(small.searchTools('select:mcp__everything__get-sum')[0]?.inputSchema).toMatchObject({
        type: 'object',
      });
    } finally {
      await small.close();
    }
  });
});

describe('process cleanup', () => {
  it('close() kills the server and its grandchildren (no orphans)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claw-mcp-pid-'));
    const pidFile = join(dir, 'pid');
    const { servers } = validateMcpConfig(
      [
        {
          source: 'cli',
          servers: {
            wrapped: {
              command: process.execPath,
              args: [fixture('wrapper-server.mjs'), pidFile, everythingEntry],
            },
          },
        },
      ],
      { env: {} },
    );
    const manager = createMcpManager({ servers, env: childEnv() });
    await manager.start();
    expect(manager.status()[0]?.status).toBe('connected');
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    expect(isAlive(grandchild)).toBe(true);
    await manager.close();
    expect(isAlive(grandchild)).toBe(false);
    expect(manager.status()[0]?.status).toBe('closed');
    await rm(dir, { recursive: true, force: true });
  });

  it('a hanging server that ignores SIGTERM is killed at its start-up timeout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claw-mcp-hang-'));
    const pidFile = join(dir, 'pid');
    const { servers } = validateMcpConfig(
      [
        {
          source: 'cli',
          servers: {
            hang: {
              command: process.execPath,
              args: [fixture('hang-server.mjs')],
              env: { HANG_PID_FILE: pidFile },
            },
          },
        },
      ],
      { env: {} },
    );
    const manager = createMcpManager({ servers, env: childEnv(), startupTimeoutMs: 500 });
    const started = Date.now();
    const [status] = await manager.start();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(status?.status).toBe('failed');
    expect(isAlive(Number(await readFile(pidFile, 'utf8')))).toBe(false);
    await manager.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refreshes tools on notifications/tools/list_changed', async () => {
    const { servers } = validateMcpConfig(
      [
        {
          source: 'cli',
          servers: { dyn: { command: process.execPath, args: [fixture('dynamic-server.mjs')] } },
        },
      ],
      { env: {} },
    );
    const events: McpManagerEvent[] = [];
    const manager = createMcpManager({ servers, env: childEnv(), onEvent: (e) => events.push(e) });
    try {
      await manager.start();
      expect(manager.tools().map((t) => t.name)).toEqual(['mcp__dyn__grow']);
      const changed = new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (events.some((e) => e.type === 'tools_changed')) {
            clearInterval(timer);
            resolve();
          }
        }, 20);
      });
      await manager.callTool('dyn', 'grow', {});
      await changed;
      expect(events.find((e) => e.type === 'tools_changed')).toEqual({
        type: 'tools_changed',
        server: 'dyn',
        toolCount: 2,
      });
      const extra = manager.tools().find((t) => t.name === 'mcp__dyn__extra');
      expect(JSON.stringify((await extra?.execute({}, fakeContext()))?.content)).toContain('extra!');
    } finally {
      await manager.close();
    }
  });
});
