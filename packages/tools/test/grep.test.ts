import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltinGrep } from '../src/grep/builtin-engine.js';
import { globsForType } from '../src/grep/file-types.js';
import { findExecutable } from '../src/grep/find-executable.js';
import { runRipgrep } from '../src/grep/rg-engine.js';
import type { GrepResult, GrepSpec } from '../src/grep/search-spec.js';
import { createGrepTool } from '../src/index.js';
import { writeGrepCorpus } from './corpus.js';
import { makeContext, run, tempDir, text } from './helpers.js';

const rg = findExecutable('rg');
const distWorker = new URL('../dist/grep/search-worker.js', import.meta.url);

function spec(overrides: Partial<GrepSpec>): GrepSpec {
  return {
    pattern: 'foo',
    caseInsensitive: false,
    multiline: false,
    mode: 'files_with_matches',
    before: 0,
    after: 0,
    globs: [],
    ...overrides,
  };
}

const cases: Array<[string, Partial<GrepSpec>]> = [
  ['literal, files', {}],
  ['literal, content', { mode: 'content' }],
  ['literal, count', { mode: 'count' }],
  ['case-insensitive', { pattern: 'foo', caseInsensitive: true, mode: 'count' }],
  ['class and digits', { pattern: 'ba[rz]\\d+', mode: 'content' }],
  ['anchors', { pattern: '^import', mode: 'content' }],
  ['end anchor (CRLF files differ)', { pattern: 'end$', mode: 'content' }],
  ['dot vs CR', { pattern: 'd.', mode: 'count' }],
  ['whitespace class', { pattern: 'x\\sy', mode: 'content' }],
  ['unicode', { pattern: 'héllo|ΣΑΣ', mode: 'content' }],
  ['context -C 2', { pattern: 'TODO', mode: 'content', before: 2, after: 2 }],
  ['context -A 1', { pattern: 'baz7', mode: 'content', after: 1 }],
  ['context -B 3', { pattern: 'a-c', mode: 'content', before: 3 }],
  ['glob *.ts', { globs: ['*.ts'] }],
  ['glob brace', { globs: ['*.{ts,py}'], mode: 'count' }],
  ['negated glob', { globs: ['!*.md'] }],
  ['anchored glob', { globs: ['src/**/*.ts'], mode: 'content' }],
  ['glob whitelists ignored files', { globs: ['*.log'] }],
  ['glob then negation', { globs: ['*.ts', '!src/lib/**'] }],
  ['type py', { typeGlobs: globsForType('py'), mode: 'content' }],
  ['type ts and glob', { typeGlobs: globsForType('ts'), globs: ['!test/**'] }],
  ['multiline', { pattern: 'start.*?stop', multiline: true, mode: 'content' }],
  ['multiline count', { pattern: 'middle\\nstop', multiline: true, mode: 'count' }],
  ['no match', { pattern: 'zzz_nothing' }],
  ['matches everything', { pattern: 'e', mode: 'count' }],
];

describe.skipIf(!rg)('Grep engines: rg and built-in agree on a generated corpus', () => {
  let root = '';
  // The corpus outlives single tests (helpers' tempDir is removed after each one).
  beforeAll(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'claw-grep-corpus-')));
    await writeGrepCorpus(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it.each(cases)('%s', async (_name, overrides) => {
    const signal = new AbortController().signal;
    const wanted = spec(overrides);
    const fromRg = await runRipgrep(rg!, root, wanted, signal);
    const fromBuiltin = await runBuiltinGrep(root, wanted, { signal, workers: 0 });
    expect(fromBuiltin).toEqual(fromRg);
    if (existsSync(distWorker)) {
      const onWorkers = await runBuiltinGrep(root, wanted, { signal, workers: 2, workerScript: distWorker });
      expect(onWorkers).toEqual(fromRg);
    }
  });

  it('the corpus exercises what it claims to', async () => {
    const signal = new AbortController().signal;
    const files = await runRipgrep(rg!, root, spec({}), signal);
    const names =
      files.mode === 'files_with_matches' ? files.files.map((path) => path.slice(root.length + 1)) : [];
    expect(names).toContain('src/long.ts');
    expect(names).not.toContain('src/binary.ts');
    expect(names).not.toContain('logs/app.log');
    expect(names).not.toContain('src/lib/ignored-here.ts');
    expect(names.some((name) => name.startsWith('node_modules/'))).toBe(true);
    expect(names.some((name) => name.startsWith('build/') || name.startsWith('vendor/drop/'))).toBe(false);
    expect(names.some((name) => name.startsWith('.hidden') || name.includes('/.dotfile'))).toBe(false);
    expect(names).toContain('src/utf16le.txt');
    expect(names).toContain('src/utf16be.txt');
    expect(names).not.toContain('src/utf16-nobom.txt');
    expect(names).not.toContain('src/prec/kept.ts');
    expect(names).toContain('nested/app.log');
    expect(names).toContain('nested/build/out.ts');
  });
});

