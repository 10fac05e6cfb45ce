import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import {
  blocksOf,
  messageRequests,
  parseResult,
  sessionPath,
  textOf,
  toolResultText,
  writeProjectSettings,
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
  writeFileSync(join(sandbox.workspace, 'fixture.txt'), 'SECRET-FIXTURE-BODY\n');
});
afterEach(() => sandbox.cleanup());

const json = ['--output-format', 'json'];

interface HookCommand {
  type: 'command';
  command: string;
  timeout?: number;
}
type HookGroups = Record<string, Array<{ matcher?: string; hooks: HookCommand[] }>>;

/** A hook that appends its stdin (one JSON payload per line) to `<workspace>/hook-out/<name>.jsonl`. */
function recorder(name: string): HookCommand {
  return {
    type: 'command',
    command: `mkdir -p hook-out && { cat; echo; } >> hook-out/${name}.jsonl`,
  };
}

function recorded(name: string): Array<Record<string, unknown>> {
  const path = join(sandbox.workspace, 'hook-out', `${name}.jsonl`);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const readFixture = { name: 'Read', input: { file_path: 'fixture.txt' }, id: 'toolu_hooked_read' };

describe('hook events receive their JSON on stdin', () => {
  it('fires SessionStart, UserPromptSubmit, PreToolUse, PostToolUse, Stop and SessionEnd with the documented fields', async () => {
    const events = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SessionEnd'];
    const hooks: HookGroups = Object.fromEntries(events.map((e) => [e, [{ hooks: [recorder(e)] }]]));
    writeProjectSettings(sandbox, { hooks });
    const token = encodeScript([{ toolUses: [readFixture] }, { text: 'all read' }]);
    const prompt = `read it ${token}`;
    const run = await runClaw(['-p', prompt, ...json], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    const id = parseResult(run).session_id;
    const common = {
      session_id: id,
      transcript_path: sessionPath(sandbox.workspace, id),
      cwd: sandbox.workspace,
      // claw's default mode, workspace-write, under Claude Code's name.
      permission_mode: 'acceptEdits',
    };
    const rows: Array<{ event: string; fields: Record<string, unknown> }> = [
      { event: 'SessionStart', fields: { source: 'startup' } },
      { event: 'UserPromptSubmit', fields: { prompt } },
      {
        event: 'PreToolUse',
        fields: {
          tool_name: 'Read',
          tool_input: { file_path: 'fixture.txt' },
          tool_use_id: 'toolu_hooked_read',
        },
      },
      {
        event: 'PostToolUse',
        fields: {
          tool_name: 'Read',
          tool_input: { file_path: 'fixture.txt' },
          tool_use_id: 'toolu_hooked_read',
          tool_response: {
            type: 'text',
            file: {
              filePath: join(sandbox.workspace, 'fixture.txt'),
              content: expect.stringContaining('SECRET-FIXTURE-BODY'),
            },
            filePath: join(sandbox.workspace, 'fixture.txt'),
            success: true,
          },
        },
      },
      { event: 'Stop', fields: { stop_hook_active: false, last_assistant_message: 'all read' } },
      { event: 'SessionEnd', fields: { reason: 'other' } },
    ];
    for (const row of rows) {
      const payloads = recorded(row.event);
      expect(payloads, row.event).toHaveLength(1);
      expect(payloads[0], row.event).toMatchObject({ ...common, hook_event_name: row.event, ...row.fields });
    }
  });

  it('fires SessionStart with source "resume" on --resume', async () => {
    writeProjectSettings(sandbox, { hooks: { SessionStart: [{ hooks: [recorder('SessionStart')] }] } });
    const first = await runClaw(['-p', 'hi', ...json], { sandbox, baseUrl: mock.url });
    const id = parseResult(first).session_id;
    await runClaw(['-p', 'again', '--resume', id, ...json], { sandbox, baseUrl: mock.url });
    expect(recorded('SessionStart').map((p) => p.source)).toEqual(['startup', 'resume']);
  });

  it('fires PreCompact with trigger "auto" before an automatic compaction', async () => {
    writeProjectSettings(sandbox, {
      hooks: { PreCompact: [{ matcher: 'auto', hooks: [recorder('PreCompact')] }] },
    });
    const token = encodeScript([
      { toolUses: [{ name: 'Read', input: { file_path: 'fixture.txt' } }] },
      { toolUses: [{ name: 'Read', input: { file_path: 'fixture.txt' } }], usage: { input_tokens: 190_000 } },
      { text: 'done' },
    ]);
    const run = await runClaw(['-p', `go ${token}`, '--model', 'claude-sonnet-4-5', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(recorded('PreCompact')).toEqual([
      expect.objectContaining({ hook_event_name: 'PreCompact', trigger: 'auto', custom_instructions: '' }),
    ]);
  });
});

describe('PreToolUse decisions', () => {
  const deniedRows: Array<{ attack: string; command: string; seen: RegExp }> = [
    {
      attack: 'exit 2 with a reason on stderr',
      command: 'echo "reads are off today" >&2; exit 2',
      seen: /reads are off today/,
    },
    {
      attack: 'JSON permissionDecision deny',
      command:
        'echo \'{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"policy forbids it"}}\'',
      seen: /policy forbids it/,
    },
    {
      attack: 'JSON decision block',
      command: 'echo \'{"decision":"block","reason":"blocked by JSON"}\'',
      seen: /blocked by JSON/,
    },
    { attack: 'a crash (killed by a signal)', command: 'kill -9 $$', seen: /hook/i },
    { attack: 'a command that cannot start', command: './no-such-hook-binary', seen: /hook/i },
  ];

  it('denies the call when the hook prints JSON claw cannot read', async () => {
    writeProjectSettings(sandbox, {
      hooks: { PreToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: "echo '{not json'" }] }] },
    });
    const token = encodeScript([{ toolUses: [readFixture] }, { text: 'after the hook' }]);
    const run = await runClaw(['-p', `read ${token}`, ...json], { sandbox, baseUrl: mock.url });
    expect(parseResult(run).permission_denials.map((d) => d.tool_use_id)).toEqual(['toolu_hooked_read']);
    const toolResult = blocksOf(messageRequests(mock)[1]!.messages.at(-1)!)[0]!;
    expect(toolResultText(toolResult)).not.toContain('SECRET-FIXTURE-BODY');
  });

  it.each(deniedRows)('denies the call when the hook answers with $attack', async ({ command, seen }) => {
    writeProjectSettings(sandbox, {
      hooks: { PreToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command }] }] },
    });
    const token = encodeScript([{ toolUses: [readFixture] }, { text: 'after the hook' }]);
    const run = await runClaw(['-p', `read ${token}`, '--permission-mode', 'danger-full-access', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code, run.stderr).toBe(0);
    const result = parseResult(run);
    expect(result.permission_denials).toEqual([
      { tool_name: 'Read', tool_use_id: 'toolu_hooked_read', tool_input: { file_path: 'fixture.txt' } },
    ]);
    const toolResult = blocksOf(messageRequests(mock)[1]!.messages.at(-1)!)[0]!;
    expect(toolResult).toMatchObject({
      type: 'tool_result',
      tool_use_id: 'toolu_hooked_read',
      is_error: true,
    });
    expect(toolResultText(toolResult)).toMatch(seen);
    expect(toolResultText(toolResult)).not.toContain('SECRET-FIXTURE-BODY');
  });

  it('lets the call run when the hook exits 1, as Claude Code (only exit 2 blocks), and warns the user', async () => {
    writeProjectSettings(sandbox, {
      hooks: {
        PreToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: 'echo boom >&2; exit 1' }] }],
      },
    });
    const token = encodeScript([{ toolUses: [readFixture] }, { text: 'ok' }]);
    const run = await runClaw(['-p', `read ${token}`, ...json], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    expect(parseResult(run).permission_denials).toEqual([]);
    expect(run.stderr).toMatch(/failed \(exit 1\): boom.*goes ahead/);
    const toolResult = blocksOf(messageRequests(mock)[1]!.messages.at(-1)!)[0]!;
    expect(toolResultText(toolResult)).toContain('SECRET-FIXTURE-BODY');
  });

  it('lets the call run when the hook exits 0 and does not match other tools', async () => {
    writeProjectSettings(sandbox, {
      hooks: {
        PreToolUse: [
          { matcher: 'Read', hooks: [{ type: 'command', command: 'exit 0' }] },
          { matcher: 'Bash', hooks: [{ type: 'command', command: 'exit 2' }] },
        ],
      },
    });
    const token = encodeScript([{ toolUses: [readFixture] }, { text: 'ok' }]);
    const run = await runClaw(['-p', `read ${token}`, ...json], { sandbox, baseUrl: mock.url });
    expect(parseResult(run).permission_denials).toEqual([]);
    const toolResult = blocksOf(messageRequests(mock)[1]!.messages.at(-1)!)[0]!;
    expect(toolResultText(toolResult)).toContain('SECRET-FIXTURE-BODY');
  });

  it.each([
    { matcher: 'Write', call: 'write_file', input: { path: 'out/a.txt', content: 'x' } },
    { matcher: 'Edit|Write', call: 'write_file', input: { path: 'out/a.txt', content: 'x' } },
    { matcher: 'write_file', call: 'Write', input: { file_path: 'out/a.txt', content: 'x' } },
    { matcher: 'Bash', call: 'bash', input: { command: 'echo hi' } },
  ])('matcher "$matcher" fires for a $call call', async ({ matcher, call, input }) => {
    writeProjectSettings(sandbox, {
      hooks: { PreToolUse: [{ matcher, hooks: [recorder('PreToolUse')] }] },
    });
    const token = encodeScript([{ toolUses: [{ name: call, input }] }, { text: 'ok' }]);
    const run = await runClaw(['-p', `call ${token}`, '--permission-mode', 'danger-full-access', ...json], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(recorded('PreToolUse')).toHaveLength(1);
  });

  it('does not fire a matcher for an unrelated tool', async () => {
    writeProjectSettings(sandbox, {
      hooks: { PreToolUse: [{ matcher: 'Write', hooks: [recorder('PreToolUse')] }] },
    });
    const token = encodeScript([{ toolUses: [readFixture] }, { text: 'ok' }]);
    await runClaw(['-p', `call ${token}`, ...json], { sandbox, baseUrl: mock.url });
    expect(recorded('PreToolUse')).toEqual([]);
  });
});

