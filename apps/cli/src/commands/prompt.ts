import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { usageError } from '../cli-error.js';
import { runPrintMode } from '../print/run-print.js';

export default class Prompt extends BaseCommand {
  static override summary = 'Run one prompt to completion and print the result (print mode).';
  static override description = `The agent runs until the model stops, then claw prints the result and exits.
Piped stdin is the prompt, or is appended to it. Also available as \`claw -p "…"\` and \`claw "…"\`.

Exit codes: 0 success; 1 the task failed (API error after retries, max turns, tool fatal); 2 usage error.`;
  static override examples = [
    '<%= config.bin %> -p "explain src/index.ts"',
    'git diff | <%= config.bin %> -p "review this diff" --output-format json',
    '<%= config.bin %> prompt "fix the failing test" --max-turns 20 --permission-mode acceptEdits',
  ];
  static override args = {
    prompt: Args.string({ description: 'The prompt (or pipe it on stdin).', required: false }),
  };
  static override flags = {
    'input-format': Flags.string({
      description: 'stdin format: text, or stream-json (NDJSON user messages, one turn each).',
      options: ['text', 'stream-json'],
      default: 'text',
    }),
    'permission-prompt-tool': Flags.string({
      description:
        'MCP tool (mcp__server__tool) that decides what would need approval: claw calls it with {tool_name, input, tool_use_id} and reads {"behavior":"allow","updatedInput":{…}} or {"behavior":"deny","message":"…"}; any other answer denies.',
    }),
    'api-key-helper': Flags.string({ description: 'Command whose stdout is the API key.' }),
    'session-id': Flags.string({ description: 'Use this id for a new session.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Prompt);
    if (flags.continue && flags.resume) throw usageError('Use either --continue or --resume, not both.');
    const code = await runPrintMode({ prompt: args.prompt, flags });
    if (code !== 0) process.exitCode = code;
  }
}
