import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAW_BIN, createSandbox, parseJsonLines, runClaw, type Sandbox } from '../helpers.js';

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

describe('print mode against the mock', () => {
  it('prints the streamed reply as text', async () => {
    const run = await runClaw(['-p', 'hi'], { sandbox, baseUrl: mock.url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Hello from the mock model.');
    const request = mock.requests.find((r) => r.path === '/v1/messages');
    expect(request?.headers['x-api-key']).toBe('sk-ant-test-key-0000');
    // Only tools with something to do are offered: no ToolSearch without a deferred MCP catalog.
    const offered = ((request?.body as { tools?: Array<{ name: string }> } | undefined)?.tools ?? []).map(
      (t) => t.name,
    );
    expect(offered).toEqual(expect.arrayContaining(['Read', 'Edit', 'Bash', 'Grep']));
    expect(offered).not.toContain('ToolSearch');
  });

  it('accepts `claw prompt`, a bare prompt and piped stdin', async () => {
    const viaCommand = await runClaw(['prompt', 'PARITY_SCENARIO:streaming_text'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(viaCommand.code).toBe(0);
    const bare = await runClaw(['PARITY_SCENARIO:streaming_text'], { sandbox, baseUrl: mock.url });
    expect(bare.stdout).toBe(viaCommand.stdout);
    const piped = await runClaw([], {
      sandbox,
      baseUrl: mock.url,
      input: 'PARITY_SCENARIO:streaming_text\n',
    });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(viaCommand.stdout);
    expect(viaCommand.stdout.length).toBeGreaterThan(10);
  });

  it('prints one Claude-Code-compatible result object in json mode', async () => {
    const run = await runClaw(['-p', 'hi', '--output-format', 'json'], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(0);
    const lines = parseJsonLines(run.stdout);
    expect(lines).toHaveLength(1);
    const result = lines[0]!;
    expect(result).toMatchObject({
      type: 'result',
      subtype: 'success',
      is_error: false,
      result: 'Hello from the mock model.',
      num_turns: 1,
      permission_denials: [],
    });
    expect(typeof result.session_id).toBe('string');
    expect(typeof result.duration_ms).toBe('number');
    expect(typeof result.duration_api_ms).toBe('number');
    expect(result.usage).toMatchObject({
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
      cache_creation_input_tokens: expect.any(Number),
      cache_read_input_tokens: expect.any(Number),
    });
    expect(typeof result.model).toBe('string');
  });

  it('streams init, assistant, user and result events in stream-json mode', async () => {
    writeFileSync(join(sandbox.workspace, 'fixture.txt'), 'alpha beta gamma\n');
    const run = await runClaw(
      ['-p', 'PARITY_SCENARIO:read_file_roundtrip', '--output-format', 'stream-json'],
      {
        sandbox,
        baseUrl: mock.url,
      },
    );
    expect(run.code).toBe(0);
    const events = parseJsonLines(run.stdout);
    expect(events[0]).toMatchObject({ type: 'system', subtype: 'init', permissionMode: expect.any(String) });
    expect(events[0]!.tools).toContain('Read');
    expect(events.map((e) => e.type)).toEqual(['system', 'assistant', 'user', 'assistant', 'result']);
    const toolResult = (events[2]!.message as { content: Array<{ type: string; content: unknown }> })
      .content[0]!;
    expect(toolResult.type).toBe('tool_result');
    expect(JSON.stringify(toolResult.content)).toContain('alpha beta gamma');
    expect(events.at(-1)).toMatchObject({ type: 'result', subtype: 'success', num_turns: 2 });
  });

  it('runs a Read round trip whose tool_result carries the file content', async () => {
    writeFileSync(join(sandbox.workspace, 'fixture.txt'), 'the quick brown fox\n');
    const run = await runClaw(['-p', 'PARITY_SCENARIO:read_file_roundtrip'], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(0);
    const second = mock.requests.filter((r) => r.path === '/v1/messages')[1];
    const body = second?.body as {
      messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
    };
    const last = body.messages.at(-1)!;
    expect(last.role).toBe('user');
    expect(last.content[0]!.type).toBe('tool_result');
    expect(JSON.stringify(last.content[0]!.content)).toContain('the quick brown fox');
    expect(run.stdout).toContain('the quick brown fox');
  });

  it('assembles a tool_use whose input JSON arrives in 1-3 character chunks', async () => {
    writeFileSync(join(sandbox.workspace, 'notes.txt'), 'needle in a haystack\n');
    const run = await runClaw(
      ['-p', 'PARITY_SCENARIO:grep_chunk_assembly', '--output-format', 'stream-json'],
      {
        sandbox,
        baseUrl: mock.url,
        env: { CLAW_PERMISSION_MODE: undefined },
      },
    );
    expect(run.code).toBe(0);
    const events = parseJsonLines(run.stdout);
    const assistant = events.find((e) => e.type === 'assistant')!;
    const toolUse = (assistant.message as { content: Array<{ type: string; input: unknown }> }).content.find(
      (b) => b.type === 'tool_use',
    );
    expect(toolUse?.input).toMatchObject({ pattern: expect.any(String) });
    const user = events.find((e) => e.type === 'user')!;
    const result = (user.message as { content: Array<{ is_error?: boolean }> }).content[0]!;
    expect(result.is_error).not.toBe(true);
  });

  it('maps an API error to exit 1 with a clear message, and a json error object', async () => {
    const run = await runClaw(['-p', 'hi', '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
      env: { ANTHROPIC_API_KEY: 'invalid' },
    });
    expect(run.code).toBe(1);
    const lines = parseJsonLines(run.stdout);
    const error = lines.find((l) => l.type === 'error') ?? lines.find((l) => l.type === 'result');
    expect(JSON.stringify(error)).toMatch(/auth/i);
    expect(run.stderr).toMatch(/error/i);
  });

  it('exits 2 naming an unknown flag or a bad value', async () => {
    const unknown = await runClaw(['-p', 'hi', '--no-such-flag'], { sandbox, baseUrl: mock.url });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--no-such-flag');
    const bad = await runClaw(['-p', 'hi', '--output-format', 'yaml'], { sandbox, baseUrl: mock.url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/output-format/);
    expect(bad.stderr).toMatch(/stream-json/);
  });

  it('stops at --max-turns with error_max_turns and exit 1', async () => {
    writeFileSync(join(sandbox.workspace, 'fixture.txt'), 'x\n');
    const run = await runClaw(
      ['-p', 'PARITY_SCENARIO:read_file_roundtrip', '--max-turns', '1', '--output-format', 'json'],
      {
        sandbox,
        baseUrl: mock.url,
      },
    );
    expect(run.code).toBe(1);
    expect(parseJsonLines(run.stdout)[0]).toMatchObject({
      subtype: 'error_max_turns',
      is_error: true,
      num_turns: 1,
    });
  });

  it('treats everything after -- as the prompt', async () => {
    const run = await runClaw(['--output-format', 'json', '--', '-p looks like a flag'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code).toBe(0);
    const body = mock.requests.find((r) => r.path === '/v1/messages')?.body as {
      messages: Array<{ content: Array<{ text?: string }> }>;
    };
    expect(JSON.stringify(body.messages[0])).toContain('-p looks like a flag');
  });

  it('runs a slash command on a resumed session without calling the model', async () => {
    const first = await runClaw(['-p', 'hi', '--output-format', 'json'], { sandbox, baseUrl: mock.url });
    const sessionId = parseJsonLines(first.stdout)[0]!.session_id as string;
    const calls = mock.requests.length;
    const cost = await runClaw(['--resume', sessionId, '-p', '/cost', '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(cost.code, cost.stderr).toBe(0);
    const output = parseJsonLines(cost.stdout)[0]!;
    expect(output).toMatchObject({ type: 'command', command: 'cost', is_error: false });
    expect(JSON.stringify(output.data)).toMatch(/input_tokens|inputTokens/);
    expect(mock.requests.length).toBe(calls);
  });
});

describe('tool rules on the command line', () => {
  const run = (rules: string[]) =>
    runClaw(
      [
        '-p',
        'PARITY_SCENARIO:write_file_allowed',
        '--permission-mode',
        'read-only',
        '--output-format',
        'json',
        '--allowedTools',
        ...rules,
      ],
      { sandbox, baseUrl: mock.url },
    );
  const denials = (stdout: string) =>
    (parseJsonLines(stdout).find((l) => l.type === 'result')?.permission_denials as unknown[]) ?? [];

  it('reads several space-separated rules after --allowedTools, as Claude Code does', async () => {
    const both = await run(['Read', 'Write(generated/**)']);
    expect(both.code, both.stderr).toBe(0);
    expect(denials(both.stdout)).toEqual([]);
    const first = mock.requests.find((r) => r.path === '/v1/messages')?.body as {
      messages: Array<{ content: unknown }>;
    };
    // The second rule did not become part of the prompt.
    expect(JSON.stringify(first.messages[0]?.content)).not.toContain('Write(generated');
    mock.reset();
    const onlyRead = await run(['Read']);
    expect(onlyRead.code, onlyRead.stderr).toBe(0);
    expect(denials(onlyRead.stdout)).toHaveLength(1);
  });
});

describe('stdin next to a prompt argument', () => {
  /** Runs claw -p with stdin left as an open pipe; `feed` may write to it (and end it) later. */
  function runWithOpenStdin(args: string[], env: Record<string, string>, feed?: (stdin: Writable) => void) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLAW_BIN, ...args], {
        cwd: sandbox.workspace,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: sandbox.home,
          CLAW_CONFIG_HOME: sandbox.configHome,
          NO_COLOR: '1',
          ANTHROPIC_BASE_URL: mock.url,
          ANTHROPIC_API_KEY: 'sk-ant-test-key-0000',
          ...env,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        child.stdin.destroy();
        resolve({ code, stdout, stderr });
      });
      feed?.(child.stdin);
    });
  }
  const userText = () => {
    const body = mock.requests.find((r) => r.path === '/v1/messages')?.body as
      | { messages: Array<{ content: unknown }> }
      | undefined;
    return JSON.stringify(body?.messages[0]?.content);
  };

  it('does not hang when the parent leaves stdin open and silent: it warns and answers the argument', async () => {
    const run = await runWithOpenStdin(['-p', 'hi'], { CLAW_STDIN_TIMEOUT_MS: '300' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('Hello from the mock model.');
    expect(run.stderr).toContain('nothing arrived on stdin within 0.3 s');
    expect(userText()).toContain('hi');
  });

  it('reads input that starts within the wait to its end, however long it takes', async () => {
    const run = await runWithOpenStdin(['-p', 'summarise'], { CLAW_STDIN_TIMEOUT_MS: '1000' }, (stdin) => {
      setTimeout(() => stdin.write('first part\n'), 100);
      setTimeout(() => stdin.end('second part, after the wait\n'), 1_500);
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(userText()).toContain('first part');
    expect(userText()).toContain('second part, after the wait');
  });

  it('waits as long as it takes when stdin is the prompt', async () => {
    const run = await runWithOpenStdin(['-p'], { CLAW_STDIN_TIMEOUT_MS: '100' }, (stdin) => {
      setTimeout(() => stdin.end('the prompt, late\n'), 600);
    });
    expect(run.code, run.stderr).toBe(0);
    expect(userText()).toContain('the prompt, late');
  });
});

describe('a reader that goes away', () => {
  function runWithClosedStdout(args: string[]) {
    return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLAW_BIN, ...args], {
        cwd: sandbox.workspace,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: sandbox.home,
          CLAW_CONFIG_HOME: sandbox.configHome,
          ANTHROPIC_BASE_URL: mock.url,
          ANTHROPIC_API_KEY: 'sk-ant-test-key-0000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // `claw … | true`: the reader is gone before claw writes anything.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }

  it.each(['stream-json', 'json', 'text'])(
    'stops quietly with exit 1 (%s), the session saved',
    async (format) => {
      const run = await runWithClosedStdout([
        '-p',
        'PARITY_SCENARIO:multi_tool_turn_roundtrip',
        '--output-format',
        format,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
      const list = await runClaw(['sessions', 'list', '--output-format', 'json'], { sandbox });
      expect(list.code, list.stderr).toBe(0);
      expect((JSON.parse(list.stdout) as { sessions: unknown[] }).sessions).toHaveLength(1);
    },
  );

  it('stops quietly with exit 1 for a reporting command too', async () => {
    const run = await runWithClosedStdout(['doctor']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
  });
});

describe('oversized piped input', () => {
  it('is refused with exit 2 and a hint, before any request', async () => {
    const run = await runClaw(['-p', 'summarise', '--output-format', 'json'], {
      sandbox,
      baseUrl: mock.url,
      input: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(run.code).toBe(2);
    expect(parseJsonLines(run.stdout)[0]).toMatchObject({ type: 'error', kind: 'usage' });
    expect(run.stderr).toContain('larger than 10 MB');
    expect(mock.requests).toEqual([]);
  });
});
