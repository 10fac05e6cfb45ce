import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BashAnalysis } from './bash/types.js';
import { decideBash } from './decide-bash.js';
import { decidePath, findPathRule, type PathContext, resolvePathCheck } from './decide-path.js';
import { decideUrl } from './decide-url.js';
import { byMode, byRule, type PermissionDecision } from './decision.js';
import type { PermissionLevel, PermissionMode } from './mode.js';
import { type DirectoryEntry, expandPath, listDirectory, resolveRealPath } from './paths.js';
import {
  type CompiledRule,
  compileRule,
  compileRuleSet,
  PermissionConfigError,
  ruleAppliesToTool,
} from './rule-set.js';
import {
  matchWildcard,
  type PermissionRuleEntry,
  type PermissionRuleError,
  READ_FILE_TOOLS,
  type RuleBehavior,
  WRITE_FILE_TOOLS,
} from './rules.js';

export interface PermissionPolicyOptions {
  mode: PermissionMode;
  rules: readonly PermissionRuleEntry[];
  workspaceRoot: string;
  /** `--add-dir` / `permissions.additionalDirectories`: file tools may use them like the workspace. */
  additionalDirectories?: readonly string[];
  /**
   * Directories that may be read (never written) as if inside the workspace: claw's private scratch
   * directory, where it keeps the full output of commands whose result the model received cut.
   */
  readableDirectories?: readonly string[];
  /** Credential files whose reads ask in every mode, besides `~/.claw/credentials.json` (`$CLAW_CONFIG_HOME`'s). */
  credentialFiles?: readonly string[];
  /** Alternative tool names → canonical (`bash` → `Bash`), from the tool registry. */
  toolAliases?: Readonly<Record<string, string>>;
  /** Synchronous Bash analysis, e.g. `createBashAnalyzer().analyze` after `init()`. */
  analyzeBash: (command: string) => BashAnalysis;
  homeDir?: string;
  /** Injected for tests; defaults to realpath of the longest existing ancestor. */
  resolveRealPath?: (absPath: string) => string;
  /** Injected for tests; defaults to `readdirSync` (Bash globs and recursive reads). */
  listDirectory?: (absPath: string) => DirectoryEntry[];
}

export interface PermissionCheck {
  /** The tool's name as called (aliases accepted). */
  toolName: string;
  input?: unknown;
  /** The tool's required level for this input. For Bash the policy's own analysis decides instead. */
  requiredLevel: PermissionLevel;
  /** `Tool.ruleSubject(input)`: a path, a command, a URL. Taken from `input` when absent. */
  subject?: string;
  /** Where relative paths and redirections resolve: the Bash tool's current directory. Default: workspace. */
  cwd?: string;
}

export interface PermissionPolicy {
  readonly mode: PermissionMode;
  /** Allow rules that did not parse and were dropped; show them (e.g. in `claw doctor`). */
  readonly warnings: readonly PermissionRuleError[];
  evaluate(check: PermissionCheck): PermissionDecision;
  /** "Allow for this session" (or deny). Throws `PermissionRuleError` for a bad rule. */
  addSessionRule(rule: string, behavior?: RuleBehavior): void;
  setMode(mode: PermissionMode): void;
  /**
   * The Read deny and ask rules for search tools (Grep, Glob), which list files nobody named and so must
   * hide what those rules cover themselves. Undefined when there are none. Reflects session rules added later.
   */
  readRuleFilter(): SearchReadFilter | undefined;
  /** Every rule in force, deny first, with the file (or flag, or `session`) that set it, for `/permissions`. */
  listRules(): PermissionRuleSummary[];
}

export interface PermissionRuleSummary {
  behavior: RuleBehavior;
  rule: string;
  source: string;
}

/** Structurally the `ReadRuleFilter` of `@claw/tools`' ToolContext. */
export interface SearchReadFilter {
  isBlocked(absolutePath: string): boolean;
  excludeGlobs(searchRoot: string): string[];
}

/**
 * Builds the policy. Precedence: deny > ask > allow > mode; within each, every source counts the same.
 * Throws `PermissionConfigError` when a deny or ask rule does not parse: the run must stop rather than
 * continue without a rule the user relies on.
 */
