import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';

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

const modelCalls = () => mock.requests.filter((r) => r.path === '/v1/messages').length;

describe("Claude Code's command names", () => {
  it.each([
    [['plugin', 'list'], 'No plugins installed'],
    [['plugin'], 'No plugins installed'],
    [['session', 'list'], 'No sessions in this workspace yet'],
    [['sessions', 'ls'], 'No sessions in this workspace yet'],
    [['skill', 'list'], 'No skills found'],
    [['agent', 'list'], 'general-purpose'],
    [['mcp', 'ls'], 'No MCP servers configured'],
  ])('claw %j runs the command, not a paid prompt', async (argv, expected) => {
    const run = await runClaw(argv, { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(expected);
    expect(modelCalls()).toBe(0);
  });
});

describe('bare --resume', () => {
  it.each([[['-r', '-p', 'second']], [['-p', 'second', '--resume']]])(
    'claw %j resumes the latest session',
    async (argv) => {
      const first = await runClaw(['-p', 'first', '--output-format', 'json'], { sandbox, baseUrl: mock.url });
      expect(first.code, first.stderr).toBe(0);
      const firstId = (JSON.parse(first.stdout) as { session_id: string }).session_id;

      const second = await runClaw([...argv, '--output-format', 'json'], { sandbox, baseUrl: mock.url });
      expect(second.code, second.stderr).toBe(0);
      expect((JSON.parse(second.stdout) as { session_id: string }).session_id).toBe(firstId);
      // The resumed conversation reached the model: both prompts in the last request.
      const last = mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as {
        messages: unknown[];
      };
      expect(JSON.stringify(last.messages)).toContain('first');
      expect(last.messages.length).toBeGreaterThan(1);
    },
  );
});
