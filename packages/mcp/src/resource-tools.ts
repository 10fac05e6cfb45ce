import type { Tool, ToolResult } from '@claw/tools';
import { z } from 'zod';

export interface McpResourceInfo {
  server: string;
  uri: string;
  name: string;
  mimeType?: string;
  description?: string;
}

/** What the resource tools need from the manager. */
export interface McpResourceSource {
  listResources(server: string | undefined, signal?: AbortSignal): Promise<McpResourceInfo[]>;
  readResourceAsResult(server: string, uri: string, signal?: AbortSignal): Promise<ToolResult>;
}

const ListInput = z.object({
  server: z.string().optional().describe('Only list resources of this MCP server'),
});

const ReadInput = z.object({
  server: z.string().describe('The MCP server name'),
  uri: z.string().describe('The resource URI to read'),
});

/** `ListMcpResources`: resources of every connected server, or of one. */
export function createListMcpResourcesTool(source: McpResourceSource): Tool<z.infer<typeof ListInput>> {
  return {
    name: 'ListMcpResources',
    aliases: ['list_mcp_resources', 'ListMcpResourcesTool'],
    description:
      'List resources offered by connected MCP servers (files, records, documents). Pass `server` to list one server.',
    inputSchema: ListInput,
    permission: 'read-only',
    concurrencySafe: true,
    summarize: (input) => `ListMcpResources(${input.server ?? 'all'})`,
    async execute(input, context) {
      try {
        const resources = await source.listResources(input.server, context.signal);
        if (resources.length === 0) return { content: 'No resources found.' };
        return { content: JSON.stringify(resources, null, 2) };
      } catch (error) {
        return { content: error instanceof Error ? error.message : String(error), isError: true };
      }
    },
  };
}

/** `ReadMcpResource`: one resource's contents (text, or images the API accepts). */
export function createReadMcpResourceTool(source: McpResourceSource): Tool<z.infer<typeof ReadInput>> {
  return {
    name: 'ReadMcpResource',
    aliases: ['read_mcp_resource', 'ReadMcpResourceTool'],
    description: 'Read a resource from an MCP server by its URI.',
    inputSchema: ReadInput,
    permission: 'read-only',
    concurrencySafe: true,
    summarize: (input) => `ReadMcpResource(${input.server}, ${input.uri})`,
    async execute(input, context) {
      try {
        return await source.readResourceAsResult(input.server, input.uri, context.signal);
      } catch (error) {
        return { content: error instanceof Error ? error.message : String(error), isError: true };
      }
    },
  };
}
