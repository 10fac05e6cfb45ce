import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { findImportRefs, isInside, resolveImportPath } from './memory-imports.js';

export type MemoryScope = 'user' | 'project' | 'local' | 'rules';

export interface MemoryFile {
  path: string;
  scope: MemoryScope;
  /** Size on disk. */
  bytes: number;
  /** The text given to the model (cut at the size caps, with a note saying so). */
  content: string;
  truncated: boolean;
  /** Set for a file pulled in by an `@path` import: the file that imported it. */
  importedFrom?: string;
}

export interface LoadMemoryOptions {
  workspaceRoot: string;
  /** `$CLAW_CONFIG_HOME` or `~/.claw`. */
  configHome: string;
  homeDir?: string;
  /** Per-file cap in bytes (default 40,000, where Claude Code starts warning). */
  maxFileBytes?: number;
  /** Cap for all memory together (default 160,000). */
  maxTotalBytes?: number;
  onWarning?(message: string): void;
}

export const MAX_IMPORT_DEPTH = 5;
const DEFAULT_MAX_FILE_BYTES = 40_000;
const DEFAULT_MAX_TOTAL_BYTES = 160_000;

/** Files looked for in each directory from the project root down to the workspace, in this order. */
const PER_DIRECTORY: ReadonlyArray<{ name: string; scope: MemoryScope }> = [
  { name: 'CLAUDE.md', scope: 'project' },
  { name: 'CLAW.md', scope: 'project' },
  { name: 'AGENTS.md', scope: 'project' },
  { name: join('.claw', 'CLAW.md'), scope: 'project' },
  { name: join('.claude', 'CLAUDE.md'), scope: 'project' },
  { name: 'CLAUDE.local.md', scope: 'local' },
  { name: 'CLAW.local.md', scope: 'local' },
];
const RULE_DIRS = [join('.claw', 'rules'), join('.claude', 'rules')];

