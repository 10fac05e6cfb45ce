import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeScript,
  type MockServer,
  startMockServer,
  TOKEN_COST_REPORTING_USAGE,
} from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import {
  blocksOf,
  listSessionIds,
  messageRequests,
  parseResult,
  readSessionLines,
  type SessionLine,
  sessionPath,
  spawnClaw,
  textOf,
  waitFor,
} from './support/claw-e2e.js';

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

const json = ['--output-format', 'json'];

async function firstConversation(): Promise<string> {
  const run = await runClaw(['-p', 'remember the word PELICAN', ...json], { sandbox, baseUrl: mock.url });
  expect(run.code).toBe(0);
  return parseResult(run).session_id;
}

function lastRequestTexts(): string[] {
  return messageRequests(mock)
    .at(-1)!
    .messages.map((m) => `${m.role}:${textOf(m)}`);
}

/** A Bash command that blocks until the test creates `<workspace>/go`, so a claw run can be held mid-turn. */
const waitForGo = {
  name: 'Bash',
  input: { command: 'while [ ! -f go ]; do sleep 0.05; done; echo released' },
};

describe('resuming sessions', () => {
  it.each([
    { how: '--resume <id>', args: (id: string) => ['--resume', id] },
    { how: '--resume latest', args: () => ['--resume', 'latest'] },
    { how: '--continue', args: () => ['--continue'] },
    { how: '-c', args: () => ['-c'] },
  ])('$how sends the earlier conversation with the next prompt and keeps the id', async ({ args }) => {
    const id = await firstConversation();
    mock.reset();
    const run = await runClaw(['-p', 'what was the word?', ...args(id), ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code).toBe(0);
    expect(parseResult(run).session_id).toBe(id);
    expect(lastRequestTexts()).toEqual([
      'user:remember the word PELICAN',
      'assistant:Hello from the mock model.',
      'user:what was the word?',
    ]);
    expect(listSessionIds(sandbox.workspace)).toEqual([id]);
  });

  it('restores usage and cost on resume, so totals keep adding up', async () => {
    const first = await runClaw(['-p', 'PARITY_SCENARIO:token_cost_reporting', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    const before = parseResult(first);
    expect(before.usage).toMatchObject(TOKEN_COST_REPORTING_USAGE);
    expect(before.total_cost_usd).toBeGreaterThan(0);
    const second = await runClaw(['-p', 'again', '--resume', before.session_id, ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    const after = parseResult(second);
    // The second reply reports no cache tokens, so these stay exactly what the first run recorded.
    expect(after.usage.cache_read_input_tokens).toBe(TOKEN_COST_REPORTING_USAGE.cache_read_input_tokens);
    expect(after.usage.cache_creation_input_tokens).toBe(
      TOKEN_COST_REPORTING_USAGE.cache_creation_input_tokens,
    );
    expect(after.usage.input_tokens).toBeGreaterThan(TOKEN_COST_REPORTING_USAGE.input_tokens);
    expect(after.usage.output_tokens).toBeGreaterThan(TOKEN_COST_REPORTING_USAGE.output_tokens);
    expect(after.total_cost_usd).toBeGreaterThan(before.total_cost_usd);
  });

  it('--fork copies the conversation under a new id and leaves the original untouched', async () => {
    const id = await firstConversation();
    const originalText = readFileSync(sessionPath(sandbox.workspace, id), 'utf8');
    mock.reset();
    const run = await runClaw(['-p', 'branch off', '--resume', id, '--fork', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code).toBe(0);
    const forkId = parseResult(run).session_id;
    expect(forkId).not.toBe(id);
    expect(listSessionIds(sandbox.workspace).sort()).toEqual([id, forkId].sort());
    expect(readFileSync(sessionPath(sandbox.workspace, id), 'utf8')).toBe(originalText);
    expect(readSessionLines(sandbox.workspace, forkId)[0]).toMatchObject({ type: 'meta', forkedFrom: id });
    expect(lastRequestTexts()).toEqual([
      'user:remember the word PELICAN',
      'assistant:Hello from the mock model.',
      'user:branch off',
    ]);
  });

  it('cuts a torn last line off on resume with one warning, keeping its bytes in a .torn file', async () => {
    const id = await firstConversation();
    const torn = '{"v":1,"type":"message","message":{"role":"user","con';
    appendFileSync(sessionPath(sandbox.workspace, id), torn);
    mock.reset();
    const run = await runClaw(['-p', 'still there?', '--resume', id, ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning/i);
    expect(run.stderr).toMatch(/torn|line/i);
    expect(lastRequestTexts()).toEqual([
      'user:remember the word PELICAN',
      'assistant:Hello from the mock model.',
      'user:still there?',
    ]);
    // The torn bytes moved to the side file; every line left parses.
    expect(readFileSync(`${sessionPath(sandbox.workspace, id)}.torn`, 'utf8')).toBe(`${torn}\n`);
    expect(() => readSessionLines(sandbox.workspace, id)).not.toThrow();
    // The warning was a one-off: the next resume is clean.
    const again = await runClaw(['-p', 'and again', '--resume', id, ...json], { sandbox, baseUrl: mock.url });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/torn|skipped/i);
  });
});

describe('crashes and concurrent writers', () => {
  it('survives kill -9 in the middle of a turn: the file stays valid and the session resumes', async () => {
    writeFileSync(join(sandbox.workspace, 'fixture.txt'), 'fixture body\n');
    const token = encodeScript([
      { toolUses: [{ name: 'Read', input: { file_path: 'fixture.txt' } }] },
      { toolUses: [waitForGo] },
      { text: 'never reached' },
    ]);
    const live = spawnClaw(
      ['-p', `crash test ${token}`, '--permission-mode', 'danger-full-access', ...json],
      {
        sandbox,
        baseUrl: mock.url,
      },
    );
    try {
      // The second reply (the blocking Bash call) was served: the Read result went to the model.
      await waitFor('the blocking Bash call to be requested', () => messageRequests(mock).length >= 2);
      const id = await waitFor('the session file', () => listSessionIds(sandbox.workspace)[0]);
      await waitFor('the Bash call on disk before it runs', () =>
        readFileSync(sessionPath(sandbox.workspace, id), 'utf8').includes('while [ ! -f go ]'),
      );
      live.child.kill('SIGKILL');
      const exit = await live.exited;
      expect(exit.signal).toBe('SIGKILL');
      expect(existsSync(join(sandbox.workspace, '.claw', 'sessions', `${id}.lock`))).toBe(true);
    } finally {
      // Release the orphaned Bash loop.
      writeFileSync(join(sandbox.workspace, 'go'), '');
    }
    const [id] = listSessionIds(sandbox.workspace);
    const raw = readFileSync(sessionPath(sandbox.workspace, id!), 'utf8');
    const complete = raw.endsWith('\n') ? raw : raw.slice(0, raw.lastIndexOf('\n') + 1);
    const lines = complete
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as SessionLine);
    expect(lines[0]).toMatchObject({ type: 'meta', id });

    mock.reset();
    const resumed = await runClaw(['-p', 'after the crash', '--resume', id!, ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(parseResult(resumed).session_id).toBe(id);
    const messages = messageRequests(mock).at(-1)!.messages;
    expect(textOf(messages.at(-1)!)).toBe('after the crash');
    // The Bash call that never finished is answered before the new prompt, as the API requires.
    const lastAssistant = messages.findLast((m) => m.role === 'assistant');
    const pending = blocksOf(lastAssistant!).find((b) => b.type === 'tool_use');
    expect(blocksOf(messages.at(-1)!)[0]).toMatchObject({
      type: 'tool_result',
      tool_use_id: pending?.id,
      is_error: true,
    });
    expect(resumed.stderr).toMatch(/stopped during 1 tool call/);
    // The dead writer's lock was stale and taken over; the resumed run released it.
    expect(existsSync(join(sandbox.workspace, '.claw', 'sessions', `${id}.lock`))).toBe(false);
  });

  it('has the prompt on disk while the first reply streams: kill -9 then --continue resumes it', async () => {
    // Slow enough that the kill lands mid-reply, fast enough that the resumed run's replay of it is short.
    const prompt = 'remember ORCA PARITY_SCENARIO:slow_stream MOCK_DELAY_MS:150';
    const live = spawnClaw(['-p', prompt, ...json], { sandbox, baseUrl: mock.url });
    try {
      await waitFor('the first request to reach the model', () => messageRequests(mock).length >= 1);
      live.child.kill('SIGKILL');
      expect((await live.exited).signal).toBe('SIGKILL');
    } finally {
      live.child.kill('SIGKILL');
    }
    const [id] = listSessionIds(sandbox.workspace);
    const lines = readSessionLines(sandbox.workspace, id!);
    const prompts = lines.filter((l) => l.type === 'message');
    expect(prompts).toHaveLength(1);
    expect(JSON.stringify(prompts[0])).toContain('remember ORCA');

    mock.reset();
    const resumed = await runClaw(['-p', 'what did I ask?', '--continue', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(parseResult(resumed).session_id).toBe(id);
    const sent = messageRequests(mock).at(-1)!.messages.map(textOf);
    expect(sent[0]).toContain('remember ORCA');
    expect(sent.at(-1)).toBe('what did I ask?');
  });

  it('keeps the text shown before SIGTERM as an interrupted reply and counts the input tokens', async () => {
    const live = spawnClaw(
      [
        '-p',
        'tell me PARITY_SCENARIO:slow_stream MOCK_DELAY_MS:150',
        '--output-format',
        'stream-json',
        '--include-partial-messages',
      ],
      { sandbox, baseUrl: mock.url },
    );
    try {
      await waitFor('text on screen', () => live.stdout().includes('text_delta'));
      live.child.kill('SIGTERM');
      await live.exited;
    } finally {
      live.child.kill('SIGKILL');
    }
    const events = live
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const result = events.find((e) => e.type === 'result') as {
      session_id: string;
      usage: Record<string, number>;
    };
    expect(result.usage.input_tokens).toBeGreaterThan(0);
    const stored = readSessionLines(sandbox.workspace, result.session_id).filter((l) => l.type === 'message');
    const partial = stored.at(-1)!;
    expect(partial).toMatchObject({ interrupted: true, message: { role: 'assistant' } });
    const shown = textOf(partial.message as Parameters<typeof textOf>[0]);
    expect('A slow stream, for testing cancellation and spinners.'.startsWith(shown)).toBe(true);
    expect(shown.length).toBeGreaterThan(0);

    mock.reset();
    const resumed = await runClaw(['-p', 'go on PARITY_SCENARIO:streaming_text', '--continue', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    const sent = messageRequests(mock).at(-1)!.messages;
    expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(textOf(sent[1]!)).toBe(shown);
  });

  it('keeps the tool rounds completed before kill -9', async () => {
    writeFileSync(join(sandbox.workspace, 'fixture.txt'), 'fixture body\n');
    const token = encodeScript([
      { toolUses: [{ name: 'Read', input: { file_path: 'fixture.txt' }, id: 'toolu_read_1' }] },
      { toolUses: [waitForGo] },
      { text: 'never reached' },
    ]);
    const live = spawnClaw(
      ['-p', `crash test ${token}`, '--permission-mode', 'danger-full-access', ...json],
      {
        sandbox,
        baseUrl: mock.url,
      },
    );
    let id = '';
    try {
      id = await waitFor('the session file', () => listSessionIds(sandbox.workspace)[0]);
      await waitFor('the first tool result on disk', () =>
        readFileSync(sessionPath(sandbox.workspace, id), 'utf8').includes('"tool_use_id":"toolu_read_1"'),
      );
      live.child.kill('SIGKILL');
      await live.exited;
    } finally {
      live.child.kill('SIGKILL');
      writeFileSync(join(sandbox.workspace, 'go'), '');
    }
    mock.reset();
    const resumed = await runClaw(['-p', 'after the crash', '--resume', id, ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(resumed.code).toBe(0);
    const sent = messageRequests(mock).at(-1)!.messages;
    const results = sent.flatMap((m) => blocksOf(m)).filter((b) => b.type === 'tool_result');
    expect(results.map((b) => b.tool_use_id)).toContain('toolu_read_1');
  });

  it('refuses a second writer on a live session with a lock error, and accepts it after the first exits', async () => {
    const token = encodeScript([{ toolUses: [waitForGo] }, { text: 'first run done' }]);
    const live = spawnClaw(['-p', `hold ${token}`, '--permission-mode', 'danger-full-access', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    let id = '';
    try {
      id = await waitFor('the session file', () => listSessionIds(sandbox.workspace)[0]);
      await waitFor('the lock', () => existsSync(join(sandbox.workspace, '.claw', 'sessions', `${id}.lock`)));
      await waitFor('the first run to be mid-turn', () => messageRequests(mock).length >= 1);
      const second = await runClaw(['-p', 'me too', '--resume', id, ...json], { sandbox, baseUrl: mock.url });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/is being written by process \d+/);
      expect(second.stderr).toContain('--fork');
      expect(second.stdout).toMatch(/"kind":"session"/);
      expect(messageRequests(mock)).toHaveLength(1);
    } finally {
      writeFileSync(join(sandbox.workspace, 'go'), '');
    }
    const first = await live.exited;
    expect(first.code).toBe(0);
    expect(parseResult(first).result).toBe('first run done');

    const third = await runClaw(['-p', 'me too', '--resume', id, ...json], { sandbox, baseUrl: mock.url });
    expect(third.code).toBe(0);
    expect(parseResult(third).session_id).toBe(id);
    expect(textOf(messageRequests(mock).at(-1)!.messages[0]!)).toContain('hold ');
  });
});
