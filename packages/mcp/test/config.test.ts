// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests exercise ${VAR} expansion in config strings.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addMcpServer,
  buildMcpServerEntry,
  expandVariables,
  getMcpServer,
  listMcpServers,
  mcpToolName,
  readMcpConfigInput,
  removeMcpServer,
  uniqueMcpToolNames,
  validateMcpConfig,
} from '../src/index.js';

describe('expandVariables', () => {
  const env = { HOME: '/home/me', EMPTY: '', TOKEN: 'abc' };
  it.each([
    ['${HOME}/bin', '/home/me/bin', []],
    ['${MISSING:-fallback}', 'fallback', []],
    ['${EMPTY:-used}', 'used', []],
    ['${EMPTY}', '', []],
    ['Bearer ${TOKEN}', 'Bearer abc', []],
    ['${NOPE}', '', ['NOPE']],
    ['$HOME stays', '$HOME stays', []],
    ['${A:-}', '', []],
  ])('%s → %s', (input, value, missing) => {
    expect(expandVariables(input, env)).toEqual({ value, missing });
  });
});

describe('uniqueMcpToolNames', () => {
  it('keeps names that sanitise alike distinct, the first one plain', () => {
    const names = uniqueMcpToolNames('fs', ['get.file', 'get_file', 'get file', 'list']);
    expect(names[0]).toBe('mcp__fs__get_file');
    expect(names[3]).toBe('mcp__fs__list');
    expect(new Set(names).size).toBe(4);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    // Stable: the same tools get the same names on every listing.
    expect(uniqueMcpToolNames('fs', ['get.file', 'get_file', 'get file', 'list'])).toEqual(names);
  });
});

describe('mcpToolName', () => {
  it.each([
    ['github', 'create_issue', 'mcp__github__create_issue'],
    ['my.server', 'do thing/now', 'mcp__my_server__do_thing_now'],
  ])('%s / %s', (server, tool, expected) => expect(mcpToolName(server, tool)).toBe(expected));
  it('caps long names at 64 characters and keeps them distinct', () => {
    const a = mcpToolName('server', 'x'.repeat(80));
    const b = mcpToolName('server', `${'x'.repeat(79)}y`);
    expect(a.length).toBe(64);
    expect(a).not.toBe(b);
  });
});

describe('validateMcpConfig', () => {
  it('loads valid siblings of an invalid entry and names the problem', () => {
    const { servers, issues } = validateMcpConfig(
      [
        {
          source: 'user',
          path: '/u/settings.json',
          servers: {
            good: { command: 'node', args: ['${DIR}/s.js'], env: { KEY: '${KEY:-k}' } },
            noCommand: { args: [] },
            badType: { type: 'websocket', url: 'ws://x' },
            badUrl: { type: 'http', url: 'not a url' },
            needsVar: { type: 'http', url: 'https://x/${UNSET_VAR}' },
            argsNotArray: { command: 'x', args: 'nope' },
            'bad name!': { command: 'x' },
            remote: { url: 'https://example.com/mcp' },
          },
        },
      ],
      { env: { DIR: '/srv' } },
    );
    expect(servers.map((s) => s.name)).toEqual(['good', 'remote']);
    expect(servers[0]).toMatchObject({
      type: 'stdio',
      args: ['/srv/s.js'],
      env: { KEY: 'k' },
      source: 'user',
    });
    expect(servers[1]).toMatchObject({ type: 'http' });
    const byServer = Object.fromEntries(issues.map((i) => [i.server, i.message]));
    expect(Object.keys(byServer).sort()).toEqual([
      'argsNotArray',
      'bad name!',
      'badType',
      'badUrl',
      'needsVar',
      'noCommand',
    ]);
    expect(byServer.needsVar).toMatch(/UNSET_VAR/);
    expect(byServer.argsNotArray).toMatch(/args/);
    expect(issues.every((i) => i.path === '/u/settings.json' && i.kind === 'invalid')).toBe(true);
  });

  it('lets later sources win and gates .mcp.json servers on approval', () => {
    const inputs = [
      { source: 'user' as const, servers: { shared: { command: 'user-cmd' } } },
      {
        source: 'project' as const,
        servers: {
          shared: { command: 'project-cmd' },
          approved: { command: 'a' },
          off: { command: 'b' },
          fresh: { command: 'c' },
        },
      },
    ];
    const { servers, issues } = validateMcpConfig(inputs, {
      env: {},
      approvals: { enabledMcpjsonServers: ['approved', 'shared'], disabledMcpjsonServers: ['off'] },
    });
    expect(servers.map((s) => [s.name, s.type === 'stdio' ? s.command : ''])).toEqual([
      ['shared', 'project-cmd'],
      ['approved', 'a'],
    ]);
    expect(issues.map((i) => [i.server, i.kind])).toEqual([
      ['off', 'disabled'],
      ['fresh', 'pending-approval'],
    ]);
    expect(
      validateMcpConfig(inputs, { env: {}, approvals: { enableAllProjectMcpServers: true } }).servers,
    ).toHaveLength(4);
  });

  it('reports a non-object mcpServers', () => {
    expect(validateMcpConfig([{ source: 'cli', servers: [1, 2] }]).issues[0]?.kind).toBe('invalid');
  });
});

