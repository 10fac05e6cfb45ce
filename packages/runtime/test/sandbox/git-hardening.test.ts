import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { childEnvironment } from '../../src/engine/tool-setup.js';
import { collectGitInfo } from '../../src/prompt/git-info.js';
import { clawGitEnvironment, withGitConfig } from '../../src/sandbox/git-hardening.js';

const hasGit = spawnSync('git', ['--version']).status === 0;
/** Without the user's or the machine's git config, so the test sees only what it sets up. */
const baseEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

let root: string;
let marker: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'claw-git-hardening-'));
  marker = join(root, 'pwned');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = baseEnv): void {
  spawnSync('git', args, { cwd, env, stdio: 'ignore', timeout: 20_000 });
}

/** A script that creates the marker: what a planted config would run. */
function payload(): string {
  const script = join(root, 'payload.sh');
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\n`);
  chmodSync(script, 0o755);
  return script;
}

/** The model's Writes: a repository without `.git/` (HEAD, config, objects/, refs/), config of its choosing. */
function plantBareRepo(config: string): string {
  const dir = join(root, 'evil');
  mkdirSync(join(dir, 'objects'), { recursive: true });
  mkdirSync(join(dir, 'refs', 'heads'), { recursive: true });
  writeFileSync(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
  // `bare = false` with `worktree = .`: git discovers the directory as a repository with itself as work tree.
  writeFileSync(
    join(dir, 'config'),
    `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n${config}`,
  );
  return dir;
}

/** A normal repository with one commit and a modified file, whose .git/config gets `config`. */
function repoWithConfig(config: string): string {
  const dir = join(root, 'repo');
  mkdirSync(dir);
  git(dir, ['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, 'a.txt'), 'one\n');
  git(dir, ['add', 'a.txt']);
  git(dir, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'one']);
  writeFileSync(join(dir, 'a.txt'), 'two\n');
  const path = join(dir, '.git', 'config');
  writeFileSync(path, `${readFileSync(path, 'utf8')}${config}`);
  return dir;
}

interface Attack {
  attack: string;
  setUp: (script: string) => { cwd: string; args: string[] };
}

const attacks: Attack[] = [
  {
    attack: 'planted bare repo, core.fsmonitor, `git status`',
    setUp: (script) => ({ cwd: plantBareRepo(`\tfsmonitor = ${script}\n`), args: ['status'] }),
  },
  {
    attack: 'planted bare repo, core.fsmonitor, `git ls-files`',
    setUp: (script) => ({ cwd: plantBareRepo(`\tfsmonitor = ${script}\n`), args: ['ls-files'] }),
  },
  {
    attack: 'repository core.fsmonitor, `git status`',
    setUp: (script) => ({ cwd: repoWithConfig(`[core]\n\tfsmonitor = ${script}\n`), args: ['status'] }),
  },
  {
    attack: 'repository core.fsmonitor, `git diff`',
    setUp: (script) => ({ cwd: repoWithConfig(`[core]\n\tfsmonitor = ${script}\n`), args: ['diff'] }),
  },
  {
    attack: 'repository re-enables ext:: remotes, `git ls-remote ext::…`',
    setUp: (script) => ({
      cwd: repoWithConfig('[protocol "ext"]\n\tallow = always\n'),
      args: ['ls-remote', `ext::${script}`],
    }),
  },
];

describe.skipIf(!hasGit)('git hardening of child environments: one row per attack', () => {
  it.each(attacks)('unhardened control: $attack runs the payload', ({ setUp }) => {
    const { cwd, args } = setUp(payload());
    git(cwd, args, baseEnv);
    // Proves the row is a real attack, so the hardened row below can fail.
    expect(existsSync(marker)).toBe(true);
  });

  it.each(attacks)("Bash tool's environment: $attack does not run it", ({ setUp }) => {
    const { cwd, args } = setUp(payload());
    git(cwd, args, childEnvironment(baseEnv, {}));
    expect(existsSync(marker)).toBe(false);
  });

  it.each(attacks)("claw's own git: $attack does not run it", ({ setUp }) => {
    const { cwd, args } = setUp(payload());
    git(cwd, args, clawGitEnvironment(baseEnv));
    expect(existsSync(marker)).toBe(false);
  });

  it('claw’s own git runs no hook, even one the repository configured', () => {
    const dir = repoWithConfig('');
    const hooks = join(dir, '.git', 'hooks');
    mkdirSync(hooks, { recursive: true });
    writeFileSync(join(hooks, 'pre-commit'), `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(join(hooks, 'pre-commit'), 0o755);
    git(
      dir,
      ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'two'],
      clawGitEnvironment(baseEnv),
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('normal use still works: status, diff and a commit (with its hook) in the Bash environment', () => {
    const dir = repoWithConfig('');
    const env = childEnvironment(baseEnv, {});
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, env, encoding: 'utf8' })).toBe(
      ' M a.txt\n',
    );
    expect(execFileSync('git', ['diff'], { cwd: dir, env, encoding: 'utf8' })).toContain('+two');
    // The user's own hooks still run for the model's commits: a pre-commit check is not an attack.
    writeFileSync(join(dir, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(join(dir, '.git', 'hooks', 'pre-commit'), 0o755);
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'two'], {
      cwd: dir,
      env,
    });
    expect(existsSync(marker)).toBe(true);
  });

  it('collectGitInfo ignores the repository’s fsmonitor and still reports the status', async () => {
    const dir = repoWithConfig(`[core]\n\tfsmonitor = ${payload()}\n`);
    const info = await collectGitInfo(dir, { env: baseEnv });
    expect(info?.status).toEqual([' M a.txt']);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('collectGitInfo environment', () => {
  it('gives git no credentials (a fake git on PATH records what it got)', async () => {
    const bin = join(root, 'bin');
    mkdirSync(bin);
    const dump = join(root, 'env.txt');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nenv > '${dump}'\necho '## main'\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const info = await collectGitInfo(root, {
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        ANTHROPIC_API_KEY: 'sk-ant-api03-secretsecret',
        GH_TOKEN: 'x',
      },
    });
    expect(info?.branch).toBe('main');
    const seen = readFileSync(dump, 'utf8');
    expect(seen).not.toContain('sk-ant-api03-secretsecret');
    expect(seen).not.toContain('GH_TOKEN');
    expect(seen).toContain('GIT_CONFIG_KEY_0=core.fsmonitor');
    expect(seen).toContain('GIT_OPTIONAL_LOCKS=0');
  });
});

describe('withGitConfig', () => {
  it('appends after the entries the user set, so both apply', () => {
    const env = withGitConfig(
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: 'me' },
      [['core.fsmonitor', 'false']],
    );
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'user.name',
      GIT_CONFIG_VALUE_0: 'me',
      GIT_CONFIG_KEY_1: 'core.fsmonitor',
      GIT_CONFIG_VALUE_1: 'false',
    });
  });

  it.each(['', 'x', '-3'])('starts at 0 when the count is %j', (count) => {
    const env = withGitConfig({ GIT_CONFIG_COUNT: count }, [['core.fsmonitor', 'false']]);
    expect(env.GIT_CONFIG_COUNT).toBe('1');
    expect(env.GIT_CONFIG_KEY_0).toBe('core.fsmonitor');
  });
});
