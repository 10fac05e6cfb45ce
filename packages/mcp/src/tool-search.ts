import type { Tool } from '@claw/tools';
import { z } from 'zod';

/** What a deferred tool shows before it is loaded: its name and what it does. */
export interface ToolCatalogEntry {
  name: string;
  description: string;
  server: string;
}

/**
 * Ranks catalog entries for a query. `select:a,b` picks tools by exact name (Claude Code's ToolSearch
 * syntax); otherwise every query word is scored against the name (heavier) and the description.
 */
export function rankTools(catalog: ToolCatalogEntry[], query: string, limit = 5): ToolCatalogEntry[] {
  const trimmed = query.trim();
  if (trimmed.startsWith('select:')) {
    const wanted = new Set(
      trimmed
        .slice('select:'.length)
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name.length > 0),
    );
    return catalog.filter((entry) => wanted.has(entry.name));
  }
  const words = trimmed
    .toLowerCase()
    .split(/[\s_\-:,.]+/)
    .filter((word) => word.length > 0);
  if (words.length === 0) return [];
  const scored = catalog
    .map((entry) => {
      const name = entry.name.toLowerCase();
      const description = entry.description.toLowerCase();
      let score = 0;
      for (const word of words) {
        if (name.includes(word)) score += 3;
        if (description.includes(word)) score += 1;
      }
      return { entry, score };
    })
    .filter((item) => item.score > 0);
  scored.sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name));
  return scored.slice(0, Math.max(1, limit)).map((item) => item.entry);
}

const ToolSearchInput = z.object({
  query: z.string().min(1).describe('Keywords, or "select:name1,name2" to load tools by exact name'),
  max_results: z.number().int().min(1).max(20).optional().describe('How many tools to load (default 5)'),
});
type ToolSearchInput = z.infer<typeof ToolSearchInput>;

export interface ToolSearchTarget {
  /** Finds deferred tools and marks them loaded so the next request offers their full schemas. */
  searchTools(
    query: string,
    limit?: number,
  ): Array<ToolCatalogEntry & { inputSchema: Record<string, unknown> }>;
}

/** The `ToolSearch` tool: loads deferred MCP tools by keyword so large catalogs do not fill the context. */
export function createToolSearchTool(target: ToolSearchTarget): Tool<ToolSearchInput> {
  return {
    name: 'ToolSearch',
    aliases: ['tool_search'],
    description:
      'Search the deferred MCP tools by keyword and load the matches. Loaded tools become callable by name ' +
      'from your next turn. Use "select:<name>,<name>" to load tools whose names you already know.',
    inputSchema: ToolSearchInput,
    permission: 'read-only',
    concurrencySafe: true,
    summarize: (input) => `ToolSearch(${input.query})`,
    async execute(input) {
      const found = target.searchTools(input.query, input.max_results ?? 5);
      if (found.length === 0) return { content: `No deferred tools match "${input.query}".` };
      const lines = found.map(
        (tool) =>
          `<function>${JSON.stringify({ name: tool.name, description: tool.description, parameters: tool.inputSchema })}</function>`,
      );
      return { content: `Loaded ${found.length} tool(s):\n${lines.join('\n')}` };
    },
  };
}
