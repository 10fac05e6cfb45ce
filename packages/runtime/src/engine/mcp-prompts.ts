import type { McpPromptInfo } from '@claw/mcp';
import type { McpPromptSource } from './extensions-setup.js';
import { EngineError, type McpPromptCommand } from './types.js';

/**
 * MCP prompts as slash commands, as Claude Code offers them: `/mcp__<server>__<prompt> [args…]` fetches the
 * prompt from its server and its messages become the user's turn.
 */

export function promptCommandOf(info: McpPromptInfo): McpPromptCommand {
  const words = info.arguments.map((arg) => (arg.required ? `<${arg.name}>` : `[${arg.name}]`));
  return {
    name: info.commandName,
    server: info.server,
    prompt: info.name,
    ...(info.description ? { description: info.description } : {}),
    arguments: info.arguments.map((arg) => ({ ...arg })),
    usage: [`/${info.commandName}`, ...words].join(' '),
  };
}

/** Command names compare without case (slash-command parsers lower-case them) and with `-` and `_` alike. */
function foldName(name: string): string {
  return name.toLowerCase().replace(/-/g, '_');
}

/** The prompt a typed command names: an exact match first, then one equal up to case and `-`/`_`. */
export function findPromptCommand(prompts: McpPromptInfo[], name: string): McpPromptInfo | undefined {
  const typed = name.startsWith('/') ? name.slice(1) : name;
  return (
    prompts.find((p) => p.commandName === typed) ??
    prompts.find((p) => foldName(p.commandName) === foldName(typed))
  );
}

/**
 * Binds positional words to the declared arguments in order; the last argument takes every remaining word,
 * so `/mcp__kb__ask what changed in v2` passes one question. A required argument left empty is a usage error
 * that names it.
 */
export function bindPromptArguments(info: McpPromptInfo, words: string[]): Record<string, string> {
  const command = promptCommandOf(info);
  const declared = info.arguments;
  if (declared.length === 0) {
    if (words.length > 0)
      throw new EngineError('usage', `/${command.name} takes no arguments.`, `Usage: ${command.usage}`);
    return {};
  }
  const values: Record<string, string> = {};
  for (const [index, arg] of declared.entries()) {
    const value = index === declared.length - 1 ? words.slice(index).join(' ') : words[index];
    if (value !== undefined && value !== '') values[arg.name] = value;
  }
  const missing = declared.filter((arg) => arg.required && values[arg.name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((arg) => `"${arg.name}"`).join(', ');
    throw new EngineError(
      'usage',
      `/${command.name}: missing required argument${missing.length > 1 ? 's' : ''} ${names}.`,
      `Usage: ${command.usage}`,
    );
  }
  return values;
}

/** Undefined when no connected server offers the prompt; otherwise the text to submit as the user turn. */
export async function expandMcpPrompt(
  source: McpPromptSource,
  name: string,
  words: string[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  const info = findPromptCommand(await source.listPrompts(signal), name);
  if (!info) return undefined;
  const args = bindPromptArguments(info, words);
  const result = await source.getPrompt(info.server, info.name, args, signal);
  if (result.text.trim() === '') {
    throw new EngineError(
      'config',
      `MCP prompt /${info.commandName} returned no text to send.`,
      `Check the "${info.server}" server's prompt "${info.name}".`,
    );
  }
  return result.text;
}
