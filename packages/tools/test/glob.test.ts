import { mkdir, mkdtemp, realpath, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../src/grep/find-executable.js';
import { createGlobTool, globFiles } from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

const glob = createGlobTool();

async function put(root: string, path: string, ageSeconds = 0) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), path);
  const when = new Date(Date.now() - ageSeconds * 1000);
  await utimes(join(root, path), when, when);
}

describe('Glob', () => {
  it('matches recursively, newest first, skipping ignored, hidden, .git and node_modules', async () => {
    const root = await tempDir();
    await put(root, 'src/old.ts', 300);
    await put(root, 'src/new.ts', 10);
    await put(root, 'src/deep/mid.ts', 100);
    await put(root, 'top.ts', 200);
    await put(root, 'dist/out.ts');
    await put(root, 'node_modules/m/index.ts');
    await put(root, '.git/x.ts');
    await put(root, '.hidden/h.ts');
    await writeFile(join(root, '.gitignore'), 'dist/\n');
    const result = await run(glob, { pattern: '**/*.ts' }, makeContext(root));
    expect(text(result)).toBe('src/new.ts\nsrc/deep/mid.ts\ntop.ts\nsrc/old.ts');
    expect(result.display).toEqual({
      kind: 'files',
      paths: ['src/new.ts', 'src/deep/mid.ts', 'top.ts', 'src/old.ts'],
    });
  });

  it('keeps *.ts to the top level and honours path', async () => {
    const root = await tempDir();
    await put(root, 'a.ts');
    await put(root, 'sub/b.ts');
    const ctx = makeContext(root);
    expect(text(await run(glob, { pattern: '*.ts' }, ctx))).toBe('a.ts');
    expect(text(await run(glob, { pattern: '*.ts', path: 'sub' }, ctx))).toBe('sub/b.ts');
    expect(text(await run(glob, { pattern: '*.none' }, ctx))).toBe('No files found');
  });

  it('includes hidden files when the pattern names them', async () => {
    const root = await tempDir();
    await put(root, '.github/workflows/ci.yml');
    await put(root, '.env');
    const ctx = makeContext(root);
    expect(text(await run(glob, { pattern: '.github/**/*.yml' }, ctx))).toBe('.github/workflows/ci.yml');
    expect(text(await run(glob, { pattern: '.env' }, ctx))).toBe('.env');
    expect(text(await run(glob, { pattern: '**/*.yml' }, ctx))).toBe('No files found');
  });

  it('caps results with a note', async () => {
    const root = await tempDir();
    for (let index = 0; index < 120; index++) await put(root, `f${index}.txt`, index);
    const out = text(await run(glob, { pattern: '*.txt' }, makeContext(root)));
    expect(out.split('\n').filter((line) => line.endsWith('.txt'))).toHaveLength(100);
    expect(out).toMatch(/120 files matched, showing the 100 most recently modified/);
    expect(out.startsWith('f0.txt\n')).toBe(true);
  });

  it('asks before searching outside the workspace', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    expect(text(await run(glob, { pattern: '*.conf', path: '/etc' }, ctx))).toMatch(/Permission denied/);
    expect(ctx.asked[0]?.level).toBe('danger-full-access');
  });
});

const rgPath = findExecutable('rg');

describe.skipIf(!rgPath)('Glob engines: rg --files and the built-in walker agree', () => {
  let root = '';
  beforeAll(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'claw-glob-corpus-')));
    const files = [
      'a.ts',
      'b.js',
      'src/index.ts',
      'src/lib/util.ts',
      'src/lib/util.test.ts',
      'src/gen/out.ts',
      'src/gen/keep.ts',
      'docs/readme.md',
      'docs/.draft.md',
      '.github/workflows/ci.yml',
      '.env',
      'build/artifact.o',
      'node_modules/pkg/index.js',
      'packages/p/node_modules/dep/index.ts',
      '.git/config',
      'deep/a/b/c/d.ts',
      'spaced dir/file name.ts',
      'logs/today.log',
      'logs/keep.log',
    ];
    for (const [index, file] of files.entries()) await put(root, file, index * 7);
    await writeFile(join(root, '.gitignore'), 'build/\n*.log\n!logs/keep.log\n');
    await writeFile(join(root, 'src/.gitignore'), 'gen/*\n!gen/keep.ts\n');
    await writeFile(join(root, '.ignore'), 'deep/a/b/\n');
    await symlink(join(root, 'src'), join(root, 'src-link'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it.each([
    '**/*.ts',
    '*.ts',
    'src/**',
    '**/*.md',
    '.github/**/*.yml',
    '**/.*',
    '.env',
    '**/*.log',
    '**/node_modules/**',
    'deep/**/*.ts',
    '**/*.{ts,js}',
    'spaced dir/*',
    '**/*',
  ])('%s', async (pattern) => {
    const builtin = await globFiles(root, pattern);
    const viaRg = await globFiles(root, pattern, undefined, rgPath!);
    expect(viaRg).toEqual(builtin);
  });
});
