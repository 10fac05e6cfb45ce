import type { ReadOnlyVerdict } from './read-only.js';

const yes: ReadOnlyVerdict = { readOnly: true };
const no = (reason: string): ReadOnlyVerdict => ({ readOnly: false, reason });

/** Subcommands that only read, given the global and per-command checks below. */
const READ_ONLY_SUBCOMMANDS = new Set([
  'status',
  'log',
  'diff',
  'show',
  'blame',
  'rev-parse',
  'ls-files',
  'grep',
  'ls-tree',
  'cat-file',
  'describe',
  'shortlog',
  'merge-base',
  'name-rev',
  'for-each-ref',
  'show-ref',
  'count-objects',
  'rev-list',
]);

/**
 * Whether a git invocation only reads. git runs programs named in configuration (`core.fsmonitor`,
 * `core.pager`, `diff.external`, hooks), so anything that can change configuration or point git at another
 * repository is not read-only: `-c`, `--git-dir`, `--work-tree`, `-C`, `--exec-path`, `config` writes.
 */
export function isReadOnlyGit(args: string[]): ReadOnlyVerdict {
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) break;
    if (
      arg === '--no-pager' ||
      arg === '-P' ||
      arg === '--no-optional-locks' ||
      arg === '--literal-pathspecs'
    ) {
      continue;
    }
    if (arg === '--version' || arg === '--help') return yes;
    return no(`\`git ${arg}\` can change what git runs or where it writes`);
  }
  const sub = args[i];
  const rest = args.slice(i + 1);
  if (sub === undefined) return yes;
  if (rest.some(writesOutput)) {
    return no('`--output` writes a file');
  }
  if (READ_ONLY_SUBCOMMANDS.has(sub)) {
    if (sub === 'grep' && rest.some((arg) => arg === '-O' || arg.startsWith('--open-files-in-pager'))) {
      return no('`git grep -O` runs a pager command');
    }
    if (rest.some((arg) => arg === '--ext-diff')) return no('`--ext-diff` runs an external program');
    return yes;
  }
  switch (sub) {
    case 'branch':
      return gitBranch(rest);
    case 'stash':
      return rest[0] === 'list' || rest[0] === 'show' ? yes : no('`git stash` changes the working tree');
    case 'tag': {
      const listing = rest.length === 0 || rest.includes('-l') || rest.includes('--list');
      return listing && !rest.some(isWriteTagArg) ? yes : no('`git tag` changes tags');
    }
    case 'remote':
      return rest.length === 0 || (rest.length === 1 && rest[0] === '-v')
        ? yes
        : no('`git remote` changes remotes');
    case 'config':
      return gitConfig(rest);
    case 'reflog':
      return rest.length === 0 || rest[0] === 'show' ? yes : no('`git reflog` changes the reflog');
    case 'worktree':
      return rest[0] === 'list' ? yes : no('`git worktree` changes worktrees');
    default:
      return no(`\`git ${sub}\` is not a known read-only git command`);
  }
}

/** `--output=F`, `-oF`, `-o F`, and git's accepted abbreviations (`--outp=F`). */
function writesOutput(arg: string): boolean {
  if (/^-o/.test(arg)) return true;
  const name = arg.split('=')[0] ?? arg;
  return name.length >= 4 && ['--output', '--output-directory'].some((option) => option.startsWith(name));
}

function isWriteTagArg(arg: string): boolean {
  return ['-d', '--delete', '-a', '-s', '-f', '-m', '-F', '-u', '--force'].includes(arg);
}

const BRANCH_LIST_FLAGS = new Set([
  '-a',
  '--all',
  '-r',
  '--remotes',
  '-v',
  '-vv',
  '--verbose',
  '--list',
  '-l',
  '--show-current',
  '--no-color',
  '--color',
  '--merged',
  '--no-merged',
  '--contains',
  '--no-contains',
]);

function gitBranch(rest: string[]): ReadOnlyVerdict {
  const listing = rest.includes('--list') || rest.includes('-l');
  for (const arg of rest) {
    if (arg.startsWith('-')) {
      if (
        !BRANCH_LIST_FLAGS.has(arg.split('=')[0] ?? arg) &&
        !arg.startsWith('--sort') &&
        !arg.startsWith('--format')
      ) {
        return no(`\`git branch ${arg}\` changes branches`);
      }
    } else if (!listing) {
      // Without --list a positional argument is the name of a branch to create.
      return no('`git branch NAME` creates a branch');
    }
  }
  return yes;
}

const CONFIG_READ_FLAGS = new Set([
  '--get',
  '--get-all',
  '--get-regexp',
  '--list',
  '-l',
  '--show-origin',
  '--show-scope',
  '--name-only',
  '--global',
  '--local',
  '--system',
  '--null',
  '-z',
  '--includes',
  '--no-includes',
  'get',
  'list',
]);

function gitConfig(rest: string[]): ReadOnlyVerdict {
  const reads = rest.some((arg) =>
    ['--get', '--get-all', '--get-regexp', '--list', '-l', 'get', 'list'].includes(arg),
  );
  if (!reads) return no('`git config` changes configuration');
  const flags = rest.filter((arg) => arg.startsWith('-') || arg === 'get' || arg === 'list');
  return flags.every((arg) => CONFIG_READ_FLAGS.has(arg)) ? yes : no('`git config` changes configuration');
}
