import type { McpConfigSource, McpServerConfig } from './config-schema.js';
import { parseServerEntry } from './config-schema.js';
import { expandRecord, expandVariables } from './env-expand.js';

/** One source of `mcpServers` entries, in the caller's precedence order (later wins on a name clash). */
export interface McpConfigInput {
  source: McpConfigSource;
  /** The file it came from, for messages. */
  path?: string;
  /** The value of the `mcpServers` key: `{ name: entry }`. */
  servers: unknown;
}

/** Settings that approve project-scoped (`.mcp.json`) servers, as Claude Code names them. */
export interface McpApprovals {
  enabledMcpjsonServers?: string[];
  disabledMcpjsonServers?: string[];
  /** Approves every `.mcp.json` server (Claude Code's `enableAllProjectMcpServers`). */
  enableAllProjectMcpServers?: boolean;
}

export type McpConfigIssueKind = 'invalid' | 'pending-approval' | 'disabled';

export interface McpConfigIssue {
  server: string;
  source: McpConfigSource;
  path?: string;
  kind: McpConfigIssueKind;
  message: string;
}

export interface McpConfigValidation {
  servers: McpServerConfig[];
  issues: McpConfigIssue[];
}

export interface ValidateMcpConfigOptions {
  /** Variables for `${VAR}` expansion; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Approval state for `.mcp.json` servers. When absent every project server is `pending-approval`, because a
   * cloned repository must not start processes before the user says so.
   */
  approvals?: McpApprovals;
}

/**
 * Validates and expands every entry on its own: a broken entry becomes an issue and its siblings still load.
 */
export function validateMcpConfig(
  inputs: McpConfigInput[],
  options: ValidateMcpConfigOptions = {},
): McpConfigValidation {
  const env = options.env ?? process.env;
  const byName = new Map<string, McpServerConfig>();
  const issues: McpConfigIssue[] = [];
  for (const input of inputs) {
    const where = { source: input.source, ...(input.path === undefined ? {} : { path: input.path }) };
    if (input.servers === undefined || input.servers === null) continue;
    if (typeof input.servers !== 'object' || Array.isArray(input.servers)) {
      issues.push({
        server: '*',
        ...where,
        kind: 'invalid',
        message: 'mcpServers must be an object of name → entry',
      });
      continue;
    }
    for (const [name, raw] of Object.entries(input.servers as Record<string, unknown>)) {
      const result = toServerConfig(name, raw, input, env);
      if ('message' in result) {
        issues.push({ server: name, ...where, kind: 'invalid', message: result.message });
        byName.delete(name);
        continue;
      }
      const approval = input.source === 'project' ? approvalOf(name, options.approvals) : 'approved';
      if (approval !== 'approved') {
        issues.push({
          server: name,
          ...where,
          kind: approval,
          message:
            approval === 'disabled'
              ? 'disabled in disabledMcpjsonServers'
              : 'project server from .mcp.json awaits approval (enabledMcpjsonServers)',
        });
        byName.delete(name);
        continue;
      }
      byName.set(name, result);
    }
  }
  return { servers: [...byName.values()], issues };
}

function approvalOf(
  name: string,
  approvals: McpApprovals | undefined,
): 'approved' | 'pending-approval' | 'disabled' {
  if (approvals?.disabledMcpjsonServers?.includes(name)) return 'disabled';
  if (approvals?.enableAllProjectMcpServers === true) return 'approved';
  if (approvals?.enabledMcpjsonServers?.includes(name)) return 'approved';
  return 'pending-approval';
}

function toServerConfig(
  name: string,
  raw: unknown,
  input: McpConfigInput,
  env: Readonly<Record<string, string | undefined>>,
): McpServerConfig | { message: string } {
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) {
    return { message: 'server name may only contain letters, digits, "_", "-" and "."' };
  }
  const parsed = parseServerEntry(raw);
  if (!parsed.ok) return { message: parsed.message };
  const base = {
    name,
    source: input.source,
    ...(input.path === undefined ? {} : { path: input.path }),
    ...(parsed.entry.timeout === undefined ? {} : { timeout: parsed.entry.timeout }),
  };
  const missing: string[] = [];
  const expand = (value: string): string => {
    const result = expandVariables(value, env);
    missing.push(...result.missing);
    return result.value;
  };
  let config: McpServerConfig;
  if (parsed.type === 'stdio' && 'command' in parsed.entry) {
    const entryEnv = expandRecord(parsed.entry.env, env);
    missing.push(...entryEnv.missing);
    config = {
      ...base,
      type: 'stdio',
      command: expand(parsed.entry.command),
      args: parsed.entry.args.map(expand),
      env: entryEnv.value,
      ...(parsed.entry.cwd === undefined ? {} : { cwd: expand(parsed.entry.cwd) }),
    };
  } else if ('url' in parsed.entry) {
    const headers = expandRecord(parsed.entry.headers, env);
    missing.push(...headers.missing);
    const url = expand(parsed.entry.url);
    if (missing.length === 0 && !URL.canParse(url)) return { message: `url: not a valid URL: ${url}` };
    config = { ...base, type: parsed.type === 'sse' ? 'sse' : 'http', url, headers: headers.value };
  } else {
    return { message: 'entry needs either "command" (stdio) or "url" (http/sse)' };
  }
  if (missing.length > 0) {
    const names = [...new Set(missing)].join(', ');
    return {
      message: `missing environment variable${missing.length > 1 ? 's' : ''} ${names} (no default given)`,
    };
  }
  return config;
}
