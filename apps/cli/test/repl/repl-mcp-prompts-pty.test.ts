import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMPT_READY, TURN_DONE, usePtyHarness } from './pty-harness.js';

const require = createRequire(import.meta.url);
const everything = join(
  dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist/index.js',
);

const h = usePtyHarness();

function configureEverything(): void {
  mkdirSync(join(h.sandbox.workspace, '.claw'), { recursive: true });
  writeFileSync(
    join(h.sandbox.workspace, '.claw', 'settings.json'),
    JSON.stringify({ mcpServers: { everything: { command: 'node', args: [everything] } } }),
  );
}

type Message = { role: string; content: string | Array<{ type: string; text?: string }> };
const lastUserText = (): string => {
  const body = h.messageRequests().at(-1)?.body as { messages: Message[] } | undefined;
  const last = body?.messages.filter((m) => m.role === 'user').at(-1);
  if (!last) return '';
  return typeof last.content === 'string' ? last.content : last.content.map((b) => b.text ?? '').join('\n');
};

describe('MCP prompts in the REPL', () => {
  it('completes /mcp__ prompt names and sends a prompt with its arguments as the turn', async () => {
    configureEverything();
    const p = h.start();
    await p.waitFor(PROMPT_READY, 30_000);
    p.type('/mcp__everything__args');
    p.press('Tab');
    await p.waitFor('/mcp__everything__args-prompt', 30_000);
    p.type(' Paris "Ile de France"');
    p.press('Enter');
    await p.waitFor(TURN_DONE, 30_000);
    expect(lastUserText()).toBe("What's weather in Paris, Ile de France?");
  }, 60_000);

  it('reports a missing required argument without calling the model', async () => {
    configureEverything();
    const p = h.start();
    await p.waitFor(PROMPT_READY, 30_000);
    p.type('/mcp__everything__args-prompt');
    p.press('Enter');
    const screen = await p.waitFor(/city/i, 30_000);
    expect(screen).toMatch(/required|missing/i);
    expect(h.messageRequests()).toHaveLength(0);
  }, 60_000);
});
