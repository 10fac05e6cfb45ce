import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openClawEngine } from '../../src/engine/open-engine.js';
import type { ClawEngine } from '../../src/engine/types.js';

// Memory is read when a session opens; /clear starts a new conversation, which must see CLAW.md as it is now.

let mock: MockServer;
let root: string;
let engine: ClawEngine | undefined;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.reset();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'claw-memory-')));
  for (const dir of ['ws', 'config', 'home']) mkdirSync(join(root, dir));
});
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  rmSync(root, { recursive: true, force: true });
});

/** The system prompt text of the latest request the mock received. */
function lastSystem(): string {
  const body = mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as
    | { system?: string | Array<{ text: string }> }
    | undefined;
  const system = body?.system ?? '';
  return typeof system === 'string' ? system : system.map((block) => block.text).join('\n');
}

it('/clear reads the memory files again', async () => {
  const memory = join(root, 'ws', 'CLAW.md');
  writeFileSync(memory, '- use tabs\n');
  engine = await openClawEngine({
    workspaceRoot: join(root, 'ws'),
    configHome: join(root, 'config'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: join(root, 'home'),
      ANTHROPIC_BASE_URL: mock.url,
      ANTHROPIC_API_KEY: 'sk-ant-test-key-0000',
    },
    interactive: false,
  });
  const quiet = { signal: new AbortController().signal, onEvent: () => undefined };
  await engine.run('hello', quiet);
  expect(lastSystem()).toContain('use tabs');

  writeFileSync(memory, '- use tabs\n- prefer small commits\n');
  await engine.clear();
  await engine.run('hello again', quiet);
  expect(lastSystem()).toContain('prefer small commits');
});
