import { hasAny, type OperandWord, optionSpec, parseArgs, type ReadOperands } from './arg-syntax.js';
import { scanSedScript } from './sed-script.js';

/**
 * Commands whose argument syntax needs more than a table: `find` (start points, then an expression),
 * `git` (global options, then a subcommand), `jq`/`awk`/`sed` (a program among the arguments), `date`,
 * the directory changers (`cd`, `pushd`, `popd`, `env -C`) and `xargs -a`. Returns null for any other.
 */
export function specialReadOperands(name: string, args: OperandWord[]): ReadOperands | undefined | null {
  switch (name) {
    case 'find':
      return findOperands(args);
    case 'git':
      return gitOperands(args);
    case 'jq':
      return jqOperands(args);
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk':
      return awkOperands(args);
    case 'sed':
      return sedOperands(args);
    case 'date': {
      const parsed = parseArgs(args, optionSpec('-d --date -s --set', '-f --file -r --reference'));
      return { ...none(), reads: parsed.pathValues, globs: parsed.positionals };
    }
    case 'cd':
    case 'pushd':
      return changeDirectory(name, args);
    case 'popd':
      return { ...none(), unknownCwd: 'after `popd`' };
    case 'env':
      return envOperands(args);
    case 'xargs':
      return xargsOperands(args);
    default:
      return null;
  }
}

const none = (): ReadOperands => ({ reads: [], globs: [], readsCwd: false, followsLinks: false });

const isStatic = (word: OperandWord | undefined, test: (text: string) => boolean): boolean =>
  word !== undefined && !word.dynamic && test(word.text);

/** Primaries whose value names a file `find` stats or reads. */
const FIND_PATH_PRIMARIES = new Set(['-newer', '-anewer', '-cnewer', '-samefile', '-files0-from']);
/** Primaries whose value is a pattern, a number or a format. */
const FIND_VALUE_PRIMARIES = new Set(
  (
    '-name -iname -path -ipath -wholename -iwholename -regex -iregex -lname -ilname -type -xtype -perm ' +
    '-user -group -uid -gid -size -mtime -atime -ctime -mmin -amin -cmin -maxdepth -mindepth -printf ' +
    '-fstype -links -inum -context -used -regextype -fprint -fprint0 -fls'
  ).split(' '),
);

function findOperands(args: OperandWord[]): ReadOperands {
  let followsLinks = false;
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i];
    if (isStatic(word, (t) => t === '-H' || t === '-P' || /^-O\d*$/.test(t))) continue;
    if (isStatic(word, (t) => t === '-L')) followsLinks = true;
    else if (isStatic(word, (t) => t === '-D')) i++;
    else break;
  }
  const starts: OperandWord[] = [];
  const isExpression = (word: OperandWord): boolean =>
    !word.dynamic && (word.text.startsWith('-') || ['(', ')', '!', ','].includes(word.text));
  for (; i < args.length && !isExpression(args[i] as OperandWord); i++) starts.push(args[i] as OperandWord);
  const reads = [...starts];
  for (; i < args.length; i++) {
    const text = args[i]?.text ?? '';
    if (/^-(exec|execdir|ok|okdir)$/.test(text)) {
      // The command it runs is analysed as an inner command; skip to its terminator.
      while (i < args.length && args[i]?.text !== ';' && args[i]?.text !== '+') i++;
    } else if (FIND_PATH_PRIMARIES.has(text) || /^-newer[aBcmt][aBcmt]$/.test(text)) {
      const value = args[++i];
      if (value) reads.push(value);
    } else if (FIND_VALUE_PRIMARIES.has(text)) i++;
    else if (text === '-fprintf') i += 2;
    else if (text === '-follow') followsLinks = true;
  }
  return { reads, globs: [], readsCwd: starts.length === 0, followsLinks };
}

/**
 * git reads paths outside the repository only when told to: `-C`, `--git-dir`, `--work-tree`,
 * `diff --no-index`, `blame --contents`, `grep -f`, `ls-files --exclude-from`, `diff -O<orderfile>`.
 * Other paths are pathspecs, which git refuses outside the repository.
 */
