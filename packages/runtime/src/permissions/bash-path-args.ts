import { basename, join, posix } from 'node:path';
import type { BashCommandNode, BashRedirect } from './bash/types.js';
import {
  computedTargetMayBeProtected,
  FILE_WRITERS,
  gitConfigWriteReason,
  resolveWriteTarget,
} from './bash-write-targets.js';
import { explicitAllowFor, type PathContext, resolvePathCheck } from './decide-path.js';
import { protectedPathReason } from './paths.js';
import type { CompiledRule } from './rule-set.js';

type PathResolution = Pick<PathContext, 'homeDir' | 'resolveRealPath' | 'credentialFiles'>;

/** Where the shell may be while the line runs (from `bashReadScope`), to resolve relative operands. */
export interface ShellDirectories {
  cwds: readonly string[];
  cwdUnknown?: string | undefined;
  /** The workspace root, whose `.git/config` git's configuration commands write. */
  workspaceRoot: string;
  /** danger-full-access: a computed operand asks only when its literal parts could name a protected path. */
  onlySuspectComputed?: boolean;
}

/** The path an argument names: the value of `--output=FILE` or `of=FILE`, else the word itself. */
function pathOfArgument(arg: string): string | undefined {
  const value = /^(?:-{1,2}[\w-]+|[a-z]+)=(.+)$/.exec(arg)?.[1];
  if (value !== undefined) return value;
  return arg === '' || arg.startsWith('-') ? undefined : arg;
}

/**
 * Commands that write name their targets as arguments (`tee -a .git/config`, `cp x .git/hooks/pre-commit`,
 * `dd of=~/.bashrc`). Which argument is written depends on the program, so any argument of a command that
 * is not read-only counts: a protected path among them asks, like a redirection onto it, even in
 * danger-full-access (an explicit `Edit(...)` allow rule naming the path still grants it). Operands resolve
 * from every directory a `cd` may have moved the shell to, with globs expanded; an operand of a known file
 * writer (`cp`, `tee`, …) computed at runtime (`cp x "$(echo .claw).json"`) asks too. git's configuration
 * commands (`git config`, `git remote`, `git submodule`, `git -c`) count as writing `.git/config`.
 */
export function protectedArgument(
  nodes: readonly BashCommandNode[],
  dirs: ShellDirectories,
  paths: Pick<PathContext, 'homeDir' | 'resolveRealPath' | 'listDirectory'>,
  writeRules: readonly CompiledRule[],
): string | undefined {
  for (const node of nodes) {
    const git = gitConfigWriteReason(node);
    const gitConfig = resolvePathCheck(join(dirs.workspaceRoot, '.git', 'config'), dirs.workspaceRoot, paths);
    if (git !== undefined && !explicitAllowFor(writeRules, gitConfig)) return git;
    if (node.readOnly) continue;
    const writer = FILE_WRITERS.has(basename(node.argv[0] ?? ''));
    for (let i = 1; i < node.argv.length; i++) {
      const value = pathOfArgument(node.argv[i] ?? '');
      if (value === undefined) continue;
      const word = { text: value, dynamic: node.dynamic[i] === true, globbing: node.globbing[i] === true };
      const resolved = resolveWriteTarget(word, dirs.cwds, dirs.cwdUnknown, paths);
      if ('unresolvable' in resolved) {
        if (writer && (!dirs.onlySuspectComputed || computedTargetMayBeProtected(value)))
          return `\`${node.text}\` writes to ${resolved.unresolvable}, which may be a protected path`;
        continue;
      }
      for (const path of resolved.paths) {
        const reason = protectedPathReason(path.real) ?? protectedPathReason(path.lexical);
        if (reason !== undefined && !explicitAllowFor(writeRules, path)) {
          return `\`${node.text}\` names a protected path: ${reason}`;
        }
      }
    }
  }
  return undefined;
}

/** Entries of `/proc` that describe the machine, not a process. */
const SYSTEM_PROC_ENTRIES = new Set([
  'self',
  'thread-self',
  'cpuinfo',
  'meminfo',
  'loadavg',
  'uptime',
  'version',
  'stat',
  'mounts',
  'filesystems',
  'partitions',
  'swaps',
  'cmdline',
  'net',
  'sys',
]);

