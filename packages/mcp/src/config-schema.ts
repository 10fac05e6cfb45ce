import { z } from 'zod';

/**
 * One `mcpServers` entry as written in settings, `.mcp.json` or `--mcp-config` (Claude Code's format), before
 * variable expansion. Unknown keys are kept out of the way rather than rejected, as Claude Code does.
 */
const timeoutSchema = z.number().int().positive().optional();

export const StdioServerEntrySchema = z.object({
  type: z.literal('stdio').optional(),
  command: z.string().min(1, 'command must not be empty'),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().optional(),
  timeout: timeoutSchema,
});

export const RemoteServerEntrySchema = z.object({
  // `streamable-http` is accepted because some tools write it; it means the same as `http`.
  type: z.enum(['http', 'sse', 'streamable-http']).optional(),
  url: z.string().min(1, 'url must not be empty'),
  headers: z.record(z.string(), z.string()).default({}),
  timeout: timeoutSchema,
});

export type StdioServerEntry = z.infer<typeof StdioServerEntrySchema>;
export type RemoteServerEntry = z.infer<typeof RemoteServerEntrySchema>;
export type McpServerEntry = StdioServerEntry | RemoteServerEntry;

/** Where an entry came from; decides precedence, approval and where `claw mcp remove` edits. */
export type McpConfigSource = 'user' | 'project-settings' | 'project' | 'local' | 'cli' | 'plugin';

/** A validated, variable-expanded server the manager can connect to. */
export type McpServerConfig = McpStdioServerConfig | McpRemoteServerConfig;

interface McpServerConfigBase {
  name: string;
  source: McpConfigSource;
  /** The file the entry came from, when there is one. */
  path?: string;
  /** Per-server start-up timeout in ms; overrides the manager's. */
  timeout?: number;
}

export interface McpStdioServerConfig extends McpServerConfigBase {
  type: 'stdio';
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

export interface McpRemoteServerConfig extends McpServerConfigBase {
  type: 'http' | 'sse';
  url: string;
  headers: Record<string, string>;
}

/**
 * Parses one raw entry: a `command` means stdio, a `url` means http unless `type` says `sse`.
 * Returns a readable reason on failure.
 */
export function parseServerEntry(
  raw: unknown,
): { ok: true; entry: McpServerEntry; type: 'stdio' | 'http' | 'sse' } | { ok: false; message: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: 'entry must be an object' };
  }
  const record = raw as Record<string, unknown>;
  const declared = record.type;
  const isStdio =
    declared === 'stdio' || (declared === undefined && 'command' in record && !('url' in record));
  if (isStdio) {
    const parsed = StdioServerEntrySchema.safeParse(raw);
    if (!parsed.success) return { ok: false, message: formatZodIssues(parsed.error) };
    return { ok: true, entry: parsed.data, type: 'stdio' };
  }
  if (declared !== undefined && !['http', 'sse', 'streamable-http'].includes(String(declared))) {
    return {
      ok: false,
      message: `type: unknown transport ${JSON.stringify(declared)} (expected stdio, http or sse)`,
    };
  }
  if (!('url' in record))
    return { ok: false, message: 'entry needs either "command" (stdio) or "url" (http/sse)' };
  const parsed = RemoteServerEntrySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: formatZodIssues(parsed.error) };
  return { ok: true, entry: parsed.data, type: parsed.data.type === 'sse' ? 'sse' : 'http' };
}

export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
