import { chmod, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEditTool, createMultiEditTool, createReadTool, createWriteTool } from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

const read = createReadTool();
const write = createWriteTool();
const edit = createEditTool();
const multiEdit = createMultiEditTool();

describe('Read', () => {
  it('numbers lines cat -n style and honours offset/limit', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'a.txt'), 'one\ntwo\nthree\nfour\n');
    const ctx = makeContext(root);
    expect(text(await run(read, { file_path: join(root, 'a.txt') }, ctx))).toBe(
      '     1\tone\n     2\ttwo\n     3\tthree\n     4\tfour',
    );
    const page = text(await run(read, { file_path: 'a.txt', offset: 2, limit: 2 }, ctx));
    expect(page).toContain('     2\ttwo\n     3\tthree');
    expect(page).toContain('Continue with offset: 4');
    expect(ctx.state.readTimestamps.get(join(root, 'a.txt'))).toBeTypeOf('number');
  });

  it('accepts claw-code read_file {path}', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'a.txt'), 'x');
    expect(text(await run(read, { path: 'a.txt' }, makeContext(root)))).toBe('     1\tx');
  });

  it('cuts long lines, notices empty files, refuses binary, directories and missing files', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'long.txt'), `${'x'.repeat(5000)}\n`);
    await writeFile(join(root, 'empty.txt'), '');
    await writeFile(join(root, 'bin.dat'), Buffer.from([1, 2, 0, 3]));
    const ctx = makeContext(root);
    const long = text(await run(read, { file_path: 'long.txt' }, ctx));
    expect(long.length).toBeLessThan(2100);
    expect(long).toContain('[line truncated]');
    expect(text(await run(read, { file_path: 'empty.txt' }, ctx))).toContain('exists but is empty');
    const binary = await run(read, { file_path: 'bin.dat' }, ctx);
    expect(binary.isError).toBe(true);
    expect(text(binary)).toContain('binary');
    expect((await run(read, { file_path: '.' }, ctx)).isError).toBe(true);
    expect(text(await run(read, { file_path: 'nope.txt' }, ctx))).toContain('does not exist');
  });

  it('refuses whole reads of huge files with a paging hint, but pages them', async () => {
    const root = await tempDir();
    const lines = Array.from({ length: 40_000 }, (_, index) => `line ${index + 1} ${'y'.repeat(20)}`);
    await writeFile(join(root, 'big.log'), lines.join('\n'));
    const ctx = makeContext(root);
    const whole = await run(read, { file_path: 'big.log' }, ctx);
    expect(whole.isError).toBe(true);
    expect(text(whole)).toMatch(/offset and limit/);
    const page = text(await run(read, { file_path: 'big.log', offset: 39_999, limit: 5 }, ctx));
    expect(page).toBe(` 39999\tline 39999 ${'y'.repeat(20)}\n 40000\tline 40000 ${'y'.repeat(20)}`);
  });

  it('returns images as image blocks', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'p.png'), Buffer.from('89504e470d0a1a0a0000', 'hex'));
    const result = await run(read, { file_path: 'p.png' }, makeContext(root));
    expect(Array.isArray(result.content)).toBe(true);
    expect(result.content[0]).toMatchObject({ type: 'image', source: { media_type: 'image/png' } });
  });
});

describe('Write', () => {
  it('creates files and parents, and reports a diff', async () => {
    const root = await tempDir();
    const ctx = makeContext(root);
    const result = await run(write, { file_path: 'deep/er/new.txt', content: 'hello\n' }, ctx);
    expect(result.isError).toBeFalsy();
    expect(await readFile(join(root, 'deep/er/new.txt'), 'utf8')).toBe('hello\n');
    expect(result.display).toMatchObject({ kind: 'diff', created: true, path: 'deep/er/new.txt' });
    expect(result.display?.kind === 'diff' && result.display.diff).toContain('+hello');
  });

  it('requires a Read first and refuses stale writes', async () => {
    const root = await tempDir();
    const file = join(root, 'f.txt');
    await writeFile(file, 'old\n');
    const ctx = makeContext(root);
    const unread = await run(write, { file_path: file, content: 'new' }, ctx);
    expect(text(unread)).toMatch(/has not been read/);
    await run(read, { file_path: file }, ctx);
    await writeFile(file, 'changed behind our back\n');
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    expect(text(await run(write, { file_path: file, content: 'new' }, ctx))).toMatch(
      /modified since it was last read/,
    );
    await run(read, { file_path: file }, ctx);
    expect((await run(write, { file_path: file, content: 'new' }, ctx)).isError).toBeFalsy();
  });

  it('keeps CRLF, BOM, final newline and mode of an existing file', async () => {
    const root = await tempDir();
    const file = join(root, 'win.txt');
    await writeFile(file, '\uFEFFa\r\nb\r\n');
    await chmod(file, 0o754);
    const ctx = makeContext(root);
    await run(read, { file_path: file }, ctx);
    await run(write, { file_path: file, content: 'x\ny' }, ctx);
    expect(await readFile(file, 'utf8')).toBe('\uFEFFx\r\ny\r\n');
    expect((await stat(file)).mode & 0o777).toBe(0o754);
  });
});

