import { describe, expect, it } from 'vitest';
import {
  COMPACTION_PROMPT_MARKER,
  encodeScript,
  getScenario,
  type MockStep,
  PARITY_SCENARIO_NAMES,
  SCENARIO_NAMES,
} from '../src/index.js';
import {
  assembleMessage,
  messagesBody,
  postJson,
  readJson,
  streamMessages,
  useMockServer,
  userMessage,
  type WireJson,
} from './helpers.js';

const server = useMockServer();

function toolResults(message: WireJson, contents: string[], isError = false) {
  const uses = message.content.filter((block: WireJson) => block.type === 'tool_use');
  return {
    role: 'user',
    content: uses.map((use: WireJson, index: number) => ({
      type: 'tool_result',
      tool_use_id: use.id,
      content: [{ type: 'text', text: contents[index] ?? '' }],
      ...(isError ? { is_error: true } : {}),
    })),
  };
}

function assistant(message: WireJson) {
  return { role: 'assistant', content: message.content };
}

async function nextMessage(messages: unknown[]): Promise<WireJson> {
  return assembleMessage((await streamMessages(server(), messages)).events);
}

describe('scenario selection by conversation state', () => {
  it('read_file_roundtrip: step 0 reads, step 1 quotes the tool result', async () => {
    const history: unknown[] = [userMessage('Please read it. PARITY_SCENARIO:read_file_roundtrip')];
    const first = await nextMessage(history);
    const read = first.content.find((block: WireJson) => block.type === 'tool_use');
    expect(read).toMatchObject({ name: 'read_file', input: { path: 'fixture.txt' } });

    history.push(assistant(first), toolResults(first, ['alpha beta gamma from the fixture']));
    const second = await nextMessage(history);
    expect(second.content[0].text).toContain('alpha beta gamma from the fixture');
    expect(second.stop_reason).toBe('end_turn');

    history.push(assistant(second));
    history.push(userMessage('anything else?'));
    // A later user message without a token keeps the scenario; the step has run past the end.
    const third = await nextMessage(history);
    expect(third.content[0].text).toBe('Mock scenario read_file_roundtrip is complete.');
  });

  it('a newer token restarts at step 0 of its scenario', async () => {
    const first = await nextMessage([userMessage('PARITY_SCENARIO:streaming_text')]);
    const second = await nextMessage([
      userMessage('PARITY_SCENARIO:streaming_text'),
      assistant(first),
      userMessage('now PARITY_SCENARIO:thinking_text'),
    ]);
    expect(second.content[0].type).toBe('thinking');
  });

  it('write_file_denied reports the error result', async () => {
    const first = await nextMessage([userMessage('PARITY_SCENARIO:write_file_denied')]);
    expect(first.content[0]).toMatchObject({
      name: 'write_file',
      input: { path: 'generated/output.txt', content: expect.any(String) },
    });
    const second = await nextMessage([
      userMessage('PARITY_SCENARIO:write_file_denied'),
      assistant(first),
      toolResults(first, ['Permission denied: write_file needs workspace-write'], true),
    ]);
    expect(second.content[0].text).toContain('[error] Permission denied');
  });

  it('multi_tool_turn_roundtrip summarises both results', async () => {
    const first = await nextMessage([userMessage('PARITY_SCENARIO:multi_tool_turn_roundtrip')]);
    expect(
      first.content.filter((block: WireJson) => block.type === 'tool_use').map((b: WireJson) => b.name),
    ).toEqual(['read_file', 'grep_search']);
    const second = await nextMessage([
      userMessage('PARITY_SCENARIO:multi_tool_turn_roundtrip'),
      assistant(first),
      toolResults(first, ['file body', '3']),
    ]);
    expect(second.content[0].text).toContain('file body');
    expect(second.content[0].text).toContain('3');
  });

  it.each([
    ['bash_stdout_roundtrip', 'bash', { command: "printf 'hello from bash'" }],
    ['bash_permission_prompt_approved', 'bash', { command: expect.stringContaining('>') }],
    ['bash_permission_prompt_denied', 'bash', { command: expect.stringContaining('>') }],
    ['plugin_tool_roundtrip', 'plugin_echo', { message: expect.any(String) }],
    ['unknown_tool', 'no_such_tool', {}],
    ['invalid_tool_input', 'read_file', { path: 42 }],
  ])('%s calls %s and echoes its result', async (scenario, tool, input) => {
    const first = await nextMessage([userMessage(`PARITY_SCENARIO:${scenario}`)]);
    expect(first.content.at(-1)).toMatchObject({ type: 'tool_use', name: tool, input });
    const second = await nextMessage([
      userMessage(`PARITY_SCENARIO:${scenario}`),
      assistant(first),
      toolResults(first, [`result of ${scenario}`]),
    ]);
    expect(second.content[0].text).toContain(`result of ${scenario}`);
  });

  it('max_tokens_text finishes on the next step', async () => {
    const first = await nextMessage([userMessage('PARITY_SCENARIO:max_tokens_text')]);
    const second = await nextMessage([
      userMessage('PARITY_SCENARIO:max_tokens_text'),
      assistant(first),
      userMessage('continue'),
    ]);
    expect(first.content[0].text + second.content[0].text).toBe(
      'This answer is cut off in the middle of a sentence, and now it is finished.',
    );
  });
});

