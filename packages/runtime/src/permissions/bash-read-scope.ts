import { join } from 'node:path';
import { type OperandWord, type ReadOperands, readOperands } from './bash/read-operands.js';
import type { BashAnalysis, BashCommandNode } from './bash/types.js';
import { evaluateWord, expandBraces, hasGlob, resolveShellPath, splitsAtRuntime } from './bash-word-paths.js';
import { findPathRule, type PathCheck, type PathContext } from './decide-path.js';
import { isHarmlessReadPath, isWithin } from './paths.js';
import type { CompiledRule } from './rule-set.js';

export type ReadScopeContext = Pick<
  PathContext,
  'allowedRoots' | 'readableRoots' | 'homeDir' | 'resolveRealPath' | 'listDirectory'
> & {
  /** `Read(...)` rules: their deny and ask path rules apply to what Bash commands read, allow rules grant it. */
  readRules: readonly CompiledRule[];
};

export interface ReadScope {
  /** The first `Read(path)` deny rule (else ask rule) matching a path a command reads. */
  ruled?: { rule: CompiledRule; path: string };
  /**
   * A deny or ask `Read` rule that may match a file read without being named: under a directory read
   * recursively (`grep -r x .`, `rg`, `git grep`, `find -exec cat`), passed by xargs, or in git's history
   * (`git show HEAD:.env`). Such a read asks.
   */
  mayRead?: { rule: CompiledRule; what: string };
  /** Commands that read outside the allowed roots, or paths that cannot be resolved: only exact rules cover them. */
  flagged: Set<BashCommandNode>;
  /** An input redirection reads outside: no command rule covers that (rules see commands without redirections). */
  redirectOutside: boolean;
  reasons: string[];
  /** Every real directory the shell may be in while the line runs (the start, and each `cd` target). */
  cwds: string[];
  /** Set when a `cd` leads somewhere that cannot be known statically: relative paths are then unknown. */
  cwdUnknown?: string;
}

/** A recursive read that follows symlinks is checked for links leaving the roots, up to this many entries. */
const SYMLINK_SCAN_LIMIT = 5000;

/**
 * What a command line reads, and whether it stays inside the workspace and `additionalDirectories`, as the
 * file tools must (SPEC §5). Paths are resolved as the commands will open them: relative to the shell's
 * directory (every directory a `cd` earlier on the line may have moved it to), `~` and `$HOME` expanded,
 * globs and braces expanded, symlinks followed. A path that cannot be resolved statically counts as
 * leaving, so the command is asked about rather than allowed.
 */
