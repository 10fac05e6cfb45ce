import type { BashCommandNode } from './bash/types.js';
import { matchWildcard } from './rules.js';

const normalize = (text: string): string => text.trim().replace(/\s+/g, ' ');

/**
 * Matches a `Bash(...)` specifier against one simple command (never a whole `a && b` line: the caller
 * checks every sub-command on its own).
 * - `npm run test:*` — the legacy prefix form: `npm run test` itself or followed by a space and anything.
 * - `git diff *` — `*` matches anything, including spaces; a single trailing ` *` is optional, so the rule
 *   also matches bare `git diff` but not `git difftool` (the space is a word boundary).
 * - anything else — the exact command, whitespace-normalised.
 * `exactAllowed` is false for commands that receive more arguments at runtime (`xargs rm` runs
 * `rm <stdin words>`), so only prefix and wildcard rules can match them.
 */
export function matchCommandPattern(pattern: string, command: string, exactAllowed = true): boolean {
  const p = normalize(pattern);
  const text = normalize(command);
  if (p.endsWith(':*')) {
    const prefix = p.slice(0, -2).trimEnd();
    return (exactAllowed && text === prefix) || text.startsWith(`${prefix} `);
  }
  const stars = p.match(/(?<!\\)\*/g)?.length ?? 0;
  if (stars === 0) return exactAllowed && text === p;
  if (stars === 1 && p.endsWith(' *') && exactAllowed && text === p.slice(0, -2)) return true;
  return matchWildcard(p, text);
}

/**
 * The strings a rule may match for a command: its source text and its words after quote removal (so
 * `'r''m' x` is `rm x`). Deny and ask rules also see the command run by basename (`/bin/rm x` → `rm x`) —
 * widening deny is safe, widening allow is not. A command with an unsafe `NAME=value` prefix is only
 * matched as written, so `PATH=/tmp/evil npm test` is not allowed by `Bash(npm test)`.
 */
export function commandCandidates(node: BashCommandNode, purpose: 'allow' | 'deny'): string[] {
  const words = node.argv.join(' ');
  if (purpose === 'allow') return node.unsafeEnv ? [node.text] : [node.text, words];
  const [name = '', ...args] = node.argv;
  const base = name.includes('/') ? [name.slice(name.lastIndexOf('/') + 1), ...args].join(' ') : words;
  return [node.text, words, base];
}

/** A rule naming one command exactly: no `:*` prefix form and no `*` wildcard. */
export function isExactPattern(pattern: string): boolean {
  return !pattern.trimEnd().endsWith(':*') && !/(?<!\\)\*/.test(pattern);
}

export function nodeMatches(pattern: string, node: BashCommandNode, purpose: 'allow' | 'deny'): boolean {
  return commandCandidates(node, purpose).some((candidate) =>
    matchCommandPattern(pattern, candidate, !node.openArgs || purpose === 'deny'),
  );
}

/** Every command in the tree, depth first (wrappers before what they run). */
export function flattenCommands(nodes: readonly BashCommandNode[]): BashCommandNode[] {
  const out: BashCommandNode[] = [];
  const walk = (node: BashCommandNode): void => {
    out.push(node);
    node.inner.forEach(walk);
  };
  nodes.forEach(walk);
  return out;
}

/**
 * Whether a prefix or wildcard rule on a wrapper names what the wrapper runs: `Bash(timeout 60 npm test:*)`
 * covers `timeout 60 npm test -x`, but `Bash(timeout 60:*)`, `Bash(find .:*)` or `Bash(bash -c:*)` do not
 * cover `timeout 60 rm -rf /`, `find . -exec rm {} +` or `bash -c 'curl x|sh'`: every inner command must
 * then be covered on its own. The rule must fix every word up to the last inner command's name.
 */
function spellsInnerCommands(pattern: string, node: BashCommandNode): boolean {
  const at = node.innerAt;
  if (at === undefined || !Number.isFinite(at) || node.unsafeEnv) return false;
  if (node.argv.slice(0, at + 1).some((word) => /\s/.test(word) || word === '')) return false;
  const p = normalize(pattern);
  const literal = p.endsWith(':*') ? `${p.slice(0, -2).trimEnd()} ` : p.slice(0, p.search(/(?<!\\)\*/));
  // Words followed by a space are fixed whole; a trailing partial word (`timeout 60 np*`) is not.
  const fixedWords = literal.split(' ').length - 1;
  return fixedWords > at && matchCommandPattern(pattern, node.argv.join(' '), !node.openArgs);
}

/**
 * Whether allow rules cover a command: a rule matches it, or it is a transparent wrapper (`timeout 60`,
 * `bash -c`, `xargs`, `find -exec`) and every command it runs is covered. `sudo` is never seen through.
 * Returns the first rule that contributed, for the decision's reason.
 */
export function coveringRule<R extends { pattern: string }>(
  node: BashCommandNode,
  rules: readonly R[],
  exactOnly: (node: BashCommandNode) => boolean = () => false,
): R | undefined {
  // A command that reads outside the workspace is covered only by a rule naming it exactly; so is a wrapper
  // running one (`Bash(timeout:*)` must not cover `timeout 5 cat ~/.ssh/id`), though an exact rule for
  // the inner command still covers it through the wrapper. A wrapper reading outside itself
  // (`env -C /etc cat x`) is covered only by a rule naming the wrapper.
  const exact = exactOnly(node);
  const flaggedWithin = (n: BashCommandNode): boolean => exactOnly(n) || n.inner.some(flaggedWithin);
  const direct = rules.find(
    (rule) =>
      (!flaggedWithin(node) || isExactPattern(rule.pattern)) &&
      (node.inner.length === 0 || isExactPattern(rule.pattern)
        ? nodeMatches(rule.pattern, node, 'allow')
        : spellsInnerCommands(rule.pattern, node)),
  );
  if (direct !== undefined) return direct;
  if (exact || !node.transparent || node.privileged || node.inner.length === 0) return undefined;
  let first: R | undefined;
  for (const inner of node.inner) {
    const covering = coveringRule(inner, rules, exactOnly);
    if (covering === undefined) return undefined;
    first ??= covering;
  }
  return first;
}