/** The nearest directory at or above `start` holding `.git` (a directory, or a file in worktrees). */
export async function findGitRoot(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    if (
      await stat(join(dir, '.git')).then(
        () => true,
        () => false,
      )
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Directories from the git root down to the workspace; without git, the workspace alone. */
async function projectDirectories(workspaceRoot: string): Promise<{ root: string; dirs: string[] }> {
  const workspace = resolve(workspaceRoot);
  const gitRoot = await findGitRoot(workspace);
  if (!gitRoot) return { root: workspace, dirs: [workspace] };
  const dirs = [gitRoot];
  const rel = relative(gitRoot, workspace);
  let current = gitRoot;
  for (const part of rel ? rel.split(sep) : []) {
    current = join(current, part);
    dirs.push(current);
  }
  return { root: gitRoot, dirs };
}

async function ruleFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const ruleDir of RULE_DIRS) {
    const names = await readdir(join(dir, ruleDir)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.md')).sort()) found.push(join(dir, ruleDir, name));
  }
  return found;
}

interface Candidate {
  path: string;
  scope: MemoryScope;
  /** Where imports from this file may point. */
  importRoot: string;
}

/**
 * Memory files in the order the system prompt shows them: the user's (`~/.claw/CLAW.md`,
 * `~/.claude/CLAUDE.md`), then for each directory from the git root down to the workspace `CLAUDE.md`,
 * `CLAW.md`, `AGENTS.md`, `.claw/CLAW.md`, `.claude/CLAUDE.md`, `CLAUDE.local.md`, `CLAW.local.md`, and its
 * `.claw/rules/*.md`, `.claude/rules/*.md` (sorted). Each file's `@imports` follow it. Never reads above the
 * git root. A file seen twice (symlinks) is loaded once.
 */
export async function loadMemoryFiles(options: LoadMemoryOptions): Promise<MemoryFile[]> {
  const homeDir = options.homeDir ?? homedir();
  const warn = options.onWarning ?? (() => undefined);
  const maxFile = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let budget = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const { root, dirs } = await projectDirectories(options.workspaceRoot);

  const candidates: Candidate[] = [
    { path: join(options.configHome, 'CLAW.md'), scope: 'user', importRoot: homeDir },
    { path: join(homeDir, '.claude', 'CLAUDE.md'), scope: 'user', importRoot: homeDir },
  ];
  for (const dir of dirs) {
    for (const { name, scope } of PER_DIRECTORY)
      candidates.push({ path: join(dir, name), scope, importRoot: root });
    for (const path of await ruleFiles(dir)) candidates.push({ path, scope: 'rules', importRoot: root });
  }

  const files: MemoryFile[] = [];
  const seen = new Set<string>();

  const cap = (path: string, text: string): { content: string; truncated: boolean } => {
    const bytes = Buffer.byteLength(text);
    const limit = Math.min(maxFile, Math.max(budget, 0));
    if (bytes <= limit) {
      budget -= bytes;
      return { content: text, truncated: false };
    }
    const kept = Buffer.from(text)
      .subarray(0, limit)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
    budget -= Buffer.byteLength(kept);
    const why = limit < maxFile ? 'the total memory size cap was reached' : `it is over ${maxFile} bytes`;
    warn(`memory file ${path} truncated: ${why}`);
    return {
      content: `${kept}\n\n[claw: truncated ${path} at ${Buffer.byteLength(kept)} of ${bytes} bytes because ${why}]`,
      truncated: true,
    };
  };

  const realRoots = new Map<string, Promise<string>>();
  const realRoot = (root: string): Promise<string> => {
    let found = realRoots.get(root);
    if (!found) {
      // The root itself may sit behind a symlink (/tmp on macOS); compare real paths with real paths.
      found = realpath(root).catch(() => resolve(root));
      realRoots.set(root, found);
    }
    return found;
  };

  const load = async (
    candidate: Candidate,
    depth: number,
    chain: string[],
    importedFrom?: string,
  ): Promise<void> => {
    let real: string;
    let text: string;
    try {
      real = await realpath(candidate.path);
      // Checked on the resolved path, before reading: a symlinked file or directory anywhere in the chain
      // (`docs/x.md -> ~/.ssh/id_rsa`, `docs -> /etc`) must not carry a file from outside the root to the model.
      // The user's own top-level memory is theirs to place anywhere; what it imports is still checked.
      if (
        (importedFrom || candidate.scope !== 'user') &&
        !isInside(real, await realRoot(candidate.importRoot))
      ) {
        warn(
          `${importedFrom ?? candidate.path}: ${importedFrom ? `import @${relative(dirname(importedFrom), candidate.path)}` : 'memory file'} skipped: it resolves to ${real}, outside ${candidate.importRoot}`,
        );
        return;
      }
      if (!(await stat(real)).isFile()) return;
      text = await readFile(real, 'utf8');
    } catch (error) {
      if (importedFrom)
        warn(
          `${importedFrom}: import @${relative(dirname(importedFrom), candidate.path)} not found (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
        );
      return;
    }
    if (chain.includes(real)) {
      warn(`${importedFrom}: import cycle through ${candidate.path}; not imported again`);
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    const file: MemoryFile = {
      path: candidate.path,
      scope: candidate.scope,
      bytes: Buffer.byteLength(text),
      ...cap(candidate.path, text),
    };
    if (importedFrom) file.importedFrom = importedFrom;
    files.push(file);

    for (const ref of findImportRefs(text)) {
      const target = resolveImportPath(ref, real, homeDir);
      if (depth + 1 > MAX_IMPORT_DEPTH) {
        warn(`${candidate.path}: import @${ref} skipped: imports nest at most ${MAX_IMPORT_DEPTH} deep`);
        continue;
      }
      // A repository's memory must not pull in ~/.ssh/… and send it to the model.
      if (!isInside(target, candidate.importRoot)) {
        warn(`${candidate.path}: import @${ref} skipped: it points outside ${candidate.importRoot}`);
        continue;
      }
      await load({ ...candidate, path: target }, depth + 1, [...chain, real], candidate.path);
    }
  };

  for (const candidate of candidates) await load(candidate, 0, []);
  return files;
}
