import { basename } from 'node:path';
import {
  hasAny,
  type OperandWord,
  type OptionSpec,
  optionSpec,
  parseArgs,
  type ReadOperands,
} from './arg-syntax.js';
import { specialReadOperands } from './read-operands-special.js';

export type { OperandWord, ReadOperands };

interface ReaderSpec {
  options: OptionSpec;
  /** The first positional is a pattern, script or filter (grep, sed, jq), unless one of these supplied it. */
  programUnless?: string;
  readsCwd?: (seen: ReadonlySet<string>) => boolean;
  followsLinks?: (seen: ReadonlySet<string>) => boolean;
  recursive?: (seen: ReadonlySet<string>) => boolean;
}

const reader = (values: string, paths = '', extra: Omit<ReaderSpec, 'options'> = {}): ReaderSpec => ({
  options: optionSpec(values, paths),
  ...extra,
});

const GREP = reader(
  '-e --regexp -m --max-count -A -B -C --after-context --before-context --context --label ' +
    '--include --exclude --exclude-dir --binary-files -d --directories -D --devices --group-separator',
  '-f --file --exclude-from',
  {
    programUnless: '-e --regexp -f --file',
    readsCwd: (seen) => hasAny(seen, '-r -R --recursive --dereference-recursive'),
    followsLinks: (seen) => hasAny(seen, '-R --dereference-recursive'),
    recursive: (seen) => hasAny(seen, '-r -R --recursive --dereference-recursive'),
  },
);

/**
 * Commands whose arguments are files or directories they read (every positional, unless `programUnless`),
 * with the options that take a value. A command not listed here and not in `DATA_ONLY` is not examined:
 * it is not read-only, so it needs danger-full-access anyway.
 */
const READERS: Record<string, ReaderSpec> = {
  cat: reader(''),
  tac: reader('-s --separator'),
  nl: reader('-b -d -f -h -i -l -n -s -v -w'),
  head: reader('-n -c --lines --bytes'),
  tail: reader('-n -c --lines --bytes -s --sleep-interval --pid --max-unchanged-stats'),
  less: reader('-b -h -j -p -P -t -x -y -z -# --pattern --tag', '-k -o -O -T --tag-file --log-file'),
  more: reader('-n --lines'),
  wc: reader('', '--files0-from'),
  cut: reader('-b -c -f -d --bytes --characters --fields --delimiter --output-delimiter'),
  paste: reader('-d --delimiters'),
  fold: reader('-w --width'),
  rev: reader(''),
  comm: reader('--output-delimiter'),
  column: reader('-c -s -o -N -R -T -E -H -W -l -n -r -i -p --separator --output-separator'),
  sort: reader(
    '-k --key -t --field-separator -S --buffer-size --parallel --batch-size',
    '-T --temporary-directory --files0-from --random-source -o --output',
  ),
  uniq: reader('-f -s -w --skip-fields --skip-chars --check-chars'),
  grep: GREP,
  egrep: GREP,
  fgrep: GREP,
  rg: reader(
    '-e --regexp -A -B -C --after-context --before-context --context -m --max-count -g --glob --iglob ' +
      '-t --type -T --type-not --type-add --type-clear -M --max-columns -j --threads -d --max-depth ' +
      '-E --encoding -r --replace --sort --sortr --color --colors --context-separator ' +
      '--field-match-separator --field-context-separator --path-separator --dfa-size-limit ' +
      '--regex-size-limit --max-filesize --engine --pre-glob --hyperlink-format',
    '-f --file --ignore-file',
    {
      programUnless: '-e --regexp -f --file --files --type-list',
      readsCwd: () => true,
      followsLinks: (seen) => hasAny(seen, '-L --follow'),
      recursive: () => true,
    },
  ),
  ls: reader(
    '-w --width -T --tabsize -I --ignore --hide --format --sort --time --time-style ' +
      '--block-size --quoting-style --indicator-style',
    '',
    {
      readsCwd: () => true,
      followsLinks: (seen) => hasAny(seen, '-L --dereference') && hasAny(seen, '-R --recursive'),
    },
  ),
  tree: reader('-L -P -I -H -T --filelimit --timefmt --charset --sort', '-o --output --fromfile', {
    readsCwd: () => true,
    followsLinks: (seen) => seen.has('-l'),
  }),
  du: reader(
    '-d --max-depth -B --block-size -t --threshold --exclude --time-style',
    '-X --exclude-from --files0-from',
    {
      readsCwd: () => true,
      followsLinks: (seen) => hasAny(seen, '-L --dereference'),
    },
  ),
  // GNU diff follows symlinks unless --no-dereference.
  diff: reader(
    '-x --exclude -I --ignore-matching-lines -F --show-function-line -L --label -C -U ' +
      '-W --width --tabsize -S --starting-file -D --ifdef --line-format --old-line-format ' +
      '--new-line-format --unchanged-line-format --horizon-lines --palette',
    '-X --exclude-from --from-file --to-file',
    {
      followsLinks: (seen) => hasAny(seen, '-r --recursive') && !seen.has('--no-dereference'),
      recursive: (seen) => hasAny(seen, '-r --recursive'),
    },
  ),
  cmp: reader('-i --ignore-initial -n --bytes'),
  stat: reader('-c --format --printf'),
  file: reader(
    '-F --separator -e --exclude -P --parameter --exclude-quiet',
    '-m --magic-file -f --files-from',
  ),
  realpath: reader(''),
  readlink: reader(''),
  xxd: reader('-c -g -l -o -s -n -cols -groupsize -len -offset -seek -name'),
  od: reader('-A -j -N -S -t --address-radix --skip-bytes --read-bytes --format'),
  hexdump: reader('-e -n -s', '-f'),
  strings: reader('-n --bytes -t --radix -e --encoding -T --target -s --output-separator'),
  md5sum: reader(''),
  sha1sum: reader(''),
  sha256sum: reader(''),
  sha512sum: reader(''),
  cksum: reader('-a --algorithm -l --length'),
};

