/**
 * Commands that run other commands. Looking through them is what makes `timeout 1 rm -rf x`, `env X=1 rm`,
 * `xargs rm`, `find . -exec rm {} ;` and `bash -c 'rm x'` count as `rm` for deny rules and read-only checks.
 */

import type { StdinSource } from './types.js';

export interface InnerArgv {
  argv: string[];
  dynamic: boolean[];
  globbing: boolean[];
  /** More arguments are appended at runtime (`xargs`). */
  openArgs: boolean;
  /** What a redirection feeds its standard input (`bash <<< 'ls'`, `bash < s.sh`). */
  stdin?: StdinSource;
  /** Where the command starts in the wrapper's argv (`timeout 60 npm test` → 2). */
  at?: number;
}

export type WrapperView =
  | { kind: 'plain' }
  | {
      kind: 'wrapper';
      inner: InnerArgv[];
      /** Allow rules on the inner commands may cover the wrapper. */
      transparent: boolean;
      /** Set when the wrapper's own options make it not read-only. */
      reason?: string;
      privileged?: boolean;
    }
  /** `bash -c SCRIPT`, `eval ARGS`: the script is parsed and analysed in turn. */
  | { kind: 'script'; script: string }
  /** The command it runs cannot be known statically. */
  | { kind: 'opaque'; reason: string };

/** Variables that do not change which program runs or what it executes. */
const SAFE_ENV_NAMES =
  /^(LANG|LANGUAGE|LC_[A-Z_]+|TZ|NO_COLOR|FORCE_COLOR|CLICOLOR(_FORCE)?|TERM|COLUMNS|LINES)$/;

export function isSafeAssignment(name: string): boolean {
  return SAFE_ENV_NAMES.test(name);
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);

/**
 * Programs that run a command line they build themselves (`watch 'curl x'` through `sh -c`, `parallel`),
 * or run their arguments under options too many to follow (`strace -o f curl x`): what they run is not
 * seen, so deny rules cannot be checked against it.
 */
const OPAQUE_RUNNERS = new Set([
  'watch',
  'parallel',
  'strace',
  'ltrace',
  'valgrind',
  'gdb',
  'perf',
  'flock',
  'chroot',
  'unshare',
  'nsenter',
  'runuser',
  'su',
  'script',
  'firejail',
  'xvfb-run',
  'systemd-run',
  'busybox',
  'setpriv',
  'taskset',
  'chrt',
  'prlimit',
  'fakeroot',
  'proot',
  'dbus-run-session',
]);

/** Interpreters that read their program from standard input when given none (`echo 'code' | python`). */
const INTERPRETERS = new Set(['python', 'python2', 'python3', 'node', 'perl', 'ruby', 'php', 'lua', 'tclsh']);

export function lookThrough(
  argv: string[],
  dynamic: boolean[],
  globbing: boolean[],
  stdin?: StdinSource,
): WrapperView {
  const name = argv[0] ?? '';
  const at = (i: number): string => argv[i] ?? '';
  const innerFrom = (i: number, openArgs = false): InnerArgv[] =>
    i < argv.length
      ? [
          {
            argv: argv.slice(i),
            dynamic: dynamic.slice(i),
            globbing: globbing.slice(i),
            openArgs,
            at: i,
            ...(stdin === undefined ? {} : { stdin }),
          },
        ]
      : [];
  const wrap = (i: number, extra: Partial<Extract<WrapperView, { kind: 'wrapper' }>> = {}): WrapperView => ({
    kind: 'wrapper',
    inner: innerFrom(i),
    transparent: true,
    ...extra,
  });

  switch (name) {
    case 'sudo':
    case 'doas': {
      const i = skipOptions(argv, 1, new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-T', '-U']));
      return wrap(i, {
        transparent: false,
        privileged: true,
        reason: `\`${name}\` runs commands as another user`,
      });
    }
    case 'env': {
      let i = 1;
      let reason: string | undefined;
      for (; i < argv.length; i++) {
        const arg = at(i);
        if (arg === '-S' || arg.startsWith('--split-string') || /^-[a-zA-Z]*S/.test(arg)) {
          return { kind: 'opaque', reason: '`env -S` splits a string into a command' };
        }
        if (arg === '-u' || arg === '--unset' || arg === '-C' || arg === '--chdir') i++;
        else if (arg === '--') {
          i++;
          break;
        } else if (arg.startsWith('-')) continue;
        else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) {
          const variable = arg.slice(0, arg.indexOf('='));
          if (!isSafeAssignment(variable)) reason = `\`env\` sets ${variable}, which can change what runs`;
        } else break;
      }
      if (i >= argv.length) return { kind: 'plain' };
      // With an unsafe variable (`env PATH=/tmp/evil npm test`) a rule for the inner command must not cover it.
      return wrap(i, reason === undefined ? {} : { reason, transparent: false });
    }
    case 'timeout': {
      const i = skipOptions(argv, 1, new Set(['-s', '--signal', '-k', '--kill-after']));
      return wrap(i + 1);
    }
    case 'nice': {
      let i = 1;
      while (i < argv.length && at(i).startsWith('-')) {
        if (at(i) === '-n' || at(i) === '--adjustment') i++;
        i++;
      }
      return i >= argv.length ? { kind: 'plain' } : wrap(i);
    }
    case 'ionice':
      return wrap(skipOptions(argv, 1, new Set(['-c', '-n', '-p', '-P', '-u', '--class', '--classdata'])));
    case 'stdbuf':
      return wrap(skipOptions(argv, 1, new Set(['-i', '-o', '-e', '--input', '--output', '--error'])));
    case 'nohup':
    case 'builtin':
    case 'exec':
    case 'setsid':
    case 'time':
      return wrap(skipOptions(argv, 1, new Set()));
    case 'command': {
      if (argv.slice(1).some((arg) => arg === '-v' || arg === '-V')) return { kind: 'plain' };
      return wrap(skipOptions(argv, 1, new Set()));
    }
    case 'xargs':
      return lookThroughXargs(argv, dynamic, globbing);
    case 'find':
      return lookThroughFind(argv, dynamic, globbing);
    case 'eval':
      if (dynamic.slice(1).some(Boolean))
        return { kind: 'opaque', reason: '`eval` of a value computed at runtime' };
      return { kind: 'script', script: argv.slice(1).join(' ') };
    default:
      if (SHELLS.has(name)) return lookThroughShell(argv, dynamic, stdin);
      if (OPAQUE_RUNNERS.has(name))
        return { kind: 'opaque', reason: `\`${name}\` runs a command that is not analysed` };
      if (INTERPRETERS.has(name) && (argv.length === 1 || argv.includes('-')))
        return { kind: 'opaque', reason: `\`${name}\` reads its program from standard input` };
      return { kind: 'plain' };
  }
}