const underProc = (path: string): boolean => path === '/proc' || path.startsWith('/proc/');

function isOtherProcessPath(path: string): boolean {
  const normal = posix.normalize(path);
  if (!underProc(normal)) return false;
  const entry = normal.split('/')[2];
  return entry === undefined || entry === '' || !SYSTEM_PROC_ENTRIES.has(entry);
}

/**
 * `/proc/<pid>/environ` of claw (the shell's parent) holds the API key and every `*_TOKEN` claw was started
 * with: scrubbing the child's environment means nothing if a "read-only" `cat` can read the parent's. Any
 * word or redirection naming another process under `/proc` (a pid, `$PPID`, a glob, `/proc` itself) makes
 * the command need danger-full-access. Only the bubblewrap sandbox's pid namespace closes this fully:
 * a recursive `grep -r KEY /` still reaches it without naming it.
 */
export function processPathReason(
  nodes: readonly BashCommandNode[],
  redirects: readonly BashRedirect[],
  cwd: string,
  paths: PathResolution,
): string | undefined {
  for (const word of pathWords(nodes, redirects)) {
    if (isOtherProcessPath(judgedProcPath(word, cwd, paths))) {
      return `${word} is another process's memory or environment under /proc`;
    }
  }
  return undefined;
}

/**
 * Reads that ask in every mode, danger-full-access included, as they do for the Read tool: another
 * process's `environ`, `cmdline` or `mem` (claw's own holds the API key; `$PPID`, a glob or a variable in
 * place of the pid or the name count), and claw's credential stores. Redaction of tool output is the
 * second line of defence; this is the first.
 */
export function secretReadReason(
  nodes: readonly BashCommandNode[],
  redirects: readonly BashRedirect[],
  cwd: string,
  paths: PathResolution,
): string | undefined {
  for (const word of pathWords(nodes, redirects)) {
    const judged = posix.normalize(judgedProcPath(word, cwd, paths));
    const parts = judged.split('/');
    if (isOtherProcessPath(judged) && parts.length >= 4 && mayNameProcessSecret(parts.at(-1) ?? '')) {
      return `${word} may be a process's environment or memory, where claw's credentials are`;
    }
    const path = resolvePathCheck(word, cwd, paths);
    const stores = paths.credentialFiles ?? [];
    if (stores.includes(path.real) || stores.includes(path.lexical)) return `${word} is a credential store`;
  }
  return undefined;
}

const PROCESS_SECRET_NAMES = ['environ', 'cmdline', 'mem'];

/** Whether the last segment of a `/proc/<pid>/…` path is, or may expand to, environ, cmdline or mem. */
function mayNameProcessSecret(segment: string): boolean {
  if (PROCESS_SECRET_NAMES.includes(segment)) return true;
  if (segment.includes('$') || segment.includes('`')) return true;
  if (!/[*?[]/.test(segment)) return false;
  const pattern = segment
    .replace(/[.+^(){}|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  try {
    const matcher = new RegExp(`^${pattern}$`);
    return PROCESS_SECRET_NAMES.some((name) => matcher.test(name));
  } catch {
    // An unbalanced bracket expression: assume it could match.
    return true;
  }
}

function pathWords(nodes: readonly BashCommandNode[], redirects: readonly BashRedirect[]): string[] {
  return [
    ...nodes.flatMap((node) => node.argv.slice(1).map(pathOfArgument)),
    ...redirects.map((redirect) => redirect.target),
  ].filter((word): word is string => word !== undefined);
}

/**
 * `/proc/self` resolves to the reader's own pid, so a path written under /proc is judged as written; the
 * real path catches a symlink elsewhere that points into /proc.
 */
function judgedProcPath(word: string, cwd: string, paths: PathResolution): string {
  const path = resolvePathCheck(word, cwd, paths);
  return underProc(posix.normalize(path.lexical)) ? path.lexical : path.real;
}
