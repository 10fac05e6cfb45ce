import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHookRunner, type HookEventName, type HooksConfig } from '../../src/hooks/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-hooks-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return path;
}

function runner(hooksConfig: HooksConfig, toolAliases = {}) {
  return createHookRunner({
    hooksConfig,
    cwd: dir,
    env: { PATH: process.env.PATH },
    sessionId: 'sess-1',
    transcriptPath: join(dir, 'sess-1.jsonl'),
    toolAliases,
  });
}

function one(event: HookEventName, command: string, matcher?: string, timeout?: number): HooksConfig {
  const hook =
    timeout === undefined
      ? { type: 'command' as const, command }
      : { type: 'command' as const, command, timeout };
  return { [event]: [matcher === undefined ? { hooks: [hook] } : { matcher, hooks: [hook] }] };
}

/** Alive and not a zombie (a container's pid 1 may never reap the killed grandchild). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

const bashCall = { tool_name: 'Bash', tool_input: { command: 'ls' } };

describe('PreToolUse', () => {
  it('passes the Claude Code payload on stdin', async () => {
    const out = join(dir, 'payload.json');
    const outcome = await runner(one('PreToolUse', `cat > ${out}`)).run('PreToolUse', {
      ...bashCall,
      tool_use_id: 't1',
    });
    expect(outcome.blocked).toBeUndefined();
    const payload = JSON.parse(await readFile(out, 'utf8'));
    expect(payload).toEqual({
      session_id: 'sess-1',
      transcript_path: join(dir, 'sess-1.jsonl'),
      cwd: dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'ls' },
      tool_use_id: 't1',
    });
  });

  it('exit 2 blocks with stderr as the reason for the model', async () => {
    const cmd = await script('block.sh', 'echo "no rm allowed" >&2; exit 2');
    const outcome = await runner(one('PreToolUse', cmd, 'Bash')).run('PreToolUse', bashCall);
    expect(outcome.blocked).toEqual({ reason: 'no rm allowed' });
    expect(outcome.permissionDecision).toBe('deny');
  });

  it('JSON {decision:"block"} blocks with its reason', async () => {
    const cmd = `echo '{"decision":"block","reason":"policy says no"}'`;
    const outcome = await runner(one('PreToolUse', cmd)).run('PreToolUse', bashCall);
    expect(outcome.blocked?.reason).toBe('policy says no');
    expect(outcome.permissionDecision).toBe('deny');
  });

  it.each([
    ['allow', undefined],
    ['ask', undefined],
    ['deny', 'nope'],
  ] as const)('hookSpecificOutput.permissionDecision %s', async (decision, blocked) => {
    const json = JSON.stringify({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        permissionDecision: decision,
        permissionDecisionReason: 'nope',
      },
    });
    const outcome = await runner(one('PreToolUse', `echo '${json}'`)).run('PreToolUse', bashCall);
    expect(outcome.permissionDecision).toBe(decision);
    expect(outcome.permissionDecisionReason).toBe('nope');
    expect(outcome.blocked?.reason).toBe(blocked);
  });

  it('parallel hooks: the most restrictive decision wins and context is collected', async () => {
    const allow = JSON.stringify({
      hookSpecificOutput: { permissionDecision: 'allow', additionalContext: 'ctx-a' },
    });
    const ask = JSON.stringify({
      hookSpecificOutput: { permissionDecision: 'ask', permissionDecisionReason: 'check' },
    });
    const config: HooksConfig = {
      PreToolUse: [
        {
          hooks: [
            { type: 'command', command: `echo '${allow}'` },
            { type: 'command', command: `echo '${ask}'` },
          ],
        },
      ],
    };
    const outcome = await runner(config).run('PreToolUse', bashCall);
    expect(outcome.permissionDecision).toBe('ask');
    expect(outcome.permissionDecisionReason).toBe('check');
    expect(outcome.additionalContext).toEqual(['ctx-a']);
    expect(outcome.executions).toHaveLength(2);
  });

  it.each([1, 3, 125])(
    'exit %i is a non-blocking error, as in Claude Code: the call goes ahead and the user is warned',
    async (code) => {
      const cmd = await script('crash.sh', `echo "segfault-ish" >&2; exit ${code}`);
      const outcome = await runner(one('PreToolUse', cmd)).run('PreToolUse', bashCall);
      expect(outcome.permissionDecision).toBeUndefined();
      expect(outcome.blocked).toBeUndefined();
      expect(outcome.messages).toEqual([
        {
          level: 'warning',
          text: expect.stringMatching(
            new RegExp(`failed \\(exit ${code}\\): segfault-ish.*goes ahead \\(only exit 2 blocks it\\)`),
          ),
        },
      ]);
    },
  );

  it.each([
    { what: 'a hook that is not found (exit 127)', command: './no-such-hook' },
    { what: 'a hook that cannot be executed (exit 126)', command: '/dev/null' },
  ])('$what never ran, so PreToolUse fails closed', async ({ command }) => {
    const outcome = await runner(one('PreToolUse', command)).run('PreToolUse', bashCall);
    expect(outcome.permissionDecision).toBe('deny');
    expect(outcome.blocked?.reason).toMatch(/fail closed/);
  });

  it('a hook killed by a signal denies', async () => {
    const outcome = await runner(one('PreToolUse', 'kill -9 $$')).run('PreToolUse', bashCall);
    expect(outcome.permissionDecision).toBe('deny');
    expect(outcome.blocked?.reason).toMatch(/SIGKILL/);
  });

  it('unparseable JSON decision output denies', async () => {
    const outcome = await runner(one('PreToolUse', `echo '{"decision":"maybe"}'`)).run(
      'PreToolUse',
      bashCall,
    );
    expect(outcome.permissionDecision).toBe('deny');
    expect(outcome.blocked?.reason).toMatch(/JSON claw does not understand/);
  });

  it('output that opens like JSON but is not JSON denies a tool call, and is only reported elsewhere', async () => {
    const denied = await runner(one('PreToolUse', `echo '{not json'`)).run('PreToolUse', bashCall);
    expect(denied.permissionDecision).toBe('deny');
    expect(denied.blocked?.reason).toMatch(/starts like JSON but is not valid JSON/);
    const reported = await runner(one('PostToolUse', `echo '{not json'`)).run('PostToolUse', {
      ...bashCall,
      tool_response: 'ok',
    });
    expect(reported.blocked).toBeUndefined();
    expect(reported.messages[0]?.level).toBe('error');
  });

  it('a hanging hook is killed at its timeout with its whole process group, and denies', async () => {
    const pids = join(dir, 'pids');
    const cmd = await script('hang.sh', `sleep 30 & echo $! > ${pids}; echo $$ >> ${pids}; wait`);
    const started = Date.now();
    const outcome = await runner(one('PreToolUse', cmd, '*', 0.5)).run('PreToolUse', bashCall);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.permissionDecision).toBe('deny');
    expect(outcome.blocked?.reason).toMatch(/timed out after 0.5s and was killed/);
    expect(outcome.executions[0]?.timedOut).toBe(true);
    const list = (await readFile(pids, 'utf8')).trim().split('\n').map(Number);
    expect(list).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 100));
    for (const pid of list) expect(isAlive(pid)).toBe(false);
  });

  it('a hook that cannot start (missing cwd) denies', async () => {
    const r = createHookRunner({
      hooksConfig: one('PreToolUse', 'true'),
      cwd: join(dir, 'missing'),
      env: { PATH: process.env.PATH },
      sessionId: 's',
      transcriptPath: 't',
    });
    const outcome = await r.run('PreToolUse', bashCall);
    expect(outcome.permissionDecision).toBe('deny');
  });

  it('an aborted run kills the hook', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const outcome = await runner(one('PreToolUse', 'sleep 20')).run(
      'PreToolUse',
      bashCall,
      controller.signal,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.permissionDecision).toBe('deny');
    expect(outcome.blocked?.reason).toMatch(/cancelled/);
  });

  it('a hook that ignores a large stdin still succeeds', async () => {
    const big = { tool_name: 'Write', tool_input: { content: 'x'.repeat(500_000) } };
    const outcome = await runner(one('PreToolUse', 'exit 0')).run('PreToolUse', big);
    expect(outcome.blocked).toBeUndefined();
    expect(outcome.messages).toEqual([]);
  });
});

describe('matchers', () => {
  const aliases = { Write: ['write_file'], Edit: ['edit_file'], Read: ['read_file'] };
  it.each([
    ['Edit|Write', 'write_file', true],
    ['Edit|Write', 'Write', true],
    ['Edit|Write', 'read_file', false],
    ['Write', 'NotebookWrite', false],
    ['Notebook.*', 'NotebookEdit', true],
    ['write_.*', 'Write', true],
    ['*', 'anything', true],
    ['', 'anything', true],
    ['mcp__github__.*', 'mcp__github__create_issue', true],
  ])('%s vs %s → %s', (matcher, tool, expected) => {
    const r = runner({ PreToolUse: [{ matcher, hooks: [{ type: 'command', command: 'true' }] }] }, aliases);
    expect(r.matching('PreToolUse', { tool_name: tool, tool_input: {} })).toHaveLength(expected ? 1 : 0);
  });

  it('runs the same command once even when two groups match', () => {
    const hook = { type: 'command' as const, command: 'echo hi' };
    const r = runner({ PreToolUse: [{ matcher: 'Bash', hooks: [hook] }, { hooks: [hook] }] });
    expect(r.matching('PreToolUse', bashCall)).toHaveLength(1);
  });

  it('runs nothing when no hooks are configured', async () => {
    const outcome = await runner({}).run('Stop', { stop_hook_active: false });
    expect(outcome).toEqual({ messages: [], executions: [] });
  });
});

describe('PreToolUse updatedInput and permission_mode', () => {
  const rewrite = (command: string, decision?: string) =>
    JSON.stringify({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        ...(decision ? { permissionDecision: decision } : {}),
        updatedInput: { command },
      },
    });

  it.each([undefined, 'allow', 'ask'])('returns updatedInput with decision %s', async (decision) => {
    const outcome = await runner(one('PreToolUse', `echo '${rewrite('echo REWRITTEN', decision)}'`)).run(
      'PreToolUse',
      bashCall,
    );
    expect(outcome.updatedInput).toEqual({ command: 'echo REWRITTEN' });
    expect(outcome.permissionDecision).toBe(decision);
  });

  it('ignores updatedInput on other events', async () => {
    const json = JSON.stringify({ hookSpecificOutput: { updatedInput: { command: 'x' } } });
    const outcome = await runner(one('PostToolUse', `echo '${json}'`)).run('PostToolUse', {
      ...bashCall,
      tool_response: {},
    });
    expect(outcome.updatedInput).toBeUndefined();
  });

  it('two hooks rewriting differently: the last configured wins and the user is warned', async () => {
    const config: HooksConfig = {
      PreToolUse: [
        {
          hooks: [
            { type: 'command', command: `echo '${rewrite('echo FIRST')}'` },
            { type: 'command', command: `echo '${rewrite('echo SECOND')}'` },
          ],
        },
      ],
    };
    const outcome = await runner(config).run('PreToolUse', bashCall);
    expect(outcome.updatedInput).toEqual({ command: 'echo SECOND' });
    expect(outcome.messages).toEqual([
      { level: 'warning', text: expect.stringMatching(/rewrote the tool input differently/) },
    ]);
  });

  it.each([
    ['read-only', 'plan'],
    ['workspace-write', 'acceptEdits'],
    ['danger-full-access', 'bypassPermissions'],
    ['prompt', 'default'],
  ] as const)('sends mode %s as permission_mode "%s", and the live session', async (mode, name) => {
    const out = join(dir, 'mode.json');
    const hooks = createHookRunner({
      hooksConfig: one('Stop', `cat > ${out}`),
      cwd: dir,
      env: { PATH: process.env.PATH },
      sessionId: 'first',
      transcriptPath: 'first.jsonl',
      currentSession: () => ({ sessionId: 'after-clear', transcriptPath: 'after-clear.jsonl' }),
      permissionMode: () => mode,
    });
    await hooks.run('Stop', { stop_hook_active: false });
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({
      session_id: 'after-clear',
      transcript_path: 'after-clear.jsonl',
      permission_mode: name,
    });
  });
});

describe('other events', () => {
  it('PostToolUse gets tool_response; exit 2 feeds stderr back; exit 1 is a non-blocking error', async () => {
    const out = join(dir, 'post.json');
    const payload = { tool_name: 'Bash', tool_input: { command: 'ls' }, tool_response: { stdout: 'a' } };
    await runner(one('PostToolUse', `cat > ${out}`)).run('PostToolUse', payload);
    expect(JSON.parse(await readFile(out, 'utf8')).tool_response).toEqual({ stdout: 'a' });

    const blocked = await runner(one('PostToolUse', 'echo "lint failed" >&2; exit 2')).run(
      'PostToolUse',
      payload,
    );
    expect(blocked.blocked?.reason).toBe('lint failed');
    expect(blocked.permissionDecision).toBeUndefined();

    const failed = await runner(one('PostToolUse', 'echo oops >&2; exit 1')).run('PostToolUse', payload);
    expect(failed.blocked).toBeUndefined();
    expect(failed.messages).toEqual([
      { level: 'error', text: expect.stringMatching(/failed \(exit 1\): oops/) },
    ]);
  });

  it('PostToolUse timeout is reported, not a block', async () => {
    const outcome = await runner(one('PostToolUse', 'sleep 10', undefined, 0.3)).run('PostToolUse', {
      tool_name: 'Bash',
      tool_input: {},
      tool_response: {},
    });
    expect(outcome.blocked).toBeUndefined();
    expect(outcome.messages[0]?.text).toMatch(/timed out/);
  });

  it('UserPromptSubmit: stdout becomes context; exit 2 blocks the prompt and tells the user', async () => {
    const context = await runner(one('UserPromptSubmit', 'echo "branch is main"')).run('UserPromptSubmit', {
      prompt: 'hi',
    });
    expect(context.additionalContext).toEqual(['branch is main']);
    const json = JSON.stringify({
      hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'more' },
    });
    const viaJson = await runner(one('UserPromptSubmit', `echo '${json}'`)).run('UserPromptSubmit', {
      prompt: 'hi',
    });
    expect(viaJson.additionalContext).toEqual(['more']);

    const cmd = await script(
      'secret.sh',
      'grep -q password && { echo "prompt contains a secret" >&2; exit 2; }; exit 0',
    );
    const blocked = await runner(one('UserPromptSubmit', cmd)).run('UserPromptSubmit', {
      prompt: 'my password is x',
    });
    expect(blocked.blocked?.reason).toBe('prompt contains a secret');
    expect(blocked.messages).toEqual([{ level: 'warning', text: 'prompt contains a secret' }]);
    const passed = await runner(one('UserPromptSubmit', cmd)).run('UserPromptSubmit', { prompt: 'hello' });
    expect(passed.blocked).toBeUndefined();
  });

  it.each(['Stop', 'SubagentStop'] as const)(
    '%s: exit 2 blocks stopping; continue:false stops',
    async (event) => {
      const blocked = await runner(one(event, 'echo "tests still fail" >&2; exit 2')).run(event, {
        stop_hook_active: false,
      });
      expect(blocked.blocked?.reason).toBe('tests still fail');
      const json = JSON.stringify({
        continue: false,
        stopReason: 'budget exhausted',
        systemMessage: 'heads up',
      });
      const stopped = await runner(one(event, `echo '${json}'`)).run(event, { stop_hook_active: true });
      expect(stopped.stop).toEqual({ reason: 'budget exhausted' });
      expect(stopped.messages).toContainEqual({ level: 'warning', text: 'heads up' });
    },
  );

  it('SessionStart: matcher on source, stdout is context', async () => {
    const config: HooksConfig = {
      SessionStart: [{ matcher: 'resume', hooks: [{ type: 'command', command: 'echo resumed' }] }],
    };
    expect((await runner(config).run('SessionStart', { source: 'startup' })).executions).toHaveLength(0);
    expect((await runner(config).run('SessionStart', { source: 'resume' })).additionalContext).toEqual([
      'resumed',
    ]);
  });

  it('SessionEnd, PreCompact and Notification: exit 2 only warns the user; stdout is info', async () => {
    const end = await runner(one('SessionEnd', 'echo bye >&2; exit 2')).run('SessionEnd', {
      reason: 'other',
    });
    expect(end.blocked).toBeUndefined();
    expect(end.messages).toEqual([{ level: 'warning', text: 'bye' }]);

    const pre = await runner(one('PreCompact', 'echo compacting', 'auto')).run('PreCompact', {
      trigger: 'auto',
      custom_instructions: '',
    });
    expect(pre.messages).toEqual([{ level: 'info', text: 'compacting' }]);
    const manual = await runner(one('PreCompact', 'echo compacting', 'auto')).run('PreCompact', {
      trigger: 'manual',
      custom_instructions: '',
    });
    expect(manual.executions).toHaveLength(0);

    const out = join(dir, 'note.json');
    const note = await runner(one('Notification', `cat > ${out}; echo shown`)).run('Notification', {
      message: 'claw needs permission',
    });
    expect(note.messages).toEqual([{ level: 'info', text: 'shown' }]);
    expect(JSON.parse(await readFile(out, 'utf8')).message).toBe('claw needs permission');
  });

  it('suppressOutput hides stderr chatter; mismatched hookEventName is ignored with a warning', async () => {
    const quiet = await runner(one('Stop', `echo noise >&2; echo '{"suppressOutput":true}'`)).run('Stop', {
      stop_hook_active: false,
    });
    expect(quiet.messages).toEqual([]);
    const json = JSON.stringify({
      hookSpecificOutput: { hookEventName: 'PostToolUse', permissionDecision: 'allow' },
    });
    const wrong = await runner(one('PreToolUse', `echo '${json}'`)).run('PreToolUse', bashCall);
    expect(wrong.permissionDecision).toBeUndefined();
    expect(wrong.messages[0]?.text).toMatch(/answered for PostToolUse/);
  });

  it('hooks see CLAUDE_PROJECT_DIR and only the env they were given', async () => {
    const out = join(dir, 'env.txt');
    await runner(one('Stop', `echo "$CLAUDE_PROJECT_DIR|$CLAW_PROJECT_DIR|\${HOME:-none}" > ${out}`)).run(
      'Stop',
      {
        stop_hook_active: false,
      },
    );
    expect((await readFile(out, 'utf8')).trim()).toBe(`${dir}|${dir}|none`);
  });
});
