import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { errorCode } from './tool-result.js';

/** The ignore files ripgrep honours, lowest precedence first. */
export const IGNORE_FILE_NAMES = ['.gitignore', '.ignore', '.rgignore'];

export interface WalkOptions {
  /** Absolute directory to walk. */
  root: string;
  /** Enter dot-directories and report dot-files. */
  includeHidden: boolean;
  /** Directory names never entered, whatever the ignore files say (`.git`, `node_modules`). */
  excludeDirNames?: ReadonlySet<string>;
  /** Honour .gitignore/.ignore/.rgignore in the tree and above it. */
  respectIgnoreFiles: boolean;
  /** Prunes directories (path relative to root, `/`-separated) that cannot hold a wanted file. */
  shouldEnterDir?(relativeDir: string): boolean;
  /**
   * Decides before the hidden and ignore-file rules (rg's `--glob` overrides): `include` bypasses them,
   * `exclude` drops the entry, `default` applies them.
   */
  override?(relativePath: string, isDirectory: boolean): 'include' | 'exclude' | 'default';
  /** rg's `--type`: true (a type matches), false (none does), undefined (no type filter). */
  fileType?(relativePath: string): boolean | undefined;
  onFile(absolutePath: string, relativePath: string): void;
  signal?: AbortSignal;
}

/** One directory's ignore files, and whether it is a git repository's root. */
interface IgnoreLayer {
  base: string;
  rgignore?: Ignore;
  ignore?: Ignore;
  gitignore?: Ignore;
  /** The directory holds `.git`: .gitignore files above it do not apply inside it (as in rg). */
  repoRoot: boolean;
}

const MAX_PARALLEL_READDIRS = 16;

/**
 * Walks a tree the way ripgrep does: symlinks are not followed, hidden entries are skipped unless asked for,
 * ignore files apply to their directory and below (deeper files win, `!negations` re-include). Directories
 * are read in parallel; the order of `onFile` calls is therefore not defined: callers sort.
 */
export async function walkFiles(options: WalkOptions): Promise<void> {
  const baseLayers = options.respectIgnoreFiles ? await ancestorLayers(options.root) : [];
  const queue: Array<{ dir: string; layers: IgnoreLayer[] }> = [{ dir: options.root, layers: baseLayers }];
  let active = 0;
  let failure: unknown;
  await new Promise<void>((resolveWalk) => {
    const pump = () => {
      if (failure !== undefined || options.signal?.aborted) {
        if (active === 0) resolveWalk();
        return;
      }
      while (active < MAX_PARALLEL_READDIRS && queue.length > 0) {
        const next = queue.shift()!;
        active++;
        visitDirectory(next.dir, next.layers, options, queue)
          .catch((error: unknown) => {
            failure = error;
          })
          .finally(() => {
            active--;
            pump();
          });
      }
      if (active === 0 && queue.length === 0) resolveWalk();
    };
    pump();
  });
  if (failure !== undefined) throw failure;
  options.signal?.throwIfAborted();
}

async function visitDirectory(
  dir: string,
  inherited: IgnoreLayer[],
  options: WalkOptions,
  queue: Array<{ dir: string; layers: IgnoreLayer[] }>,
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    // Unreadable or vanished directories are skipped, as rg does (it reports them on stderr).
    const code = errorCode(error);
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT' || code === 'ENOTDIR') return;
    throw error;
  }
  let layers = inherited;
  if (options.respectIgnoreFiles) {
    const own = await loadLayer(dir, entries);
    if (own) layers = [...inherited, own];
  }
  for (const entry of entries) {
    const name = entry.name;
    const isDirectory = entry.isDirectory();
    if (!isDirectory && !entry.isFile()) continue;
    const absolute = join(dir, name);
    const rel = toPosix(relative(options.root, absolute));
    const verdict = options.override ? options.override(rel, isDirectory) : 'default';
    if (verdict === 'exclude') continue;
    if (verdict === 'default') {
      if (isDirectory && options.excludeDirNames?.has(name)) continue;
      // rg's order: ignore files, then types; a whitelist from either exempts the entry from the hidden rule.
      const ignored = ignoreVerdict(layers, absolute, isDirectory);
      if (ignored === 'ignored') continue;
      let whitelisted = ignored === 'unignored';
      const typed = isDirectory ? undefined : options.fileType?.(rel);
      if (typed === false) continue;
      if (typed === true) whitelisted = true;
      if (!whitelisted && !options.includeHidden && name.startsWith('.')) continue;
    }
    if (isDirectory) {
      if (options.shouldEnterDir && !options.shouldEnterDir(rel)) continue;
      queue.push({ dir: absolute, layers });
    } else {
      options.onFile(absolute, rel);
    }
  }
}

