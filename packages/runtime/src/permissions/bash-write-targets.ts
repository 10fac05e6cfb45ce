import { basename } from 'node:path';
import picomatch from 'picomatch';
import type { BashCommandNode, BashRedirect } from './bash/types.js';
import { evaluateWord, expandBraces, hasGlob, resolveShellPath } from './bash-word-paths.js';
import type { PathCheck, PathContext } from './decide-path.js';
import { PROTECTED_DIRECTORY_NAMES, PROTECTED_FILE_NAMES } from './paths.js';

/** A word naming a file a command line writes: a redirection target, or the value of a writing option. */
export interface WriteTarget {
  text: string;
  dynamic: boolean;
  globbing: boolean;
  /** How the line writes it, for the reason shown (`redirects output`, `git diff --output`). */
  via: string;
}

/**
 * Options whose value is a file the command writes, as a redirection would (`git diff --output=F`,
 * `sort -o F`, `curl -o F`); `tee` and `dd of=` name theirs as operands. Short options take their value
 * attached or next (`-oF`, `-o F`), also at the end of a bundle (`-so F`); long ones `=`-attached or next,
 * and by any unambiguous abbreviation GNU getopt and git accept (`--outp=F`).
 */
const WRITING_OPTIONS: Record<string, { short: string; long: string[] }> = {
  git: { short: 'o', long: ['--output', '--output-directory'] },
  sort: { short: 'o', long: ['--output'] },
  tree: { short: 'o', long: ['--output'] },
  curl: {
    short: 'ocD',
    long: [
      '--output',
      '--output-dir',
      '--cookie-jar',
      '--dump-header',
      '--trace',
      '--trace-ascii',
      '--stderr',
    ],
  },
  wget: {
    short: 'OoaP',
    long: ['--output-document', '--output-file', '--append-output', '--directory-prefix'],
  },
};

export function writeTargets(
  redirects: readonly BashRedirect[],
  nodes: readonly BashCommandNode[],
): WriteTarget[] {
  const out: WriteTarget[] = redirects
    .filter((redirect) => redirect.write)
    .map((redirect) => ({
      text: redirect.target,
      dynamic: redirect.dynamic,
      // Bash expands a glob in a redirection target when it matches one file.
      globbing: true,
      via: 'redirects output',
    }));
  for (const node of nodes) out.push(...optionTargets(node));
  return out;
}

function optionTargets(node: BashCommandNode): WriteTarget[] {
  const name = basename(node.argv[0] ?? '');
  const word = (i: number, text = node.argv[i] ?? ''): WriteTarget => ({
    text,
    dynamic: node.dynamic[i] === true,
    globbing: node.globbing[i] === true,
    via: `\`${name}\` writes it`,
  });
  const args = node.argv.map((_, i) => i).slice(1);
  if (name === 'tee') return args.filter((i) => !(node.argv[i] ?? '-').startsWith('-')).map((i) => word(i));
  if (name === 'dd')
    return args
      .filter((i) => (node.argv[i] ?? '').startsWith('of='))
      .map((i) => word(i, (node.argv[i] ?? '').slice(3)));
  const spec = Object.hasOwn(WRITING_OPTIONS, name) ? WRITING_OPTIONS[name] : undefined;
  if (spec === undefined) return [];
  const out: WriteTarget[] = [];
  for (let i = 1; i < node.argv.length; i++) {
    const arg = node.argv[i] ?? '';
    if (arg === '--' || node.dynamic[i]) continue;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const option = eq < 0 ? arg : arg.slice(0, eq);
      if (option.length < 4 || !spec.long.some((long) => long.startsWith(option))) continue;
      out.push(eq < 0 ? word(i + 1) : word(i, arg.slice(eq + 1)));
      if (eq < 0) i++;
    } else if (/^-[A-Za-z]/.test(arg)) {
      // The first writing letter in a bundle takes the rest of the word, or the next word.
      const at = [...arg.slice(1)].findIndex((letter) => spec.short.includes(letter));
      if (at < 0) continue;
      const rest = arg.slice(at + 2);
      out.push(rest === '' ? word(i + 1) : word(i, rest));
      if (rest === '') i++;
    }
  }
  return out.filter((target) => target.text !== '' && target.text !== '-');
}

export type ResolvedTarget = { paths: PathCheck[] } | { unresolvable: string };

/**
 * Where a write target lands, from every directory the shell may be in (`cd .git && echo x >> config`),
 * with `~`/`$HOME`, braces and globs expanded (`> .gi?/config`). A target computed at runtime, or relative
 * to a directory that cannot be known, is unresolvable: it could be any file, a protected one included.
 */
