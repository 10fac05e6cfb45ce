export interface ParsedSlashCommand {
  /** Lower-cased command name without the slash (`model`, `frontend:lint`). */
  name: string;
  /** The raw text after the name, trimmed. */
  args: string;
  /** `args` split on whitespace, quotes grouping. */
  argv: string[];
}

/**
 * `/model opus` → `{ name: 'model', args: 'opus' }`. Returns undefined for anything that is not a command,
 * including paths such as `/usr/bin/env …` typed as a prompt (a command name has no further `/`).
 */
export function parseSlashCommand(line: string): ParsedSlashCommand | undefined {
  const trimmed = line.trim();
  const match = /^\/([A-Za-z][\w:.-]*)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return undefined;
  const args = (match[2] ?? '').trim();
  return { name: (match[1] as string).toLowerCase(), args, argv: splitWords(args) };
}

/** Whitespace-separated words; single or double quotes group, so `/config set a "b c"` has three words. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}
