import type { Parser } from 'web-tree-sitter';
import type { PermissionLevel } from '../mode.js';
import { commandEvaluationHazard } from './evaluation.js';
import { extractScript } from './extract.js';
import { getLoadedBashParser, loadBashParser, withBashTree } from './parser.js';
import { classifyLeafCommand } from './read-only.js';
import type { BashAnalysis, BashCommandNode, BashRedirect } from './types.js';
import { type InnerArgv, isSafeAssignment, lookThrough } from './wrappers.js';

/** `bash -c "bash -c '…'"` nests; past this depth the command is not analysed. */
const MAX_DEPTH = 6;

/**
 * The Bash analyser. Parsing needs the WebAssembly grammar, which loads asynchronously, while the Bash
 * tool's `classifyCommand` hook is synchronous. So: `init()` once at start-up (the runtime awaits it before
 * the first turn), then `analyze`/`classify` are synchronous. Called before `init()` has finished they fail
 * safe: the command is reported unanalysable and classified as needing danger-full-access.
 */
export interface BashAnalyzer {
  init(): Promise<void>;
  readonly ready: boolean;
  analyze(command: string): BashAnalysis;
  classify(command: string): PermissionLevel;
}

export function createBashAnalyzer(): BashAnalyzer {
  // Plain closures, so `analyzer.classify` can be passed around unbound as the Bash tool's hook.
  const analyze = (command: string): BashAnalysis => {
    const parser = getLoadedBashParser();
    return parser ? analyzeWithParser(parser, command) : notReady();
  };
  return {
    async init() {
      await loadBashParser();
    },
    get ready() {
      return getLoadedBashParser() !== undefined;
    },
    analyze,
    classify: (command) => levelForAnalysis(analyze(command)),
  };
}

/** One-shot analysis; loads the parser on first use. */
export async function analyzeBashCommand(command: string): Promise<BashAnalysis> {
  return analyzeWithParser(await loadBashParser(), command);
}

/** Read-only commands run at read-only; anything else needs full access (SPEC §3, Bash row). */
export function levelForAnalysis(analysis: BashAnalysis): PermissionLevel {
  return analysis.readOnly ? 'read-only' : 'danger-full-access';
}

function notReady(): BashAnalysis {
  const reason = 'the bash parser is not initialised yet';
  return {
    commands: [],
    tree: [],
    redirects: [],
    hasSubstitution: false,
    unsafeAssignments: [],
    mayRerun: false,
    unanalyzable: reason,
    readOnly: false,
    reasons: [reason],
  };
}

interface Context {
  parser: Parser;
  redirects: BashRedirect[];
  hasSubstitution: boolean;
  assigned: string[];
  mayRerun: boolean;
  unanalyzable?: string;
}

/**
 * Variables a command line may set for the commands after it. Bash's own variables (`PATH`, `IFS`,
 * `CDPATH`, `BASH_ENV`, …) and the environment's conventions are upper case, so a name with a lower-case
 * letter only names a script variable; upper-case names are safe only if they cannot change what runs.
 */
