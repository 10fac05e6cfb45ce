import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CustomCommand } from './commands.js';

export interface ExpandCommandDeps {
  /** Runs a `` !`cmd` `` pre-command (through the Bash tool's runner and permissions); resolves to its output. */
  runShell(command: string, signal: AbortSignal): Promise<string>;
  /** Reads a file referenced with `@path`; only called for paths inside the workspace. */
  readFile(absolutePath: string, signal: AbortSignal): Promise<string>;
  workspaceRoot: string;
  signal?: AbortSignal;
}

/**
 * Splits arguments like a shell would for `$1 $2…`: whitespace separates, quotes group, backslash escapes.
 */
export function splitArguments(args: string): string[] {
  const result: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inToken = false;
  for (let i = 0; i < args.length; i++) {
    const char = args[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < args.length) current += args[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inToken = true;
    } else if (char === '\\' && i + 1 < args.length) {
      current += args[++i];
      inToken = true;
    } else if (/\s/.test(char)) {
      if (inToken) result.push(current);
      current = '';
      inToken = false;
    } else {
      current += char;
      inToken = true;
    }
  }
  if (inToken) result.push(current);
  return result;
}

/** `$ARGUMENTS` → all arguments, `$1`…`$9` → positional ones (missing → empty). */
export function substituteArguments(template: string, args: string): { text: string; used: boolean } {
  const positional = splitArguments(args);
  let used = false;
  const text = template
    .replace(/\$ARGUMENTS\b/g, () => {
      used = true;
      return args;
    })
    .replace(/\$([1-9])(?![0-9])/g, (_match, digit: string) => {
      used = true;
      return positional[Number(digit) - 1] ?? '';
    });
  return { text, used };
}

const SHELL_INLINE = /!`([^`\n]+)`/g;
const FILE_REFERENCE = /(^|[\s(])@((?:[\w.\-~]|\/)[^\s`'"()]*)/g;

/**
 * Turns a custom command and the user's arguments into the prompt to send: arguments substituted, then
 * `` !`cmd` `` replaced by the command's output, then `@file` references (inside the workspace only) inlined
 * after the prompt. Arguments the template does not use are appended, as Claude Code does.
 */
export async function expandCustomCommand(
  command: Pick<CustomCommand, 'body'>,
  args: string,
  deps: ExpandCommandDeps,
): Promise<string> {
  const signal = deps.signal ?? new AbortController().signal;
  const substituted = substituteArguments(command.body, args);
  let text = substituted.text;
  if (!substituted.used && args.trim().length > 0) text = `${text}\n\nARGUMENTS: ${args}`;

  const shellCommands = [...text.matchAll(SHELL_INLINE)].map((match) => match[1] as string);
  const outputs = new Map<string, string>();
  for (const shellCommand of shellCommands) {
    if (outputs.has(shellCommand)) continue;
    signal.throwIfAborted();
    outputs.set(shellCommand, (await deps.runShell(shellCommand, signal)).trimEnd());
  }
  text = text.replace(SHELL_INLINE, (_match, shellCommand: string) => outputs.get(shellCommand) ?? '');

  const attachments: string[] = [];
  const attached = new Set<string>();
  for (const match of text.matchAll(FILE_REFERENCE)) {
    const reference = (match[2] as string).replace(/[.,;:!?]+$/, '');
    if (attached.has(reference)) continue;
    const path = await insideWorkspace(reference, deps.workspaceRoot);
    if (!path) continue;
    try {
      const content = await deps.readFile(path, signal);
      attachments.push(`Contents of ${reference}:\n\`\`\`\n${content.replace(/\n$/, '')}\n\`\`\``);
      attached.add(reference);
    } catch (error) {
      // A reference that is not a readable file (a directory, an @mention) stays as written.
      if (signal.aborted) throw error;
    }
  }
  return attachments.length > 0 ? `${text}\n\n${attachments.join('\n\n')}` : text;
}

/** The real path of a reference when it stays inside the workspace (symlinks resolved), else undefined. */
async function insideWorkspace(reference: string, workspaceRoot: string): Promise<string | undefined> {
  const candidate = resolve(workspaceRoot, reference);
  try {
    const [real, root] = await Promise.all([realpath(candidate), realpath(workspaceRoot)]);
    const rel = relative(root, real);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? real : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
