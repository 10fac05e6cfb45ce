import { isAbsolute, resolve } from 'node:path';
import type { ToolResult } from '@claw/tools';

/**
 * The `tool_response` a PostToolUse hook reads, shaped like Claude Code's for the same tool so hooks written
 * for it (`jq -r '.tool_response.filePath'`, `.tool_response.stdout`) work unchanged. Pure.
 *
 * - Bash: `{stdout, stderr, interrupted, isImage, exitCode}`. claw's shell collects stdout and stderr into
 *   one stream, in the order they were written, so `stdout` holds both and `stderr` is always `""`.
 * - Read: `{type: "text", file: {filePath, content}, filePath, success}`.
 * - Write: `{type: "create"|"update", filePath, content, success}`; Edit: `{filePath, oldString, newString,
 *   replaceAll, success}`; MultiEdit: `{filePath, edits, success}`; NotebookEdit: `{filePath, success}`.
 *   A failed file tool adds `error` (the message the model got).
 * - Every other tool: `{content}` (text, or the content blocks), plus `isError: true` when it failed.
 */
export function toolResponseForHooks(
  toolName: string,
  input: unknown,
  result: ToolResult,
  workspaceRoot: string,
): Record<string, unknown> {
  const fields = isRecord(input) ? input : {};
  const text = typeof result.content === 'string' ? result.content : undefined;
  const success = result.isError !== true;
  const failure = success ? {} : { error: text ?? '' };
  const filePath = (key: string): string | undefined => {
    const value = fields[key];
    if (typeof value !== 'string') return undefined;
    return isAbsolute(value) ? value : resolve(workspaceRoot, value);
  };

  switch (toolName) {
    case 'Bash': {
      const display = result.display?.kind === 'command' ? result.display : undefined;
      return {
        stdout: text ?? '',
        stderr: '',
        // Stopped from outside (timeout, Ctrl-C): it ended by a signal, not an exit code of its own.
        interrupted: display !== undefined && display.exitCode === null && Boolean(display.signal),
        isImage: false,
        exitCode: display?.exitCode ?? null,
      };
    }
    case 'Read':
      return {
        type: 'text',
        file: { filePath: filePath('file_path'), content: text ?? '' },
        filePath: filePath('file_path'),
        success,
        ...failure,
      };
    case 'Write': {
      const created = result.display?.kind === 'diff' ? result.display.created : undefined;
      return {
        ...(created === undefined ? {} : { type: created ? 'create' : 'update' }),
        filePath: filePath('file_path'),
        content: fields.content,
        success,
        ...failure,
      };
    }
    case 'Edit':
      return {
        filePath: filePath('file_path'),
        oldString: fields.old_string,
        newString: fields.new_string,
        replaceAll: fields.replace_all === true,
        success,
        ...failure,
      };
    case 'MultiEdit':
      return { filePath: filePath('file_path'), edits: fields.edits, success, ...failure };
    case 'NotebookEdit':
      return { filePath: filePath('notebook_path'), success, ...failure };
    default:
      return success ? { content: result.content } : { content: result.content, isError: true };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
