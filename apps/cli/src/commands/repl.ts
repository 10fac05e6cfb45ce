import { BaseCommand } from '../base-command.js';
import { runReplCommand } from '../hot-commands.js';

export default class Repl extends BaseCommand {
  static override summary =
    'Interactive session in the current workspace (the default when stdin is a terminal).';
  static override description =
    `Type a prompt and press Enter. Slash commands (/help lists them), !cmd runs a shell command,
@path attaches a file. Ctrl-C or Esc interrupts a running turn; Ctrl-C twice at an empty prompt exits.
See docs/repl.md for every key.`;
  static override examples = [
    '<%= config.bin %>',
    '<%= config.bin %> --continue',
    '<%= config.bin %> --model opus',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(Repl);
    const code = await runReplCommand(flags);
    if (code !== 0) process.exitCode = code;
  }
}