export function resolveWriteTarget(
  target: Pick<WriteTarget, 'text' | 'dynamic' | 'globbing'>,
  cwds: readonly string[],
  cwdUnknown: string | undefined,
  ctx: Pick<PathContext, 'homeDir' | 'resolveRealPath' | 'listDirectory'>,
): ResolvedTarget {
  const evaluated = evaluateWord(target, ctx.homeDir);
  if ('unresolvable' in evaluated) return evaluated;
  const value = evaluated.value;
  if (!value.startsWith('/') && cwdUnknown !== undefined)
    return { unresolvable: `${value}, relative to a directory that cannot be known (${cwdUnknown})` };
  const alternatives = expandBraces(value);
  if (alternatives === undefined) return { unresolvable: `${value}, a brace sequence that is not checked` };
  const paths: PathCheck[] = [];
  for (const alternative of alternatives) {
    if (target.globbing && globMayNameProtected(alternative))
      return { unresolvable: `${alternative}, a pattern that can match a protected file` };
    for (const cwd of cwds) {
      const resolved = resolveShellPath(alternative, cwd, ctx, target.globbing);
      if ('unresolvable' in resolved) return resolved;
      paths.push(...resolved.paths);
    }
  }
  return { paths };
}

const PROTECTED_NAMES = [...PROTECTED_DIRECTORY_NAMES, ...PROTECTED_FILE_NAMES];

/** Names that are protected where they usually live (`.claw/settings.json`, `.git/config`, `.git/hooks/…`). */
const PROTECTED_IN_PLACE = ['settings.json', 'settings.local.json', 'credentials.json', 'config', 'hooks'];

/** `$NAME`, `${…}`, `$(…)`, `` `…` `` and special parameters: the parts of a word only known at runtime. */
const EXPANSION = /\$\([^)]*\)|\$\{[^}]*\}|`[^`]*`|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9@*#?$!-]/g;

/**
 * Whether a write target computed at runtime may name a protected path, judged from its literal parts:
 * a literal directory that is protected (`.git/$f`), or a file name whose literal ending a protected name
 * shares (`"$(echo .claw).json"`, `$x/config`, `$HOME/.bashrc`). `"$out/$f"` or `"$D/report.txt"` may not.
 * danger-full-access asks only for these: there, an interpreter can write anywhere unseen anyway, and
 * asking for every computed target would refuse ordinary loops in unattended runs.
 */
export function computedTargetMayBeProtected(text: string): boolean {
  const segments = text.replace(/["']/g, '').split('/');
  const last = segments.pop() ?? '';
  const literalDirs = segments.filter((segment) => !segment.includes('$') && !segment.includes('`'));
  if (literalDirs.some((segment) => PROTECTED_DIRECTORY_NAMES.includes(segment))) return true;
  if (globMayNameProtected(literalDirs.join('/'))) return true;
  const pieces = last.split(EXPANSION);
  const tail = pieces[pieces.length - 1] ?? '';
  if (tail === '') return false;
  return [...PROTECTED_NAMES, ...PROTECTED_IN_PLACE].some(
    (name) => name.endsWith(tail) || tail.endsWith(name),
  );
}

/** A glob component that matches a protected name (`.gi?`, `.cl*.json`) even where no such file exists yet. */
function globMayNameProtected(value: string): boolean {
  return value.split('/').some((part) => {
    if (!hasGlob(part)) return false;
    const matches = picomatch(part, { dot: true, nobrace: true, noextglob: true });
    return PROTECTED_NAMES.some((name) => matches(name));
  });
}

/** Commands whose operands are files they create or overwrite: a runtime operand may be a protected file. */
export const FILE_WRITERS = new Set([
  'cp',
  'mv',
  'ln',
  'install',
  'tee',
  'dd',
  'touch',
  'truncate',
  'rsync',
  'mkdir',
  'sed',
  'patch',
  'tar',
  'unzip',
  'curl',
  'wget',
]);

/** `git -c` keys that run nothing and point git nowhere. */
const SAFE_GIT_CONFIG_KEY =
  /^(color\.[\w.-]+|core\.quotepath|user\.(name|email)|advice\.[\w.-]+|init\.defaultbranch|commit\.gpgsign|tag\.gpgsign)=/i;

/**
 * git commands that write `.git/config` (or `~/.gitconfig`), where `core.fsmonitor`, `core.hooksPath`
 * and `alias.x=!cmd` make git run programs later: `git config` writes, `git remote` and `git submodule`
 * changes. `git -c key=value` sets the same keys for one run (`-c alias.x='!curl …'` runs a command no
 * deny rule sees), so it counts too.
 */
export function gitConfigWriteReason(node: BashCommandNode): string | undefined {
  if (basename(node.argv[0] ?? '') !== 'git') return undefined;
  let i = 1;
  for (; i < node.argv.length; i++) {
    const arg = node.argv[i] ?? '';
    if (!arg.startsWith('-') || node.dynamic[i]) break;
    if (arg === '-c' || arg.startsWith('-c')) {
      const value = arg === '-c' ? node.argv[++i] : arg.slice(2);
      if (value === undefined || node.dynamic[i] || !SAFE_GIT_CONFIG_KEY.test(value))
        return `\`git -c ${value ?? ''}\` sets configuration that can make git run programs`;
    } else if (arg.startsWith('--config-env'))
      return '`git --config-env` sets configuration from the environment';
    else if (['-C', '--git-dir', '--work-tree', '--namespace'].includes(arg)) i++;
  }
  if (node.readOnly) return undefined;
  const sub = node.argv[i];
  if (sub === 'config' || sub === 'remote' || sub === 'submodule')
    return `\`git ${sub}\` writes .git/config, which configures programs git runs`;
  return undefined;
}