/**
 * ripgrep's precedence: .rgignore rules beat .ignore rules, which beat .gitignore rules, at whatever depth
 * each was found; within one kind the deepest file with an opinion decides. .gitignore files above the
 * nearest git repository root do not count. `unignored` means a `!rule` re-included the path.
 */
function ignoreVerdict(
  layers: IgnoreLayer[],
  absolute: string,
  isDirectory: boolean,
): 'ignored' | 'unignored' | 'none' {
  let rgignore: Verdict | undefined;
  let ignoreFile: Verdict | undefined;
  let gitignore: Verdict | undefined;
  let outsideRepo = false;
  for (let index = layers.length - 1; index >= 0; index--) {
    const layer = layers[index]!;
    const rel = toPosix(relative(layer.base, absolute));
    const subject = isDirectory ? `${rel}/` : rel;
    rgignore ??= verdictOf(layer.rgignore, subject);
    ignoreFile ??= verdictOf(layer.ignore, subject);
    if (!outsideRepo) gitignore ??= verdictOf(layer.gitignore, subject);
    if (layer.repoRoot) outsideRepo = true;
  }
  return rgignore ?? ignoreFile ?? gitignore ?? 'none';
}

type Verdict = 'ignored' | 'unignored';

function verdictOf(rules: Ignore | undefined, subject: string): Verdict | undefined {
  if (!rules) return undefined;
  const verdict = rules.test(subject);
  return verdict.ignored ? 'ignored' : verdict.unignored ? 'unignored' : undefined;
}

const IGNORE_FILE_KEYS = { '.gitignore': 'gitignore', '.ignore': 'ignore', '.rgignore': 'rgignore' } as const;

/** `entries` when the directory was listed already; otherwise the files are looked up one by one. */
async function loadLayer(dir: string, entries: Dirent[] | undefined): Promise<IgnoreLayer | undefined> {
  const has = (name: string, file: boolean) =>
    entries?.some((entry) => entry.name === name && (!file || entry.isFile())) ?? true;
  const layer: IgnoreLayer = {
    base: dir,
    repoRoot: entries ? has('.git', false) : await exists(join(dir, '.git')),
  };
  let found = layer.repoRoot;
  for (const name of IGNORE_FILE_NAMES) {
    if (!has(name, true)) continue;
    try {
      const rules = ignore().add(await readFile(join(dir, name), 'utf8'));
      layer[IGNORE_FILE_KEYS[name as keyof typeof IGNORE_FILE_KEYS]] = rules;
      found = true;
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EISDIR') throw error;
    }
  }
  return found ? layer : undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return false;
    throw error;
  }
}

/**
 * Ignore files above the walked directory apply to it too (rg reads its parents'): .ignore and .rgignore up
 * to the file-system root, .gitignore only up to the repository root (see `ignoreVerdict`). Outside any
 * repository rg (run with --no-require-git, as claw runs it) applies every parent .gitignore too.
 */
async function ancestorLayers(root: string): Promise<IgnoreLayer[]> {
  const layers: IgnoreLayer[] = [];
  let dir = dirname(root);
  for (;;) {
    const layer = await loadLayer(dir, undefined);
    if (layer) layers.unshift(layer);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return layers;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