export function bashReadScope(
  analysis: BashAnalysis,
  nodes: readonly BashCommandNode[],
  cwd: string,
  command: string,
  ctx: ReadScopeContext,
): ReadScope {
  const scope: ReadScope = { flagged: new Set(), redirectOutside: false, reasons: [], cwds: [] };
  const denyOrAsk = ctx.readRules.filter((rule) => rule.behavior !== 'allow' && rule.matcher.kind === 'path');
  const denyOrAskAll = ctx.readRules.filter((rule) => rule.behavior !== 'allow');
  const read = nodes.map((node) => ({
    node,
    operands: readOperands(node.argv, node.dynamic, node.globbing),
  }));
  let cwds = [ctx.resolveRealPath(cwd)];
  let unknownCwd: string | undefined;
  if (analysis.mayRerun && read.some(({ operands }) => operands?.chdir || operands?.unknownCwd)) {
    unknownCwd = 'a loop or a function may run it after a later `cd`';
  }
  // An assigned CDPATH sends `cd name` wherever it says.
  const cdPathSet = /\bCDPATH\b/.test(command);

  /** Problems with one path word: outside the roots, unresolvable, or matched by a Read rule. */
  const checkWord = (word: OperandWord, role: 'read' | 'chdir' | 'glob', found: PathCheck[]): string[] => {
    const evaluated = evaluateWord(word, ctx.homeDir);
    if ('unresolvable' in evaluated) return role === 'glob' ? [] : [`names ${evaluated.unresolvable}`];
    const value = evaluated.value;
    if (role === 'glob' && !(word.globbing && hasGlob(value))) return [];
    const alternatives = expandBraces(value);
    if (alternatives === undefined) return [`names ${value}, a brace sequence that is not checked`];
    if (!value.startsWith('/') && unknownCwd !== undefined) {
      return [
        `names ${value} relative to a working directory that cannot be known before it runs (${unknownCwd})`,
      ];
    }
    if (role === 'chdir' && cdPathSet && !/^\.{0,2}\//.test(value)) {
      return [`changes into ${value}, where the CDPATH it sets may send it anywhere`];
    }
    for (const alternative of alternatives) {
      for (const base of cwds) {
        const resolved = resolveShellPath(alternative, base, ctx, word.globbing);
        if ('unresolvable' in resolved) return [`names ${resolved.unresolvable}`];
        for (const dir of resolved.listed) {
          if (leaves(dir)) return [`lists ${describe(dir)}, outside the workspace`];
        }
        // A glob among data (`echo *`) only lists directories; the words it becomes are not opened.
        if (role === 'glob') continue;
        for (const path of resolved.paths) {
          if (isHarmlessReadPath(path.lexical) || isHarmlessReadPath(path.real)) continue;
          found.push(path);
          if (role === 'read') noteReadRule(path);
          if (leaves(path))
            return [
              `${role === 'chdir' ? 'changes into' : 'reads'} ${describe(path)}, outside the workspace`,
            ];
        }
      }
    }
    return [];
  };
  const noteReadRule = (path: PathCheck): void => {
    if (scope.ruled?.rule.behavior === 'deny') return;
    const rule = findPathRule(denyOrAsk, 'deny', path) ?? findPathRule(denyOrAsk, 'ask', path);
    if (rule !== undefined && (scope.ruled === undefined || rule.behavior === 'deny')) {
      scope.ruled = { rule, path: path.lexical };
    }
  };
  /** Deny/ask rules some file under `path` may match (a tool-wide `Read` rule matches everything). */
  const noteRecursive = (path: PathCheck, what: string): void => {
    const rule = denyOrAskAll.find(
      (r) => r.matcher.kind === 'any' || r.matchPath?.under(path.real) || r.matchPath?.under(path.lexical),
    );
    if (rule !== undefined) scope.mayRead ??= { rule, what };
  };
  const roots = [...ctx.allowedRoots, ...ctx.readableRoots];
  const outside = (path: PathCheck): boolean => !roots.some((root) => isWithin(path.real, root));
  const leaves = (path: PathCheck): boolean =>
    outside(path) && findPathRule(ctx.readRules, 'allow', path) === undefined;

  for (const { node, operands } of read) {
    if (operands === undefined) {
      // A wrapper (`timeout $T cat x`): a split runtime word can change what it runs and what that reads.
      const split = node.inner.length > 0 ? splittingWords(node, undefined) : [];
      if (split.length > 0) {
        scope.flagged.add(node);
        scope.reasons.push(`\`${shorten(node.text)}\` ${split.join('; ')}`);
      }
      continue;
    }
    const problems: string[] = [];
    const found: PathCheck[] = [];
    const readFound: PathCheck[] = [];
    problems.push(...splittingWords(node, operands));
    for (const word of operands.reads) problems.push(...checkWord(word, 'read', readFound));
    for (const word of operands.globs) problems.push(...checkWord(word, 'glob', readFound));
    if (operands.readsCwd) {
      const here: OperandWord = { text: '.', dynamic: false, globbing: false, index: 0 };
      problems.push(...checkWord(here, 'read', readFound));
    }
    if (operands.chdir) {
      problems.push(...checkWord(operands.chdir, 'chdir', found));
      if (found.length === 0) unknownCwd ??= `after \`${shorten(node.text)}\``;
    }
    if (operands.followsLinks) problems.push(...escapingLinks(readFound, ctx, outside));
    if (node.via === 'xargs' && node.openArgs && operands.dataOnly !== true) {
      problems.push('reads the paths xargs passes it at runtime');
      if (denyOrAskAll[0] !== undefined)
        scope.mayRead ??= { rule: denyOrAskAll[0], what: 'the paths xargs passes it' };
    }
    // `find … -exec cat {} +` reads every file it finds, as `grep -r` does.
    const recursive = operands.recursive === true || (node.argv[0] === 'find' && node.inner.length > 0);
    if (recursive) for (const path of readFound) noteRecursive(path, `every file under ${path.lexical}`);
    for (const word of operands.treeReads ?? []) {
      // A path in git's history is relative to the repository root, or to the directory git runs in.
      const evaluated = evaluateWord(word, ctx.homeDir);
      const value = 'value' in evaluated ? evaluated.value.replace(/^\.\//, '') : undefined;
      const bases = [...cwds, ...ctx.allowedRoots.slice(0, 1)];
      for (const base of value === undefined ? [] : bases) {
        const path: PathCheck = { lexical: join(base, value as string), real: join(base, value as string) };
        const rule = findPathRule(denyOrAsk, 'deny', path) ?? findPathRule(denyOrAsk, 'ask', path);
        if (rule !== undefined) scope.mayRead ??= { rule, what: `${word.text} from git` };
      }
      if (value === undefined && denyOrAskAll[0] !== undefined)
        scope.mayRead ??= { rule: denyOrAskAll[0], what: `${word.text} from git` };
    }
    if (operands.unknownCwd !== undefined) unknownCwd ??= operands.unknownCwd;
    if (operands.chdir) cwds = [...new Set([...cwds, ...found.map((path) => path.real)])];
    if (problems.length > 0) {
      scope.flagged.add(node);
      scope.reasons.push(`\`${shorten(node.text)}\` ${[...new Set(problems)].join('; ')}`);
    }
  }

  for (const redirect of analysis.redirects) {
    if (redirect.write || !(redirect.op === '<' || redirect.op === '<&')) continue;
    const target = { text: redirect.target, dynamic: redirect.dynamic, globbing: true, index: 0 };
    const problems = checkWord(target, 'read', []);
    if (problems.length > 0) {
      scope.redirectOutside = true;
      scope.reasons.push(`the input redirection \`< ${shorten(redirect.target)}\` ${problems.join('; ')}`);
    }
  }
  scope.cwds = cwds;
  if (unknownCwd !== undefined) scope.cwdUnknown = unknownCwd;
  return scope;
}

/**
 * In a command that reads files, a runtime value outside double quotes can split into more words, and
 * those may be options or files (`grep $P file` with `P='-f /etc/shadow'`). Commands whose arguments are
 * only data (`echo $X`) are not affected.
 */
function splittingWords(node: BashCommandNode, operands: ReadOperands | undefined): string[] {
  if (operands?.dataOnly === true) return [];
  const checked = new Set(operands?.reads.map((word) => word.index));
  if (operands?.chdir) checked.add(operands.chdir.index);
  const out: string[] = [];
  node.argv.forEach((text, index) => {
    if (index > 0 && node.dynamic[index] && !checked.has(index) && splitsAtRuntime(text)) {
      out.push(`has ${text}, which may split into more arguments at runtime`);
    }
  });
  return out;
}

/**
 * Symlinks a recursive read that follows them (`grep -R`, `find -L`, `diff -r`) would take out of the
 * roots. Bounded: a tree too large to check within the limit counts as leaving.
 */
function escapingLinks(
  starts: readonly PathCheck[],
  ctx: ReadScopeContext,
  outside: (path: PathCheck) => boolean,
): string[] {
  const queue = starts.filter((path) => !outside(path)).map((path) => path.real);
  const seen = new Set(queue);
  let budget = SYMLINK_SCAN_LIMIT;
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    for (const entry of ctx.listDirectory(dir)) {
      if (--budget < 0)
        return [`follows symlinks through more than ${SYMLINK_SCAN_LIMIT} files, too many to check`];
      const path = join(dir, entry.name);
      if (entry.type === 'directory' && !seen.has(path)) {
        seen.add(path);
        queue.push(path);
      } else if (entry.type === 'symlink') {
        const target: PathCheck = { lexical: path, real: ctx.resolveRealPath(path) };
        if (isHarmlessReadPath(target.real)) continue;
        if (outside(target) && findPathRule(ctx.readRules, 'allow', target) === undefined) {
          return [`follows the symlink ${describe(target)}, outside the workspace`];
        }
        if (!seen.has(target.real)) {
          seen.add(target.real);
          queue.push(target.real);
        }
      }
    }
  }
  return [];
}

function describe(path: PathCheck): string {
  return path.real === path.lexical ? path.real : `${path.lexical} → ${path.real}`;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
