import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifyCommandConservatively,
  createBashOutputTool,
  createBashTool,
  createKillShellTool,
  killAllBackgroundShells,
} from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

describe('Bash', () => {
  const bash = createBashTool({ maxOutputChars: 2000 });

  it('runs commands, reports exit codes and closes stdin', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    const ok = await run(bash, { command: 'echo hello; echo oops >&2' }, ctx);
    expect(text(ok)).toBe('hello\noops');
    expect(ok.display).toMatchObject({ kind: 'command', exitCode: 0 });
    const failed = await run(bash, { command: 'exit 3' }, ctx);
    expect(failed.isError).toBe(true);
    expect(text(failed)).toContain('Exit code 3');
    const stdin = await run(bash, { command: 'cat; echo done' }, ctx);
    expect(text(stdin)).toBe('done');
  });

  it('keeps the working directory across calls, inside the workspace only', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    await run(bash, { command: 'mkdir -p sub/dir && cd sub/dir' }, ctx);
    expect(ctx.state.shellCwd).toBe(join(root, 'sub/dir'));
    expect(text(await run(bash, { command: 'pwd' }, ctx))).toBe(join(root, 'sub/dir'));
    const escaped = await run(bash, { command: 'cd /' }, ctx);
    expect(text(escaped)).toMatch(/outside the allowed directories; it was reset/);
    expect(ctx.state.shellCwd).toBe(root);
  });

  it('uses ctx.env and nothing else', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    ctx.env = { ...ctx.env, CLAW_TEST_VAR: 'visible' };
    process.env.CLAW_SHOULD_NOT_LEAK = 'secret';
    // A shell default-value expansion, built so the linter does not take it for a broken template literal.
    const command = ['echo "$CLAW_TEST_VAR:$', '{CLAW_SHOULD_NOT_LEAK:-unset}"'].join('');
    const out = text(await run(bash, { command }, ctx));
    delete process.env.CLAW_SHOULD_NOT_LEAK;
    expect(out).toBe('visible:unset');
  });

  it('does not pass an inherited CDPATH to the shell, so `cd name` means ./name as the policy judged', async () => {
    const root = await tempDir();
    const elsewhere = await tempDir();
    await mkdir(join(elsewhere, 'target'));
    const ctx = makeContext(root);
    ctx.env = { ...ctx.env, CDPATH: elsewhere };
    const moved = await run(bash, { command: 'cd target; pwd' }, ctx);
    expect(text(moved)).not.toContain(elsewhere);
    expect(ctx.state.shellCwd).toBe(root);
  });

  it('kills the whole process group on timeout', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    const started = Date.now();
    const result = await run(
      bash,
      { command: '(sleep 30; echo survived > late.txt) & sleep 30', timeout: 300 },
      ctx,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/timed out after 300 ms/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(readFile(join(root, 'late.txt'), 'utf8')).rejects.toThrow();
  });

  it('stops on abort', async () => {
    const root = await tempDir();
    const controller = new AbortController();
    const ctx = { ...makeContext(root), signal: controller.signal };
    setTimeout(() => controller.abort(), 200);
    const result = await run(bash, { command: 'sleep 20' }, ctx);
    expect(text(result)).toMatch(/cancelled/);
  });

  it('caps long output keeping head and tail, with the full log on disk', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    const result = await run(bash, { command: 'seq 1 5000' }, ctx);
    const out = text(result);
    expect(out.length).toBeLessThan(2500);
    expect(out.startsWith('1\n2\n3\n')).toBe(true);
    expect(out.trimEnd().endsWith('4999\n5000')).toBe(true);
    const saved = /Full output saved to (\S+)/.exec(out)?.[1];
    expect(saved).toBeTruthy();
    expect((await readFile(saved!, 'utf8')).split('\n')).toHaveLength(5001);
    expect(result.display).toMatchObject({ outputPath: saved });
  });

  it('lets a sandbox wrap the script', async () => {
    const root = await tempDir();
    const wrapped: string[] = [];
    const sandboxed = createBashTool({
      wrapCommand: (script, cwd) => {
        wrapped.push(cwd);
        return { file: '/bin/sh', args: ['-c', `echo wrapped; ${script}`] };
      },
    });
    expect(text(await run(sandboxed, { command: 'echo inner' }, makeContext(root)))).toBe('wrapped\ninner');
    expect(wrapped).toEqual([root]);
  });

  it('runs in the background; BashOutput reads new output; KillShell stops it', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    const output = createBashOutputTool();
    const kill = createKillShellTool();
    const started = text(
      await run(
        bash,
        { command: 'echo first; sleep 0.3; echo second; sleep 30', run_in_background: true },
        ctx,
      ),
    );
    const id = /ID: (shell_\d+)/.exec(started)?.[1];
    expect(id).toBe('shell_1');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(text(await run(output, { bash_id: id }, ctx))).toMatch(/<status>running<\/status>[\s\S]*first/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = text(await run(output, { bash_id: id }, ctx));
    expect(second).toContain('second');
    expect(second).not.toContain('first');
    expect(text(await run(kill, { shell_id: id }, ctx))).toMatch(/Killed shell shell_1/);
    expect(text(await run(output, { bash_id: id }, ctx))).toMatch(/completed/);
    expect((await run(output, { bash_id: 'shell_9' }, ctx)).isError).toBe(true);
    await run(bash, { command: 'sleep 30', run_in_background: true }, ctx);
    await killAllBackgroundShells(ctx.state);
  });

  it('writes files where the model cds to (persistent cwd is real)', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    await run(bash, { command: 'mkdir d && cd d' }, ctx);
    await run(bash, { command: 'echo x > f.txt' }, ctx);
    expect(await readFile(join(root, 'd/f.txt'), 'utf8')).toBe('x\n');
    await writeFile(join(root, 'keep'), '');
  });
});

describe('classifyCommandConservatively', () => {
  it.each([
    ['ls -la', 'read-only'],
    ['git status', 'read-only'],
    ['git log --oneline -5', 'read-only'],
    ['cat "a file.txt"', 'read-only'],
    ['find . -name foo', 'read-only'],
    ['rg --pre ./evil foo', 'danger-full-access'],
    ['find . -delete', 'danger-full-access'],
    ['find . -exec rm {} +', 'danger-full-access'],
    ['git push', 'danger-full-access'],
    ['git -c core.pager=evil log', 'danger-full-access'],
    ['git diff --output=/etc/x', 'danger-full-access'],
    ['ls; rm -rf /', 'danger-full-access'],
    ['cat a | sh', 'danger-full-access'],
    ['echo $(rm x)', 'danger-full-access'],
    ['echo `id`', 'danger-full-access'],
    ['echo hi > file', 'danger-full-access'],
    ['ls && rm x', 'danger-full-access'],
    ['npm test', 'danger-full-access'],
    ["echo 'unbalanced", 'danger-full-access'],
    ['', 'danger-full-access'],
  ])('%s → %s', (command, level) => {
    expect(classifyCommandConservatively(command)).toBe(level);
  });
});
