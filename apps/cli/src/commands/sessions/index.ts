import SessionsList from './list.js';

/** `claw sessions` alone lists, as `claw sessions list` does. */
export default class Sessions extends SessionsList {
  // Not the list command's aliases, which this class would inherit.
  static override aliases = ['session'];
  static override summary = 'List sessions of this workspace (same as `claw sessions list`).';
  static override examples = [
    '<%= config.bin %> sessions',
    '<%= config.bin %> sessions show latest',
    '<%= config.bin %> sessions rm 20250101-abcd',
  ];
}
