import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { CliError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { settingsScopeFlag } from '../../reports/scope-flag.js';
import { displayValue } from '../../reports/settings-flatten.js';

export default class ConfigGet extends BaseCommand {
  static override summary =
    'Print the value of a setting (dotted key), and on stderr the file it comes from.';
  static override description = `Without --scope: the effective value after merging every settings file.
With --scope: the value in that scope's file only. Strings print bare, other values as JSON.
Exits 1 when the key is not set.`;
  static override examples = [
    '<%= config.bin %> config get model',
    '<%= config.bin %> config get permissions.allow --scope project',
  ];
  static override args = {
    key: Args.string({ description: 'Dotted settings key, e.g. permissions.defaultMode.', required: true }),
  };
  static override flags = {
    scope: settingsScopeFlag("Read only this scope's file."),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ConfigGet);
    const { getSetting } = await import('@claw/runtime');
    const result = await withDomainErrors(() =>
      getSetting(
        {
          workspaceRoot: workspaceFrom(flags),
          configHome: configHomeFrom(process.env),
          ...(flags.scope ? { scope: flags.scope as 'user' | 'project' | 'local' } : {}),
        },
        args.key,
      ),
    );
    if (!result.found) {
      throw new CliError(
        'not_found',
        `${args.key} is not set${flags.scope ? ` in ${flags.scope} scope` : ''}`,
        {
          hint: 'List what is set with `claw config list`.',
        },
      );
    }
    if (this.isJson(flags)) {
      this.writeJson({
        type: 'config_value',
        key: args.key,
        value: result.value,
        source: result.source ?? null,
      });
      return;
    }
    process.stdout.write(`${displayValue(result.value, true)}\n`);
    if (result.source) process.stderr.write(`from ${result.source}\n`);
  }
}
