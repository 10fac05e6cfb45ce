import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, parseJsonLines, runClaw, type Sandbox } from '../helpers.js';

const require = createRequire(import.meta.url);
const everything = join(
  dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist/index.js',
);
const filesystem = join(
  dirname(require.resolve('@modelcontextprotocol/server-filesystem/package.json')),
  'dist/index.js',
);

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

type Block = { type: string; content?: unknown; is_error?: boolean; tool_use_id?: string };

/** Tool results of the main conversation (a sub-agent's carry its Task call as `parent_tool_use_id`). */
function toolResults(stdout: string): Block[] {
  return parseJsonLines(stdout)
    .filter((e) => e.type === 'user' && e.parent_tool_use_id === null)
    .flatMap((e) => (e.message as { content: Block[] }).content)
    .filter((b) => b.type === 'tool_result');
}

function writeSettings(settings: unknown): void {
  mkdirSync(join(sandbox.workspace, '.claw'), { recursive: true });
  writeFileSync(join(sandbox.workspace, '.claw', 'settings.json'), JSON.stringify(settings));
}

describe('MCP servers from npm through claw -p', () => {
  it('calls a tool, reads a resource, and expands $VAR defaults in the config', async () => {
    writeSettings({
      mcpServers: {
        everything: {
          command: 'node',
          args: [everything],
          // biome-ignore lint/suspicious/noTemplateCurlyInString: claw expands this, not JavaScript.
          env: { GREETING: '${CLAW_TEST_GREETING:-fallback-greeting}' },
        },
      },
    });
    const script = encodeScript([
      {
        toolUses: [
          { name: 'mcp__everything__echo', input: { message: 'ping from claw' } },
          {
            name: 'ReadMcpResource',
            input: { server: 'everything', uri: 'demo://resource/static/document/architecture.md' },
          },
          { name: 'mcp__everything__get-env', input: {} },
        ],
      },
      { text: 'done' },
    ]);
    const run = await runClaw(
      ['-p', script, '--output-format', 'stream-json', '--permission-mode', 'danger-full-access'],
      {
        sandbox,
        baseUrl: mock.url,
        timeoutMs: 60_000,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const init = parseJsonLines(run.stdout)[0]!;
    expect(init.mcp_servers).toContainEqual({ name: 'everything', status: 'connected' });
    expect(init.tools).toContain('mcp__everything__echo');
    const [echo, resource, env] = toolResults(run.stdout);
    expect(echo?.is_error).not.toBe(true);
    expect(JSON.stringify(echo?.content)).toContain('ping from claw');
    expect(resource?.is_error).not.toBe(true);
    expect(JSON.stringify(resource?.content).length).toBeGreaterThan(100);
    expect(JSON.stringify(env?.content)).toContain('fallback-greeting');
    // The server's own JSON Schema is what the model saw.
    const body = mock.requests.find((r) => r.path === '/v1/messages')?.body as {
      tools: Array<{ name: string; input_schema: unknown }>;
    };
    expect(body.tools.find((t) => t.name === 'mcp__everything__echo')?.input_schema).toMatchObject({
      properties: { message: { type: 'string' } },
    });
  });

  it('keeps working with a healthy server when another crashes at start', async () => {
    const crash = join(sandbox.workspace, 'crash.mjs');
    writeFileSync(crash, 'process.stderr.write("boom\\n"); process.exit(3);\n');
    writeSettings({
      mcpServers: {
        broken: { command: 'node', args: [crash] },
        fs: { command: 'node', args: [filesystem, sandbox.workspace] },
      },
    });
    writeFileSync(join(sandbox.workspace, 'hello.txt'), 'hello from the filesystem server\n');
    const script = encodeScript([
      {
        toolUses: [
          { name: 'mcp__fs__read_text_file', input: { path: join(sandbox.workspace, 'hello.txt') } },
        ],
      },
      { text: 'done' },
    ]);
    const run = await runClaw(
      ['-p', script, '--output-format', 'stream-json', '--permission-mode', 'danger-full-access'],
      {
        sandbox,
        baseUrl: mock.url,
        timeoutMs: 60_000,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/broken/);
    const init = parseJsonLines(run.stdout)[0]!;
    expect(init.mcp_servers).toContainEqual({ name: 'broken', status: 'failed' });
    expect(init.mcp_servers).toContainEqual({ name: 'fs', status: 'connected' });
    const [read] = toolResults(run.stdout);
    expect(JSON.stringify(read?.content)).toContain('hello from the filesystem server');
  });

  it('loads --mcp-config files', async () => {
    const config = join(sandbox.home, 'mcp.json');
    writeFileSync(
      config,
      JSON.stringify({ mcpServers: { everything: { command: 'node', args: [everything] } } }),
    );
    const script = encodeScript([
      { toolUses: [{ name: 'mcp__everything__get-sum', input: { a: 2, b: 40 } }] },
      { text: 'ok' },
    ]);
    const run = await runClaw(['-p', script, '--output-format', 'stream-json', '--mcp-config', config], {
      sandbox,
      baseUrl: mock.url,
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.stringify(toolResults(run.stdout)[0]?.content)).toContain('42');
  });
});

describe('Claude Code skills, plugins and sub-agents work unchanged', () => {
  it('lists a SKILL.md in the system prompt and loads it with the Skill tool', async () => {
    const dir = join(sandbox.workspace, '.claude', 'skills', 'release-notes');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'SKILL.md'),
      '---\nname: release-notes\ndescription: Write release notes from git history\n---\n\nSKILL BODY: group changes by type.\n',
    );
    const script = encodeScript([
      { toolUses: [{ name: 'Skill', input: { skill: 'release-notes' } }] },
      { text: 'ok' },
    ]);
    const run = await runClaw(['-p', script, '--output-format', 'stream-json'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code, run.stderr).toBe(0);
    const body = mock.requests.find((r) => r.path === '/v1/messages')?.body as { system: unknown };
    expect(JSON.stringify(body.system)).toContain('release-notes: Write release notes from git history');
    expect(JSON.stringify(toolResults(run.stdout)[0]?.content)).toContain(
      'SKILL BODY: group changes by type.',
    );
  });

  it('runs a plugin tool from an installed Claude Code plugin', async () => {
    const plugin = join(sandbox.home, 'echo-plugin');
    mkdirSync(join(plugin, '.claude-plugin'), { recursive: true });
    writeFileSync(
      join(plugin, '.claude-plugin', 'plugin.json'),
      JSON.stringify({
        name: 'echo-plugin',
        version: '1.0.0',
        description: 'Echoes',
        tools: [
          {
            name: 'plugin_echo',
            description: 'Echo the message back',
            inputSchema: {
              type: 'object',
              properties: { message: { type: 'string' } },
              required: ['message'],
            },
            command: 'node',
            args: [
              '-e',
              'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write("echo:"+JSON.parse(s).message))',
            ],
            requiredPermission: 'read-only',
          },
        ],
      }),
    );
    const install = await runClaw(['plugins', 'install', plugin], { sandbox });
    expect(install.code, install.stderr).toBe(0);
    const run = await runClaw(
      ['-p', 'PARITY_SCENARIO:plugin_tool_roundtrip', '--output-format', 'stream-json'],
      {
        sandbox,
        baseUrl: mock.url,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const [result] = toolResults(run.stdout);
    expect(result?.is_error).not.toBe(true);
    expect(JSON.stringify(result?.content)).toContain('echo:');
  });

  it('runs two sub-agents in parallel and returns both results', async () => {
    const agents = join(sandbox.workspace, '.claude', 'agents');
    mkdirSync(agents, { recursive: true });
    writeFileSync(
      join(agents, 'reader.md'),
      '---\nname: reader\ndescription: Reads files\ntools: Read, Glob\n---\nYou read files and report.\n',
    );
    writeFileSync(join(sandbox.workspace, 'notes.txt'), 'CHILD-READ-THIS\n');
    const childA = encodeScript([
      { toolUses: [{ name: 'Read', input: { file_path: 'notes.txt' } }] },
      { text: 'CHILD-A-RESULT' },
    ]);
    const childB = encodeScript([{ text: 'CHILD-B-RESULT' }]);
    const script = encodeScript([
      {
        toolUses: [
          {
            name: 'Task',
            input: { description: 'first', prompt: `Do A ${childA}`, subagent_type: 'reader' },
          },
          { name: 'Task', input: { description: 'second', prompt: `Do B ${childB}` } },
        ],
      },
      { text: 'both done' },
    ]);
    const run = await runClaw(['-p', script, '--output-format', 'stream-json', '--allowedTools', 'Task'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code, run.stderr).toBe(0);
    const results = toolResults(run.stdout);
    expect(JSON.stringify(results[0]?.content)).toContain('CHILD-A-RESULT');
    expect(JSON.stringify(results[1]?.content)).toContain('CHILD-B-RESULT');
    const result = parseJsonLines(run.stdout).at(-1)!;
    // Parent's two requests plus the children's (two for A, which reads first): their usage counts too.
    expect(mock.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(5);
    // Each child's messages are in the stream, tagged with the Task call they run for, as Claude Code does.
    const lines = parseJsonLines(run.stdout);
    const parentAssistant = lines.find((l) => l.type === 'assistant' && l.parent_tool_use_id === null);
    const parentContent =
      (
        parentAssistant?.message as
          | { content: Array<{ type: string; id: string; input: { description: string } }> }
          | undefined
      )?.content ?? [];
    const taskIds = parentContent
      .filter((b) => b.type === 'tool_use')
      .map((b) => [b.input.description, b.id] as const);
    const idOf = Object.fromEntries(taskIds);
    const childLines = (id: string | undefined) => lines.filter((l) => l.parent_tool_use_id === id);
    const a = childLines(idOf.first);
    expect(a.map((l) => l.type)).toEqual(['assistant', 'user', 'assistant']);
    expect(JSON.stringify(a[1])).toContain('CHILD-READ-THIS');
    expect(JSON.stringify(a[2])).toContain('CHILD-A-RESULT');
    const b = childLines(idOf.second);
    expect(b.map((l) => l.type)).toEqual(['assistant']);
    expect(JSON.stringify(b[0])).toContain('CHILD-B-RESULT');
    const usage = result.usage as { output_tokens: number };
    expect(usage.output_tokens).toBeGreaterThan(0);
    // The reader agent only saw its own tool subset.
    const childRequest = mock.requests.find((r) => JSON.stringify(r.body).includes('Do A'));
    const childBody = childRequest?.body as { tools: Array<{ name: string }> } | undefined;
    const childTools = (childBody?.tools ?? []).map((t) => t.name);
    expect(childTools.sort()).toEqual(['Glob', 'Read']);
  });

  it('gives sub-agents the session thinking budget', async () => {
    const child = encodeScript([{ text: 'CHILD-DONE' }]);
    const script = encodeScript([
      { toolUses: [{ name: 'Task', input: { description: 'think', prompt: `Think ${child}` } }] },
      { text: 'parent done' },
    ]);
    const run = await runClaw(['-p', script, '--output-format', 'json', '--allowedTools', 'Task'], {
      sandbox,
      baseUrl: mock.url,
      env: { MAX_THINKING_TOKENS: '2048' },
    });
    expect(run.code, run.stderr).toBe(0);
    const childRequest = mock.requests.find((r) => JSON.stringify(r.body).includes('Think '));
    expect((childRequest?.body as { thinking?: unknown } | undefined)?.thinking).toEqual({
      type: 'enabled',
      budget_tokens: 2048,
    });
  });
});
