import type { ToolDisplay, ToolResult } from './tool.js';

/** A failed call the model can recover from: it reads the message and retries differently. */
export function errorResult(message: string, display?: ToolDisplay): ToolResult {
  return display ? { content: message, isError: true, display } : { content: message, isError: true };
}

export function textResult(text: string, display?: ToolDisplay): ToolResult {
  return display ? { content: text, display } : { content: text };
}

/** Message of any thrown value, without trusting it to be an Error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Node's errno code of a thrown fs error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
