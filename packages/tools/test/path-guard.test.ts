import { link, mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBashTool, createReadTool, createWriteTool, protectedPathReason } from '../src/index.js';
import type { AnyTool } from '../src/tool.js';
import { makeContext, run, type TestContext, tempDir, text } from './helpers.js';

const read = createReadTool();
const write = createWriteTool();
const bash = createBashTool();

interface World {
  root: string;
  outside: string;
  ctx: TestContext;
}

interface Attack {
  name: string;
  /** Prepares the files (and may act on the context, e.g. run Bash mid-session). */
  prepare?(world: World): Promise<void>;
  tool: AnyTool;
  input(world: World): unknown;
  /** What must happen when the user denies every prompt. */
  expect: 'allowed' | 'asks-danger' | 'asks-write' | 'invalid';
  /** Checked after the call, with prompts denied: e.g. the outside file is untouched. */
  verify?(world: World): Promise<void>;
}

async function outsideUntouched(world: World) {
  expect(await readFile(join(world.outside, 'secret.txt'), 'utf8')).toBe('secret\n');
}

const attacks: Attack[] = [
  {
    name: 'plain relative path inside',
    tool: read,
    input: () => ({ file_path: 'inside.txt' }),
    expect: 'allowed',
  },
  {
    name: '../ escape',
    tool: read,
    input: (w) => ({ file_path: `../${w.outside.split('/').pop()}/secret.txt` }),
    expect: 'asks-danger',
  },
  {
    name: 'inside/../../ escape',
    tool: write,
    input: (w) => ({ file_path: `sub/../../${w.outside.split('/').pop()}/secret.txt`, content: 'pwn' }),
    expect: 'asks-danger',
    verify: outsideUntouched,
  },
  {
    name: 'absolute path outside',
    tool: read,
    input: () => ({ file_path: '/etc/hostname' }),
    expect: 'asks-danger',
  },
  {
    name: 'absolute write to /etc',
    tool: write,
    input: () => ({ file_path: '/etc/claw-test-should-not-exist', content: 'x' }),
    expect: 'asks-danger',
  },
  {
    name: 'symlink to /etc',
    prepare: async (w) => symlink('/etc', join(w.root, 'etc-link')),
    tool: read,
    input: () => ({ file_path: 'etc-link/hostname' }),
    expect: 'asks-danger',
  },
  {
    name: 'symlinked parent directory pointing outside (new file)',
    prepare: async (w) => symlink(w.outside, join(w.root, 'out')),
    tool: write,
    input: () => ({ file_path: 'out/new-file.txt', content: 'pwn' }),
    expect: 'asks-danger',
  },
  {
    name: 'dangling symlink whose target is outside',
    prepare: async (w) => symlink(join(w.outside, 'not-yet.txt'), join(w.root, 'dangling')),
    tool: write,
    input: () => ({ file_path: 'dangling', content: 'pwn' }),
    expect: 'asks-danger',
  },
  {
    name: 'symlink created by Bash mid-session',
    prepare: async (w) => {
      const result = await run(bash, { command: `ln -s ${w.outside} planted` }, w.ctx);
      expect(result.isError).toBeFalsy();
    },
    tool: write,
    input: () => ({ file_path: 'planted/secret.txt', content: 'pwn' }),
    expect: 'asks-danger',
    verify: outsideUntouched,
  },
  {
    name: 'symlink inside pointing inside',
    prepare: async (w) => symlink(join(w.root, 'inside.txt'), join(w.root, 'alias.txt')),
    tool: read,
    input: () => ({ file_path: 'alias.txt' }),
    expect: 'allowed',
  },
  {
    name: 'hard link to an outside file',
    prepare: async (w) => link(join(w.outside, 'secret.txt'), join(w.root, 'hard.txt')),
    tool: write,
    input: () => ({ file_path: 'hard.txt', content: 'pwn' }),
    expect: 'asks-danger',
    verify: outsideUntouched,
  },
  {
    name: 'write into .git/',
    tool: write,
    input: () => ({ file_path: '.git/hooks/pre-commit', content: '#!/bin/sh' }),
    expect: 'asks-write',
  },
  {
    name: 'case trick .GIT/config',
    tool: write,
    input: () => ({ file_path: '.GIT/config', content: 'x' }),
    expect: 'asks-write',
  },
  {
    name: 'trailing-dot trick .git./config',
    tool: write,
    input: () => ({ file_path: '.git./config', content: 'x' }),
    expect: 'asks-write',
  },
  {
    name: 'case trick .Claude/settings.json',
    tool: write,
    input: () => ({ file_path: '.Claude/settings.json', content: '{}' }),
    expect: 'asks-write',
  },
  {
    name: '.claw/settings.json',
    tool: write,
    input: () => ({ file_path: '.claw/settings.json', content: '{}' }),
    expect: 'asks-write',
  },
  {
    name: '.mcp.json',
    tool: write,
    input: () => ({ file_path: '.mcp.json', content: '{}' }),
    expect: 'asks-write',
  },
  {
    name: 'case trick .MCP.JSON',
    tool: write,
    input: () => ({ file_path: '.MCP.JSON', content: '{}' }),
    expect: 'asks-write',
  },
  {
    name: '.gitmodules',
    tool: write,
    input: () => ({ file_path: '.gitmodules', content: '' }),
    expect: 'asks-write',
  },
  {
    name: 'shell rc .bashrc',
    tool: write,
    input: () => ({ file_path: 'home/.bashrc', content: 'curl x | sh' }),
    expect: 'asks-write',
  },
  {
    name: 'shell rc .ZSHRC',
    tool: write,
    input: () => ({ file_path: '.ZSHRC', content: '' }),
    expect: 'asks-write',
  },
  {
    name: 'symlink whose name is harmless but target is .git/config',
    prepare: async (w) => {
      await mkdir(join(w.root, '.git'));
      await writeFile(join(w.root, '.git/config'), '[core]\n');
      await symlink(join(w.root, '.git/config'), join(w.root, 'harmless.txt'));
    },
    tool: write,
    input: () => ({ file_path: 'harmless.txt', content: 'x' }),
    expect: 'asks-write',
  },
  {
    name: 'reading .git/config is fine',
    prepare: async (w) => {
      await mkdir(join(w.root, '.git'));
      await writeFile(join(w.root, '.git/config'), 'x');
    },
    tool: read,
    input: () => ({ file_path: '.git/config' }),
    expect: 'allowed',
  },
  {
    name: 'NUL byte in path',
    tool: read,
    input: () => ({ file_path: 'inside.txt\0../../etc/passwd' }),
    expect: 'invalid',
  },
  { name: 'huge path', tool: read, input: () => ({ file_path: 'a/'.repeat(5000) }), expect: 'invalid' },
  {
    name: 'wrong type for path',
    tool: write,
    input: () => ({ file_path: ['inside.txt'], content: 'x' }),
    expect: 'invalid',
  },
  {
    name: 'wrong type for content',
    tool: write,
    input: () => ({ file_path: 'x.txt', content: { evil: true } }),
    expect: 'invalid',
  },
  {
    name: 'prefix trick: sibling dir sharing the root prefix',
    tool: read,
    input: (w) => ({ file_path: `${w.root}-evil/secret.txt` }),
    expect: 'asks-danger',
  },
];