function gitOperands(args: OperandWord[]): ReadOperands {
  const reads: OperandWord[] = [];
  const treeReads: OperandWord[] = [];
  const optionValue = (i: number, option: string): OperandWord | undefined => {
    const word = args[i] as OperandWord;
    return word.text === option ? args[i + 1] : { ...word, text: word.text.slice(option.length + 1) };
  };
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i] as OperandWord;
    const text = word.text;
    if (word.dynamic || !text.startsWith('-')) break;
    const pathOption = ['-C', '--git-dir', '--work-tree'].find((o) => text === o || text.startsWith(`${o}=`));
    if (pathOption !== undefined) {
      const value = optionValue(i, pathOption);
      if (value) reads.push(value);
      if (text === pathOption) i++;
    } else if (['-c', '--config-env', '--namespace', '--super-prefix'].includes(text)) i++;
  }
  const sub = args[i]?.text;
  const rest = args.slice(i + 1);
  const pathOptions: Record<string, string[]> = {
    blame: ['--contents'],
    grep: ['-f', '--file'],
    'ls-files': ['-X', '--exclude-from'],
  };
  const options = (sub !== undefined && Object.hasOwn(pathOptions, sub) ? pathOptions[sub] : undefined) ?? [];
  const noIndex = rest.some((word) => word.text === '--no-index');
  for (let j = 0; j < rest.length; j++) {
    const word = rest[j] as OperandWord;
    const option = options.find((o) => word.text === o || word.text.startsWith(`${o}=`));
    if (option !== undefined) {
      const value = word.text === option ? rest[++j] : { ...word, text: word.text.slice(option.length + 1) };
      if (value) reads.push(value);
    } else if (['diff', 'log', 'show'].includes(sub ?? '') && /^-O./.test(word.text)) {
      reads.push({ ...word, text: word.text.slice(2) });
    } else if (noIndex && (word.dynamic || !word.text.startsWith('-'))) reads.push(word);
    else if (['show', 'cat-file'].includes(sub ?? '') && !word.text.startsWith('-')) {
      // `git show HEAD:.env`, `git show :.env` (the index): a file as committed or staged.
      const path = /^[^:]*:(?:[0-3]:)?(.+)$/.exec(word.text)?.[1];
      if (path !== undefined) treeReads.push({ ...word, text: path });
    }
  }
  // `git grep` reads every tracked file under the directory it runs in.
  if (sub === 'grep') return { ...none(), reads, readsCwd: true, recursive: true };
  return { ...none(), reads, treeReads };
}

/** `jq [options] FILTER [FILES…]`; `--arg NAME VALUE` takes two words, `--slurpfile NAME FILE` reads FILE. */
function jqOperands(args: OperandWord[]): ReadOperands {
  const reads: OperandWord[] = [];
  const positionals: OperandWord[] = [];
  let filterGiven = false;
  let afterDashDash = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as OperandWord;
    const text = word.text;
    if (afterDashDash || word.dynamic || !text.startsWith('-') || text === '-') positionals.push(word);
    else if (text === '--') afterDashDash = true;
    else if (text === '--arg' || text === '--argjson') i += 2;
    else if (text === '--slurpfile' || text === '--rawfile') {
      const file = args[i + 2];
      if (file) reads.push(file);
      i += 2;
    } else if (text === '-f' || text === '--from-file' || text === '-L' || text === '--library-path') {
      const file = args[++i];
      if (file) reads.push(file);
      if (text === '-f' || text === '--from-file') filterGiven = true;
    } else if (/^-L./.test(text)) reads.push({ ...word, text: text.slice(2) });
    else if (text === '--indent') i++;
  }
  const skip = filterGiven ? 0 : 1;
  return { ...none(), reads: [...reads, ...positionals.slice(skip)], globs: positionals.slice(0, skip) };
}

/** `awk [options] 'PROGRAM' [FILES…]`; `NAME=value` operands are assignments, not files. */
function awkOperands(args: OperandWord[]): ReadOperands {
  const parsed = parseArgs(
    args,
    optionSpec('-F -v --field-separator --assign -e --source', '-f --file -i --include -E --exec -l --load'),
  );
  const skip = hasAny(parsed.seen, '-f --file -e --source -E --exec') ? 0 : 1;
  const files = parsed.positionals
    .slice(skip)
    .filter((word) => word.dynamic || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.text));
  return { ...none(), reads: [...parsed.pathValues, ...files], globs: parsed.positionals.slice(0, skip) };
}

