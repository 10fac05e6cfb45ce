import { readFile } from 'node:fs/promises';
import type { McpConfigSource } from './config-schema.js';
import type { McpConfigInput } from './config-validate.js';

/**
 * Reads `--mcp-config` / `.mcp.json`-style input: a file path, or (like Claude Code's flag) an inline JSON
 * string. The file holds `{ "mcpServers": { ... } }`.
 */
export async function readMcpConfigInput(
  pathOrJson: string,
  source: McpConfigSource,
): Promise<McpConfigInput> {
  const inline = pathOrJson.trimStart().startsWith('{');
  const text = inline ? pathOrJson : await readFile(pathOrJson, 'utf8');
  const parsed: unknown = JSON.parse(text);
  const servers =
    typeof parsed === 'object' && parsed !== null && 'mcpServers' in parsed
      ? (parsed as { mcpServers: unknown }).mcpServers
      : undefined;
  return { source, ...(inline ? {} : { path: pathOrJson }), servers };
}
