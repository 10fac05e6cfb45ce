import { z } from 'zod';
import type { BuiltinToolDeps, DeferredToolInfo } from './deps.js';
import type { Tool } from './tool.js';
import { textResult } from './tool-result.js';

const toolSearchInput = z.strictObject({
  query: z
    .string()
    .min(1)
    .describe('Keywords describing the capability, or "select:Name1,Name2" to load tools by exact name.'),
  max_results: z.number().int().min(1).max(50).optional().describe('Most tools returned (default 5).'),
});
export type ToolSearchInput = z.infer<typeof toolSearchInput>;

/**
 * Finds deferred tools (large MCP catalogs kept out of the prompt) by keyword. The result lists names,
 * descriptions and input schemas as JSON so the runtime can load the chosen tools for the next turn.
 */
export function createToolSearchTool(
  deps: Pick<BuiltinToolDeps, 'deferredTools'> = {},
): Tool<ToolSearchInput> {
  return {
    name: 'ToolSearch',
    aliases: ['tool_search'],
    description:
      'Searches tools that are available but not loaded yet (e.g. large MCP catalogs) by keyword and loads the matches. Use "select:Name" to load a tool whose name you know.',
    inputSchema: toolSearchInput,
    permission: 'read-only',
    concurrencySafe: true,
    summarize: (input) => `ToolSearch(${input.query})`,
    async execute(input) {
      const catalog = deps.deferredTools?.() ?? [];
      const matches = searchDeferredTools(catalog, input.query, input.max_results ?? 5);
      if (matches.length === 0)
        return textResult(`No deferred tools match "${input.query}".`, { kind: 'text', text: 'No matches' });
      const payload = matches.map((tool) => ({
        name: tool.name,
        description: tool.description,
        input_schema: tool.inputSchema ?? { type: 'object' },
      }));
      return textResult(JSON.stringify({ tools: payload }, null, 2), {
        kind: 'text',
        text: matches.map((tool) => tool.name).join(', '),
      });
    },
  };
}

/** Scores name hits above description hits; `select:` picks exact names. Pure, for the runtime to reuse. */
export function searchDeferredTools(
  catalog: DeferredToolInfo[],
  query: string,
  limit: number,
): DeferredToolInfo[] {
  const trimmed = query.trim();
  if (trimmed.startsWith('select:')) {
    const names = trimmed
      .slice('select:'.length)
      .split(',')
      .map((name) => name.trim());
    return catalog.filter((tool) => names.includes(tool.name)).slice(0, limit);
  }
  const terms = trimmed
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((term) => term.length > 0);
  const scored = catalog
    .map((tool) => {
      const name = tool.name.toLowerCase();
      const description = tool.description.toLowerCase();
      let score = 0;
      for (const term of terms) {
        if (name === term) score += 10;
        else if (name.includes(term)) score += 5;
        if (description.includes(term)) score += 1;
      }
      return { tool, score };
    })
    .filter((entry) => entry.score > 0);
  scored.sort((a, b) => b.score - a.score || (a.tool.name < b.tool.name ? -1 : 1));
  return scored.slice(0, limit).map((entry) => entry.tool);
}
