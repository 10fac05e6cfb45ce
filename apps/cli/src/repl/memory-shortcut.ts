import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type MemoryTarget = 'project' | 'user';

export interface MemoryNote {
  target: MemoryTarget;
  note: string;
}

/**
 * Claude Code's `#` shortcut: `# note` goes to the project's memory file, `## note` (two or more `#`) to the
 * user's. No line starting with `#` reaches the model; an empty note has `note: ''`. Undefined for other lines.
 */
export function parseMemoryNote(line: string): MemoryNote | undefined {
  const match = /^(#+)([\s\S]*)$/.exec(line.trim());
  if (!match) return undefined;
  return { target: (match[1] as string).length > 1 ? 'user' : 'project', note: (match[2] as string).trim() };
}

/**
 * The file a note is appended to: the memory file the project (or user) already has, in the order claw reads
 * them, else a new CLAW.md. A project that uses CLAUDE.md keeps using it.
 */
export function memoryFileFor(
  target: MemoryTarget,
  roots: { workspaceRoot: string; configHome: string; homeDir: string },
): string {
  const candidates =
    target === 'project'
      ? [
          join(roots.workspaceRoot, 'CLAW.md'),
          join(roots.workspaceRoot, 'CLAUDE.md'),
          join(roots.workspaceRoot, '.claw', 'CLAW.md'),
          join(roots.workspaceRoot, '.claude', 'CLAUDE.md'),
        ]
      : [join(roots.configHome, 'CLAW.md'), join(roots.homeDir, '.claude', 'CLAUDE.md')];
  return candidates.find((path) => existsSync(path)) ?? (candidates[0] as string);
}

/** Appends `- note` as a bullet on a line of its own, creating the file (and its folder) if needed. */
export async function appendMemoryNote(path: string, note: string): Promise<void> {
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const separator = existing && !existing.endsWith('\n') ? '\n' : '';
  // A multi-line note stays one bullet: continuation lines are indented under it.
  const bullet = `- ${note.replace(/\r?\n/g, '\n  ')}\n`;
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${separator}${bullet}`, 'utf8');
}