describe('Edit', () => {
  async function setup(content: string) {
    const root = await tempDir();
    const file = join(root, 'code.ts');
    await writeFile(file, content);
    const ctx = makeContext(root);
    await run(read, { file_path: file }, ctx);
    return { root, file, ctx };
  }

  it('replaces a unique match and shows a diff', async () => {
    const { file, ctx } = await setup('const a = 1;\nconst b = 2;\n');
    const result = await run(
      edit,
      { file_path: file, old_string: 'const b = 2;', new_string: 'const b = 3;' },
      ctx,
    );
    expect(result.isError).toBeFalsy();
    expect(await readFile(file, 'utf8')).toBe('const a = 1;\nconst b = 3;\n');
    expect(result.display?.kind === 'diff' && result.display.diff).toContain('-const b = 2;\n+const b = 3;');
  });

  it('refuses ambiguous matches, listing the lines, unless replace_all', async () => {
    const { file, ctx } = await setup('x = 1\ny = 2\nx = 1\n');
    const ambiguous = await run(edit, { file_path: file, old_string: 'x = 1', new_string: 'x = 9' }, ctx);
    expect(text(ambiguous)).toMatch(/Found 2 matches.*lines 1, 3/);
    expect(await readFile(file, 'utf8')).toBe('x = 1\ny = 2\nx = 1\n');
    await run(edit, { file_path: file, old_string: 'x = 1', new_string: 'x = 9', replace_all: true }, ctx);
    expect(await readFile(file, 'utf8')).toBe('x = 9\ny = 2\nx = 9\n');
  });

  it('shows the closest lines when old_string is not found', async () => {
    const { file, ctx } = await setup('function f() {\n\treturn compute(a, b);\n}\n');
    const wrongIndent = await run(
      edit,
      { file_path: file, old_string: '    return compute(a, b);', new_string: 'x' },
      ctx,
    );
    expect(text(wrongIndent)).toMatch(/Lines 2-2 matches when whitespace is ignored/);
    expect(text(wrongIndent)).toContain('     2\t\treturn compute(a, b);');
    const typo = await run(
      edit,
      { file_path: file, old_string: 'return compute(a, c);', new_string: 'x' },
      ctx,
    );
    expect(text(typo)).toMatch(/closest match \(\d+% similar\)/);
    const numbered = await run(
      edit,
      { file_path: file, old_string: '     2\treturn compute(a, b);', new_string: 'x' },
      ctx,
    );
    expect(text(numbered)).toMatch(/line numbers from Read output/);
  });

  it('matches LF old_string against a CRLF file and keeps CRLF', async () => {
    const { file, ctx } = await setup('a\r\nb\r\nc\r\n');
    await run(edit, { file_path: file, old_string: 'a\nb', new_string: 'A\nB\nB2' }, ctx);
    expect(await readFile(file, 'utf8')).toBe('A\r\nB\r\nB2\r\nc\r\n');
  });

  it('keeps a missing final newline missing', async () => {
    const { file, ctx } = await setup('a\nb');
    await run(edit, { file_path: file, old_string: 'b', new_string: 'c' }, ctx);
    expect(await readFile(file, 'utf8')).toBe('a\nc');
  });

  it('rejects identical strings and edits of unread files; creates files with empty old_string', async () => {
    const { root, file, ctx } = await setup('a\n');
    expect(text(await run(edit, { file_path: file, old_string: 'a', new_string: 'a' }, ctx))).toMatch(
      /identical/,
    );
    await writeFile(join(root, 'other.ts'), 'z');
    expect(text(await run(edit, { file_path: 'other.ts', old_string: 'z', new_string: 'y' }, ctx))).toMatch(
      /has not been read/,
    );
    await run(edit, { path: 'fresh.ts', old_string: '', new_string: 'new file\n' }, ctx);
    expect(await readFile(join(root, 'fresh.ts'), 'utf8')).toBe('new file\n');
  });
});

describe('MultiEdit', () => {
  it('applies edits in order, all or nothing', async () => {
    const root = await tempDir();
    const file = join(root, 'm.txt');
    await writeFile(file, 'alpha beta gamma\n');
    const ctx = makeContext(root);
    await run(read, { file_path: file }, ctx);
    const failing = await run(
      multiEdit,
      {
        file_path: file,
        edits: [
          { old_string: 'alpha', new_string: 'ALPHA' },
          { old_string: 'missing', new_string: 'x' },
        ],
      },
      ctx,
    );
    expect(text(failing)).toMatch(/Edit 2 of 2 failed; no edit was applied/);
    expect(await readFile(file, 'utf8')).toBe('alpha beta gamma\n');
    const ok = await run(
      multiEdit,
      {
        file_path: file,
        edits: [
          { old_string: 'alpha', new_string: 'ALPHA' },
          { old_string: 'ALPHA beta', new_string: 'AB' },
        ],
      },
      ctx,
    );
    expect(ok.isError).toBeFalsy();
    expect(await readFile(file, 'utf8')).toBe('AB gamma\n');
  });
});
