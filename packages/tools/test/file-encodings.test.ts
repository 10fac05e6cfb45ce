import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEditTool, createMultiEditTool, createReadTool, createWriteTool } from '../src/index.js';
import { makeContext, run, tempDir, text } from './helpers.js';

const read = createReadTool();
const write = createWriteTool();
const edit = createEditTool();
const multiEdit = createMultiEditTool();

const LATIN1 = Buffer.from('caf\xe9\nhi\n', 'latin1');
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) =>
  Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

async function fileWith(bytes: Buffer | string, name = 'f.txt') {
  const root = await tempDir();
  await writeFile(join(root, name), bytes);
  const ctx = makeContext(root);
  return { root, ctx, path: join(root, name) };
}

describe('files that are not valid UTF-8', () => {
  it('Edit refuses them and leaves every byte as it was', async () => {
    const { ctx, path } = await fileWith(LATIN1);
    await run(read, { file_path: path }, ctx);
    const result = await run(edit, { file_path: path, old_string: 'hi', new_string: 'yo' }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/is not valid UTF-8.*Write/s);
    expect(await readFile(path)).toEqual(LATIN1);
  });

  it('MultiEdit refuses them too', async () => {
    const { ctx, path } = await fileWith(LATIN1);
    await run(read, { file_path: path }, ctx);
    const result = await run(
      multiEdit,
      { file_path: path, edits: [{ old_string: 'hi', new_string: 'yo' }] },
      ctx,
    );
    expect(result.isError).toBe(true);
    expect(await readFile(path)).toEqual(LATIN1);
  });

  it('Write may replace them whole, as UTF-8, and says so', async () => {
    const { ctx, path } = await fileWith(LATIN1);
    await run(read, { file_path: path }, ctx);
    const result = await run(write, { file_path: path, content: 'café\nyo\n' }, ctx);
    expect(result.isError).toBeFalsy();
    expect(text(result)).toContain('not valid UTF-8 before; it is UTF-8 now');
    expect(await readFile(path, 'utf8')).toBe('café\nyo\n');
  });

  it('Read shows them decoded as Latin-1, with a note saying so', async () => {
    const { ctx, path } = await fileWith(LATIN1);
    const shown = text(await run(read, { file_path: path }, ctx));
    expect(shown).toContain('     1\tcafé\n     2\thi');
    expect(shown).toMatch(/not valid UTF-8; it is shown decoded as Latin-1/);
  });

  it('a valid UTF-8 file is edited without touching its other bytes', async () => {
    const original = Buffer.from('\uFEFFcafé — ✓\r\nhi\r\n', 'utf8');
    const { ctx, path } = await fileWith(original);
    await run(read, { file_path: path }, ctx);
    expect(
      (await run(edit, { file_path: path, old_string: 'hi', new_string: 'yo' }, ctx)).isError,
    ).toBeFalsy();
    expect(await readFile(path)).toEqual(Buffer.from('\uFEFFcafé — ✓\r\nyo\r\n', 'utf8'));
  });
});

describe('UTF-16 files with a BOM', () => {
  it.each([
    ['UTF-16LE', utf16le],
    ['UTF-16BE', utf16be],
  ])('%s: Read shows them, Edit keeps the encoding and BOM', async (_name, encode) => {
    const { ctx, path } = await fileWith(encode('naïve\r\nhi\r\n'));
    expect(text(await run(read, { file_path: path }, ctx))).toBe('     1\tnaïve\n     2\thi');
    const result = await run(edit, { file_path: path, old_string: 'hi', new_string: 'yo ✓' }, ctx);
    expect(result.isError).toBeFalsy();
    expect(await readFile(path)).toEqual(encode('naïve\r\nyo ✓\r\n'));
  });

  it('UTF-16 without a BOM is still binary', async () => {
    const { ctx, path } = await fileWith(Buffer.from('hi\n', 'utf16le'));
    const result = await run(read, { file_path: path }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('binary');
  });
});

describe('an existing empty file has no style to keep', () => {
  it.each([
    ['Write keeps the final newline', 'a\nb\n'],
    ['Write without a final newline adds none', 'a\nb'],
  ])('%s', async (_name, content) => {
    const { ctx, path } = await fileWith('');
    await run(read, { file_path: path }, ctx);
    expect((await run(write, { file_path: path, content }, ctx)).isError).toBeFalsy();
    expect(await readFile(path, 'utf8')).toBe(content);
  });

  it('Edit with an empty old_string fills it as written', async () => {
    const { ctx, path } = await fileWith('');
    await run(read, { file_path: path }, ctx);
    expect(
      (await run(edit, { file_path: path, old_string: '', new_string: 'x\n' }, ctx)).isError,
    ).toBeFalsy();
    expect(await readFile(path, 'utf8')).toBe('x\n');
  });

  it('a BOM-only file keeps its BOM', async () => {
    const { ctx, path } = await fileWith('\uFEFF');
    await run(read, { file_path: path }, ctx);
    expect((await run(write, { file_path: path, content: 'a\n' }, ctx)).isError).toBeFalsy();
    expect(await readFile(path, 'utf8')).toBe('\uFEFFa\n');
  });

  it('a non-empty file still keeps its missing final newline', async () => {
    const { ctx, path } = await fileWith('old');
    await run(read, { file_path: path }, ctx);
    await run(write, { file_path: path, content: 'new\n' }, ctx);
    expect(await readFile(path, 'utf8')).toBe('new');
  });
});

describe('Write counts lines as an editor does', () => {
  it.each([
    ['a\nb\n', '2 lines'],
    ['a\nb', '2 lines'],
    ['a', '1 line'],
    ['', '0 lines'],
    ['\n', '1 line'],
  ])('%j → %s', async (content, lines) => {
    const root = await tempDir();
    const result = await run(write, { file_path: 'n.txt', content }, makeContext(root));
    expect(text(result)).toContain(`(${lines})`);
  });
});
