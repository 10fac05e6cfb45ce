import type { ToolImageContent, ToolResult, ToolTextContent } from '@claw/tools';

/** The parts of an MCP `CallToolResult` / resource read we turn into model content. */
export interface McpContentLike {
  content?: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
}

type Block = ToolTextContent | ToolImageContent;

/** Image types the Anthropic API accepts as image blocks. */
const API_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * MCP content → claw tool result: text and API-supported images pass through; audio, other binaries and
 * resource links become short text notes, so the model knows something was returned it cannot see.
 */
export function toToolResult(result: McpContentLike): ToolResult {
  const blocks: Block[] = [];
  for (const item of result.content ?? []) blocks.push(...contentItemToBlocks(item));
  if (blocks.length === 0 && result.structuredContent !== undefined) {
    blocks.push({ type: 'text', text: JSON.stringify(result.structuredContent, null, 2) });
  }
  if (blocks.length === 0) blocks.push({ type: 'text', text: '(no content)' });
  return { content: blocks, ...(result.isError ? { isError: true } : {}) };
}

function contentItemToBlocks(item: unknown): Block[] {
  if (typeof item !== 'object' || item === null) return [];
  const record = item as Record<string, unknown>;
  switch (record.type) {
    case 'text':
      return [{ type: 'text', text: String(record.text ?? '') }];
    case 'image':
      return [imageOrNote(String(record.mimeType ?? ''), String(record.data ?? ''))];
    case 'audio':
      return [
        { type: 'text', text: `[audio content, ${String(record.mimeType ?? 'unknown type')}, not shown]` },
      ];
    case 'resource':
      return resourceContentsToBlocks(record.resource);
    case 'resource_link':
      return [
        {
          type: 'text',
          text: `[resource link: ${String(record.uri ?? '')}${record.name ? ` (${String(record.name)})` : ''}]`,
        },
      ];
    default:
      return [{ type: 'text', text: JSON.stringify(record) }];
  }
}

/** One `resources/read` contents entry (text or blob) → blocks. */
export function resourceContentsToBlocks(resource: unknown): Block[] {
  if (typeof resource !== 'object' || resource === null) return [];
  const record = resource as Record<string, unknown>;
  const uri = String(record.uri ?? '');
  const mimeType = typeof record.mimeType === 'string' ? record.mimeType : undefined;
  if (typeof record.text === 'string') return [{ type: 'text', text: record.text }];
  if (typeof record.blob === 'string') {
    if (mimeType && API_IMAGE_TYPES.has(mimeType)) return [imageOrNote(mimeType, record.blob)];
    const bytes = Math.floor((record.blob.length * 3) / 4);
    return [
      {
        type: 'text',
        text: `[binary resource ${uri}, ${mimeType ?? 'unknown type'}, ~${bytes} bytes, not shown]`,
      },
    ];
  }
  return [{ type: 'text', text: `[empty resource ${uri}]` }];
}

function imageOrNote(mimeType: string, data: string): Block {
  if (API_IMAGE_TYPES.has(mimeType))
    return { type: 'image', source: { type: 'base64', media_type: mimeType, data } };
  return { type: 'text', text: `[image of type ${mimeType || 'unknown'} not shown]` };
}
