import { spawn } from 'node:child_process';
import type { Tool, ToolContext, ToolResult } from '@claw/tools';
import { z } from 'zod';
import type { PluginToolDefinition } from './plugin-manifest.js';

export type PluginToolInput = Record<string, unknown>;

/** A claw tool backed by a plugin's subprocess. */
export interface PluginTool extends Tool<PluginToolInput> {
  /** The plugin's JSON Schema, sent to the API as `input_schema` as-is. */
  jsonSchema: Record<string, unknown>;
  plugin: { name: string; root: string };
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 1_000_000;
const looseObject = z.record(z.string(), z.unknown());

/**
 * Adapts a plugin.json `tools` entry: the command gets the input as JSON on stdin (and in `CLAW_TOOL_INPUT`),
 * its stdout is the result, a non-zero exit is an error result carrying stderr.
 */
export function createPluginTool(
  definition: PluginToolDefinition,
  plugin: { name: string; root: string },
): PluginTool {
  const jsonSchema = definition.inputSchema ?? definition.input_schema ?? { type: 'object', properties: {} };
  const permission = definition.requiredPermission ?? 'danger-full-access';
  return {
    name: definition.name,
    aliases: [],
    description: definition.description,
    inputSchema: inputSchemaFor(jsonSchema),
    jsonSchema,
    permission,
    concurrencySafe: permission === 'read-only',
    plugin,
    summarize: (input) => `${definition.name}(${JSON.stringify(input).slice(0, 60)})`,
    execute: (input, context) => runPluginTool(definition, plugin, input, context),
  };
}

function inputSchemaFor(jsonSchema: Record<string, unknown>): z.ZodType<PluginToolInput> {
  try {
    const derived = z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
    return looseObject.pipe(derived as z.ZodType<PluginToolInput, PluginToolInput>);
  } catch {
    // Best effort: a schema zod cannot convert is still sent to the API; the tool validates its own input.
    return looseObject;
  }
}

function runPluginTool(
  definition: PluginToolDefinition,
  plugin: { name: string; root: string },
  input: PluginToolInput,
  context: ToolContext,
): Promise<ToolResult> {
  const inputJson = JSON.stringify(input);
  return new Promise((resolve) => {
    const child = spawn(definition.command, definition.args ?? [], {
      cwd: context.workspaceRoot,
      env: {
        ...context.env,
        CLAUDE_PLUGIN_ROOT: plugin.root,
        CLAW_PLUGIN_ROOT: plugin.root,
        CLAW_PLUGIN_NAME: plugin.name,
        CLAW_TOOL_NAME: definition.name,
        CLAW_TOOL_INPUT: inputJson,
      },
      shell: definition.args === undefined,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let stdout = '';
    let stderr = '';
    let ended = false;
    const kill = () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    };
    const timeoutMs = definition.timeout ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      finish({ content: `Plugin tool ${definition.name} timed out after ${timeoutMs} ms`, isError: true });
      kill();
    }, timeoutMs);
    const onAbort = () => {
      finish({ content: `Plugin tool ${definition.name} was cancelled`, isError: true });
      kill();
    };
    context.signal.addEventListener('abort', onAbort, { once: true });
    function finish(result: ToolResult) {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
      resolve(result);
    }
    if (context.signal.aborted) onAbort();
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) =>
      finish({ content: `Plugin tool ${definition.name} failed to start: ${error.message}`, isError: true }),
    );
    // EPIPE when the tool exits without reading stdin is harmless: its exit status tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(inputJson);
    child.on('close', (code, signal) => {
      const output = stdout.trimEnd();
      if (code === 0) {
        finish({ content: output || '(no output)' });
        return;
      }
      const reason = signal ? `killed by ${signal}` : `exit code ${code}`;
      const details = [stderr.trimEnd(), output].filter((part) => part.length > 0).join('\n');
      finish({
        content: `Plugin tool ${definition.name} failed (${reason})${details ? `:\n${details}` : ''}`,
        isError: true,
      });
    });
  });
}
