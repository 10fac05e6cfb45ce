/** Errors the CLI maps to exit codes and JSON: `kind` is stable, `hint` says what to do. */
export class PluginsError extends Error {
  constructor(
    readonly kind:
      | 'invalid_skill'
      | 'invalid_plugin'
      | 'invalid_marketplace'
      | 'not_found'
      | 'already_exists'
      | 'invalid_agent',
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
