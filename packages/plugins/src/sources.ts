import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a skill, command or agent came from. */
export type ContentSource = 'project' | 'user' | 'plugin' | 'builtin';

/** A non-fatal problem found while discovering content. */
export interface DiscoveryIssue {
  path: string;
  message: string;
}

/** A directory contributed by an enabled plugin (its `commands/`, `agents/` or `skills/`). */
export interface PluginContentDir {
  plugin: string;
  dir: string;
  /** Only these `.md` files of `dir` (a manifest entry naming a single file), not the whole directory. */
  files?: string[];
}

/** The roots every discovery walks, in precedence order (first wins on a name clash). */
export interface DiscoveryRoots {
  workspaceRoot: string;
  /** `$CLAW_CONFIG_HOME` or `~/.claw`. */
  configHome: string;
  /**
   * Claude Code's user directory, whose `skills/`, `commands/` and `agents/` users already have. Defaults to
   * `$CLAUDE_CONFIG_DIR` or `~/.claude`; `null` leaves it out.
   */
  claudeUserDir?: string | null;
}

/** `$CLAUDE_CONFIG_DIR`, else `~/.claude` (`$HOME` first, as a shell would). */
export function defaultClaudeUserDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CLAUDE_CONFIG_DIR?.trim();
  if (configured) return configured;
  return join(env.HOME || homedir(), '.claude');
}

/** `.claw/<kind>`, `.claude/<kind>` under the workspace, then `<configHome>/<kind>`, `~/.claude/<kind>`. */
export interface ContentDir {
  dir: string;
  source: ContentSource;
  plugin?: string;
  /** Only these files of `dir`. */
  files?: string[];
}

/** Where one kind of content is looked for, highest precedence first: project, user, then plugins. */
export function contentDirs(
  roots: DiscoveryRoots & { pluginDirs?: PluginContentDir[] },
  kind: 'skills' | 'commands' | 'agents',
): ContentDir[] {
  return [
    { dir: join(roots.workspaceRoot, '.claw', kind), source: 'project' },
    { dir: join(roots.workspaceRoot, '.claude', kind), source: 'project' },
    { dir: join(roots.configHome, kind), source: 'user' },
    ...userClaudeDir(roots, kind),
    ...(roots.pluginDirs ?? []).map((p) => ({
      dir: p.dir,
      source: 'plugin' as const,
      plugin: p.plugin,
      ...(p.files ? { files: p.files } : {}),
    })),
  ];
}

function userClaudeDir(roots: DiscoveryRoots, kind: string): ContentDir[] {
  if (roots.claudeUserDir === null) return [];
  const dir = join(roots.claudeUserDir ?? defaultClaudeUserDir(), kind);
  // A config home pointed at ~/.claude already covers it.
  return dir === join(roots.configHome, kind) ? [] : [{ dir, source: 'user' }];
}

/** Entries of a directory; a missing directory is empty. */
export async function listDir(
  dir: string,
): Promise<Array<{ name: string; isDirectory: boolean; isFile: boolean }>> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const result = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Follow links so a symlinked skill directory (a common way to share skills) is found.
        const target = await stat(join(dir, entry.name)).catch(() => undefined);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      result.push({ name: entry.name, isDirectory, isFile });
    }
    return result;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
