import type { Style } from './style.js';

/**
 * Colours a unified diff: additions green, removals red, hunk headers cyan, file headers bold. Without
 * colour the diff is returned as-is, since +/- already carry the meaning.
 */
export function renderDiff(diff: string, style: Style, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines = diff.replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, maxLines).map((line) => {
    if (!style.enabled) return line;
    if (line.startsWith('+++') || line.startsWith('---')) return style.bold(line);
    if (line.startsWith('@@')) return style.cyan(line);
    if (line.startsWith('+')) return style.green(line);
    if (line.startsWith('-')) return style.red(line);
    return style.dim(line);
  });
  if (lines.length > shown.length) shown.push(style.gray(`… ${lines.length - shown.length} more lines`));
  return shown;
}

/** `+3 -1` counts for a diff's one-line summary. */
export function diffStats(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) added += 1;
    else if (line.startsWith('-') && !line.startsWith('---')) removed += 1;
  }
  return { added, removed };
}
