/** One problem found while loading or writing settings; shared by config, hooks and MCP validation. */
export interface SettingsIssue {
  /** The file the problem is in (or `flags` / `env`). */
  file: string;
  /** Dotted key with array indexes, e.g. `permissions.deny[2]` or `hooks.PreToolUse[0].hooks[1]`; '' for the whole file. */
  key: string;
  reason: string;
  /** `error`: the entry was dropped. `warning`: it was kept (an unknown key) or is informational. */
  severity: 'error' | 'warning';
}

export function issueToString(issue: SettingsIssue): string {
  const where = issue.key ? `${issue.file}: ${issue.key}` : issue.file;
  return `${where}: ${issue.reason}`;
}

export type ConfigErrorKind = 'invalid_setting' | 'invalid_settings_file' | 'fatal_settings' | 'invalid_key';

/** A refusal a user can act on: the CLI maps `kind` to an exit code and prints `hint`. */
export class ConfigError extends Error {
  readonly kind: ConfigErrorKind;
  readonly hint: string | undefined;
  readonly issues: SettingsIssue[];
  constructor(
    kind: ConfigErrorKind,
    message: string,
    options: { hint?: string; issues?: SettingsIssue[] } = {},
  ) {
    super(message);
    this.name = 'ConfigError';
    this.kind = kind;
    this.hint = options.hint;
    this.issues = options.issues ?? [];
  }
}
