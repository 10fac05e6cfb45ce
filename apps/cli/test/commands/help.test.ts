import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
});
afterEach(() => sandbox.cleanup());

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('claw help', () => {
  it('prints the root help from the build-time copy exactly as oclif renders it', async () => {
    const cached = await runClaw(['--help'], { sandbox });
    // OCLIF_COLUMNS makes claw hand the request to oclif, at the same width.
    const rendered = await runClaw(['--help'], { sandbox, env: { OCLIF_COLUMNS: '80' } });
    expect(cached.code).toBe(0);
    expect(rendered.code).toBe(0);
    expect(cached.stdout).toBe(rendered.stdout);
    expect(cached.stdout).toContain(
      `${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}`,
    );
    expect(cached.stdout).not.toContain('{{');
    for (const args of [['-h'], ['help']]) {
      expect((await runClaw(args, { sandbox })).stdout).toBe(cached.stdout);
    }
  });

  it('shows one command with `claw help <command>` and with `<command> --help`', async () => {
    const viaHelp = await runClaw(['help', 'prompt'], { sandbox });
    expect(viaHelp.code, viaHelp.stderr).toBe(0);
    expect(viaHelp.stdout).toContain('$ claw prompt [PROMPT]');
    expect(viaHelp.stdout).toContain('--input-format');
    const viaFlag = await runClaw(['prompt', '--help'], { sandbox });
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
    const topic = await runClaw(['help', 'sessions', 'list'], { sandbox });
    expect(topic.code, topic.stderr).toBe(0);
    expect(topic.stdout).toContain('$ claw sessions list');
  });

  it('names an unknown command', async () => {
    const run = await runClaw(['help', 'nope'], { sandbox });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('nope');
  });
});
