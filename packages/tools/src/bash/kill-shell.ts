import { z } from 'zod';
import type { Tool } from '../tool.js';
import { errorResult, textResult } from '../tool-result.js';
import { findBackgroundShell } from './background-shells.js';

const killShellInput = z.strictObject({
  shell_id: z.string().describe('ID of the background shell to kill.'),
});
export type KillShellInput = z.infer<typeof killShellInput>;

export function createKillShellTool(): Tool<KillShellInput> {
  return {
    name: 'KillShell',
    aliases: ['kill_shell'],
    description:
      'Kills a background shell started with Bash run_in_background, together with every process it started.',
    inputSchema: killShellInput,
    inputAliases: { bash_id: 'shell_id' },
    permission: 'read-only',
    concurrencySafe: false,
    summarize: (input) => `KillShell(${input.shell_id})`,
    async execute(input, ctx) {
      const entry = findBackgroundShell(ctx.state, input.shell_id);
      if (!entry) return errorResult(`No background shell ${input.shell_id}.`);
      if (!entry.shell.running) {
        return textResult(
          `Shell ${input.shell_id} had already exited (exit code ${entry.exit?.exitCode ?? 'none'}).`,
        );
      }
      entry.shell.kill();
      const exit = await entry.shell.exited;
      return textResult(`Killed shell ${input.shell_id} (${entry.command}).`, {
        kind: 'command',
        command: entry.command,
        exitCode: exit.exitCode,
        signal: exit.signal,
      });
    },
  };
}
