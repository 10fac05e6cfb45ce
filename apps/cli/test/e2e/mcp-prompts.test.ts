import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';

const require = createRequire(import.meta.url);
const everything = join(
  dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
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
  mkdirSync(join(sandbox.workspace, '.claw'), { recursive: true });
  writeFileSync(
    join(sandbox.workspace, '.claw', 'settings.json'),
    JSON.stringify({ mcpServers: { everything: { command: 'node', args: [everything] } } }),
  );
});
afterEach(() => sandbox.cleanup());

type Message = { role: string; content: string | Array<{ type: string; text?: string }> };

/** The user messages of each model request, as plain text. */
function sentUserTexts(): string[][] {
  return mock.requests
    .filter((r) => r.path === '/v1/messages')
    .map((r) =>
      (r.body as { messages: Message[] }).messages
        .filter((m) => m.role === 'user')
        .map((m) =>
          typeof m.content === 'string' ? m.content : m.content.map((block) => block.text ?? '').join('\n'),
        ),
    );
}

const run = (args: string[]) =>
  runClaw(['-p', ...args, '--output-format', 'json'], { sandbox, baseUrl: mock.url, timeoutMs: 60_000 });

describe('MCP prompts as slash commands in print mode', () => {
  it('submits a prompt without arguments as the user turn (names match across - and _)', async () => {
    const result = await run(['/mcp__everything__simple_prompt']);
    expect(result.code, result.stderr).toBe(0);
    const requests = sentUserTexts();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toEqual(['This is a simple prompt without arguments.']);
    expect(JSON.parse(result.stdout).subtype).toBe('success');
  }, 60_000);

  it('maps positional words onto the declared arguments in order, quotes grouping', async () => {
    const result = await run(['/mcp__everything__args-prompt Paris "Ile de France"']);
    expect(result.code, result.stderr).toBe(0);
    expect(sentUserTexts()[0]?.at(-1)).toBe("What's weather in Paris, Ile de France?");
  }, 60_000);

  it('names a missing required argument in a usage error, and sends nothing to the model', async () => {
    const result = await run(['/mcp__everything__completable-prompt engineering']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing required argument "name"');
    expect(result.stderr).toContain('Usage: /mcp__everything__completable-prompt <department> <name>');
    expect(sentUserTexts()).toHaveLength(0);
  }, 60_000);

  it('lists the available prompts when the name matches none', async () => {
    const result = await run(['/mcp__everything__no-such-prompt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'No connected MCP server offers the prompt /mcp__everything__no-such-prompt',
    );
    expect(result.stderr).toContain('/mcp__everything__simple-prompt');
    expect(sentUserTexts()).toHaveLength(0);
  }, 60_000);

  it('continues a resumed session with a prompt that embeds a resource', async () => {
    const first = await run(['remember the word pelican']);
    expect(first.code, first.stderr).toBe(0);
    const sessionId = (JSON.parse(first.stdout) as { session_id: string }).session_id;
    mock.reset();

    const resumed = await run(['--resume', sessionId, '/mcp__everything__resource-prompt Text 1']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((JSON.parse(resumed.stdout) as { session_id: string }).session_id).toBe(sessionId);
    const [texts] = sentUserTexts();
    expect(texts?.[0]).toBe('remember the word pelican');
    const turn = texts?.at(-1) ?? '';
    expect(turn).toContain('This prompt includes the Text resource with id: 1');
    // The embedded resource's text is part of the turn, not a placeholder.
    expect(turn).toMatch(/Resource 1: This is a plaintext resource/);
  }, 90_000);
});
