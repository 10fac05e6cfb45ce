import { levelForAnalysis } from './bash/analyzer.js';
import type { BashAnalysis, BashCommandNode } from './bash/types.js';
import { processPathReason, protectedArgument, secretReadReason } from './bash-path-args.js';
import { bashReadScope } from './bash-read-scope.js';
import { coveringRule, flattenCommands, nodeMatches } from './bash-rules.js';
import { computedTargetMayBeProtected, resolveWriteTarget, writeTargets } from './bash-write-targets.js';
import { explicitAllowFor, findPathRule, outsideRoots, type PathContext } from './decide-path.js';
import { byMode, byRule, type PermissionDecision } from './decision.js';
import type { PermissionLevel } from './mode.js';
import { protectedPathReason } from './paths.js';
import type { CompiledRule } from './rule-set.js';

export interface BashContext {
  /** Bash rules. */
  rules: readonly CompiledRule[];
  /** Write-tool (`Edit(...)`) rules, applied to redirection targets. */
  writeRules: readonly CompiledRule[];
  /** Read-tool (`Read(...)`) rules, applied to the paths commands read. */
  readRules: readonly CompiledRule[];
  paths: Omit<PathContext, 'rules'>;
  cwd: string;
}

type CommandRule = CompiledRule & { pattern: string };

function commandRules(rules: readonly CompiledRule[], behavior: CompiledRule['behavior']): CommandRule[] {
  const out: CommandRule[] = [];
  for (const rule of rules) {
    if (rule.behavior === behavior && rule.matcher.kind === 'command')
      out.push({ ...rule, pattern: rule.matcher.pattern });
  }
  return out;
}

/**
 * Decides a Bash command. Deny: if any command anywhere in it (inside `$( )`, after `&&`, behind `timeout`
 * or `xargs`) matches a deny rule. Allow by rule: only if every command is covered. The level comes from the
 * analysis: read-only commands run at read-only, anything else needs danger-full-access.
 */
