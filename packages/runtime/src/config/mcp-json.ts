import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPlainObject } from './dotted-key.js';
import type { SettingsIssue } from './settings-issue.js';
import { McpServerSchema, type McpServerSetting } from './settings-schema.js';

export interface McpJson {
  path: string;
  exists: boolean;
  servers: Record<string, McpServerSetting>;
  errors: SettingsIssue[];
}

/**
 * Reads `<project>/.mcp.json` (Claude Code's project MCP file, `{"mcpServers": {...}}`). Which of its servers
 * run is decided with `enabledMcpjsonServers` / `disabledMcpjsonServers` by the MCP layer.
 */
export async function readMcpJson(workspaceRoot: string): Promise<McpJson> {
  const path = join(workspaceRoot, '.mcp.json');
  const result: McpJson = { path, exists: false, servers: {}, errors: [] };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    result.errors.push({
      file: path,
      key: '',
      reason: `unreadable: ${(error as Error).message}`,
      severity: 'error',
    });
    return result;
  }
  result.exists = true;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    result.errors.push({
      file: path,
      key: '',
      reason: `invalid JSON: ${(error as Error).message}`,
      severity: 'error',
    });
    return result;
  }
  const servers = isPlainObject(raw) ? raw.mcpServers : undefined;
  if (!isPlainObject(servers)) {
    result.errors.push({ file: path, key: 'mcpServers', reason: 'expected an object', severity: 'error' });
    return result;
  }
  for (const [name, entry] of Object.entries(servers)) {
    const parsed = McpServerSchema.safeParse(entry);
    if (parsed.success) result.servers[name] = parsed.data;
    else
      result.errors.push({
        file: path,
        key: `mcpServers.${name}`,
        reason: 'expected {"command", "args"?} (stdio) or {"type": "http"|"sse", "url"}',
        severity: 'error',
      });
  }
  return result;
}