describe('PreToolUse updatedInput', () => {
  const echoOriginal = { name: 'Bash', input: { command: 'echo ORIGINAL' }, id: 'toolu_rewritten' };
  const rewriteTo = (input: Record<string, unknown>, decision?: string): HookCommand => ({
    type: 'command',
    command: `echo '${JSON.stringify({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        ...(decision ? { permissionDecision: decision } : {}),
        updatedInput: input,
      },
    })}'`,
  });

  async function runRewritten(hook: HookCommand, settings: Record<string, unknown> = {}) {
    writeProjectSettings(sandbox, {
      ...settings,
      hooks: {
        PreToolUse: [{ matcher: 'Bash', hooks: [hook] }],
        PostToolUse: [{ hooks: [recorder('Post')] }],
      },
    });
    const token = encodeScript([{ toolUses: [echoOriginal] }, { text: 'done' }]);
    const run = await runClaw(['-p', `run it ${token}`, ...json], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    const toolResult = blocksOf(messageRequests(mock)[1]!.messages.at(-1)!)[0]!;
    return { run, toolResult, text: toolResultText(toolResult) };
  }

  it.each([undefined, 'allow'])(
    'runs the rewritten input (permissionDecision %s), and PostToolUse sees it',
    async (decision) => {
      const { text, run } = await runRewritten(rewriteTo({ command: 'echo REWRITTEN' }, decision));
      expect(text).toContain('REWRITTEN');
      expect(text).not.toContain('ORIGINAL');
      expect(parseResult(run).permission_denials).toEqual([]);
      expect(recorded('Post')).toEqual([
        expect.objectContaining({
          tool_name: 'Bash',
          tool_input: { command: 'echo REWRITTEN' },
          tool_response: expect.objectContaining({
            stdout: expect.stringContaining('REWRITTEN'),
            stderr: '',
            interrupted: false,
            isImage: false,
            exitCode: 0,
          }),
        }),
      ]);
    },
  );

  it('"ask" with a rewrite still asks: print mode has nobody to approve, so nothing runs', async () => {
    const { run, text } = await runRewritten(rewriteTo({ command: 'echo REWRITTEN' }, 'ask'));
    expect(parseResult(run).permission_denials.map((d) => d.tool_use_id)).toEqual(['toolu_rewritten']);
    expect(text).toMatch(/nobody can approve it in print mode/);
    expect(recorded('Post')).toEqual([]);
  });

  it('judges the rewritten call by the deny rules, even when the hook said allow', async () => {
    const { run, text } = await runRewritten(rewriteTo({ command: 'rm -rf build' }, 'allow'), {
      permissions: { deny: ['Bash(rm:*)'] },
    });
    expect(parseResult(run).permission_denials.map((d) => d.tool_use_id)).toEqual(['toolu_rewritten']);
    expect(text).toMatch(/denied/i);
    expect(recorded('Post')).toEqual([]);
  });

  it('refuses a rewrite that does not fit the tool schema, running nothing', async () => {
    const { toolResult, text } = await runRewritten(rewriteTo({ cmd: 'echo REWRITTEN' }));
    expect(toolResult).toMatchObject({ is_error: true });
    expect(text).toMatch(/rewrote the input of Bash into something invalid/);
    expect(text).not.toContain('ORIGINAL');
    expect(recorded('Post')).toEqual([]);
  });
});

describe('PostToolUse tool_response and feedback', () => {
  it('sends Write a {filePath, success} object, and feeds block reasons and additionalContext to the model', async () => {
    const feedback = JSON.stringify({
      decision: 'block',
      reason: 'format with prettier next time',
      hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: 'CI runs on node 20' },
    });
    writeProjectSettings(sandbox, {
      hooks: {
        PostToolUse: [
          { matcher: 'Write', hooks: [recorder('Post'), { type: 'command', command: `echo '${feedback}'` }] },
        ],
      },
    });
    const write = { name: 'Write', input: { file_path: 'out/new.txt', content: 'hello' }, id: 'toolu_w' };
    const token = encodeScript([{ toolUses: [write] }, { text: 'written' }]);
    const run = await runClaw(['-p', `write ${token}`, ...json], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    expect(recorded('Post')[0]?.tool_response).toEqual({
      type: 'create',
      filePath: join(sandbox.workspace, 'out', 'new.txt'),
      content: 'hello',
      success: true,
    });
    const text = toolResultText(blocksOf(messageRequests(mock)[1]!.messages.at(-1)!)[0]!);
    expect(text).toContain('format with prettier next time');
    expect(text).toContain('CI runs on node 20');
  });
});

describe('hooks that hang, and prompt hooks', () => {
  it('kills a hanging hook (and what it started) at its timeout, and the run goes on', async () => {
    const hang = 'sleep 60 & echo $! > sleeper.pid; wait';
    writeProjectSettings(sandbox, {
      hooks: { PostToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: hang, timeout: 1 }] }] },
    });
    const token = encodeScript([{ toolUses: [readFixture] }, { text: 'carried on' }]);
    const run = await runClaw(['-p', `read ${token}`, ...json], {
      sandbox,
      baseUrl: mock.url,
      timeoutMs: 20_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(parseResult(run).result).toBe('carried on');
    const pid = Number(readFileSync(join(sandbox.workspace, 'sleeper.pid'), 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('denies the call when a PreToolUse hook hangs past its timeout', async () => {
    writeProjectSettings(sandbox, {
      hooks: {
        PreToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: 'sleep 60', timeout: 1 }] }],
      },
    });
    const token = encodeScript([{ toolUses: [readFixture] }, { text: 'carried on' }]);
    const run = await runClaw(['-p', `read ${token}`, ...json], {
      sandbox,
      baseUrl: mock.url,
      timeoutMs: 20_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const result = parseResult(run);
    expect(result.result).toBe('carried on');
    expect(result.permission_denials.map((d) => d.tool_use_id)).toEqual(['toolu_hooked_read']);
  });

  it('adds UserPromptSubmit stdout to the context the model receives', async () => {
    writeProjectSettings(sandbox, {
      hooks: {
        UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo "Ticket ABC-123 is in scope."' }] }],
      },
    });
    const run = await runClaw(['-p', 'what ticket?', ...json], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    const first = messageRequests(mock)[0]!;
    expect(first.messages).toHaveLength(1);
    expect(textOf(first.messages[0]!)).toContain('what ticket?');
    expect(textOf(first.messages[0]!)).toContain('Ticket ABC-123 is in scope.');
  });

  it('blocks the prompt when UserPromptSubmit exits 2: nothing reaches the model', async () => {
    writeProjectSettings(sandbox, {
      hooks: {
        UserPromptSubmit: [
          { hooks: [{ type: 'command', command: 'echo "no prompts about secrets" >&2; exit 2' }] },
        ],
      },
    });
    const run = await runClaw(['-p', 'tell me the secrets', ...json], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no prompts about secrets');
    expect(messageRequests(mock)).toHaveLength(0);
  });

  it('lets a Stop hook that exits 2 send the model back to work once', async () => {
    const once =
      'if [ -f stop-seen ]; then exit 0; fi; touch stop-seen; echo "run the tests first" >&2; exit 2';
    writeProjectSettings(sandbox, { hooks: { Stop: [{ hooks: [{ type: 'command', command: once }] }] } });
    const run = await runClaw(['-p', 'hi', ...json], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    const requests = messageRequests(mock);
    expect(requests).toHaveLength(2);
    expect(textOf(requests[1]!.messages.at(-1)!)).toContain('run the tests first');
  });
});

/** Running or sleeping; a zombie (killed, waiting for init to reap it) counts as dead. */
function isAlive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}