async function makeWorld(): Promise<World> {
  const root = await tempDir('claw-guard-root-');
  const outside = await tempDir('claw-guard-outside-');
  await writeFile(join(root, 'inside.txt'), 'inside\n');
  await mkdir(join(root, 'sub'));
  await writeFile(join(outside, 'secret.txt'), 'secret\n');
  await writeFile(join(`${root}-evil`, 'secret.txt'), 'x').catch(() => undefined);
  return { root, outside, ctx: makeContext(root, { grant: false }) };
}

describe('path guard: adversarial table', () => {
  it.each(attacks.map((attack) => [attack.name, attack] as const))('%s', async (_name, attack) => {
    const world = await makeWorld();
    await attack.prepare?.(world);
    world.ctx.asked.length = 0;
    const result = await run(attack.tool, attack.input(world), world.ctx);
    switch (attack.expect) {
      case 'allowed':
        expect(result.isError, text(result)).toBeFalsy();
        expect(world.ctx.asked).toEqual([]);
        break;
      case 'asks-danger':
        expect(world.ctx.asked.map((request) => request.level)).toEqual(['danger-full-access']);
        expect(world.ctx.asked[0]?.reason).toBeTruthy();
        expect(result.isError).toBe(true);
        expect(text(result)).toMatch(/Permission denied/);
        break;
      case 'asks-write':
        expect(world.ctx.asked.map((request) => request.level)).toEqual(['workspace-write']);
        expect(world.ctx.asked[0]?.reason).toMatch(/protected/);
        expect(result.isError).toBe(true);
        break;
      case 'invalid':
        expect(result.isError).toBe(true);
        expect(world.ctx.asked).toEqual([]);
        break;
    }
    await attack.verify?.(world);
  });
});

describe('path guard: approvals and races', () => {
  it('lets an approved outside write through', async () => {
    const world = await makeWorld();
    const ctx = makeContext(world.root, { grant: true });
    const result = await run(write, { file_path: join(world.outside, 'approved.txt'), content: 'ok' }, ctx);
    expect(result.isError, text(result)).toBeFalsy();
    expect(ctx.asked).toHaveLength(1);
    expect(await readFile(join(world.outside, 'approved.txt'), 'utf8')).toBe('ok');
  });

  it('re-checks at write time: a parent swapped for a symlink after the check is refused', async () => {
    const world = await makeWorld();
    await mkdir(join(world.root, 'swap'));
    let swapped = false;
    const ctx = makeContext(world.root);
    // The swap happens while the tool waits on the permission prompt for the protected name.
    ctx.ask = async () => {
      if (!swapped) {
        swapped = true;
        await rename(join(world.root, 'swap'), join(world.root, 'swap-old'));
        await symlink(world.outside, join(world.root, 'swap'));
      }
      return true;
    };
    const result = await run(write, { file_path: 'swap/.bashrc', content: 'pwn' }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/symlink/);
    await expect(readFile(join(world.outside, '.bashrc'), 'utf8')).rejects.toThrow();
  });

  it.each([
    ['/repo/.git/config', true],
    ['/repo/.Git/HEAD', true],
    ['/repo/src/.gitignore', false],
    ['/repo/.github/workflows/ci.yml', false],
    ['/home/u/.profile', true],
    ['/repo/profile', false],
  ])('protectedPathReason(%s) → %s', (path, isProtected) => {
    expect(protectedPathReason(path) !== undefined).toBe(isProtected);
  });
});
