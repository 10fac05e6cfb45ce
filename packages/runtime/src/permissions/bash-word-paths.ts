import { dirname, join } from 'node:path';
import picomatch from 'picomatch';
import type { PathCheck, PathContext } from './decide-path.js';

/** A word of a Bash command: its value after quote removal, or its source text when computed at runtime. */
export interface ShellWord {
  text: string;
  dynamic: boolean;
}

export type WordValue = { value: string } | { unresolvable: string };

const HOME_VARIABLE = /^\$(?:HOME(?![A-Za-z0-9_])|\{HOME\})/;

/**
 * The value bash gives a word, for the expansions the policy can follow: quotes, a leading `~`, and
 * `$HOME`. Anything else computed at runtime (`$X`, `$(…)`, `~user`) is unresolvable. A quoted `~` or
 * glob in a static word is treated as if it were unquoted: that can only make the check stricter.
 */
export function evaluateWord(word: ShellWord, homeDir: string): WordValue {
  let value = word.text;
  if (word.dynamic) {
    const expanded = expandHomeVariable(word.text, homeDir);
    if (expanded === undefined) return { unresolvable: `${word.text}, a value computed at runtime` };
    value = expanded;
  }
  if (value === '~' || value.startsWith('~/')) return { value: homeDir + value.slice(1) };
  if (value.startsWith('~'))
    return { unresolvable: `${value} names another user's home or a directory stack entry` };
  return { value };
}

/** Removes quotes and expands `$HOME`/`${HOME}`; undefined for any other expansion. */
function expandHomeVariable(source: string, homeDir: string): string | undefined {
  let out = '';
  let inDouble = false;
  for (let i = 0; i < source.length; ) {
    const ch = source[i] as string;
    if (ch === "'" && !inDouble) {
      const end = source.indexOf("'", i + 1);
      if (end < 0) return undefined;
      out += source.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      inDouble = !inDouble;
      i++;
    } else if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) return undefined;
      if (next !== '\n') out += inDouble && !'$`"\\'.includes(next) ? `\\${next}` : next;
      i += 2;
    } else if (ch === '$') {
      const home = HOME_VARIABLE.exec(source.slice(i))?.[0];
      // Unquoted, a home directory with spaces would split into several words.
      if (home === undefined || (!inDouble && /\s/.test(homeDir))) return undefined;
      out += homeDir;
      i += home.length;
    } else if (ch === '`') return undefined;
    else {
      out += ch;
      i++;
    }
  }
  return inDouble ? undefined : out;
}

/**
 * Whether a runtime value in the word is outside double quotes, where word splitting can turn it into
 * several words (`grep $P file` may become `grep -f /etc/shadow file`). `$HOME` is known, so it does not count.
 */
export function splitsAtRuntime(source: string): boolean {
  let inDouble = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === "'" && !inDouble) {
      const end = source.indexOf("'", i + 1);
      if (end < 0) return true;
      i = end;
    } else if (ch === '"') inDouble = !inDouble;
    else if (!inDouble && ch === '`') return true;
    else if (!inDouble && ch === '$') {
      const home = HOME_VARIABLE.exec(source.slice(i))?.[0];
      if (home === undefined) return true;
      i += home.length - 1;
    }
  }
  return false;
}

const MAX_EXPANSIONS = 512;

/**
 * Brace expansion (`src/{a,b}.ts` → two words). Sequences (`{1..9}`) are not expanded: undefined means the
 * word cannot be resolved. Braces in quotes are expanded too, which only adds paths to check.
 */
export function expandBraces(value: string): string[] | undefined {
  const open = findBraceList(value);
  if (open === undefined) return /\{[^{}]*\.\.[^{}]*\}/.test(value) ? undefined : [value];
  const { start, end, alternatives } = open;
  const out: string[] = [];
  for (const alternative of alternatives) {
    const expanded = expandBraces(value.slice(0, start) + alternative + value.slice(end + 1));
    if (expanded === undefined) return undefined;
    out.push(...expanded);
    if (out.length > MAX_EXPANSIONS) return undefined;
  }
  return out;
}

/** The first `{…,…}` with a comma at its own depth, and its alternatives. */
function findBraceList(value: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let start = value.indexOf('{'); start >= 0; start = value.indexOf('{', start + 1)) {
    let depth = 0;
    const cuts: number[] = [];
    for (let i = start; i < value.length; i++) {
      const ch = value[i];
      if (ch === '\\') i++;
      else if (ch === '{') depth++;
      else if (ch === ',' && depth === 1) cuts.push(i);
      else if (ch === '}' && --depth === 0) {
        if (cuts.length === 0) break;
        const bounds = [start, ...cuts, i];
        const alternatives = bounds.slice(1).map((end, k) => value.slice((bounds[k] as number) + 1, end));
        return { start, end: i, alternatives };
      }
    }
  }
  return undefined;
}

const GLOB = /[*?[]/;

export function hasGlob(value: string): boolean {
  return GLOB.test(value);
}

type Resolution = Pick<PathContext, 'resolveRealPath' | 'listDirectory'>;

export interface ShellPaths {
  /** The paths the word becomes (several for a glob). */
  paths: PathCheck[];
  /** The directories a glob lists to expand: even `echo ~/.ssh/*`, which reads no file, reads these. */
  listed: PathCheck[];
}

/**
 * Resolves an absolute or `cwd`-relative path the way the kernel will open it: component by component, a
 * symlink as soon as it is met (so `link/../x` is `x` beside the link's target, not in the workspace), and a
 * glob component against the directory's entries (a glob that matches nothing stays literal, as in bash;
 * with `globbing` false, as for a quoted word, every component is literal).
 * `cwd` must be a real path. `lexical` keeps the path as written, with `..` folded, for deny rules.
 */
export function resolveShellPath(
  value: string,
  cwd: string,
  ctx: Resolution,
  globbing = true,
): ShellPaths | { unresolvable: string } {
  const start = value.startsWith('/') ? '/' : cwd;
  let states: PathCheck[] = [{ lexical: start, real: start }];
  const listed: PathCheck[] = [];
  const parent = (state: PathCheck): PathCheck => ({
    lexical: dirname(state.lexical),
    real: dirname(state.real),
  });
  const step = (state: PathCheck, name: string): PathCheck => ({
    lexical: join(state.lexical, name),
    real: ctx.resolveRealPath(join(state.real, name)),
  });
  for (const part of value.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      states = states.map(parent);
    } else if (globbing && GLOB.test(part)) {
      const matches = picomatch(part, { dot: part.startsWith('.'), nobrace: true, noextglob: true });
      const next: PathCheck[] = [];
      for (const state of states) {
        listed.push(state);
        // Without bash's `globskipdots` (before 5.2), `.*` matches `.` and `..` as well.
        const names = ['.', '..', ...ctx.listDirectory(state.real).map((entry) => entry.name)];
        for (const name of names.filter((candidate) => matches(candidate))) {
          next.push(name === '..' ? parent(state) : step(state, name));
        }
      }
      states = next.length > 0 ? next : states.map((state) => step(state, part));
    } else {
      states = states.map((state) => step(state, part));
    }
    if (states.length + listed.length > MAX_EXPANSIONS) {
      return { unresolvable: `${value}, which matches too many paths to check` };
    }
  }
  return { paths: states, listed };
}
