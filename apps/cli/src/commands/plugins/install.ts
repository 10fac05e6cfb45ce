import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';

export default class PluginsInstall extends BaseCommand {
  static override aliases = ['plugin install'];
  static override summary = 'Install a plugin from a local directory or a local marketplace.';
  static override description =
    `SOURCE is a plugin directory (holding .claude-plugin/plugin.json) or a marketplace
(a marketplace.json file, or a directory holding .claude-plugin/marketplace.json; then --plugin names the
entry). The plugin is validated, copied to $CLAW_CONFIG_HOME/plugins/<name> and enabled (unless --disabled).`;
  static override examples = [
    '<%= config.bin %> plugins install ./my-plugin',
    '<%= config.bin %> plugins install ./marketplace --plugin formatter',
  ];
  static override args = {
    source: Args.string({ description: 'Plugin directory or marketplace.', required: true }),
  };
  static override flags = {
    plugin: Flags.string({ description: 'With a marketplace: the plugin to install.' }),
    disabled: Flags.boolean({ description: 'Install without enabling it.' }),
    force: Flags.boolean({ description: 'Replace an installed plugin of the same name.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginsInstall);
    const { installPlugin } = await import('@claw/plugins');
    const record = await withDomainErrors(() =>
      installPlugin({
        configHome: configHomeFrom(process.env),
        source: args.source,
        ...(flags.plugin ? { plugin: flags.plugin } : {}),
        enable: !flags.disabled,
        force: flags.force,
      }),
    );
    if (this.isJson(flags)) this.writeJson({ type: 'plugin_installed', plugin: record });
    else
      process.stdout.write(
        `Installed plugin "${record.name}"${record.version ? ` ${record.version}` : ''} at ${record.path} (${record.enabled ? 'enabled' : 'disabled'}).\n`,
      );
  }
}
