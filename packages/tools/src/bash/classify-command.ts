import type { PermissionLevel } from '../tool.js';

/** Characters that chain, redirect, substitute or background: any of them and the command needs full access. */
const SHELL_METACHARACTERS = /[;|&><$`\n\r(){}\\*?[\]~!#]/;

const READ_ONLY_PROGRAMS = new Set([
  'ls',
  'cat',
  'head',
  'tail',
  'wc',
  'pwd',
  'echo',
  'grep',
  'rg',
  'find',
  'git',
  'which',
  'file',
  'stat',
  'du',
  'df',
  'tree',
  'date',
  'whoami',
  'uname',
]);
const READ_ONLY_GIT_SUBCOMMANDS = new Set([
  'status',
  'log',
  'diff',
  'show',
  'blame',
  'rev-parse',
  'ls-files',
  'shortlog',
  'describe',
]);
/** find actions that write, delete or run programs. */
const FIND_WRITING_ACTIONS = /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/;
/** Flags that make otherwise read-only programs write or execute (`git diff --output`, `rg --pre`). */
const WRITING_FLAGS = /^--(output|pre|ext-diff|exec)\b/;

/**
 * The built-in, deliberately conservative classifier for Bash permission: `read-only` only for one simple
 * command from a small allowlist with no shell syntax at all; everything else needs `danger-full-access`.
 * The runtime's real shell parser replaces it through `deps.classifyCommand`.
 */
export function classifyCommandConservatively(command: string): PermissionLevel {
  const trimmed = command.trim();
  if (trimmed === '' || SHELL_METACHARACTERS.test(trimmed)) return 'danger-full-access';
  const words = splitWords(trimmed);
  if (!words) return 'danger-full-access';
  const [program, ...args] = words;
  if (!program || !READ_ONLY_PROGRAMS.has(program)) return 'danger-full-access';
  if (args.some((arg) => WRITING_FLAGS.test(arg))) return 'danger-full-access';
  if (program === 'find' && args.some((arg) => FIND_WRITING_ACTIONS.test(arg))) return 'danger-full-access';
  if (program === 'git') {
    const subcommand = args.find((arg) => !arg.startsWith('-'));
    if (args[0]?.startsWith('-') || !subcommand || !READ_ONLY_GIT_SUBCOMMANDS.has(subcommand))
      return 'danger-full-access';
  }
  return 'read-only';
}

/** Whitespace split honouring plain single and double quotes; undefined when quotes do not balance. */
function splitWords(command: string): string[] | undefined {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const char of command) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(current);
  return words;
}
