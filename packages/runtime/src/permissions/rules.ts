import picomatch from 'picomatch';

export type RuleBehavior = 'allow' | 'ask' | 'deny';

/** A rule as declared: in settings `permissions.allow|ask|deny`, on the command line, or for the session. */
export interface PermissionRuleEntry {
  behavior: RuleBehavior;
  rule: string;
  /** The settings file that declared it (absolute path), or `cli`, or `session`. */
  source: string;
}

/** Tools whose rules are file paths. Rules on any tool of a group apply to the whole group (Claude Code). */
export const READ_FILE_TOOLS: readonly string[] = ['Read', 'Glob', 'Grep', 'LS', 'NotebookRead'];
export const WRITE_FILE_TOOLS: readonly string[] = ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'];

export type RuleMatcher =
  /** `Bash`, `Read`, `mcp__github__create_issue`: the tool, whatever its input. */
  | { kind: 'any' }
  /** `Bash(npm run test:*)`, `Bash(git diff *)`, `Bash(npm test)`. */
  | { kind: 'command'; pattern: string }
  /** `Read(./secrets/**)`, `Edit(//etc/hosts)`, `Edit(~/notes/*.md)`. */
  | { kind: 'path'; pattern: string }
  /** `WebFetch(domain:example.com)`, `WebFetch(domain:*.example.com)`. */
  | { kind: 'domain'; domain: string }
  /** `mcp__server`, `mcp__server__*`: every tool of an MCP server. */
  | { kind: 'mcp-server'; server: string }
  /** Any other tool with a specifier (`Task(reviewer)`, `Skill(pdf)`): the subject, `*` as a wildcard. */
  | { kind: 'subject'; pattern: string };

export interface ParsedRule {
  /** The rule as written. */
  text: string;
  /** Canonical tool name (aliases resolved); for `mcp-server` matchers the `mcp__server` prefix. */
  tool: string;
  matcher: RuleMatcher;
}

export class PermissionRuleError extends Error {
  readonly kind = 'invalid_permission_rule';
  readonly hint: string;
  constructor(
    readonly rule: string,
    readonly reason: string,
    readonly source?: string,
  ) {
    super(`Invalid permission rule "${rule}"${source ? ` in ${source}` : ''}: ${reason}`);
    this.name = 'PermissionRuleError';
    this.hint = 'Rules look like Tool or Tool(specifier), e.g. Bash(npm run test:*), Read(./secrets/**)';
  }
}

const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * Parses one rule in Claude Code's syntax. `toolAliases` maps alternative names to canonical ones
 * (`bash` → `Bash`, `read_file` → `Read`); it is passed in so deciding imports no tool.
 */
export function parsePermissionRule(
  text: string,
  toolAliases: Readonly<Record<string, string>> = {},
): ParsedRule {
  const trimmed = text.trim();
  if (trimmed === '') throw new PermissionRuleError(text, 'the rule is empty');
  const open = trimmed.indexOf('(');
  const rawTool = open < 0 ? trimmed : trimmed.slice(0, open);
  const nameOk =
    TOOL_NAME.test(rawTool) || (rawTool.startsWith('mcp__') && TOOL_NAME.test(rawTool.replace(/\*$/, '')));
  if (!nameOk) throw new PermissionRuleError(text, `"${rawTool}" is not a tool name`);
  const tool = Object.hasOwn(toolAliases, rawTool) ? (toolAliases[rawTool] ?? rawTool) : rawTool;

  if (tool.startsWith('mcp__')) return parseMcpRule(text, tool, open >= 0);
  if (open < 0) return { text: trimmed, tool, matcher: { kind: 'any' } };
  if (!trimmed.endsWith(')')) throw new PermissionRuleError(text, 'the specifier must end with ")"');
  const specifier = trimmed.slice(open + 1, -1).trim();
  if (specifier === '') throw new PermissionRuleError(text, 'the specifier inside ( ) is empty');
  return { text: trimmed, tool, matcher: parseSpecifier(text, tool, specifier) };
}

function parseMcpRule(text: string, tool: string, hasSpecifier: boolean): ParsedRule {
  if (hasSpecifier) throw new PermissionRuleError(text, 'MCP rules take no ( ) specifier');
  const parts = tool.slice('mcp__'.length).split('__');
  const [server, name, ...extra] = parts;
  if (!server || extra.length > 0 || name === '') {
    throw new PermissionRuleError(
      text,
      'MCP rules look like mcp__server, mcp__server__tool or mcp__server__*',
    );
  }
  if (name === undefined || name === '*') {
    return { text: text.trim(), tool: `mcp__${server}`, matcher: { kind: 'mcp-server', server } };
  }
  if (name.includes('*'))
    throw new PermissionRuleError(text, 'only a whole-server wildcard mcp__server__* is supported');
  return { text: text.trim(), tool, matcher: { kind: 'any' } };
}

function parseSpecifier(text: string, tool: string, specifier: string): RuleMatcher {
  if (tool === 'Bash') {
    const legacy = specifier.indexOf(':*');
    if (legacy >= 0 && legacy !== specifier.length - 2) {
      throw new PermissionRuleError(text, '":*" is only allowed at the end of a Bash rule');
    }
    return { kind: 'command', pattern: specifier };
  }
  if (READ_FILE_TOOLS.includes(tool) || WRITE_FILE_TOOLS.includes(tool)) {
    if (/^~[^/]/.test(specifier))
      throw new PermissionRuleError(text, '"~user" paths are not supported; use ~/ or //');
    try {
      picomatch.makeRe(specifier);
    } catch (error) {
      throw new PermissionRuleError(
        text,
        `bad path pattern: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return { kind: 'path', pattern: specifier };
  }
  if (tool === 'WebFetch') {
    if (!specifier.startsWith('domain:')) {
      throw new PermissionRuleError(text, 'WebFetch rules look like WebFetch(domain:example.com)');
    }
    const domain = specifier.slice('domain:'.length).trim().toLowerCase();
    if (!HOSTNAME.test(domain)) throw new PermissionRuleError(text, `"${domain}" is not a host name`);
    return { kind: 'domain', domain };
  }
  return { kind: 'subject', pattern: specifier };
}

/** Whether `host` is covered by a `domain:` rule: exact host, or any subdomain for `*.example.com`. */
export function matchDomain(domain: string, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (domain.startsWith('*.')) return h.endsWith(domain.slice(1));
  return h === domain;
}

/** `*` as "any characters", everything else literal; anchored. */
export function matchWildcard(pattern: string, subject: string): boolean {
  const source = pattern
    .split(/(?<!\\)\*/)
    .map((part) => part.replace(/\\\*/g, '*').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(subject);
}
