import { createHash } from 'node:crypto';

/** The API accepts tool names matching `^[a-zA-Z0-9_-]{1,64}$`. */
const MAX_TOOL_NAME = 64;

/** Replaces every character the API refuses in a tool name with `_`. */
export function sanitizeToolNamePart(part: string): string {
  return part.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/**
 * `mcp__<server>__<tool>`, sanitised and capped at 64 characters. A name that has to be cut keeps a short hash
 * of the full name so two long tools of one server stay distinct.
 */
export function mcpToolName(server: string, tool: string): string {
  const full = `mcp__${sanitizeToolNamePart(server)}__${sanitizeToolNamePart(tool)}`;
  if (full.length <= MAX_TOOL_NAME) return full;
  return withHash(full, full);
}

/**
 * `mcpToolName` for every tool of a server, each name distinct: tools whose names sanitise alike (`get.file`
 * and `get_file`) would otherwise reach the API twice, which refuses the whole request ("Tool names must be
 * unique"). The first keeps the plain name; a later one gets a short hash of its original name.
 */
export function uniqueMcpToolNames(server: string, tools: readonly string[]): string[] {
  const taken = new Set<string>();
  return tools.map((tool) => {
    let name = mcpToolName(server, tool);
    if (taken.has(name)) name = withHash(name, `${server}\u0000${tool}`);
    taken.add(name);
    return name;
  });
}

function withHash(name: string, hashed: string): string {
  const hash = createHash('sha256').update(hashed).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_TOOL_NAME - 9)}_${hash}`;
}

/** `/mcp__<server>__<prompt>`'s name part for an MCP prompt exposed as a slash command. */
export function mcpPromptCommandName(server: string, prompt: string): string {
  return `mcp__${sanitizeToolNamePart(server)}__${sanitizeToolNamePart(prompt)}`;
}