describe('compaction requests', () => {
  it('answer with a summary even when a scenario token is in the history', async () => {
    const first = await nextMessage([userMessage('PARITY_SCENARIO:read_file_roundtrip')]);
    const summary = await nextMessage([
      userMessage('PARITY_SCENARIO:read_file_roundtrip'),
      assistant(first),
      toolResults(first, ['x']),
      userMessage(`${COMPACTION_PROMPT_MARKER}. Keep file names.`),
    ]);
    expect(summary.content).toEqual([
      { type: 'text', text: '<summary>Mock summary of 3 earlier messages.</summary>' },
    ]);
  });
});

describe('MOCK_SCRIPT', () => {
  it('round-trips a script built with encodeScript, step by step', async () => {
    const steps: MockStep[] = [
      {
        text: 'Let me look.',
        toolUses: [{ name: 'Read', input: { file_path: '/tmp/a' }, id: 'toolu_fixed' }],
      },
      { thinking: 'done', text: 'All done.', usage: { output_tokens: 7 } },
    ];
    const token = encodeScript(steps);
    expect(token).toMatch(/^MOCK_SCRIPT:[A-Za-z0-9_-]+$/);

    const first = await nextMessage([userMessage(`do it ${token}`)]);
    expect(first.content[1]).toMatchObject({
      id: 'toolu_fixed',
      name: 'Read',
      input: { file_path: '/tmp/a' },
    });
    const second = await nextMessage([
      userMessage(`do it ${token}`),
      assistant(first),
      toolResults(first, ['contents']),
    ]);
    expect(second.content.map((block: WireJson) => block.type)).toEqual(['thinking', 'text']);
    expect(second.usage.output_tokens).toBe(7);
  });

  it.each([
    ['not base64url JSON', 'MOCK_SCRIPT:bm90IGpzb24'],
    ['not an array', `MOCK_SCRIPT:${Buffer.from('{"text":"x"}').toString('base64url')}`],
    ['a bad field', encodeScript([{ stopReason: 'bogus' as never }])],
  ])('rejects a script that is %s with 400', async (_case, token) => {
    const response = await postJson(`${server().url}/v1/messages`, messagesBody([userMessage(token)]));
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.message).toMatch(/MOCK_SCRIPT/);
  });
});

describe('the scenario registry', () => {
  it('names claw-code’s twelve parity scenarios', () => {
    expect(PARITY_SCENARIO_NAMES).toHaveLength(12);
  });

  it.each(SCENARIO_NAMES.map((name) => [name]))(
    '%s is registered under its own name and streams step 0',
    async (name) => {
      expect(getScenario(name)?.name).toBe(name);
      // Faults fail first attempts; retry until the stream completes (or give up for *_always faults).
      for (let attempt = 0; attempt < 2; attempt++) {
        const { response, events } = await streamMessages(server(), [
          userMessage(`PARITY_SCENARIO:${name} MOCK_DELAY_MS:0`),
        ]).catch(() => ({ response: undefined, events: [] as WireJson[] }));
        if (response?.status === 200 && events.at(-1)?.type === 'message_stop') return;
      }
      expect(name).toMatch(/_always$/);
    },
  );
});