export function decideBash(command: string, analysis: BashAnalysis, ctx: BashContext): PermissionDecision {
  const what = `Bash(${command.length > 80 ? `${command.slice(0, 77)}…` : command})`;
  const nodes = flattenCommands(analysis.tree);
  const toolWide = (behavior: CompiledRule['behavior']): CompiledRule | undefined =>
    ctx.rules.find((rule) => rule.behavior === behavior && rule.matcher.kind === 'any');

  for (const behavior of ['deny', 'ask'] as const) {
    const wide = toolWide(behavior);
    if (wide) return byRule(behavior, wide, what);
    for (const rule of commandRules(ctx.rules, behavior)) {
      const hit = nodes.find((node) => nodeMatches(rule.pattern, node, 'deny'));
      if (hit) return byRule(behavior, rule, `${what}: \`${hit.text}\``);
    }
    if (
      behavior === 'deny' &&
      analysis.unanalyzable !== undefined &&
      commandRules(ctx.rules, 'deny').length > 0
    ) {
      return {
        behavior: 'ask',
        reason: `${what}: deny rules cannot be checked because ${analysis.unanalyzable}`,
      };
    }
  }

  // What the commands read: Read deny rules apply, and paths outside the roots need danger-full-access.
  const reads = bashReadScope(analysis, nodes, ctx.cwd, command, { ...ctx.paths, readRules: ctx.readRules });
  if (reads.ruled?.rule.behavior === 'deny')
    return byRule('deny', reads.ruled.rule, `${what}: reads ${reads.ruled.path}`);

  // Redirections and writing options (`--output=F`, `tee F`, `dd of=F`) are writes: Edit rules, protected
  // paths and the workspace boundary apply to them, from every directory a `cd` may have moved the shell to.
  let level: PermissionLevel = levelForAnalysis(analysis);
  const redirectReasons: string[] = [];
  for (const target of writeTargets(analysis.redirects, nodes)) {
    const resolved = resolveWriteTarget(target, reads.cwds, reads.cwdUnknown, ctx.paths);
    // A target computed at runtime (`> $x/config`, `> "$(…)"`) could be a protected file: ask, in
    // danger-full-access only when its literal parts could name one.
    if ('unresolvable' in resolved) {
      if (ctx.paths.mode === 'danger-full-access' && !computedTargetMayBeProtected(target.text)) continue;
      return { behavior: 'ask', reason: `${what} ${target.via} to ${resolved.unresolvable}` };
    }
    for (const path of resolved.paths) {
      const deny = findPathRule(ctx.writeRules, 'deny', path);
      if (deny) return byRule('deny', deny, `${what}: write to ${path.lexical}`);
      const ask = findPathRule(ctx.writeRules, 'ask', path);
      if (ask) return byRule('ask', ask, `${what}: write to ${path.lexical}`);
      const protectedReason = protectedPathReason(path.real) ?? protectedPathReason(path.lexical);
      if (protectedReason !== undefined && !explicitAllowFor(ctx.writeRules, path)) {
        return { behavior: 'ask', reason: `${what} ${target.via}: ${protectedReason}` };
      }
      if (outsideRoots(path, ctx.paths.allowedRoots) && !findPathRule(ctx.writeRules, 'allow', path)) {
        const where = path.real === path.lexical ? path.lexical : `${path.lexical} → ${path.real}`;
        redirectReasons.push(`writes to ${where}, outside the workspace`);
        level = 'danger-full-access';
      }
    }
  }

  const secretRead = secretReadReason(nodes, analysis.redirects, ctx.cwd, ctx.paths);
  if (secretRead !== undefined) return { behavior: 'ask', reason: `${what}: ${secretRead}` };

  const dirs = {
    cwds: reads.cwds,
    cwdUnknown: reads.cwdUnknown,
    workspaceRoot: ctx.paths.allowedRoots[0] ?? ctx.cwd,
    onlySuspectComputed: ctx.paths.mode === 'danger-full-access',
  };
  const protectedTarget = protectedArgument(nodes, dirs, ctx.paths, ctx.writeRules);
  if (protectedTarget !== undefined) return { behavior: 'ask', reason: `${what}: ${protectedTarget}` };
  if (reads.ruled !== undefined) return byRule('ask', reads.ruled.rule, `${what}: reads ${reads.ruled.path}`);
  if (reads.mayRead !== undefined) {
    const { rule, what: read } = reads.mayRead;
    return {
      behavior: 'ask',
      reason: `${what} reads ${read}, which ${rule.text} (${rule.source}) may cover`,
    };
  }
  if (reads.reasons.length > 0) level = 'danger-full-access';
  const processPath = processPathReason(nodes, analysis.redirects, ctx.cwd, ctx.paths);
  if (processPath !== undefined) {
    redirectReasons.push(processPath);
    level = 'danger-full-access';
  }

  const wideAllow = toolWide('allow');
  const allowRules = commandRules(ctx.rules, 'allow');
  // A command reading outside the workspace is covered only by a rule naming it exactly (`Bash(cat
  // /etc/hosts)`), not by `Bash(cat:*)`: a prefix rule grants a program, not every file it can open.
  const covering =
    wideAllow ??
    (analysis.unanalyzable === undefined &&
    analysis.tree.length > 0 &&
    analysis.unsafeAssignments.length === 0 &&
    !reads.redirectOutside
      ? allOrNothing(analysis, allowRules, (node) => reads.flagged.has(node))
      : undefined);
  if (covering && redirectReasons.length === 0) return byRule('allow', covering, what);

  const why = [...(analysis.readOnly ? [] : analysis.reasons), ...redirectReasons, ...reads.reasons].join(
    '; ',
  );
  return byMode(ctx.paths.mode, level, what, why === '' ? undefined : why);
}

function allOrNothing(
  analysis: BashAnalysis,
  rules: readonly CommandRule[],
  exactOnly: (node: BashCommandNode) => boolean,
): CompiledRule | undefined {
  let first: CompiledRule | undefined;
  for (const node of analysis.tree) {
    const rule = coveringRule(node, rules, exactOnly);
    if (rule === undefined) return undefined;
    first ??= rule;
  }
  return first;
}
