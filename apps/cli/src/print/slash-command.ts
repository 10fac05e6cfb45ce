import type { TurnOverrides } from '@claw/commands';
import type { ClawEngine } from '@claw/runtime';
import { CliError, usageError } from '../cli-error.js';
import { configHomeFrom } from '../engine-options.js';

export type SlashOutcome =
  | { kind: 'not-a-command' }
  | { kind: 'done'; isError: boolean }
  | { kind: 'submit'; prompt: string; turn?: TurnOverrides };

/**
 * `claw --resume ID "/cost"`: a prompt that names a slash command runs that command through the same
 * registry as the REPL, instead of going to the model. Custom commands expand into a prompt that is sent.
 */
export async function runSlashCommandInPrintMode(
  line: string,
  engine: ClawEngine,
  options: { workspaceRoot: string; json: boolean; signal: AbortSignal },
): Promise<SlashOutcome> {
  const { parseSlashCommand, createCommandRegistry } = await import('@claw/commands');
  const parsed = parseSlashCommand(line);
  if (!parsed) return { kind: 'not-a-command' };
  if (parsed.name.startsWith('mcp__')) {
    return { kind: 'submit', prompt: await expandMcpPromptCommand(engine, parsed, options.signal) };
  }
  const { createCommandServices, customCommandSources } = await import('../repl/command-services.js');
  const roots = { workspaceRoot: options.workspaceRoot, configHome: configHomeFrom(process.env) };
  const registry = createCommandRegistry({
    customCommands: customCommandSources(engine, options.workspaceRoot),
  });
  if (!registry.find(parsed.name)) return { kind: 'not-a-command' };
  const output = await registry.execute(line, {
    engine,
    services: createCommandServices(roots, undefined, engine),
    signal: options.signal,
  });
  if (output.action === 'submit' && output.prompt)
    return { kind: 'submit', prompt: output.prompt, ...(output.turn ? { turn: output.turn } : {}) };
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ type: 'command', command: parsed.name, is_error: Boolean(output.isError), ...(output.json !== undefined ? { data: output.json } : {}), ...(output.text ? { text: output.text } : {}) })}\n`,
    );
  } else if (output.text) {
    process.stdout.write(output.text.endsWith('\n') ? output.text : `${output.text}\n`);
  }
  return { kind: 'done', isError: Boolean(output.isError) };
}

/**
 * `/mcp__<server>__<prompt> [args…]`: the MCP prompt's messages become the prompt sent to the model, as in
 * Claude Code. Words fill the prompt's declared arguments in order (quotes group words).
 */
async function expandMcpPromptCommand(
  engine: ClawEngine,
  parsed: { name: string; argv: string[] },
  signal: AbortSignal,
): Promise<string> {
  const { EngineError } = await import('@claw/runtime');
  let prompt: string | undefined;
  try {
    prompt = await engine.expandMcpPrompt(parsed.name, parsed.argv, signal);
  } catch (error) {
    if (error instanceof EngineError && error.kind === 'usage') throw usageError(error.message, error.hint);
    if (error instanceof EngineError) throw new CliError(error.kind, error.message, { hint: error.hint });
    throw new CliError('mcp_prompt_failed', `/${parsed.name}: ${(error as Error).message}`);
  }
  if (prompt !== undefined) return prompt;
  const known = (await engine.mcpPromptCommands(signal)).map((command) => `/${command.name}`);
  throw usageError(
    `No connected MCP server offers the prompt /${parsed.name}.`,
    known.length > 0
      ? `Available MCP prompts: ${known.join(', ')}.`
      : 'No connected MCP server offers prompts (`claw mcp list` shows the configured servers).',
  );
}