export function createPermissionPolicy(options: PermissionPolicyOptions): PermissionPolicy {
  const homeDir = options.homeDir ?? homedir();
  const realPath = options.resolveRealPath ?? resolveRealPath;
  const toolAliases = options.toolAliases ?? {};
  const workspaceRoot = realPath(options.workspaceRoot);
  const allowedRoots = [
    workspaceRoot,
    ...(options.additionalDirectories ?? []).map((dir) => realPath(expandPath(dir, workspaceRoot, homeDir))),
  ];
  const readableRoots = (options.readableDirectories ?? []).map((dir) => realPath(dir));
  // As named and as resolved: a symlinked home or config directory must not hide the file.
  const credentialFiles = [
    ...(options.credentialFiles ?? []),
    join(homeDir, '.claw', 'credentials.json'),
    join(homeDir, '.claude', '.credentials.json'),
  ].flatMap((file) => [file, realPath(file)]);
  const compileContext = { workspaceRoot, homeDir, toolAliases };
  const compiled = compileRuleSet(options.rules, compileContext);
  if (compiled.fatal.length > 0) throw new PermissionConfigError(compiled.fatal);
  const rules: CompiledRule[] = compiled.rules;
  let mode = options.mode;

  const canonical = (name: string): string =>
    Object.hasOwn(toolAliases, name) ? (toolAliases[name] ?? name) : name;

  return {
    get mode() {
      return mode;
    },
    warnings: compiled.warnings,
    setMode(next) {
      mode = next;
    },
    listRules() {
      const order: RuleBehavior[] = ['deny', 'ask', 'allow'];
      return order.flatMap((behavior) =>
        rules
          .filter((rule) => rule.behavior === behavior)
          .map((rule) => ({ behavior, rule: rule.text, source: rule.source })),
      );
    },
    addSessionRule(rule, behavior = 'allow') {
      rules.push(compileRule({ behavior, rule, source: 'session' }, compileContext));
    },
    readRuleFilter() {
      const blocking = rules.filter(
        (rule) =>
          rule.behavior !== 'allow' && ruleAppliesToTool(rule, 'Read') && rule.matcher.kind === 'path',
      );
      if (blocking.length === 0) return undefined;
      return {
        isBlocked(absolutePath) {
          const path = { lexical: absolutePath, real: realPath(absolutePath) };
          return (
            findPathRule(blocking, 'deny', path) !== undefined ||
            findPathRule(blocking, 'ask', path) !== undefined
          );
        },
        excludeGlobs(searchRoot) {
          return blocking.flatMap((rule) => {
            const glob = rule.matchPath?.globWithin(searchRoot);
            return glob === undefined ? [] : [`!${glob}`];
          });
        },
      };
    },
    evaluate(check) {
      const tool = canonical(check.toolName);
      const applicable = rules.filter((rule) => ruleAppliesToTool(rule, tool));
      const cwd = check.cwd ?? workspaceRoot;
      const subject = check.subject ?? subjectFromInput(tool, check.input);
      const paths: Omit<PathContext, 'rules'> = {
        mode,
        allowedRoots,
        readableRoots,
        homeDir,
        credentialFiles,
        resolveRealPath: realPath,
        listDirectory: options.listDirectory ?? listDirectory,
      };

      if (tool === 'Bash') {
        const command = subject ?? '';
        return decideBash(command, options.analyzeBash(command), {
          rules: applicable,
          writeRules: rules.filter((rule) => ruleAppliesToTool(rule, 'Edit')),
          readRules: rules.filter((rule) => ruleAppliesToTool(rule, 'Read')),
          paths,
          cwd,
        });
      }
      const access = WRITE_FILE_TOOLS.includes(tool)
        ? 'write'
        : READ_FILE_TOOLS.includes(tool)
          ? 'read'
          : undefined;
      if (access !== undefined) {
        const path = resolvePathCheck(subject ?? cwd, cwd, paths);
        return decidePath(tool, access, path, check.requiredLevel, { ...paths, rules: applicable });
      }
      if (tool === 'WebFetch') return decideUrl(tool, subject, check.requiredLevel, applicable, mode);
      return decideOther(tool, subject, check.requiredLevel, applicable, mode);
    },
  };
}

/** Tools without special matching (MCP tools, Task, Skill, WebSearch…): tool-wide rules or `*` patterns on the subject. */
function decideOther(
  tool: string,
  subject: string | undefined,
  required: PermissionLevel,
  rules: readonly CompiledRule[],
  mode: PermissionMode,
): PermissionDecision {
  const what = subject === undefined ? tool : `${tool}(${subject})`;
  for (const behavior of ['deny', 'ask', 'allow'] as const) {
    const rule = rules.find(
      (r) =>
        r.behavior === behavior &&
        (r.matcher.kind === 'any' ||
          r.matcher.kind === 'mcp-server' ||
          (r.matcher.kind === 'subject' &&
            subject !== undefined &&
            matchWildcard(r.matcher.pattern, subject))),
    );
    if (rule) return byRule(behavior, rule, what);
  }
  return byMode(mode, required, what);
}

/** Claude Code's field names, and claw-code's, for when the caller passes no subject. */
function subjectFromInput(tool: string, input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const record = input as Record<string, unknown>;
  const fields =
    tool === 'Bash' ? ['command'] : tool === 'WebFetch' ? ['url'] : ['file_path', 'notebook_path', 'path'];
  for (const field of fields) {
    const value = record[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}
