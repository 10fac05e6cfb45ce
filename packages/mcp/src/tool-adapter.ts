import type { PermissionLevel, Tool, ToolResult } from '@claw/tools';
import type { Tool as McpToolDefinition } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { mcpToolName } from './names.js';

export type McpToolInput = Record<string, unknown>;

/** A claw tool backed by an MCP server's tool. */
export interface McpTool extends Tool<McpToolInput> {
  /**
   * The server's JSON Schema for the input, sent to the API as `input_schema` as-is (the zod schema is only
   * for validating the model's input; converting it back would lose detail).
   */
  jsonSchema: Record<string, unknown>;
  mcp: { server: string; tool: string; readOnly: boolean };
}

/** Calls a tool on a server; supplied by the manager. */
export type McpToolCaller = (
  server: string,
  tool: string,
  input: McpToolInput,
  signal: AbortSignal,
) => Promise<ToolResult>;

const MAX_DESCRIPTION = 2_048;
const looseObject = z.record(z.string(), z.unknown());

export function adaptMcpTool(
  server: string,
  definition: McpToolDefinition,
  call: McpToolCaller,
  name: string = mcpToolName(server, definition.name),
): McpTool {
  const readOnly = definition.annotations?.readOnlyHint === true;
  const permission: PermissionLevel = readOnly ? 'read-only' : 'danger-full-access';
  const jsonSchema = definition.inputSchema as Record<string, unknown>;
  const title = definition.annotations?.title ?? definition.title;
  const description = (definition.description ?? title ?? `MCP tool ${definition.name} from ${server}`).slice(
    0,
    MAX_DESCRIPTION,
  );
  return {
    name,
    aliases: [],
    description,
    inputSchema: inputSchemaFor(jsonSchema),
    jsonSchema,
    permission,
    concurrencySafe: readOnly,
    mcp: { server, tool: definition.name, readOnly },
    summarize: (input) => `${server}:${definition.name}(${summarizeInput(input)})`,
    execute: (input, context) => call(server, definition.name, input, context.signal),
  };
}

/**
 * A zod validator derived from the server's JSON Schema, so bad model input gets a field-level error before a
 * round trip. Schemas zod cannot convert fall back to "any object" and the server validates.
 */
function inputSchemaFor(jsonSchema: Record<string, unknown>): z.ZodType<McpToolInput> {
  try {
    const derived = z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
    return looseObject.pipe(derived as z.ZodType<McpToolInput, McpToolInput>);
  } catch {
    // Conversion is best effort by design; the server still validates the input.
    return looseObject;
  }
}

function summarizeInput(input: McpToolInput): string {
  const text = JSON.stringify(input);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