function isSafeShellVariable(name: string): boolean {
  return isSafeAssignment(name) || (/[a-z]/.test(name) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
}

function analyzeWithParser(parser: Parser, command: string): BashAnalysis {
  const ctx: Context = { parser, redirects: [], hasSubstitution: false, assigned: [], mayRerun: false };
  const tree = analyzeScript(ctx, command, 0);
  const commands: BashAnalysis['commands'] = [];
  const reasons: string[] = [];
  const walk = (node: BashCommandNode): void => {
    commands.push(
      node.via === undefined
        ? { argv: node.argv, text: node.text }
        : { argv: node.argv, text: node.text, via: node.via },
    );
    for (const reason of node.reasons) if (!reasons.includes(reason)) reasons.push(reason);
    node.inner.forEach(walk);
  };
  tree.forEach(walk);
  for (const redirect of ctx.redirects) {
    if (redirect.write) reasons.push(`output is redirected to ${redirect.target}`);
  }
  const unsafeAssignments = [...new Set(ctx.assigned.filter((name) => !isSafeShellVariable(name)))];
  for (const name of unsafeAssignments) {
    reasons.push(
      name === '<nameref>'
        ? '`declare -n` can assign any variable through another name'
        : `sets ${name}, which can change what later commands run`,
    );
  }
  if (ctx.unanalyzable !== undefined && !reasons.includes(ctx.unanalyzable))
    reasons.unshift(ctx.unanalyzable);
  const readOnly =
    ctx.unanalyzable === undefined &&
    tree.every((node) => node.readOnly) &&
    !ctx.redirects.some((r) => r.write) &&
    unsafeAssignments.length === 0;
  const analysis: BashAnalysis = {
    commands,
    tree,
    redirects: ctx.redirects,
    hasSubstitution: ctx.hasSubstitution,
    unsafeAssignments,
    mayRerun: ctx.mayRerun,
    readOnly,
    reasons,
  };
  if (ctx.unanalyzable !== undefined) analysis.unanalyzable = ctx.unanalyzable;
  return analysis;
}

function analyzeScript(ctx: Context, source: string, depth: number): BashCommandNode[] {
  if (depth > MAX_DEPTH) {
    ctx.unanalyzable ??= 'commands are nested too deeply to analyse';
    return [];
  }
  let extracted: ReturnType<typeof extractScript>;
  try {
    extracted = withBashTree(ctx.parser, source, extractScript);
  } catch (error) {
    ctx.unanalyzable ??= `the command could not be parsed: ${error instanceof Error ? error.message : String(error)}`;
    return [];
  }
  ctx.redirects.push(...extracted.redirects);
  ctx.hasSubstitution ||= extracted.hasSubstitution;
  ctx.assigned.push(...extracted.assigned);
  ctx.mayRerun ||= extracted.mayRerun;
  if (extracted.unanalyzable !== undefined) ctx.unanalyzable ??= extracted.unanalyzable;
  return extracted.commands.map((raw) => {
    const node = buildNode(
      ctx,
      {
        argv: raw.argv,
        dynamic: raw.dynamic,
        globbing: raw.globbing,
        openArgs: false,
        ...(raw.stdin === undefined ? {} : { stdin: raw.stdin }),
      },
      depth,
      raw.text,
    );
    const unsafe = raw.assignments.filter((name) => !isSafeAssignment(name));
    if (unsafe.length > 0) {
      node.readOnly = false;
      node.unsafeEnv = true;
      node.reasons.push(`sets ${unsafe.join(', ')}, which can change what runs`);
    }
    return node;
  });
}

const GLOB_CHARS = /[*?[]/;

function buildNode(
  ctx: Context,
  input: InnerArgv,
  depth: number,
  text: string,
  via?: string,
): BashCommandNode {
  const node: BashCommandNode = {
    argv: input.argv,
    dynamic: input.dynamic,
    globbing: input.globbing,
    text,
    transparent: false,
    openArgs: input.openArgs,
    inner: [],
    readOnly: false,
    unsafeEnv: false,
    privileged: false,
    reasons: [],
  };
  if (via !== undefined) node.via = via;
  const name = input.argv[0] ?? '';
  if (input.dynamic[0] || GLOB_CHARS.test(name)) {
    // `$(echo rm) x`, `$CMD x`, `/bin/r? x`: which program runs is decided at runtime.
    ctx.unanalyzable ??= `the command name \`${name}\` is computed at runtime`;
    node.reasons.push(`the command name \`${name}\` is computed at runtime`);
    return node;
  }
  const view = lookThrough(input.argv, input.dynamic, input.globbing, input.stdin);
  switch (view.kind) {
    case 'plain': {
      const hazard = commandEvaluationHazard(input.argv, input.dynamic);
      if (hazard !== undefined) {
        ctx.unanalyzable ??= hazard;
        node.reasons.push(hazard);
        return node;
      }
      const verdict = classifyLeafCommand(input.argv);
      node.readOnly = verdict.readOnly;
      if (verdict.reason !== undefined) node.reasons.push(verdict.reason);
      return node;
    }
    case 'opaque':
      ctx.unanalyzable ??= view.reason;
      node.reasons.push(view.reason);
      return node;
    case 'script': {
      node.transparent = true;
      const before = ctx.redirects.length;
      node.inner = analyzeScript(ctx, view.script, depth + 1).map((inner) => ({ ...inner, via: name }));
      const writes = ctx.redirects.slice(before).some((r) => r.write);
      node.readOnly = node.inner.every((inner) => inner.readOnly) && !writes;
      return node;
    }
    case 'wrapper': {
      node.transparent = view.transparent;
      node.privileged = view.privileged === true;
      node.inner = view.inner.map((inner) => buildNode(ctx, inner, depth + 1, inner.argv.join(' '), name));
      const starts = view.inner.map((inner) => inner.at ?? Number.POSITIVE_INFINITY);
      if (starts.length > 0) node.innerAt = Math.max(...starts);
      // `find` is both: its own flags (-delete, -fprint) and the commands it -execs.
      const own = name === 'find' ? classifyLeafCommand(input.argv) : { readOnly: true };
      node.readOnly =
        own.readOnly && view.reason === undefined && !node.privileged && node.inner.every((i) => i.readOnly);
      if (own.reason !== undefined) node.reasons.push(own.reason);
      if (view.reason !== undefined) node.reasons.push(view.reason);
      return node;
    }
  }
}
