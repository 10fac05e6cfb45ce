import { z } from 'zod';
import { createBashTool } from './bash/bash.js';
import { createBashOutputTool } from './bash/bash-output.js';
import { createKillShellTool } from './bash/kill-shell.js';
import type { BuiltinToolDeps } from './deps.js';
import { createEditTool } from './edit.js';
import { createGlobTool } from './glob.js';
import { createGrepTool } from './grep/grep.js';
import { createMultiEditTool } from './multi-edit.js';
import { createNotebookEditTool } from './notebook-edit.js';
import { createReadTool } from './read.js';
import { createTodoWriteTool } from './todo-write.js';
import type { AnyTool, PermissionLevel, Tool } from './tool.js';
import { createToolSearchTool } from './tool-search.js';
import { createWebFetchTool } from './web/web-fetch.js';
import { createWebSearchTool } from './web/web-search.js';
import { createWriteTool } from './write.js';

/** Every built-in tool, in the order they are presented to the model. */
export function createBuiltinTools(deps: BuiltinToolDeps = {}): AnyTool[] {
  return [
    createReadTool(),
    createWriteTool(),
    createEditTool(),
    createMultiEditTool(),
    createGlobTool(deps),
    createGrepTool(deps),
    createBashTool(deps),
    createBashOutputTool(deps),
    createKillShellTool(),
    createWebFetchTool(deps),
    createWebSearchTool(deps),
    createTodoWriteTool(),
    createNotebookEditTool(),
    createToolSearchTool(deps),
  ];
}

/** By canonical name first (case-sensitive), then by alias. */
export function findTool(tools: readonly AnyTool[], name: string): AnyTool | undefined {
  return tools.find((tool) => tool.name === name) ?? tools.find((tool) => tool.aliases.includes(name));
}

export interface ToolSpec {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

/** The tool as the Messages API wants it; JSON Schema derived from the zod schema. */
export function toolSpec(tool: AnyTool): ToolSpec {
  // Converting a zod schema costs ~0.3 ms per tool, and every prompt of a session sends the same specs.
  let spec = specs.get(tool);
  if (!spec) {
    const schema = z.toJSONSchema(tool.inputSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
    delete schema.$schema;
    spec = {
      name: tool.name,
      description: tool.description,
      input_schema: dropSafeIntegerBounds(schema) as Record<string, unknown>,
    };
    specs.set(tool, spec);
  }
  return spec;
}
const specs = new WeakMap<AnyTool, ToolSpec>();

/** zod marks every `.int()` with ±2^53 bounds; they tell the model nothing and cost tokens. */
function dropSafeIntegerBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropSafeIntegerBounds);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if ((key === 'minimum' || key === 'maximum') && Math.abs(Number(entry)) === Number.MAX_SAFE_INTEGER)
      continue;
    out[key] = dropSafeIntegerBounds(entry);
  }
  return out;
}

export type ParsedToolInput<Input> = { ok: true; value: Input } | { ok: false; message: string };

/**
 * Validates a model's tool input after renaming alias fields (claw-code's `path` → `file_path`). Never
 * throws: the message names each offending field and what was expected, so the model can fix its call. It
 * does not name the tool: callers put it in their own words ("invalid input for Bash: …"), once.
 */
export function parseToolInput<Input>(tool: Tool<Input>, raw: unknown): ParsedToolInput<Input> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: `the input must be a JSON object, got ${describeValue(raw)}.` };
  }
  const input: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [from, to] of Object.entries(tool.inputAliases ?? {})) {
    if (from in input && !(to in input)) {
      input[to] = input[from];
      delete input[from];
    }
  }
  const parsed = tool.inputSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
    if (issue.code === 'unrecognized_keys')
      return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    if (issue.code === 'invalid_type') {
      const received = field ? describeValue(valueAt(input, issue.path)) : 'something else';
      const what = received === 'undefined' ? 'is required' : `must be ${issue.expected}, got ${received}`;
      return `"${field}" ${what}`;
    }
    return field ? `"${field}": ${issue.message}` : issue.message;
  });
  return { ok: false, message: `${problems.join('; ')}.` };
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The permission a call needs (Bash asks less for read-only commands). */
export function resolvePermissionLevel<Input>(tool: Tool<Input>, input: Input): PermissionLevel {
  return typeof tool.permission === 'function' ? tool.permission(input) : tool.permission;
}

export function isConcurrencySafe<Input>(tool: Tool<Input>, input: Input): boolean {
  return typeof tool.concurrencySafe === 'function' ? tool.concurrencySafe(input) : tool.concurrencySafe;
}
