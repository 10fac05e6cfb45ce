import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from './cli-error.js';

/**
 * `--mcp-config` values as the engine reads them: inline JSON (`'{"mcpServers":{…}}'`, as Claude Code accepts)
 * stays as it is, a file path is made absolute. Each is checked here so a missing file or bad JSON is a usage
 * error (exit 2) naming the flag and the file, not a raw ENOENT from deep inside the session start.
 */
export function mcpConfigValues(values: readonly string[], cwd: string = process.cwd()): string[] {
  return values.map((value) => {
    const inline = value.trimStart().startsWith('{');
    const path = inline ? undefined : resolve(cwd, value);
    let text = value;
    if (path !== undefined) {
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw usageError(
          `--mcp-config ${value}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
          'Pass a JSON file with {"mcpServers": {…}}, or the JSON itself.',
        );
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw usageError(
        `--mcp-config ${inline ? '(inline JSON)' : path}: invalid JSON: ${(error as Error).message}`,
        'Expected {"mcpServers": {"name": {"command": "…"}}}.',
      );
    }
    if (typeof parsed !== 'object' || parsed === null || !('mcpServers' in parsed)) {
      throw usageError(
        `--mcp-config ${inline ? '(inline JSON)' : path}: no "mcpServers" object.`,
        'Expected {"mcpServers": {"name": {"command": "…"}}}.',
      );
    }
    return path ?? value;
  });
}
