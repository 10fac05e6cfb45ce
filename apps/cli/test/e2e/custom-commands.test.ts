import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

interface SentRequest {
  model: string;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
}

function sentRequests(): SentRequest[] {
  return mock.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as SentRequest);
}

/** The text of the first user message the model received. */
function firstPrompt(): string {
  const content = sentRequests()[0]?.messages[0]?.content ?? '';
  return typeof content === 'string' ? content : content.map((b) => b.text ?? '').join('\n');
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

const REVIEW = [
  '---',
  'description: Review two things',
  'model: haiku',
  'allowed-tools: Read, Bash(echo:*)',
  '---',
  'Review $1 against $2 (all: $ARGUMENTS).',
  'Status: !`echo pre-command-ran`',
  'See @notes.md',
].join('\n');

describe('custom commands from .claude/commands in claw -p', () => {
  it('substitutes arguments, runs an allowed !`cmd`, attaches @file and uses the front matter model', async () => {
    write(join(sandbox.workspace, '.claude', 'commands', 'review.md'), REVIEW);
    write(join(sandbox.workspace, 'notes.md'), 'remember the milk\n');
    const run = await runClaw(['-p', '/review a b', '--permission-mode', 'read-only'], {
      sandbox,
      baseUrl: mock.url,
    });
    expect(run.code, run.stderr).toBe(0);
    const prompt = firstPrompt();
    expect(prompt).toContain('Review a against b (all: a b).');
    expect(prompt).toContain('Status: pre-command-ran');
    expect(prompt).toContain('remember the milk');
    expect(sentRequests()[0]?.model).toMatch(/haiku/);
  });

  it.each([
    ['a write outside allowed-tools in read-only mode', 'touch created-by-command', 'read-only'],
    ['a write in workspace-write mode, where Bash would ask', 'touch created-by-command', 'workspace-write'],
    ['a command chained after an allowed one', 'echo ok && touch created-by-command', 'read-only'],
  ])('refuses %s: nothing runs, no model call, exit 1 naming the command', async (_what, command, mode) => {
    write(
      join(sandbox.workspace, '.claude', 'commands', 'sneaky.md'),
      `---\nallowed-tools: Bash(echo:*)\n---\nState: !\`${command}\``,
    );
    const run = await runClaw(['-p', '/sneaky', '--permission-mode', mode], { sandbox, baseUrl: mock.url });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain(`pre-command \`!${command}\` was not run`);
    expect(existsSync(join(sandbox.workspace, 'created-by-command'))).toBe(false);
    expect(sentRequests()).toHaveLength(0);
  });

  it('a deny rule beats the command allowed-tools', async () => {
    write(
      join(sandbox.workspace, '.claude', 'commands', 'denied.md'),
      '---\nallowed-tools: Bash(echo:*)\n---\nState: !`echo secret`',
    );
    const run = await runClaw(
      ['-p', '/denied', '--permission-mode', 'danger-full-access', '--disallowedTools', 'Bash(echo:*)'],
      { sandbox, baseUrl: mock.url },
    );
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('was not run');
    expect(sentRequests()).toHaveLength(0);
  });
});

describe("the user's own Claude Code folder (~/.claude)", () => {
  it('runs its commands and lists its skills and agents, as Claude Code does', async () => {
    const claude = join(sandbox.home, '.claude');
    write(join(claude, 'commands', 'greet.md'), '---\ndescription: Greet\n---\nSay hello to $ARGUMENTS.');
    write(
      join(claude, 'skills', 'tidy', 'SKILL.md'),
      '---\nname: tidy\ndescription: Tidy up code\n---\nSteps',
    );
    write(join(claude, 'agents', 'helper.md'), '---\nname: helper\ndescription: Helps\n---\nYou help.');
    const run = await runClaw(['-p', '/greet the team'], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    expect(firstPrompt()).toContain('Say hello to the team.');
    const skills = await runClaw(['skills', 'list', '--output-format', 'json'], { sandbox });
    expect(skills.stdout).toContain('"tidy"');
    const agents = await runClaw(['agents', 'list', '--output-format', 'json'], { sandbox });
    expect(agents.stdout).toContain('"helper"');
    // CLAUDE_CONFIG_DIR moves it, as it does for Claude Code.
    const moved = await runClaw(['skills', 'list', '--output-format', 'json'], {
      sandbox,
      env: { CLAUDE_CONFIG_DIR: join(sandbox.home, 'elsewhere') },
    });
    expect(moved.stdout).not.toContain('"tidy"');
  });
});

/** A Claude Code plugin: commands/ directory, one agent as a single file, hooks using ${CLAUDE_PLUGIN_ROOT}. */
function writePlugin(root: string): void {
  write(
    join(root, '.claude-plugin', 'plugin.json'),
    JSON.stringify({ name: 'ccplug', version: '1.0.0', agents: './extra/helper.md' }),
  );
  write(join(root, 'commands', 'hello.md'), '---\ndescription: Say hello\n---\nSay hello to $ARGUMENTS.');
  write(
    join(root, 'extra', 'helper.md'),
    '---\nname: plug-helper\ndescription: Helps from a plugin\n---\nHelp.',
  );
  write(
    join(root, 'hooks', 'hooks.json'),
    JSON.stringify({
      hooks: {
        UserPromptSubmit: [
          {
            hooks: [
              {
                type: 'command',
                // biome-ignore lint/suspicious/noTemplateCurlyInString: claw expands this, not JavaScript.
                command: 'sh "${CLAUDE_PLUGIN_ROOT}/hooks/log.sh"',
              },
            ],
          },
        ],
      },
    }),
  );
  write(join(root, 'hooks', 'log.sh'), 'echo "root=$CLAUDE_PLUGIN_ROOT" >> "$CLAUDE_PLUGIN_ROOT/hook.log"\n');
}

describe('a Claude Code plugin through claw -p', () => {
  it('runs its slash command, lists its single-file agent, and runs its hook with CLAUDE_PLUGIN_ROOT', async () => {
    const plugin = join(sandbox.home, 'ccplug');
    writePlugin(plugin);
    const install = await runClaw(['plugins', 'install', plugin], { sandbox });
    expect(install.code, install.stderr).toBe(0);

    const run = await runClaw(['-p', '/ccplug:hello world'], { sandbox, baseUrl: mock.url });
    expect(run.code, run.stderr).toBe(0);
    expect(firstPrompt()).toContain('Say hello to world.');

    const agents = await runClaw(['-p', '/agents'], { sandbox, baseUrl: mock.url });
    expect(agents.code, agents.stderr).toBe(0);
    expect(agents.stdout).toContain('plug-helper');

    const installedRoot = readFileSync(join(sandbox.configHome, 'plugins', 'registry.json'), 'utf8');
    const registry = JSON.parse(installedRoot) as { plugins: Record<string, { path: string }> };
    const root = registry.plugins.ccplug?.path ?? '';
    expect(readFileSync(join(root, 'hook.log'), 'utf8').trim()).toBe(`root=${root}`);
  });
});
