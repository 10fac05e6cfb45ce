import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { renderDoctorReport } from '../doctor/render-doctor.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { configHomeFrom, workspaceFrom } from '../engine-options.js';
import { markStyleFor } from '../reports/marks.js';

export default class Doctor extends BaseCommand {
  static override summary =
    'Check that claw can run here: Node, settings, credentials, sessions, MCP, hooks, tools.';
  static override description =
    `Each check prints one line: pass, warning or failure (✓ / ! / ✗ on a terminal,
ok / warn / FAIL when piped or with NO_COLOR). Exits 1 when any check fails; warnings do not fail.

Checks: Node.js version (20 or newer), settings files (invalid JSON or unloadable deny rules fail, invalid
entries warn), credentials (source and redacted preview only, never the secret; none is a warning), the
session directory (.claw/sessions) is writable, MCP entries are valid, hooks are valid, the bubblewrap
sandbox, ripgrep and git. --network adds a provider reachability check (off by default, so doctor is fast
and works offline).`;
  static override examples = [
    '<%= config.bin %> doctor',
    '<%= config.bin %> doctor --network',
    '<%= config.bin %> doctor --output-format json',
  ];
  static override flags = {
    network: Flags.boolean({ description: 'Also check that the provider endpoint answers (needs network).' }),
    timeout: Flags.integer({
      description: 'Seconds to wait for the provider with --network.',
      default: 5,
      min: 1,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Doctor);
    const { loadSettings } = await import('@claw/runtime');
    const workspaceRoot = workspaceFrom(flags);
    const configHome = configHomeFrom(process.env);
    const loaded = await loadSettings({
      workspaceRoot,
      configHome,
      ...(flags.model ? { flagOverrides: { model: flags.model } } : {}),
    });
    const report = await runDoctor(
      { workspaceRoot, configHome, env: process.env, loaded },
      { network: flags.network, timeoutMs: flags.timeout * 1000 },
    );
    if (this.isJson(flags)) this.writeJson({ type: 'doctor', ...report });
    else process.stdout.write(renderDoctorReport(report, markStyleFor(flags), flags.verbose));
    if (!report.ok) {
      // The report is already printed; only the exit code is left to set (no second error message).
      process.exitCode = 1;
    }
  }
}
