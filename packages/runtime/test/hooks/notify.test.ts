import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PermissionPromptRequest } from '../../src/engine/types.js';
import { createHookRunner, type HooksConfig } from '../../src/hooks/index.js';
import { notifyingPrompter } from '../../src/hooks/notify.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-notify-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const request: PermissionPromptRequest = {
  toolName: 'Bash',
  input: { command: 'rm -rf build' },
  summary: 'Bash(rm -rf build)',
  reason: 'workspace-write mode asks before commands that write',
  suggestedRule: 'Bash(rm -rf build)',
};

function hooksFor(config: HooksConfig) {
  return createHookRunner({
    hooksConfig: config,
    cwd: dir,
    env: { PATH: process.env.PATH },
    sessionId: 'sess-1',
    transcriptPath: join(dir, 'sess-1.jsonl'),
  });
}

async function waitForFile(path: string): Promise<string> {
  for (let i = 0; i < 200 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 10));
  return readFile(path, 'utf8');
}

describe('Notification hook around permission prompts', () => {
  it('fires with the permission_prompt type and the tool name, and the answer is the person’s', async () => {
    const out = join(dir, 'payload.json');
    const hooks = hooksFor({
      Notification: [
        {
          matcher: 'permission_prompt',
          hooks: [{ type: 'command', command: `cat > ${out}.tmp && mv ${out}.tmp ${out}` }],
        },
      ],
    });
    const prompter = notifyingPrompter(
      async () => ({ decision: 'deny', feedback: 'not now' }),
      hooks,
      () => {},
    );
    const answer = await prompter(request, new AbortController().signal);
    expect(answer).toEqual({ decision: 'deny', feedback: 'not now' });
    const payload = JSON.parse(await waitForFile(out));
    expect(payload).toMatchObject({
      hook_event_name: 'Notification',
      notification_type: 'permission_prompt',
      message: 'claw needs your permission to use Bash',
      session_id: 'sess-1',
    });
  });

  it('does not hold the prompt back while a slow hook runs, and reports a failing hook', async () => {
    const warnings: string[] = [];
    const finished = join(dir, 'hook-finished');
    const hooks = hooksFor({
      Notification: [
        { hooks: [{ type: 'command', command: `sleep 0.3; touch ${finished}; echo boom >&2; exit 1` }] },
      ],
    });
    let hookDoneWhenAsked: boolean | undefined;
    const prompter = notifyingPrompter(
      async () => {
        hookDoneWhenAsked = existsSync(finished);
        return { decision: 'allow-once' };
      },
      hooks,
      (m) => warnings.push(m),
    );
    await prompter(request, new AbortController().signal);
    expect(hookDoneWhenAsked).toBe(false);
    for (let i = 0; i < 200 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(finished)).toBe(true);
    expect(warnings.join('\n')).toMatch(/boom|exit 1/);
  });

  it('leaves the prompter untouched without hooks', () => {
    const prompter = async () => ({ decision: 'allow-once' as const });
    expect(notifyingPrompter(prompter, undefined, () => {})).toBe(prompter);
  });
});
