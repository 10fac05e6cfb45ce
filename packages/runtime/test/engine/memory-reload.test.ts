import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { useLiveEngine } from './live-engine.js';

// Memory is read when a session opens; /clear starts a new conversation, which must see CLAW.md as it is now.

const live = useLiveEngine('claw-memory-');

/** The system prompt text of the latest request the mock received. */
function lastSystem(): string {
  const body = live
    .mock()
    .requests.filter((r) => r.path === '/v1/messages')
    .at(-1)?.body as { system?: string | Array<{ text: string }> } | undefined;
  const system = body?.system ?? '';
  return typeof system === 'string' ? system : system.map((block) => block.text).join('\n');
}

it('/clear reads the memory files again', async () => {
  const memory = join(live.root(), 'ws', 'CLAW.md');
  writeFileSync(memory, '- use tabs\n');
  const engine = await live.open();
  const quiet = { signal: new AbortController().signal, onEvent: () => undefined };
  await engine.run('hello', quiet);
  expect(lastSystem()).toContain('use tabs');

  writeFileSync(memory, '- use tabs\n- prefer small commits\n');
  await engine.clear();
  await engine.run('hello again', quiet);
  expect(lastSystem()).toContain('prefer small commits');
});
