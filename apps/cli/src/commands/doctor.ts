import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { DOCTOR_FLAG_SPECS as D } from '../flag-specs.js';
import { oclifFlagOptions } from '../global-flags.js';
import { runDoctorCommand } from '../hot-commands.js';

export default class Doctor extends BaseCommand {
  static override summary =
    'Check that claw can run here: Node, settings, credentials, sessions, MCP, hooks, tools.';
  static override description =
    `Each check prints one line: pass, warning or failure (✓ / ! / ✗ on a terminal,
ok / warn / FAIL when piped or with NO_COLOR). Exits 1 when any check fails; warnings do not fail.

Checks: Node.js version (20 or newer), settings files (invalid JSON or unloadable deny rules fail, invalid
entries warn), workspace trust (project settings ignored until \`claw trust\` warn), credentials (source and redacted preview only, never the secret; none is a warning), the
session directory (.claw/sessions) is writable, MCP entries are valid, hooks are valid, the bubblewrap
sandbox, ripgrep and git. --network adds a provider reachability check (off by default, so doctor is fast
and works offline).`;
  static override examples = [
    '<%= config.bin %> doctor',
    '<%= config.bin %> doctor --network',
    '<%= config.bin %> doctor --output-format json',
  ];
  static override flags = {
    network: Flags.boolean(oclifFlagOptions(D.network)),
    timeout: Flags.integer({
      ...oclifFlagOptions(D.timeout),
      default: D.timeout.default,
      min: D.timeout.min,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Doctor);
    const code = await runDoctorCommand(flags);
    if (code !== 0) process.exitCode = code;
  }
}
