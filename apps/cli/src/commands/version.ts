import { BaseCommand } from '../base-command.js';
import { printVersion } from '../version-info.js';

export default class Version extends BaseCommand {
  static override summary =
    'Print the version (with --output-format json: git sha, node version and platform).';

  async run(): Promise<void> {
    const { flags } = await this.parse(Version);
    printVersion(this.isJson(flags));
  }
}