/** Skips options (and the values of `withValue` options) and a `--`; returns the index of the command. */
function skipOptions(argv: string[], from: number, withValue: Set<string>): number {
  let i = from;
  while (i < argv.length) {
    const arg = argv[i] ?? '';
    if (arg === '--') return i + 1;
    if (!arg.startsWith('-') || arg === '-') return i;
    if (withValue.has(arg)) i++;
    i++;
  }
  return i;
}

const XARGS_WITH_VALUE = new Set([
  '-I',
  '-L',
  '-n',
  '-P',
  '-s',
  '-d',
  '-E',
  '-a',
  '--arg-file',
  '--delimiter',
  '--max-args',
  '--max-procs',
  '--max-lines',
  '--max-chars',
  '--replace',
  '--eof',
  '--process-slot-var',
]);

function lookThroughXargs(argv: string[], dynamic: boolean[], globbing: boolean[]): WrapperView {
  const i = skipOptions(argv, 1, XARGS_WITH_VALUE);
  // Without a command xargs runs `echo`.
  const inner: InnerArgv =
    i < argv.length
      ? { argv: argv.slice(i), dynamic: dynamic.slice(i), globbing: globbing.slice(i), openArgs: true, at: i }
      : { argv: ['echo'], dynamic: [false], globbing: [false], openArgs: true, at: i };
  return { kind: 'wrapper', inner: [inner], transparent: true };
}

function lookThroughFind(argv: string[], dynamic: boolean[], globbing: boolean[]): WrapperView {
  const inner: InnerArgv[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(argv[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < argv.length && argv[end] !== ';' && argv[end] !== '+') end++;
    if (end >= argv.length)
      return { kind: 'opaque', reason: `\`find ${argv[i]}\` is not terminated by ; or +` };
    inner.push({
      argv: argv.slice(start, end),
      dynamic: dynamic.slice(start, end),
      globbing: globbing.slice(start, end),
      openArgs: argv[end] === '+',
      at: start,
    });
    i = end;
  }
  if (inner.length === 0) return { kind: 'plain' };
  return { kind: 'wrapper', inner, transparent: true };
}

function lookThroughShell(argv: string[], dynamic: boolean[], stdin: StdinSource | undefined): WrapperView {
  const shell = argv[0] ?? 'sh';
  // `-s`: commands come from standard input even when operands follow (they are positional parameters).
  let fromStdin = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--version' || arg === '--help') return { kind: 'plain' };
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    // `-o OPTION` / `+O OPTION` take a value.
    if (arg === '-o' || arg === '-O') i++;
    if (/^-[a-zA-Z]*s[a-zA-Z]*$/.test(arg)) fromStdin = true;
    // `-c`, and bundles such as `-lc` or `-ec`: the next non-option word is the script.
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(arg)) {
      let j = i + 1;
      while (j < argv.length && (argv[j] ?? '').startsWith('-') && argv[j] !== '-') j++;
      if (j >= argv.length) return { kind: 'opaque', reason: `\`${argv[0]} -c\` without a script` };
      if (dynamic[j])
        return { kind: 'opaque', reason: `\`${argv[0]} -c\` runs a script computed at runtime` };
      return { kind: 'script', script: argv[j] ?? '' };
    }
  }
  const operand = argv[i];
  if (!fromStdin && operand !== undefined && operand !== '-') {
    // `bash script.sh`: the script's commands are not seen, so deny rules cannot be checked against them.
    return { kind: 'opaque', reason: `\`${shell}\` runs the script ${operand}, which is not analysed` };
  }
  // No script operand: the shell reads its commands from standard input. A static here-string or heredoc
  // is analysed like `-c`; a pipe (`curl … | sh`) or a file (`sh < s.sh`) is not seen.
  if (stdin !== undefined && 'script' in stdin) return { kind: 'script', script: stdin.script };
  const from = stdin === undefined ? 'a pipe or the terminal' : stdin.unseen;
  return { kind: 'opaque', reason: `\`${shell}\` reads its commands from ${from}, which is not analysed` };
}
