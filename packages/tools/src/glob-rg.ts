import { loadExeca } from './lazy-execa.js';

/** rg's listing of a big tree is a few MB; beyond this the caller falls back to the built-in walker. */
const MAX_LISTING_BYTES = 256 * 1024 * 1024;

/**
 * `rg --files` under `root`: the paths (relative, `/`-separated) rg would search, with the same rules as the
 * built-in walker (ignore files in and above the tree without needing a git repo, no global or user
 * excludes, hidden entries only when asked, symlinks not followed, `excludeDirNames` never entered).
 * Undefined when rg fails, so the caller can walk the tree itself.
 */
export async function listFilesWithRg(
  rgPath: string,
  root: string,
  options: { includeHidden: boolean; excludeDirNames: ReadonlySet<string>; signal?: AbortSignal },
): Promise<string[] | undefined> {
  const args = [
    '--no-config',
    '--no-require-git',
    '--no-ignore-global',
    '--no-ignore-exclude',
    '--no-messages',
  ];
  args.push('--files', '--null');
  if (options.includeHidden) args.push('--hidden');
  for (const name of options.excludeDirNames) args.push('--glob', `!${name}/`);
  const execa = await loadExeca();
  const result = await execa(rgPath, args, {
    cwd: root,
    reject: false,
    stdin: 'ignore',
    maxBuffer: MAX_LISTING_BYTES,
    env: { RIPGREP_CONFIG_PATH: '' },
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  if (result.isCanceled) throw options.signal?.reason ?? new Error('aborted');
  // Exit 1: no files at all. Exit 2 with output: some entries were unreadable, as the walker skips them.
  if (result.exitCode === 1 && result.stdout === '') return [];
  if (result.isMaxBuffer || (result.exitCode !== 0 && result.stdout === '')) return undefined;
  return result.stdout
    .split('\0')
    .filter((path) => path !== '')
    .map((path) => (path.startsWith('./') ? path.slice(2) : path));
}
