import type { CommandOutput, CommandServices, SlashCommand } from '../types.js';

/** Builds a command with the defaults most commands share (no aliases). */
export function defineCommand(command: Omit<SlashCommand, 'aliases'> & { aliases?: string[] }): SlashCommand {
  return { aliases: [], ...command };
}

export function unavailable(what: string): CommandOutput {
  return { text: `${what} is not available here.`, isError: true };
}

export function usageError(message: string, usage: string): CommandOutput {
  return { text: `${message}\nUsage: ${usage}`, isError: true };
}

/** The error's message, and its hint on the next line when it carries one (runtime and auth errors do). */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = (error as { hint?: unknown }).hint;
  return typeof hint === 'string' && hint ? `${error.message}\n${hint}` : error.message;
}

export type ServiceName = keyof CommandServices;
