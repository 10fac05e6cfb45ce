import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOperands } from '../../src/permissions/bash/read-operands.js';
import {
  evaluateWord,
  expandBraces,
  resolveShellPath,
  splitsAtRuntime,
} from '../../src/permissions/bash-word-paths.js';
import { listDirectory, resolveRealPath } from '../../src/permissions/paths.js';

const none = (argv: string[]): boolean[] => argv.map(() => false);
const operandsOf = (argv: string[]) => readOperands(argv, none(argv), none(argv));
const readsOf = (argv: string[]) => operandsOf(argv)?.reads.map((word) => word.text);

describe('readOperands: which words a command reads', () => {
  it.each([
    [
      ['cat', 'a', 'b'],
      ['a', 'b'],
    ],
    [['cat', '--', '-x'], ['-x']],
    [['cat', '-x/etc/passwd'], ['/etc/passwd']],
    [['head', '-n', '5', 'a'], ['a']],
    [['head', '-5', 'a'], ['a']],
    [['tail', '-f', '/var/log/x'], ['/var/log/x']],
    // `od -w[N]` takes its value attached only, so the next word is still a file.
    [['od', '-w', '/etc/shadow'], ['/etc/shadow']],
    [
      ['sort', '-T', '/tmp', 'a'],
      ['/tmp', 'a'],
    ],
    [['wc', '--files0-from=list'], ['list']],
    [['grep', '-rn', 'TODO', 'src'], ['src']],
    [['grep', '-e', 'a', '-e', 'b', 'f'], ['f']],
    [
      ['grep', '-f', 'patterns', 'f'],
      ['patterns', 'f'],
    ],
    // `--color[=WHEN]` must not swallow the pattern.
    [['grep', '--color', 'x', 'f'], ['f']],
    [['grep', '-A3', 'x', 'f'], ['f']],
    [['rg', '--files', '/etc'], ['/etc']],
    [['find', '/', '-name', 'id_rsa'], ['/']],
    [
      ['find', '.', '-newer', '/etc/passwd'],
      ['.', '/etc/passwd'],
    ],
    [['find', '.', '-exec', 'cat', '/etc/x', ';'], ['.']],
    [['git', '-C', '../other', 'log'], ['../other']],
    [['git', '--git-dir=/x/.git', 'status'], ['/x/.git']],
    [['git', 'log', 'src'], []],
    [
      ['git', 'diff', '--no-index', 'a', '/etc/b'],
      ['a', '/etc/b'],
    ],
    [['git', 'blame', '--contents', '/etc/x', 'f'], ['/etc/x']],
    [['jq', '.', 'f.json'], ['f.json']],
    [['jq', '--arg', 'name', '/etc/x', '.', 'f'], ['f']],
    [['jq', '--slurpfile', 'name', '/etc/x', '.'], ['/etc/x']],
    [
      ['jq', '-f', 'prog.jq', 'in'],
      ['prog.jq', 'in'],
    ],
    [['awk', '-F:', '{print}', 'v=1', '/etc/passwd'], ['/etc/passwd']],
    [['sed', '-n', '1p', 'f'], ['f']],
    [
      ['sed', '1r /etc/x', 'f'],
      ['/etc/x', 'f'],
    ],
    [
      ['sed', '-e', 's/a/b/', '-e', 'R /etc/y', 'f'],
      ['/etc/y', 'f'],
    ],
    [['xargs', '-a', '/etc/x', 'echo'], ['/etc/x']],
    [['date', '-r', '/etc/x', '+%s'], ['/etc/x']],
    [['date', '+%s'], []],
  ])('%j reads %j', (argv, reads) => {
    expect(readsOf(argv)).toEqual(reads);
  });

  it.each([
    [['ls'], true],
    [['find'], true],
    [['grep', '-r', 'x'], true],
    [['grep', 'x'], false],
    [['rg', 'x'], true],
    [['cat'], false],
  ])('%j reads its working directory: %s', (argv, readsCwd) => {
    expect(operandsOf(argv)?.readsCwd).toBe(readsCwd);
  });

  it.each([
    [['grep', '-R', 'x', '.'], true],
    [['grep', '-r', 'x', '.'], false],
    [['find', '-L', '.'], true],
    [['find', '.', '-follow'], true],
    [['rg', '--follow', 'x'], true],
    [['ls', '-RL'], true],
    [['ls', '-R'], false],
    [['diff', '-r', 'a', 'b'], true],
    [['diff', '-r', '--no-dereference', 'a', 'b'], false],
  ])('%j follows symlinks while recursing: %s', (argv, follows) => {
    expect(operandsOf(argv)?.followsLinks).toBe(follows);
  });

  it('tracks directory changes', () => {
    expect(operandsOf(['cd'])?.chdir?.text).toBe('~');
    expect(operandsOf(['cd', '-P', 'src'])?.chdir?.text).toBe('src');
    expect(operandsOf(['env', '-C', '/etc', 'cat', 'x'])?.chdir?.text).toBe('/etc');
    expect(operandsOf(['cd', '-'])?.unknownCwd).toMatch(/cd -/);
    expect(operandsOf(['popd'])?.unknownCwd).toMatch(/popd/);
  });

  it('treats the arguments of echo-like commands as data, and does not examine unknown commands', () => {
    expect(operandsOf(['echo', '*'])).toMatchObject({ reads: [], dataOnly: true });
    expect(operandsOf(['echo', '*'])?.globs.map((word) => word.text)).toEqual(['*']);
    expect(operandsOf(['timeout', '5', 'cat', 'x'])).toBeUndefined();
    expect(operandsOf(['npm', 'test'])).toBeUndefined();
  });
});

