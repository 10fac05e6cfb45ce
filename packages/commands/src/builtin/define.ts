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

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type ServiceName = keyof CommandServices;