describe('claw mcp add/remove/list', () => {
  let ws: string;
  let home: string;
  beforeEach(async () => {
    ws = await mkdtemp(join(tmpdir(), 'claw-ws-'));
    home = await mkdtemp(join(tmpdir(), 'claw-home-'));
  });
  afterEach(async () => {
    await rm(ws, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  it('writes each scope to its file, keeping other keys', async () => {
    await writeFile(
      join(home, 'settings.json'),
      JSON.stringify({ model: 'opus', mcpServers: { old: { command: 'o' } } }),
    );
    const loc = { workspaceRoot: ws, configHome: home };
    const stdio = buildMcpServerEntry({ commandOrUrl: 'npx', args: ['-y', 'srv'], env: ['API_KEY=${KEY}'] });
    const http = buildMcpServerEntry({
      transport: 'http',
      commandOrUrl: 'https://x/mcp',
      headers: ['Authorization: Bearer ${T}'],
    });
    expect(http).toEqual({ type: 'http', url: 'https://x/mcp', headers: { Authorization: 'Bearer ${T}' } });
    expect((await addMcpServer({ ...loc, scope: 'user', name: 'u', config: stdio })).path).toBe(
      join(home, 'settings.json'),
    );
    await addMcpServer({ ...loc, scope: 'project', name: 'p', config: http });
    await addMcpServer({ ...loc, scope: 'local', name: 'p', config: stdio });
    const user = JSON.parse(await readFile(join(home, 'settings.json'), 'utf8'));
    expect(user.model).toBe('opus');
    expect(Object.keys(user.mcpServers)).toEqual(['old', 'u']);
    expect(JSON.parse(await readFile(join(ws, '.mcp.json'), 'utf8')).mcpServers.p.type).toBe('http');
    const listed = await listMcpServers({
      ...loc,
      env: { KEY: 'k', T: 't' },
      approvals: { enabledMcpjsonServers: ['p'] },
    });
    expect(listed.map((l) => [l.name, l.scope, l.state, l.shadowed])).toEqual([
      ['old', 'user', 'ok', false],
      ['u', 'user', 'ok', false],
      ['p', 'project', 'ok', true],
      ['p', 'local', 'ok', false],
    ]);
    expect((await getMcpServer({ ...loc, name: 'p' })).scope).toBe('local');
    expect(await removeMcpServer({ ...loc, name: 'p' })).toMatchObject({ scope: 'local' });
    expect((await getMcpServer({ ...loc, name: 'p', env: { T: 't' } })).state).toBe('pending-approval');
    expect((await getMcpServer({ ...loc, name: 'p', env: {} })).message).toMatch(
      /missing environment variable T/,
    );
    await expect(removeMcpServer({ ...loc, name: 'nope' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses to write an invalid entry', async () => {
    await expect(
      addMcpServer({
        workspaceRoot: ws,
        configHome: home,
        scope: 'project',
        name: 'x',
        config: { type: 'http' },
      }),
    ).rejects.toMatchObject({ kind: 'invalid_entry' });
    expect(() => buildMcpServerEntry({ commandOrUrl: 'x', env: ['NOEQUALS'] })).toThrow(/KEY=VALUE/);
  });

  it('reads --mcp-config as a file or inline JSON', async () => {
    const file = join(ws, 'extra.json');
    await writeFile(file, JSON.stringify({ mcpServers: { a: { command: 'x' } } }));
    expect(await readMcpConfigInput(file, 'cli')).toEqual({
      source: 'cli',
      path: file,
      servers: { a: { command: 'x' } },
    });
    expect((await readMcpConfigInput('{"mcpServers":{"b":{"url":"https://b"}}}', 'cli')).servers).toEqual({
      b: { url: 'https://b' },
    });
  });
});