describe.skipIf(!rg)('Grep engines agree on ignore files above the search root', () => {
  const signal = new AbortController().signal;
  const layouts: Array<[string, Record<string, string>, string, string[]]> = [
    [
      'a parent .gitignore above the git root does not apply',
      { '.gitignore': '*\n', 'repo/.git/HEAD': '', 'repo/src/a.ts': 'foo\n' },
      'repo',
      ['src/a.ts'],
    ],
    [
      'searching a subdirectory of the repo, the parent .gitignore still stops at the repo root',
      { '.gitignore': '*\n', 'repo/.git/HEAD': '', 'repo/src/a.ts': 'foo\n' },
      'repo/src',
      ['a.ts'],
    ],
    [
      'a .gitignore between the repo root and the search root applies',
      {
        'repo/.git/HEAD': '',
        'repo/.gitignore': 'gen/\n',
        'repo/src/gen/a.ts': 'foo\n',
        'repo/src/b.ts': 'foo\n',
      },
      'repo/src',
      ['b.ts'],
    ],
    [
      'a parent .ignore above the git root applies',
      { '.ignore': 'a.ts\n', 'repo/.git/HEAD': '', 'repo/src/a.ts': 'foo\n', 'repo/src/b.ts': 'foo\n' },
      'repo',
      ['src/b.ts'],
    ],
    [
      'outside any repository every parent .gitignore applies (claw runs rg with --no-require-git)',
      { '.gitignore': 'a.ts\n', 'proj/src/a.ts': 'foo\n', 'proj/src/b.ts': 'foo\n' },
      'proj',
      ['src/b.ts'],
    ],
  ];

  it.each(layouts)('%s', async (_name, files, searchDir, expected) => {
    const base = await tempDir();
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(base, path)), { recursive: true });
      await writeFile(join(base, path), content);
    }
    const root = join(base, searchDir);
    const fromRg = await runRipgrep(rg!, root, spec({}), signal);
    const fromBuiltin = await runBuiltinGrep(root, spec({}), { signal, workers: 0 });
    const relative = (result: GrepResult) =>
      result.mode === 'files_with_matches' ? result.files.map((path) => path.slice(root.length + 1)) : [];
    expect(relative(fromRg)).toEqual(expected);
    expect(relative(fromBuiltin)).toEqual(expected);
  });
});

describe('Grep refuses regex syntax ripgrep lacks, with either engine', () => {
  const rows: Array<[string, RegExp]> = [
    ['a(?=b)', /look-around, including look-ahead and look-behind, is not supported/],
    ['a(?!b)', /look-around/],
    ['(?<=a)b', /look-around/],
    ['(?<!a)b', /look-around/],
    ['(a)\\1', /backreferences are not supported/],
    ['(?<n>a)\\k<n>', /backreferences are not supported/],
    ['a{,3}', /repetition quantifier expects a valid decimal/],
  ];
  for (const engine of ['builtin', ...(rg ? ['rg'] : [])] as const) {
    const grep = createGrepTool({ rgPath: engine === 'rg' ? rg : null, grepWorkers: 0 });
    it.each(rows)(`${engine}: %s`, async (pattern, message) => {
      const root = await tempDir();
      await writeFile(join(root, 'a.txt'), 'ab\naa\na{,3}\n');
      const result = await run(grep, { pattern }, makeContext(root));
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(message);
      expect(text(result)).toMatch(/^Invalid regular expression .*?: regex parse error:\n/s);
    });
  }

  it.skipIf(!rg)('rg itself refuses every one of them', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'a.txt'), 'ab\n');
    for (const [pattern] of rows) {
      await expect(runRipgrep(rg!, root, spec({ pattern }), new AbortController().signal)).rejects.toThrow(
        /regex parse error/,
      );
    }
  });

  it.each(['[(?=]x', 'a\\(?=b', '[\\1]', '(?<name>a)', 'a{2,3}', '\\{,3}'])(
    'accepts %s, which rg accepts too',
    async (pattern) => {
      const root = await tempDir();
      await writeFile(join(root, 'a.txt'), 'x\n');
      const grep = createGrepTool({ rgPath: null, grepWorkers: 0 });
      expect((await run(grep, { pattern }, makeContext(root))).isError ?? false).toBe(false);
    },
  );
});

