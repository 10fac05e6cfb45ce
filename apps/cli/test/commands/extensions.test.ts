import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import { FIXTURES, onlyJson } from './common.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => sandbox.cleanup());

describe('claw skills', () => {
  it('installs a Claude Code SKILL.md, lists, shows and uninstalls it', async () => {
    const installed = await runClaw(['skills', 'install', join(FIXTURES, 'skills', 'pdf-tools')], {
      sandbox,
    });
    expect(installed.code, installed.stderr).toBe(0);
    const target = join(sandbox.workspace, '.claw', 'skills', 'pdf-tools');
    expect(existsSync(join(target, 'SKILL.md'))).toBe(true);
    expect(existsSync(join(target, 'extract.sh'))).toBe(true);

    const listed = onlyJson((await runClaw(['skills', '--output-format', 'json'], { sandbox })).stdout) as {
      skills: Array<{ name: string; source: string; allowedTools?: string[] }>;
    };
    expect(listed.skills).toEqual([
      expect.objectContaining({ name: 'pdf-tools', source: 'project', allowedTools: ['Read', 'Bash'] }),
    ]);
    const text = await runClaw(['skills', 'list'], { sandbox });
    expect(text.stdout).toMatch(/^pdf-tools\s+project\s+Extract text/m);

    const shown = await runClaw(['skills', 'show', 'pdf-tools'], { sandbox });
    expect(shown.stdout).toContain('pdftotext input.pdf');

    const again = await runClaw(['skills', 'install', join(FIXTURES, 'skills', 'pdf-tools')], { sandbox });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already installed');

    const removed = await runClaw(['skills', 'uninstall', 'pdf-tools'], { sandbox });
    expect(removed.code, removed.stderr).toBe(0);
    expect(existsSync(target)).toBe(false);
    expect((await runClaw(['skills', 'uninstall', 'pdf-tools'], { sandbox })).code).toBe(1);
  });

  it('installs for the user with --scope=user and refuses a directory without SKILL.md (exit 2)', async () => {
    const user = await runClaw(['skills', 'install', join(FIXTURES, 'skills', 'pdf-tools'), '--scope=user'], {
      sandbox,
    });
    expect(user.code, user.stderr).toBe(0);
    expect(existsSync(join(sandbox.configHome, 'skills', 'pdf-tools', 'SKILL.md'))).toBe(true);
    const bad = await runClaw(['skills', 'install', FIXTURES], { sandbox });
    expect(bad.code).toBe(2);
  });
});

describe('claw agents', () => {
  it('creates an agent from --prompt or stdin, lists and shows it', async () => {
    const created = await runClaw(
      [
        'agents',
        'create',
        'reviewer',
        '--description=Reviews diffs for bugs',
        '--tools=Read,Grep',
        '--prompt=You review code.',
      ],
      { sandbox },
    );
    expect(created.code, created.stderr).toBe(0);
    const file = readFileSync(join(sandbox.workspace, '.claw', 'agents', 'reviewer.md'), 'utf8');
    expect(file).toMatch(
      /^---\nname: reviewer\ndescription: Reviews diffs for bugs\ntools: Read, Grep\n---\n\nYou review code\.\n$/,
    );

    const piped = await runClaw(
      ['agents', 'create', 'writer', '--description=Writes docs', '--model=haiku'],
      {
        sandbox,
        input: 'You write documentation.\n',
      },
    );
    expect(piped.code, piped.stderr).toBe(0);

    const listed = onlyJson((await runClaw(['agents', '--output-format', 'json'], { sandbox })).stdout) as {
      agents: Array<{ name: string; source: string }>;
    };
    expect(listed.agents.map((a) => [a.name, a.source])).toEqual([
      ['reviewer', 'project'],
      ['writer', 'project'],
      ['general-purpose', 'builtin'],
    ]);
    const shown = await runClaw(['agents', 'show', 'writer'], { sandbox });
    expect(shown.stdout).toMatch(/Model\s+haiku/);
    expect(shown.stdout).toContain('You write documentation.');

    const noPrompt = await runClaw(['agents', 'create', 'empty', '--description=x'], { sandbox });
    expect(noPrompt.code).toBe(2);
    const badName = await runClaw(['agents', 'create', 'Bad_Name', '--description=x', '--prompt=p'], {
      sandbox,
    });
    expect(badName.code).toBe(2);
  });
});

describe('claw plugins', () => {
  it('installs, disables, enables and uninstalls a plugin; an enabled plugin brings its skills and agents', async () => {
    const source = join(FIXTURES, 'plugins', 'demo-plugin');
    const installed = await runClaw(['plugins', 'install', source, '--output-format', 'json'], { sandbox });
    expect(installed.code, installed.stderr).toBe(0);
    expect(onlyJson(installed.stdout)).toMatchObject({
      type: 'plugin_installed',
      plugin: { name: 'demo-plugin', version: '1.2.3', enabled: true },
    });
    expect(
      existsSync(join(sandbox.configHome, 'plugins', 'demo-plugin', '.claude-plugin', 'plugin.json')),
    ).toBe(true);

    const skills = await runClaw(['skills'], { sandbox });
    expect(skills.stdout).toMatch(/^demo-plugin:demo-skill\s+plugin:demo-plugin/m);
    const agents = await runClaw(['agents'], { sandbox });
    expect(agents.stdout).toMatch(/^demo-plugin:demo-agent\s+plugin:demo-plugin/m);

    expect((await runClaw(['plugins', 'disable', 'demo-plugin'], { sandbox })).code).toBe(0);
    expect((await runClaw(['plugins'], { sandbox })).stdout).toMatch(/^demo-plugin\s+1\.2\.3\s+disabled/m);
    expect((await runClaw(['skills'], { sandbox })).stdout).not.toContain('demo-skill');

    expect((await runClaw(['plugins', 'enable', 'demo-plugin'], { sandbox })).code).toBe(0);
    const listed = onlyJson(
      (await runClaw(['plugins', 'list', '--output-format', 'json'], { sandbox })).stdout,
    ) as {
      plugins: Array<{ name: string; enabled: boolean }>;
    };
    expect(listed.plugins).toEqual([expect.objectContaining({ name: 'demo-plugin', enabled: true })]);

    const removed = await runClaw(['plugins', 'uninstall', 'demo-plugin'], { sandbox });
    expect(removed.code, removed.stderr).toBe(0);
    expect(existsSync(join(sandbox.configHome, 'plugins', 'demo-plugin'))).toBe(false);
    expect((await runClaw(['plugins'], { sandbox })).stdout).toContain('No plugins installed');
    const missing = await runClaw(['plugins', 'enable', 'demo-plugin'], { sandbox });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No installed plugin');
  });

  it('refuses a directory that is not a plugin', async () => {
    const run = await runClaw(['plugins', 'install', join(FIXTURES, 'skills'), '--output-format', 'json'], {
      sandbox,
    });
    expect(run.code).toBe(1);
    expect(onlyJson(run.stdout)).toMatchObject({ type: 'error', kind: 'not_found' });
  });
});
