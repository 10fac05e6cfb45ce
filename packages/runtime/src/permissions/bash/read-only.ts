import { optionSpec, parseArgs } from './arg-syntax.js';
import { isReadOnlyGit } from './git-read-only.js';
import { isReadOnlySedScript } from './sed-script.js';

export interface ReadOnlyVerdict {
  readOnly: boolean;
  reason?: string;
}

const yes: ReadOnlyVerdict = { readOnly: true };
const no = (reason: string): ReadOnlyVerdict => ({ readOnly: false, reason });

/** Commands that only read, whatever their flags (writing variants are handled in `FLAG_CHECKS`). */
const ALWAYS_READ_ONLY = new Set([
  'ls',
  'cat',
  'head',
  'tail',
  'wc',
  'pwd',
  'echo',
  'grep',
  'egrep',
  'fgrep',
  'cut',
  'tr',
  'diff',
  'cmp',
  'stat',
  'du',
  'df',
  'which',
  'whoami',
  'uname',
  'true',
  'false',
  'test',
  '[',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'id',
  'nl',
  'type',
  'seq',
  'column',
  'od',
  'hexdump',
  'comm',
  'paste',
  'fold',
  'rev',
  'tac',
  'printenv',
  'nproc',
  'sha1sum',
  'sha256sum',
  'sha512sum',
  'md5sum',
  'cksum',
  'jq',
  'cd',
  'sleep',
  'expr',
  'strings',
  'groups',
  'uptime',
  'locale',
  'getconf',
]);

type FlagCheck = (args: string[]) => ReadOnlyVerdict;

/** Read-only only with some flags absent. */
const FLAG_CHECKS: Record<string, FlagCheck> = {
  rg: (args) =>
    hasOption(args, ['--pre', '--hostname-bin'])
      ? no(
          `\`rg ${args.find((a) => a.startsWith('--pre') || a.startsWith('--hostname-bin'))}\` runs a program`,
        )
      : yes,
  // `printf -v PATH …` assigns a variable, as `PATH=…` would.
  printf: (args) => (args[0]?.startsWith('-v') ? no('`printf -v` assigns a variable') : yes),
  tree: (args) =>
    usesOption(args, '-L -P -I -H -T --filelimit --timefmt --charset --sort -o --output', '-o --output')
      ? no('`tree -o` writes a file')
      : yes,
  sort: (args) =>
    usesOption(
      args,
      '-k --key -t --field-separator -S --buffer-size -T --temporary-directory --parallel --batch-size ' +
        '--files0-from --random-source -o --output --compress-program',
      '-o --output --compress-program',
    )
      ? no('`sort -o` writes a file')
      : yes,
  uniq: (args) => (positionals(args).length > 1 ? no('`uniq IN OUT` writes OUT') : yes),
  date: (args) =>
    usesOption(args, '-d --date -f --file -r --reference -s --set', '-s --set')
      ? no('`date -s` sets the clock')
      : yes,
  file: (args) =>
    usesOption(
      args,
      '-F --separator -e --exclude -P --parameter -m --magic-file -f --files-from',
      '-C --compile',
    )
      ? no('`file -C` writes a magic file')
      : yes,
  hostname: (args) => (positionals(args).length > 0 ? no('`hostname NAME` renames the host') : yes),
  xxd: (args) => (hasShortFlag(args, 'r') || positionals(args).length > 1 ? no('`xxd` writes a file') : yes),
  find: checkFind,
  sed: checkSed,
  git: isReadOnlyGit,
  env: (args) => (args.length === 0 ? yes : no('`env` runs a command')),
};

/** Classifies one command that is not a wrapper. `argv[0]` is the command name as written. */
export function classifyLeafCommand(argv: string[]): ReadOnlyVerdict {
  const [name, ...args] = argv;
  if (name === undefined) return yes;
  // `./ls` or `/tmp/cat` may be anything; only bare names resolved through PATH are known.
  if (name.includes('/')) return no(`\`${name}\` is run by path, so it is not a known command`);
  if (ALWAYS_READ_ONLY.has(name)) return yes;
  const check = FLAG_CHECKS[name];
  if (check) return check(args);
  return no(`\`${name}\` is not a known read-only command`);
}

function checkFind(args: string[]): ReadOnlyVerdict {
  for (const arg of args) {
    if (arg === '-delete') return no('`find -delete` removes files');
    if (/^-(fprint0?|fprintf|fls)$/.test(arg)) return no(`\`find ${arg}\` writes a file`);
  }
  // `-exec`/`-ok` commands are analysed as inner commands by the wrapper layer.
  return yes;
}

function checkSed(args: string[]): ReadOnlyVerdict {
  const scripts: string[] = [];
  let positionalScript = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') break;
    if (/^(-i|--in-place)/.test(arg) || /^-[a-zA-Z]*i/.test(arg)) return no('`sed -i` edits files in place');
    if (arg === '-e' || arg === '--expression') {
      scripts.push(args[++i] ?? '');
      positionalScript = false;
    } else if (arg.startsWith('--expression=')) {
      scripts.push(arg.slice('--expression='.length));
      positionalScript = false;
    } else if (arg === '-f' || arg.startsWith('--file')) {
      return no('`sed -f` runs a script file that was not inspected');
    } else if (/^-[a-zA-Z]*e$/.test(arg)) {
      scripts.push(args[++i] ?? '');
      positionalScript = false;
    }
  }
  if (positionalScript) {
    const first = positionals(args)[0];
    if (first !== undefined) scripts.push(first);
  }
  return scripts.every(isReadOnlySedScript) ? yes : no('the sed script writes files or runs commands');
}

/**
 * Whether any of `wanted` is given, parsed as getopt does: short options bundled (`-us`) or with their
 * value attached (`-s2020-01-01`, while `-dyesterday` is `-d` with a value), long ones `=`-attached or
 * abbreviated (`--se` is `--set` when no other option starts so). `values` lists the options taking a value.
 */
function usesOption(args: string[], values: string, wanted: string): boolean {
  const words = args.map((text, index) => ({ text, dynamic: false, globbing: false, index }));
  const { seen } = parseArgs(words, optionSpec(values));
  return wanted
    .split(' ')
    .some((option) =>
      option.startsWith('--')
        ? [...seen].some((given) => given.length >= 3 && given.startsWith('--') && option.startsWith(given))
        : seen.has(option),
    );
}

export function hasOption(args: string[], names: string[]): boolean {
  return args.some((arg) => names.some((name) => arg === name || arg.startsWith(`${name}=`)));
}

/** `-o`, or `o` inside a bundle like `-no`; long options are not bundles. */
function hasShortFlag(args: string[], letter: string): boolean {
  return args.some((arg) => /^-[a-zA-Z]+$/.test(arg) && arg.slice(1).includes(letter));
}

function positionals(args: string[]): string[] {
  const out: string[] = [];
  let afterDashDash = false;
  for (const arg of args) {
    if (!afterDashDash && arg === '--') afterDashDash = true;
    else if (afterDashDash || !arg.startsWith('-') || arg === '-') out.push(arg);
  }
  return out;
}
