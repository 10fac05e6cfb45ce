import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Small deterministic PRNG so the corpus is the same on every run. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = [
  'foo',
  'Foo',
  'bar12',
  'baz7',
  'import x',
  'the end',
  'abc',
  'a-c',
  'start',
  'stop',
  'TODO: fix',
  'héllo',
  'naïve',
  'ΣΑΣ',
  'x\ty',
  '  indent',
  '{}',
  'fn(a, b)',
];

/**
 * A tree that exercises every rule both grep engines must agree on: ignore files (nested, negated), hidden
 * files, binary files, CRLF, BOM, long lines, unicode, several extensions, node_modules (searched by rg).
 */
export async function writeGrepCorpus(root: string, files = 300): Promise<void> {
  const random = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const put = async (path: string, content: string | Buffer) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  };
  const exts = ['ts', 'js', 'py', 'md', 'txt', 'tsx', 'json'];
  const dirs = [
    'src',
    'src/lib',
    'src/lib/deep',
    'docs',
    'test',
    'build',
    'node_modules/pkg',
    'logs',
    'vendor/keep',
    'vendor/drop',
  ];
  for (let index = 0; index < files; index++) {
    const lineCount = 1 + Math.floor(random() * 30);
    const lines = Array.from({ length: lineCount }, () =>
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(WORDS)).join(' '),
    );
    const crlf = random() < 0.1;
    const finalNewline = random() < 0.85;
    let body = lines.join(crlf ? '\r\n' : '\n') + (finalNewline ? (crlf ? '\r\n' : '\n') : '');
    if (random() < 0.05) body = `\uFEFF${body}`;
    await put(`${pick(dirs)}/f${index}.${pick(exts)}`, body);
  }
  await put('.gitignore', 'build/\n*.log\nvendor/*\n!vendor/keep/\n');
  await put('src/lib/ignored-here.ts', 'foo bar12\n');
  await put('logs/app.log', 'foo in a log\n');
  await put('.hidden/secret.ts', 'foo hidden\n');
  await put('src/.dotfile.ts', 'foo dot\n');
  await put(
    'src/binary.ts',
    Buffer.concat([Buffer.from('foo\n'), Buffer.from([0, 1, 2]), Buffer.from('foo\n')]),
  );
  await put('src/long.ts', `${'foo '.repeat(300)}\nend of the end\n`);
  await put('src/empty.ts', '');
  await put('.env.py', 'foo in a hidden python file\n');
  await put('src/lib/.keep.py', 'foo re-included\n');
  await put('src/lib/.gitignore', 'ignored-here.ts\n!.keep.py\n');
  await put('src/multi.py', 'start here\nmiddle\nstop there\nstart again stop\n');
  // rg transcodes UTF-16 that starts with a BOM; without one it is binary (NUL bytes).
  const bom16 = (bytes: number[], text: string, swap: boolean) => {
    const body = Buffer.from(text, 'utf16le');
    return Buffer.concat([Buffer.from(bytes), swap ? body.swap16() : body]);
  };
  await put('src/utf16le.txt', bom16([0xff, 0xfe], 'foo in utf-16le\r\nhéllo\r\n', false));
  await put('src/utf16be.txt', bom16([0xfe, 0xff], 'foo in utf-16be\nnaïve\n', true));
  await put('src/utf16-nobom.txt', Buffer.from('foo without a bom\n', 'utf16le'));
  // Precedence across kinds: a parent's .ignore beats a deeper .gitignore's re-inclusion (rg's order).
  await put('.ignore', 'src/prec/kept.ts\n');
  await put('src/prec/.gitignore', '!kept.ts\n');
  await put('src/prec/kept.ts', 'foo ignored by the parent .ignore\n');
  // A nested repository: the outer .gitignore (`build/`, `*.log`) stops at its root, the outer .ignore does not.
  await mkdir(join(root, 'nested/.git'), { recursive: true });
  await put('nested/app.log', 'foo in a log of the nested repo\n');
  await put('nested/build/out.ts', 'foo built in the nested repo\n');
  await put('nested/src/prec/kept.ts', 'foo (the outer .ignore names src/prec/kept.ts from its own root)\n');
}