/** Read-only commands whose arguments are data, not paths; only a glob among them reads (a directory). */
const DATA_ONLY = new Set([
  'echo',
  'printf',
  'pwd',
  'tr',
  'which',
  'whoami',
  'uname',
  'true',
  'false',
  'test',
  '[',
  'basename',
  'dirname',
  'id',
  'type',
  'seq',
  'printenv',
  'nproc',
  'sleep',
  'expr',
  'groups',
  'uptime',
  'locale',
  'getconf',
  'hostname',
  'df',
]);

/**
 * What a command reads, from its name and arguments, or undefined for a command this module does not know
 * (a wrapper such as `timeout` is not examined itself: the command it runs is, as its inner node).
 */
export function readOperands(
  argv: readonly string[],
  dynamic: readonly boolean[],
  globbing: readonly boolean[],
): ReadOperands | undefined {
  const [command = '', ...rest] = argv;
  // `/bin/cat` reads what `cat` reads (it is not read-only, but rules on it must not cover more).
  const name = basename(command);
  const args = rest.map((text, i) => ({
    text,
    dynamic: dynamic[i + 1] === true,
    globbing: globbing[i + 1] === true,
    index: i + 1,
  }));
  const special = specialReadOperands(name, args);
  if (special !== null) return special;
  if (DATA_ONLY.has(name))
    return { reads: [], globs: args, readsCwd: false, followsLinks: false, dataOnly: true };
  const spec = Object.hasOwn(READERS, name) ? READERS[name] : undefined;
  if (spec === undefined) return undefined;
  const parsed = parseArgs(args, spec.options);
  const skip = spec.programUnless !== undefined && !hasAny(parsed.seen, spec.programUnless) ? 1 : 0;
  const reads = [...parsed.pathValues, ...parsed.positionals.slice(skip)];
  return {
    reads,
    globs: parsed.positionals.slice(0, skip),
    readsCwd: parsed.positionals.length <= skip && (spec.readsCwd?.(parsed.seen) ?? false),
    followsLinks: spec.followsLinks?.(parsed.seen) ?? false,
    ...(spec.recursive?.(parsed.seen) === true ? { recursive: true } : {}),
  };
}
