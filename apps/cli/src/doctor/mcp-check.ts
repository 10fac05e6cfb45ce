import { mcpApprovalsOf } from '../reports/mcp-approvals.js';
import type { CheckResult, DoctorContext } from './check.js';
import { result } from './check.js';

function hasEntries(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/**
 * Validates every MCP entry of every scope on its own (no server is started). `@claw/mcp` is only imported
 * when some entry exists, so doctor stays fast for the common case.
 */
export async function checkMcpServers(ctx: DoctorContext): Promise<CheckResult> {
  const { loaded } = ctx;
  const settingsIssues = loaded.errors.filter((issue) => issue.key.startsWith('mcpServers'));
  const anyConfigured =
    hasEntries(loaded.settings.mcpServers) || hasEntries(loaded.mcpJson.servers) || settingsIssues.length > 0;
  if (!anyConfigured) return result('mcp', 'MCP servers', 'info', 'none configured');

  const { listMcpServers } = await import('@claw/mcp');
  const { settings } = loaded;
  const listings = await listMcpServers({
    workspaceRoot: ctx.workspaceRoot,
    configHome: ctx.configHome,
    env: ctx.env,
    approvals: mcpApprovalsOf(settings),
  });
  const details = listings.map(
    (l) =>
      `${l.name} (${l.scope}): ${l.state}${l.message ? ` — ${l.message}` : ''}${l.shadowed ? ' [shadowed]' : ''}`,
  );
  const invalid = listings.filter((l) => l.state === 'invalid');
  const pending = listings.filter((l) => l.state === 'pending-approval');
  if (invalid.length > 0) {
    return result(
      'mcp',
      'MCP servers',
      'fail',
      `${invalid.length} of ${listings.length} entr${listings.length === 1 ? 'y' : 'ies'} invalid: ${invalid.map((l) => l.name).join(', ')}`,
      details,
    );
  }
  if (pending.length > 0) {
    return result(
      'mcp',
      'MCP servers',
      'warn',
      `${pending.length} project server(s) await approval (enabledMcpjsonServers)`,
      details,
    );
  }
  return result(
    'mcp',
    'MCP servers',
    'pass',
    `${listings.length} entr${listings.length === 1 ? 'y' : 'ies'} valid`,
    details,
  );
}
