import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { blocksOf, messageRequests, parseResult } from './support/claw-e2e.js';

/**
 * Conversations whose follow-up request the real API would refuse if claw sent it naively. The mock refuses
 * the same requests with the API's 400, so each test fails if claw regresses.
 */

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
  writeFileSync(join(sandbox.workspace, 'a.txt'), 'alpha\n');
  mock.reset();
});
afterEach(() => sandbox.cleanup());

const json = ['--output-format', 'json'];
const readA = { name: 'Read', input: { file_path: 'a.txt' } };

describe('requests the real API accepts', () => {
  it.each([
    ['an empty', ''],
    ['a whitespace-only', '\n\n'],
  ])(
    'drops %s text block the model streamed before a tool call from the next request',
    async (_case, blank) => {
      // The real model does stream such blocks; the API refuses them coming back ("text content blocks must …").
      const token = encodeScript([{ text: blank, toolUses: [readA] }, { text: 'Done.' }]);
      const run = await runClaw(['-p', `read ${token}`, ...json], { sandbox, baseUrl: mock.url });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(parseResult(run)).toMatchObject({ subtype: 'success', result: 'Done.' });
      const assistant = messageRequests(mock)[1]!.messages[1]!;
      expect(blocksOf(assistant).map((block) => block.type)).toEqual(['tool_use']);
    },
  );

  it('answers the pending tool call before a continued session’s next prompt after --max-turns', async () => {
    const token = encodeScript([{ text: 'Reading.', toolUses: [readA] }, { text: 'Done.' }]);
    const first = await runClaw(['-p', `read ${token}`, '--max-turns', '1', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(parseResult(first).subtype).toBe('error_max_turns');
    const next = await runClaw(['-p', 'go on', '--continue', ...json], { sandbox, baseUrl: mock.url });
    expect(next.code, next.stdout + next.stderr).toBe(0);
    const [, assistant, results] = messageRequests(mock).at(-1)!.messages;
    const id = blocksOf(assistant!).find((block) => block.type === 'tool_use')?.id;
    expect(blocksOf(results!).map((block) => block.tool_use_id)).toContain(id);
  });
});
