import { z } from 'zod';
import { capToolOutput, DEFAULT_MAX_OUTPUT_CHARS } from '../output-cap.js';
import type { Tool } from '../tool.js';
import { errorResult, textResult } from '../tool-result.js';
import { findBackgroundShell, listBackgroundShells } from './background-shells.js';

const bashOutputInput = z.strictObject({
  bash_id: z.string().describe('ID of the background shell (from Bash with run_in_background).'),
  filter: z.string().optional().describe('Only return output lines matching this regular expression.'),
});
export type BashOutputInput = z.infer<typeof bashOutputInput>;

export function createBashOutputTool(deps: { maxOutputChars?: number } = {}): Tool<BashOutputInput> {
  return {
    name: 'BashOutput',
    aliases: ['bash_output'],
    description:
      'Returns the new output of a background shell started with Bash run_in_background, since the last call, and whether it is still running (with its exit code once done).',
    inputSchema: bashOutputInput,
    inputAliases: { shell_id: 'bash_id' },
    permission: 'read-only',
    concurrencySafe: true,
    summarize: (input) => `BashOutput(${input.bash_id})`,
    async execute(input, ctx) {
      const entry = findBackgroundShell(ctx.state, input.bash_id);
      if (!entry) {
        const known = listBackgroundShells(ctx.state).map((shell) => shell.id);
        return errorResult(
          `No background shell ${input.bash_id}. Known shells: ${known.join(', ') || 'none'}.`,
        );
      }
      let text = entry.shell.output.readNew();
      if (input.filter) {
        let pattern: RegExp;
        try {
          pattern = new RegExp(input.filter);
        } catch (error) {
          return errorResult(`Invalid filter: ${String(error)}`);
        }
        text = text
          .split('\n')
          .filter((line) => pattern.test(line))
          .join('\n');
      }
      const capped = await capToolOutput(text, {
        maxChars: deps.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS,
        scratchDir: ctx.scratchDir,
        label: entry.id,
      });
      const status = entry.shell.running
        ? 'running'
        : `completed (exit code ${entry.exit?.exitCode ?? 'none'}${entry.exit?.signal ? `, signal ${entry.exit.signal}` : ''})`;
      const body = capped.text.trimEnd() === '' ? '(no new output)' : capped.text.trimEnd();
      return textResult(`<status>${status}</status>\n<output>\n${body}\n</output>`, {
        kind: 'command',
        command: entry.command,
        exitCode: entry.exit?.exitCode ?? null,
        signal: entry.exit?.signal ?? null,
      });
    },
  };
}
