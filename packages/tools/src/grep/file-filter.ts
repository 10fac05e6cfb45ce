import picomatch from 'picomatch';
import type { GrepSpec } from './search-spec.js';

type Matcher = (path: string) => boolean;

interface CompiledGlob {
  negated: boolean;
  matches: Matcher;
}

/**
 * ripgrep's file selection for `--glob` and `--type`, reproduced for the built-in engine: the last glob that
 * matches decides (a `!glob` excludes, a plain one includes even hidden or git-ignored files); when there are
 * plain globs, a file none of them matches is excluded; `type` only filters files the globs left undecided,
 * and a type match exempts a file from the hidden rule, as in rg.
 */
export interface FileFilter {
  override(relativePath: string, isDirectory: boolean): 'include' | 'exclude' | 'default';
  /** Undefined when no type was asked for. */
  matchesType(relativePath: string): boolean | undefined;
}

export function createFileFilter(spec: Pick<GrepSpec, 'globs' | 'typeGlobs'>): FileFilter {
  const globs = spec.globs.map(compileGlob);
  const hasWhitelist = globs.some((glob) => !glob.negated);
  const typeMatchers = spec.typeGlobs?.map((glob) => compileGlob(glob).matches);
  return {
    override(relativePath, isDirectory) {
      for (let index = globs.length - 1; index >= 0; index--) {
        const glob = globs[index]!;
        if (glob.matches(relativePath)) {
          if (glob.negated) return 'exclude';
          return isDirectory ? 'default' : 'include';
        }
      }
      return hasWhitelist && !isDirectory ? 'exclude' : 'default';
    },
    matchesType(relativePath) {
      return typeMatchers ? typeMatchers.some((matches) => matches(relativePath)) : undefined;
    },
  };
}

/** Gitignore-style: a glob without `/` matches the file name at any depth; with one it is anchored. */
function compileGlob(raw: string): CompiledGlob {
  const negated = raw.startsWith('!');
  let glob = negated ? raw.slice(1) : raw;
  if (glob.startsWith('/')) glob = glob.slice(1);
  if (glob.endsWith('/')) glob = glob.slice(0, -1);
  const anchored = glob.includes('/');
  const test = picomatch(glob, { dot: true });
  const matches: Matcher = anchored ? test : (path) => test(path.slice(path.lastIndexOf('/') + 1));
  return { negated, matches };
}