describe('evaluateWord', () => {
  const home = '/home/me';
  it.each([
    ['~', false, '/home/me'],
    ['~/x', false, '/home/me/x'],
    ['$HOME/x', true, '/home/me/x'],
    ['"$HOME"/x', true, '/home/me/x'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell parameter expansion.
    ['${HOME}/.ssh', true, '/home/me/.ssh'],
    ["'$HOME'/x", true, '$HOME/x'],
  ])('%s → %s', (text, dynamic, value) => {
    expect(evaluateWord({ text, dynamic }, home)).toEqual({ value });
  });

  it.each([
    ['~root/.bashrc', false],
    ['$X', true],
    ['$HOME_DIR/x', true],
    ['"$(pwd)"/x', true],
    ['`pwd`/x', true],
  ])('%s cannot be resolved', (text, dynamic) => {
    expect(evaluateWord({ text, dynamic }, home)).toHaveProperty('unresolvable');
  });
});

describe('splitsAtRuntime', () => {
  it.each([
    ['$X', true],
    ['"$X"', false],
    ["'$X'", false],
    ['a"b"$X', true],
    ['`cmd`', true],
    ['$HOME', false],
  ])('%s → %s', (source, splits) => {
    expect(splitsAtRuntime(source)).toBe(splits);
  });
});

describe('expandBraces', () => {
  it.each([
    ['plain', ['plain']],
    ['src/{a,b}.ts', ['src/a.ts', 'src/b.ts']],
    ['{a,{b,c}}', ['a', 'b', 'c']],
    ['{a}', ['{a}']],
    ['x{1..3}', undefined],
  ])('%s → %j', (value, expanded) => {
    expect(expandBraces(value)).toEqual(expanded);
  });
});

describe('resolveShellPath', () => {
  let root: string;
  const ctx = { resolveRealPath, listDirectory };
  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'claw-shell-path-')));
    mkdirSync(join(root, 'ws', 'src'), { recursive: true });
    mkdirSync(join(root, 'out', 'deep'), { recursive: true });
    writeFileSync(join(root, 'ws', 'src', 'a.ts'), '');
    writeFileSync(join(root, 'ws', 'src', 'b.ts'), '');
    writeFileSync(join(root, 'x'), '');
    symlinkSync(join(root, 'out', 'deep'), join(root, 'ws', 'link'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const reals = (value: string): string[] => {
    const resolved = resolveShellPath(value, join(root, 'ws'), ctx);
    if ('unresolvable' in resolved) throw new Error(resolved.unresolvable);
    return resolved.paths.map((path) => path.real);
  };

  it('resolves `..` after a symlink from where the symlink leads, as the kernel does', () => {
    expect(reals('link/../x')).toEqual([join(root, 'out', 'x')]);
  });

  it('expands globs against the directory, and keeps a glob that matches nothing', () => {
    expect(reals('src/*.ts').sort()).toEqual([
      join(root, 'ws', 'src', 'a.ts'),
      join(root, 'ws', 'src', 'b.ts'),
    ]);
    expect(reals('src/*.md')).toEqual([join(root, 'ws', 'src', '*.md')]);
  });

  it('lets `.*` match `..` (bash before 5.2 does)', () => {
    expect(reals('.*')).toContain(root);
  });
});
