export type {
  AssistantMessage,
  CacheControl,
  ContentBlock,
  ImageBlock,
  Message,
  ModelRequest,
  Provider,
  ProviderKind,
  RedactedThinkingBlock,
  Role,
  StopReason,
  StreamEvent,
  StreamOptions,
  TextBlock,
  ThinkingBlock,
  ToolResultBlock,
  ToolSpec,
  ToolUseBlock,
  Usage,
} from './types.js';
export { emptyUsage } from './types.js';
export type { ApiErrorKind } from './errors.js';
export { ApiError } from './errors.js';