describe('Grep tool', () => {
  for (const engine of ['builtin', ...(rg ? ['rg'] : [])] as const) {
    const grep = createGrepTool({ rgPath: engine === 'rg' ? rg : null, grepWorkers: 0 });

    it(`${engine}: lists files, paginates, formats content with context separators`, async () => {
      const root = await tempDir();
      await writeFile(join(root, 'a.ts'), 'one\nfoo 1\ntwo\nthree\nfour\nfoo 2\n');
      await writeFile(join(root, 'b.ts'), 'foo\n');
      await writeFile(join(root, 'c.md'), 'nothing\n');
      // Newest first: a.ts was modified last.
      await utimes(join(root, 'a.ts'), 2_000_000, 2_000_000);
      await utimes(join(root, 'b.ts'), 1_000_000, 1_000_000);
      const ctx = makeContext(root);
      expect(text(await run(grep, { pattern: 'foo' }, ctx))).toBe('Found 2 files\na.ts\nb.ts');
      const content = text(
        await run(grep, { pattern: 'foo', output_mode: 'content', '-C': 1, path: 'a.ts' }, ctx),
      );
      expect(content).toBe('a.ts-1-one\na.ts:2:foo 1\na.ts-3-two\n--\na.ts-5-four\na.ts:6:foo 2');
      expect(text(await run(grep, { pattern: 'FOO', '-i': true, output_mode: 'count' }, ctx))).toContain(
        'a.ts:2\nb.ts:1',
      );
      const paged = text(await run(grep, { pattern: 'foo', head_limit: 1, offset: 1 }, ctx));
      expect(paged).toContain('b.ts');
      expect(paged).not.toContain('a.ts');
      expect(paged).toMatch(/Showing entries 2-2 of 2/);
      expect(text(await run(grep, { pattern: 'nomatch' }, ctx))).toBe('No matches found');
      expect(
        text(await run(grep, { pattern: 'foo', output_mode: 'content', '-n': false, path: 'b.ts' }, ctx)),
      ).toBe('b.ts:foo');
    });

    it(`${engine}: files_with_matches lists the most recently modified files first, ties by path`, async () => {
      const root = await tempDir();
      const times: Record<string, number> = {
        'old.ts': 1_000,
        'new.ts': 3_000,
        'mid-b.ts': 2_000,
        'mid-a.ts': 2_000,
      };
      for (const [name, time] of Object.entries(times)) {
        await writeFile(join(root, name), 'foo\n');
        await utimes(join(root, name), time, time);
      }
      const listed = text(await run(grep, { pattern: 'foo' }, makeContext(root)));
      expect(listed).toBe('Found 4 files\nnew.ts\nmid-a.ts\nmid-b.ts\nold.ts');
      const counts = text(await run(grep, { pattern: 'foo', output_mode: 'count' }, makeContext(root)));
      expect(counts.split('\n').slice(0, 4)).toEqual(['mid-a.ts:1', 'mid-b.ts:1', 'new.ts:1', 'old.ts:1']);
    });

    it(`${engine}: a long line is cut around its first match`, async () => {
      const root = await tempDir();
      await writeFile(
        join(root, 'min.js'),
        `${'x'.repeat(400_000)}needle${'y'.repeat(1_000)}\nneedle at the start ${'z'.repeat(600)}\n`,
      );
      const shown = text(await run(grep, { pattern: 'needle', output_mode: 'content' }, makeContext(root)));
      const [first, second] = shown.split('\n');
      expect(first).toMatch(/^min\.js:1:\[399900 chars before\] …x{100}needley{394}… \[606 more chars\]$/);
      expect(second).toMatch(/^min\.js:2:needle at the start z+… \[\d+ more chars\]$/);
    });

    it(`${engine}: reports a bad regex and refuses to search outside the workspace without approval`, async () => {
      const root = await tempDir();
      const ctx = makeContext(root);
      const bad = await run(grep, { pattern: '(unclosed' }, ctx);
      expect(bad.isError).toBe(true);
      expect(text(bad)).toMatch(/Invalid regular expression/);
      const outside = await run(grep, { pattern: 'root', path: '/etc' }, ctx);
      expect(text(outside)).toMatch(/Permission denied/);
      expect(ctx.asked[0]?.level).toBe('danger-full-access');
    });
  }

  it('uses worker threads from the build output when present', async () => {
    if (!existsSync(distWorker)) return;
    const root = await tempDir();
    for (let index = 0; index < 50; index++)
      await writeFile(join(root, `f${index}.txt`), index % 2 ? 'needle\n' : 'hay\n');
    const result = await runBuiltinGrep(root, spec({ pattern: 'needle' }), {
      signal: new AbortController().signal,
      workers: 2,
      workerScript: pathToFileURL(distWorker.pathname),
    });
    expect(result.mode === 'files_with_matches' && result.files).toHaveLength(25);
  });
});
