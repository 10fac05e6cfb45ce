import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { type SettingsScopeName, settingsScopeFlag } from '../../reports/scope-flag.js';

export default class ConfigUnset extends BaseCommand {
  static override summary = "Remove a setting from one scope's file (default: local).";
  static override description =
    `Removes KEY from the scope's file, keeping every other key. A key that is not set
there is reported and nothing changes (exit 0). The same key may still be set by another scope: check
\`claw config get KEY\`.`;
  static override examples = [
    '<%= config.bin %> config unset model',
    '<%= config.bin %> config unset permissions.defaultMode --scope project',
  ];
  static override aliases = ['config rm', 'config remove'];
  static override args = {
    key: Args.string({ description: 'Dotted settings key.', required: true }),
  };
  static override flags = {
    scope: settingsScopeFlag('Which settings file to edit.'),
    global: Flags.boolean({ char: 'g', description: 'Same as --scope user.', exclusive: ['scope'] }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ConfigUnset);
    const { getSetting, settingsPathForScope, unsetSetting } = await import('@claw/runtime');
    const scope: SettingsScopeName = flags.global
      ? 'user'
      : ((flags.scope as SettingsScopeName | undefined) ?? 'local');
    const target = { workspaceRoot: workspaceFrom(flags), configHome: configHomeFrom(process.env), scope };
    // Check first, so unsetting a key that is not there never creates or rewrites the file.
    const written = await withDomainErrors(async () =>
      (await getSetting(target, args.key)).found
        ? unsetSetting(target, args.key)
        : { path: settingsPathForScope(scope, target), previous: undefined, value: undefined },
    );
    const removed = written.previous !== undefined;
    if (this.isJson(flags)) {
      this.writeJson({
        type: 'config_unset',
        key: args.key,
        removed,
        previous: written.previous ?? null,
        scope,
        path: written.path,
      });
      return;
    }
    process.stdout.write(
      removed
        ? `Removed ${args.key} from ${written.path} (${scope}).\n`
        : `${args.key} was not set in ${written.path}.\n`,
    );
  }
}
