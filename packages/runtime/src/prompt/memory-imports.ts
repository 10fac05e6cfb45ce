import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * `@path` imports in memory files, as Claude Code: `@./x.md`, `@docs/x.md`, `@~/x.md`, `@/abs/x.md`; relative
 * paths resolve against the importing file; not inside code spans or fenced blocks; an `@` glued to a word
 * (`user@example.com`) is not an import.
 */
export function findImportRefs(content: string): string[] {
  const refs: string[] = [];
  let fence: string | undefined;
  for (const line of content.split('\n')) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    // Drop inline code spans (`…`, ``…``) before looking for imports.
    const prose = line.replace(/(`+)[\s\S]*?\1/g, ' ');
    for (const match of prose.matchAll(/(^|\s)@((?:~\/|\.{1,2}\/|\/)?[^\s`'"<>()[\]{}]+)/g)) {
      const ref = match[2]?.replace(/[.,;:!?]+$/, '');
      if (ref) refs.push(ref);
    }
  }
  return refs;
}

export function resolveImportPath(ref: string, fromFile: string, homeDir: string = homedir()): string {
  if (ref.startsWith('~/')) return join(homeDir, ref.slice(2));
  if (isAbsolute(ref)) return resolve(ref);
  return resolve(dirname(fromFile), ref);
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
