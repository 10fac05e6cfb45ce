export type {
  AnyTool,
  PermissionLevel,
  PermissionRequest,
  Tool,
  ToolContext,
  ToolDisplay,
  ToolImageContent,
  ToolResult,
  ToolResultContent,
  ToolSessionState,
  ToolTextContent,
} from './tool.js';
export { createToolSessionState } from './tool.js';