/** `sed [options] SCRIPT [FILES…]`, where the script's own `r FILE` / `R FILE` commands read files too. */
function sedOperands(args: OperandWord[]): ReadOperands {
  const scripts: OperandWord[] = [];
  const reads: OperandWord[] = [];
  const positionals: OperandWord[] = [];
  let afterDashDash = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as OperandWord;
    const text = word.text;
    if (afterDashDash || word.dynamic || !text.startsWith('-') || text === '-') positionals.push(word);
    else if (text === '--') afterDashDash = true;
    else if (text.startsWith('--expression=')) scripts.push({ ...word, text: text.slice(13) });
    else if (text.startsWith('--file=')) reads.push({ ...word, text: text.slice(7) });
    else if (text === '--expression' || /^-[a-zA-Z]*e$/.test(text)) pushNext(scripts, args[++i]);
    else if (text === '--file' || /^-[a-zA-Z]*f$/.test(text)) pushNext(reads, args[++i]);
    else if (text === '-l' || text === '--line-length') i++;
  }
  const programGiven = scripts.length > 0 || reads.length > 0;
  if (!programGiven && positionals[0]) scripts.push(positionals[0]);
  for (const script of scripts) {
    // A script computed at runtime may hold `r FILE`: count it as an unresolvable read.
    if (script.dynamic) reads.push(script);
    else for (const file of scanSedScript(script.text).reads) reads.push({ ...script, text: file });
  }
  return { ...none(), reads: [...reads, ...positionals.slice(programGiven ? 0 : 1)] };
}

function pushNext(list: OperandWord[], word: OperandWord | undefined): void {
  if (word) list.push(word);
}

/** `cd [-L|-P|-e|-@] [DIR]` (no DIR: home) and `pushd [DIR|+N|-N]`. */
function changeDirectory(name: string, args: OperandWord[]): ReadOperands {
  const operands = args.filter((word) => word.dynamic || !/^-[LPe@n]+$/.test(word.text));
  const target = operands[0];
  if (target === undefined) {
    if (name === 'pushd') return { ...none(), unknownCwd: 'after `pushd`' };
    return { ...none(), chdir: { text: '~', dynamic: false, globbing: false, index: args.length + 1 } };
  }
  if (!target.dynamic && (target.text === '-' || /^[+-]\d+$/.test(target.text))) {
    return { ...none(), unknownCwd: `after \`${name} ${target.text}\`` };
  }
  return { ...none(), chdir: target };
}

/** `env -C DIR CMD` runs CMD in DIR. */
function envOperands(args: OperandWord[]): ReadOperands {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as OperandWord;
    const text = word.text;
    if (word.dynamic || !text.startsWith('-') || text === '--') break;
    if (text === '--chdir' || /^-[a-zA-Z]*C$/.test(text)) return { ...none(), chdir: args[i + 1] };
    if (text.startsWith('--chdir=')) return { ...none(), chdir: { ...word, text: text.slice(8) } };
    const attached = /^-[a-zA-Z]*C(.+)$/.exec(text)?.[1];
    if (attached !== undefined) return { ...none(), chdir: { ...word, text: attached } };
    if (text === '-u' || text === '--unset') i++;
  }
  return none();
}

/** `xargs -a FILE` reads its arguments from FILE; the command it runs is analysed as an inner command. */
function xargsOperands(args: OperandWord[]): ReadOperands {
  const reads: OperandWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as OperandWord;
    const text = word.text;
    if (word.dynamic || !text.startsWith('-') || text === '--') break;
    if (text === '-a' || text === '--arg-file') pushNext(reads, args[++i]);
    else if (text.startsWith('--arg-file=')) reads.push({ ...word, text: text.slice(11) });
    else if (/^-a./.test(text)) reads.push({ ...word, text: text.slice(2) });
    else if (
      /^-[ILnPsdE]$/.test(text) ||
      /^--(delimiter|max-args|max-procs|max-lines|max-chars|replace|eof|process-slot-var)$/.test(text)
    )
      i++;
  }
  return { ...none(), reads };
}
