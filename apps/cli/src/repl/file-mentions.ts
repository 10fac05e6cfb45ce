import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Files larger than this are mentioned by path only: the model can Read them in parts. */
const INLINE_LIMIT_BYTES = 100_000;
const MENTION = /(^|\s)@((?:\\ |[^\s])+)/g;

/** Completes the `@path` word under the cursor to files and directories of the workspace. */
export async function completeMention(
  text: string,
  cursor: number,
  workspaceRoot: string,
): Promise<{ from: number; candidates: string[] } | undefined> {
  const match = /(^|\s)@([^\s]*)$/.exec(text.slice(0, cursor));
  if (!match) return undefined;
  const partial = match[2] as string;
  const from = cursor - partial.length;
  const slash = partial.lastIndexOf('/');
  const dirPart = slash === -1 ? '' : partial.slice(0, slash + 1);
  const namePart = partial.slice(slash + 1);
  const dir = resolve(workspaceRoot, dirPart || '.');
  if (!isInside(workspaceRoot, dir)) return { from, candidates: [] };
  let entries: Array<{ name: string; isDirectory(): boolean }>;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return { from, candidates: [] };
  }
  const candidates = entries
    .filter((e) => e.name.startsWith(namePart) && (namePart.startsWith('.') || !e.name.startsWith('.')))
    .filter((e) => e.name !== 'node_modules' || namePart.length > 0)
    .map((e) => `${dirPart}${e.name}${e.isDirectory() ? '/' : ''}`)
    .sort();
  return { from, candidates };
}

export interface ExpandedMentions {
  prompt: string;
  attached: string[];
}

/**
 * Attaches `@path` mentions of workspace files: small text files are inlined after the prompt (so the model
 * needn't spend a tool call), large ones are named with a hint to Read them. Unknown paths stay as typed:
 * `@someone` in prose is not a file.
 */
export async function expandMentions(prompt: string, workspaceRoot: string): Promise<ExpandedMentions> {
  const blocks: string[] = [];
  const attached: string[] = [];
  const seen = new Set<string>();
  for (const match of prompt.matchAll(MENTION)) {
    const ref = (match[2] as string).replace(/\\ /g, ' ').replace(/[.,;:!?)]+$/, '');
    const path = resolve(workspaceRoot, ref);
    if (seen.has(path) || !isInside(workspaceRoot, path)) continue;
    seen.add(path);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    const rel = relative(workspaceRoot, path);
    attached.push(rel);
    if (info.size > INLINE_LIMIT_BYTES) {
      blocks.push(
        `<file path="${rel}" bytes="${info.size}">(large file: use the Read tool with offset/limit)</file>`,
      );
      continue;
    }
    const content = await readFile(path, 'utf8');
    if (content.includes('\u0000')) {
      blocks.push(`<file path="${rel}">(binary file, not attached)</file>`);
      continue;
    }
    blocks.push(`<file path="${rel}">\n${content}${content.endsWith('\n') ? '' : '\n'}</file>`);
  }
  if (blocks.length === 0) return { prompt, attached };
  return { prompt: `${prompt}\n\nAttached files:\n${blocks.join('\n')}`, attached };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return (
    rel === '' ||
    (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) && !join(rel).startsWith('..'))
  );
}
