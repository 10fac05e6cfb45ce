import { readFile } from 'node:fs/promises';
import { BaseCommand } from '../../base-command.js';
import { CliError } from '../../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../../engine-options.js';
import { settingsScopeFlag } from '../../reports/scope-flag.js';
import { displayValue, flattenSettings, valueAtDottedKey } from '../../reports/settings-flatten.js';
import { formatTable, oneLine } from '../../reports/table.js';

interface ListedSetting {
  key: string;
  value: unknown;
  source: string;
}

export default class ConfigList extends BaseCommand {
  static override aliases = ['config ls'];
  static override summary = 'List every effective setting with its value and the file that set it.';
  static override description =
    `Without --scope: the merged settings (user, .claude/settings.json, .claw.json,
.claw/settings.json, .claude/settings.local.json, .claw/settings.local.json — later wins), each key with the
file its value comes from. With --scope: the keys of that one file.
Invalid entries are left out of the merged settings; they are listed on stderr.`;
  static override examples = [
    '<%= config.bin %> config list',
    '<%= config.bin %> config list --scope user',
    '<%= config.bin %> config list --output-format json',
  ];
  static override flags = {
    scope: settingsScopeFlag("List only the keys of this scope's file."),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ConfigList);
    const runtime = await import('@claw/runtime');
    const locations = { workspaceRoot: workspaceFrom(flags), configHome: configHomeFrom(process.env) };
    let settings: ListedSetting[];
    if (flags.scope) {
      const path = runtime.settingsPathForScope(flags.scope as 'user' | 'project' | 'local', locations);
      settings = flattenSettings(await readScopeFile(path)).map((s) => ({ ...s, source: path }));
    } else {
      const loaded = await runtime.loadSettings(locations);
      for (const issue of loaded.errors) process.stderr.write(`warning: ${runtime.issueToString(issue)}\n`);
      settings = [...loaded.provenance.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, source]) => ({ key, value: valueAtDottedKey(loaded.settings, key), source }));
    }
    if (this.isJson(flags)) {
      this.writeJson({ type: 'config', ...(flags.scope ? { scope: flags.scope } : {}), settings });
      return;
    }
    if (settings.length === 0) {
      process.stdout.write('No settings set.\n');
      return;
    }
    const rows = settings.map((s) => [s.key, oneLine(displayValue(s.value), 60), s.source]);
    process.stdout.write(`${formatTable([['KEY', 'VALUE', 'FILE'], ...rows])}\n`);
  }
}

async function readScopeFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError('io', `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return text.trim() === '' ? {} : JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError('invalid_settings_file', `${path} is not valid JSON: ${(error as Error).message}`, {
      hint: 'Fix the file by hand.',
    });
  }
}
