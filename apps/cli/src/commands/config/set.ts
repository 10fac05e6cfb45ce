import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { withDomainErrors } from '../../reports/domain-error.js';
import { type SettingsScopeName, settingsScopeFlag } from '../../reports/scope-flag.js';
import { displayValue } from '../../reports/settings-flatten.js';

export default class ConfigSet extends BaseCommand {
  static override summary = "Set a setting in one scope's file (default: local, .claw/settings.local.json).";
  static override description =
    `VALUE is parsed as JSON when it parses (0.7, true, ["a","b"], {"x":1}) and taken as a
string otherwise (plan, claude-sonnet-4-5). The resulting file is validated first: an invalid value is refused
with the reason (exit 2) and nothing is written. The file is replaced atomically; other keys are kept.

Scopes: user → $CLAW_CONFIG_HOME/settings.json (~/.claw), project → .claw/settings.json (shared, in git),
local → .claw/settings.local.json (personal, git-ignored; the default, like Claude Code's per-project config).
-g/--global is short for --scope user.`;
  static override examples = [
    '<%= config.bin %> config set model opus',
    '<%= config.bin %> config set permissions.defaultMode plan --scope project',
    '<%= config.bin %> config set -g autoCompact.threshold 0.7',
    `<%= config.bin %> config set permissions.allow '["Bash(npm test:*)"]'`,
  ];
  static override args = {
    key: Args.string({ description: 'Dotted settings key.', required: true }),
    value: Args.string({ description: 'JSON value, or a plain string.', required: true }),
  };
  static override flags = {
    scope: settingsScopeFlag('Which settings file to write.'),
    global: Flags.boolean({ char: 'g', description: 'Same as --scope user.', exclusive: ['scope'] }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ConfigSet);
    const { parseSettingValue, setSetting } = await import('@claw/runtime');
    const scope: SettingsScopeName = flags.global
      ? 'user'
      : ((flags.scope as SettingsScopeName | undefined) ?? 'local');
    const value = parseSettingValue(args.value);
    const written = await withDomainErrors(() =>
      setSetting(
        { workspaceRoot: workspaceFrom(flags), configHome: configHomeFrom(process.env), scope },
        args.key,
        value,
      ),
    );
    if (this.isJson(flags)) {
      this.writeJson({
        type: 'config_set',
        key: args.key,
        value: written.value,
        previous: written.previous ?? null,
        scope,
        path: written.path,
      });
      return;
    }
    process.stdout.write(`Set ${args.key} = ${displayValue(written.value)} in ${written.path} (${scope}).\n`);
  }
}
