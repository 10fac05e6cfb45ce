import { compilePathPattern, type PathMatcher, ruleBaseDir } from './path-rules.js';
import {
  type ParsedRule,
  type PermissionRuleEntry,
  PermissionRuleError,
  parsePermissionRule,
  READ_FILE_TOOLS,
  type RuleBehavior,
  WRITE_FILE_TOOLS,
} from './rules.js';

export interface CompiledRule extends ParsedRule {
  behavior: RuleBehavior;
  source: string;
  /** For `path` matchers: the compiled pattern, anchored at the declaring file's base directory. */
  matchPath?: PathMatcher;
}

export interface CompiledRuleSet {
  rules: CompiledRule[];
  /** Invalid allow rules: dropped, which only makes the policy stricter. */
  warnings: PermissionRuleError[];
  /**
   * Invalid deny or ask rules. Dropping one would silently permit what the user meant to stop, so these
   * must stop the run (`createPermissionPolicy` throws `PermissionConfigError`).
   */
  fatal: PermissionRuleError[];
}

export interface RuleCompileContext {
  workspaceRoot: string;
  homeDir: string;
  toolAliases: Readonly<Record<string, string>>;
}

export function compileRule(entry: PermissionRuleEntry, ctx: RuleCompileContext): CompiledRule {
  let parsed: ParsedRule;
  try {
    parsed = parsePermissionRule(entry.rule, ctx.toolAliases);
  } catch (error) {
    if (error instanceof PermissionRuleError)
      throw new PermissionRuleError(entry.rule, error.reason, entry.source);
    throw error;
  }
  const compiled: CompiledRule = { ...parsed, behavior: entry.behavior, source: entry.source };
  if (parsed.matcher.kind === 'path') {
    const base = ruleBaseDir(entry.source, ctx.workspaceRoot, ctx.homeDir);
    compiled.matchPath = compilePathPattern(parsed.matcher.pattern, base, ctx.homeDir);
  }
  return compiled;
}

export function compileRuleSet(
  entries: readonly PermissionRuleEntry[],
  ctx: RuleCompileContext,
): CompiledRuleSet {
  const out: CompiledRuleSet = { rules: [], warnings: [], fatal: [] };
  for (const entry of entries) {
    try {
      out.rules.push(compileRule(entry, ctx));
    } catch (error) {
      if (!(error instanceof PermissionRuleError)) throw error;
      (entry.behavior === 'allow' ? out.warnings : out.fatal).push(error);
    }
  }
  return out;
}

/** Whether a rule names this (canonical) tool: file rules cover their whole group, MCP server rules all its tools. */
export function ruleAppliesToTool(rule: CompiledRule, tool: string): boolean {
  if (rule.matcher.kind === 'mcp-server') {
    const prefix = `mcp__${rule.matcher.server}`;
    return tool === prefix || tool.startsWith(`${prefix}__`);
  }
  for (const group of [READ_FILE_TOOLS, WRITE_FILE_TOOLS]) {
    if (group.includes(rule.tool)) return group.includes(tool);
  }
  return rule.tool === tool;
}

/** Thrown by `createPermissionPolicy` when deny or ask rules fail to parse. */
export class PermissionConfigError extends Error {
  readonly kind = 'invalid_permission_config';
  readonly hint =
    'Fix or remove the rules named above; claw will not run with a deny or ask rule it cannot read.';
  constructor(readonly errors: PermissionRuleError[]) {
    super(errors.map((error) => error.message).join('\n'));
    this.name = 'PermissionConfigError';
  }
}
