import type { BashAnalysis, BashCommandNode } from './bash/types.js';

/**
 * Programs whose first arguments do not say what they do: a prefix rule on them (`Bash(timeout 60:*)`,
 * `Bash(bash -c:*)`, `Bash(find .:*)`, `Bash(python -c:*)`) would allow anything, so "always allow"
 * offers only the exact command for them.
 */
const NO_PREFIX_RULE = new Set([
  'sudo',
  'doas',
  'env',
  'timeout',
  'nice',
  'ionice',
  'stdbuf',
  'nohup',
  'builtin',
  'exec',
  'setsid',
  'time',
  'command',
  'xargs',
  'find',
  'eval',
  'source',
  '.',
  'bash',
  'sh',
  'zsh',
  'dash',
  'ksh',
  'python',
  'python2',
  'python3',
  'node',
  'perl',
  'ruby',
  'php',
  'awk',
  'sed',
  'watch',
  'parallel',
  'strace',
  'ltrace',
]);

/** A word that reads as a subcommand (`run`, `diff`, `test:unit`), not an option, path or value. */
const SUBCOMMAND = /^[A-Za-z][A-Za-z0-9:._-]*$/;

/**
 * The rule "always allow" offers for a Bash command, or undefined when no rule would be both useful and
 * safe. A line of several commands (`a && b`, `a | b`) gets none: a rule matches one command, and
 * allowing the first would allow it before anything. Wrappers are looked through to the command they run
 * (`timeout 60 npm test` → `Bash(npm test:*)`, which covers the wrapper too); the program and its
 * subcommand make the prefix (`git push` → `Bash(git push:*)`); when the next word is an option or a path
 * (`rm -rf build`, `git -c k=v status`) the rule is the exact command.
 */
export function suggestBashRule(analysis: BashAnalysis): string | undefined {
  if (analysis.unanalyzable !== undefined || analysis.unsafeAssignments.length > 0) return undefined;
  if (analysis.tree.length !== 1) return undefined;
  let node = analysis.tree[0] as BashCommandNode;
  while (node.transparent && !node.privileged && node.inner.length > 0) {
    if (node.inner.length !== 1) return undefined;
    node = node.inner[0] as BashCommandNode;
  }
  const [name = '', second] = node.argv;
  if (node.unsafeEnv || node.inner.length > 0 || NO_PREFIX_RULE.has(name) || name.includes('/'))
    return exact(node);
  if (second === undefined) return `Bash(${name}:*)`;
  if (SUBCOMMAND.test(second) && node.dynamic[1] !== true) return `Bash(${name} ${second}:*)`;
  return exact(node);
}

/** The command itself as a rule; `*` escaped so the rule stays exact. */
function exact(node: BashCommandNode): string | undefined {
  // A command that receives more arguments at runtime (`xargs rm`) never matches an exact rule, and one
  // spanning lines or holding `:*` cannot be written back as one.
  if (node.openArgs || /\n|:\*/.test(node.text)) return undefined;
  return `Bash(${node.text.trim().replace(/\s+/g, ' ').replace(/\*/g, '\\*')})`;
}
