import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findImportRefs, loadMemoryFiles } from '../../src/prompt/index.js';

let base: string;
let home: string;
let configHome: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'claw-memory-'));
  home = join(base, 'home');
  configHome = join(home, '.claw');
  await mkdir(configHome, { recursive: true });
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

function gitInit(dir: string): void {
  execFileSync('git', ['init', '-q', dir]);
}

describe('loadMemoryFiles', () => {
  it('loads user files, then each directory from the git root down to the workspace, never above the root', async () => {
    const repo = join(base, 'outer', 'repo');
    const workspace = join(repo, 'packages', 'app');
    await mkdir(workspace, { recursive: true });
    gitInit(repo);
    await put(join(base, 'outer', 'CLAUDE.md'), 'above the git root');
    await put(join(configHome, 'CLAW.md'), 'user claw');
    await put(join(home, '.claude', 'CLAUDE.md'), 'user claude');
    await put(join(repo, 'CLAUDE.md'), 'root claude');
    await put(join(repo, 'AGENTS.md'), 'root agents');
    await put(join(repo, 'CLAUDE.local.md'), 'root local');
    await put(join(repo, '.claw', 'rules', 'b.md'), 'rule b');
    await put(join(repo, '.claw', 'rules', 'a.md'), 'rule a');
    await put(join(repo, '.claw', 'rules', 'notes.txt'), 'not markdown');
    await put(join(repo, 'packages', 'CLAW.md'), 'packages claw');
    await put(join(workspace, '.claw', 'CLAW.md'), 'app dot-claw');
    await put(join(workspace, 'CLAUDE.md'), 'app claude');

    const files = await loadMemoryFiles({ workspaceRoot: workspace, configHome, homeDir: home });
    expect(files.map((f) => [f.content, f.scope])).toEqual([
      ['user claw', 'user'],
      ['user claude', 'user'],
      ['root claude', 'project'],
      ['root agents', 'project'],
      ['root local', 'local'],
      ['rule a', 'rules'],
      ['rule b', 'rules'],
      ['packages claw', 'project'],
      ['app claude', 'project'],
      ['app dot-claw', 'project'],
    ]);
    expect(files[2]).toMatchObject({ path: join(repo, 'CLAUDE.md'), bytes: 11, truncated: false });
  });

  it('without git reads only the workspace directory', async () => {
    const workspace = join(base, 'plain', 'ws');
    await put(join(base, 'plain', 'CLAUDE.md'), 'parent');
    await put(join(workspace, 'CLAUDE.md'), 'mine');
    const files = await loadMemoryFiles({ workspaceRoot: workspace, configHome, homeDir: home });
    expect(files.map((f) => f.content)).toEqual(['mine']);
  });

  it('loads a file reached twice through a symlink once', async () => {
    const ws = join(base, 'ws');
    await put(join(ws, 'AGENTS.md'), 'shared');
    await symlink('AGENTS.md', join(ws, 'CLAUDE.md'));
    const files = await loadMemoryFiles({ workspaceRoot: ws, configHome, homeDir: home });
    expect(files.map((f) => f.content)).toEqual(['shared']);
  });

  it('follows @imports relative to the file, skipping code, cycles, depth > 5, missing files and escapes', async () => {
    const ws = join(base, 'ws');
    gitInit(ws);
    await put(
      join(ws, 'CLAUDE.md'),
      [
        'See @docs/a.md for details, mail me at me@example.com.',
        'Inline `@docs/code-span.md` is not an import.',
        '```',
        '@docs/fenced.md',
        '```',
        '@missing.md',
        '@../outside.md',
        '@deep/d1.md',
      ].join('\n'),
    );
    await put(join(ws, 'docs', 'a.md'), 'A imports @b.md');
    await put(join(ws, 'docs', 'b.md'), 'B imports @./a.md again');
    await put(join(ws, 'docs', 'code-span.md'), 'never');
    await put(join(ws, 'docs', 'fenced.md'), 'never');
    await put(join(base, 'outside.md'), 'secret outside the repo');
    for (let i = 1; i <= 7; i++) await put(join(ws, 'deep', `d${i}.md`), `depth ${i} @d${i + 1}.md`);

    const warnings: string[] = [];
    const files = await loadMemoryFiles({
      workspaceRoot: ws,
      configHome,
      homeDir: home,
      onWarning: (w) => warnings.push(w),
    });
    expect(files.map((f) => f.content.split(' ').slice(0, 2).join(' '))).toEqual([
      'See @docs/a.md',
      'A imports',
      'B imports',
      'depth 1',
      'depth 2',
      'depth 3',
      'depth 4',
      'depth 5',
    ]);
    expect(files[1]).toMatchObject({
      path: join(ws, 'docs', 'a.md'),
      importedFrom: join(ws, 'CLAUDE.md'),
      scope: 'project',
    });
    expect(files.some((f) => f.content.includes('never') || f.content.includes('secret'))).toBe(false);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/import cycle through .*a\.md/),
        expect.stringMatching(/missing\.md not found/),
        expect.stringMatching(/@\.\.\/outside\.md skipped: it points outside/),
        expect.stringMatching(/@d6\.md skipped: imports nest at most 5 deep/),
      ]),
    );
  });

  // Each row: a repository that tries to pull a file from outside itself into the system prompt.
  const escapes: Array<{ attack: string; plant(ws: string, outside: string): Promise<void> }> = [
    {
      attack: 'an import whose target file is a symlink to a file outside',
      async plant(ws, outside) {
        await put(join(ws, 'CLAUDE.md'), 'see @docs/x.md');
        await mkdir(join(ws, 'docs'), { recursive: true });
        await symlink(join(outside, 'secret.md'), join(ws, 'docs', 'x.md'));
      },
    },
    {
      attack: 'an import through a symlinked directory in the middle of the path',
      async plant(ws, outside) {
        await put(join(ws, 'CLAUDE.md'), 'see @docs/secret.md');
        await symlink(outside, join(ws, 'docs'));
      },
    },
    {
      attack: 'an import with a .. chain that climbs out of the repository',
      async plant(ws) {
        await put(join(ws, 'CLAUDE.md'), 'see @docs/../../outside/secret.md');
      },
    },
    {
      attack: 'a nested import (inside an imported file) through a symlink',
      async plant(ws, outside) {
        await put(join(ws, 'CLAUDE.md'), 'see @docs/a.md');
        await put(join(ws, 'docs', 'a.md'), 'and @b.md');
        await symlink(join(outside, 'secret.md'), join(ws, 'docs', 'b.md'));
      },
    },
    {
      attack: 'a top-level CLAUDE.md that is a symlink to a file outside',
      async plant(ws, outside) {
        await symlink(join(outside, 'secret.md'), join(ws, 'CLAUDE.md'));
      },
    },
    {
      attack: 'a rules/*.md file that is a symlink to a file outside',
      async plant(ws, outside) {
        await mkdir(join(ws, '.claw', 'rules'), { recursive: true });
        await symlink(join(outside, 'secret.md'), join(ws, '.claw', 'rules', 'r.md'));
      },
    },
    {
      attack: 'a rules directory that is a symlink to a directory outside',
      async plant(ws, outside) {
        await mkdir(join(ws, '.claude'), { recursive: true });
        await symlink(outside, join(ws, '.claude', 'rules'));
      },
    },
  ];

  it.each(escapes)('never loads a file outside the repository: $attack', async ({ plant }) => {
    const ws = join(base, 'ws');
    const outside = join(base, 'outside');
    await mkdir(ws, { recursive: true });
    gitInit(ws);
    await put(join(outside, 'secret.md'), 'TOP-SECRET-KEY-123');
    await plant(ws, outside);
    const warnings: string[] = [];
    const files = await loadMemoryFiles({
      workspaceRoot: ws,
      configHome,
      homeDir: home,
      onWarning: (w) => warnings.push(w),
    });
    expect(files.some((f) => f.content.includes('TOP-SECRET-KEY-123'))).toBe(false);
    expect(warnings.join('\n')).toMatch(/outside/);
  });

  it('still follows symlinks that stay inside the repository', async () => {
    const ws = join(base, 'ws');
    await mkdir(ws, { recursive: true });
    gitInit(ws);
    await put(join(ws, 'CLAUDE.md'), 'see @docs/x.md');
    await put(join(ws, 'shared', 'notes.md'), 'inside notes');
    await mkdir(join(ws, 'docs'), { recursive: true });
    await symlink(join(ws, 'shared', 'notes.md'), join(ws, 'docs', 'x.md'));
    const files = await loadMemoryFiles({ workspaceRoot: ws, configHome, homeDir: home });
    expect(files.map((f) => f.content)).toEqual(['see @docs/x.md', 'inside notes']);
  });

  it('lets user memory import from the home directory', async () => {
    await put(join(configHome, 'CLAW.md'), 'user @~/notes/style.md');
    await put(join(home, 'notes', 'style.md'), 'tabs not spaces');
    const files = await loadMemoryFiles({ workspaceRoot: join(base, 'empty'), configHome, homeDir: home });
    expect(files.map((f) => [f.content, f.scope])).toEqual([
      ['user @~/notes/style.md', 'user'],
      ['tabs not spaces', 'user'],
    ]);
  });

  it('caps each file and the total, with a truncation note', async () => {
    const ws = join(base, 'ws');
    await put(join(ws, 'CLAUDE.md'), 'x'.repeat(100));
    await put(join(ws, 'AGENTS.md'), 'y'.repeat(40));
    await put(join(ws, 'CLAUDE.local.md'), 'z'.repeat(40));
    const warnings: string[] = [];
    const files = await loadMemoryFiles({
      workspaceRoot: ws,
      configHome,
      homeDir: home,
      maxFileBytes: 50,
      maxTotalBytes: 90,
      onWarning: (w) => warnings.push(w),
    });
    expect(files.map((f) => [f.bytes, f.truncated])).toEqual([
      [100, true],
      [40, false],
      [40, true],
    ]);
    expect(files[0]?.content).toMatch(
      /^x{50}\n\n\[claw: truncated .*CLAUDE\.md at 50 of 100 bytes because it is over 50 bytes\]$/,
    );
    expect(files[2]?.content).toMatch(
      /^\n\n\[claw: truncated .* at 0 of 40 bytes because the total memory size cap was reached\]$/,
    );
    expect(warnings).toHaveLength(2);
  });
});

describe('findImportRefs', () => {
  it.each([
    ['@README.md', ['README.md']],
    ['see @./a.md, then @~/b.md.', ['./a.md', '~/b.md']],
    ['email a@b.com', []],
    ['`@code.md` and ``@x.md``', []],
    ['~~~\n@fenced.md\n~~~\n@after.md', ['after.md']],
    ['(@paren.md)', []],
  ])('%j → %j', (text, refs) => {
    expect(findImportRefs(text)).toEqual(refs);
  });
});
