/**
 * ANSI styling that collapses to identity functions when colour is off, so renderers never branch on it.
 * Each style closes with its own SGR reset (22, 23, 39…) rather than a full reset, so styles nest.
 */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  inverse(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  magenta(text: string): string;
  cyan(text: string): string;
  gray(text: string): string;
}

const CODES: Record<Exclude<keyof Style, 'enabled'>, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  inverse: [7, 27],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
};

export function createStyle(enabled: boolean): Style {
  const entries = Object.entries(CODES).map(([name, [open, close]]) => {
    const fn = enabled
      ? (text: string) => (text ? `\u001b[${open}m${text}\u001b[${close}m` : text)
      : (text: string) => text;
    return [name, fn] as const;
  });
  return { enabled, ...Object.fromEntries(entries) } as Style;
}

/**
 * Colour is on only for a TTY, without NO_COLOR (any non-empty value, per no-color.org) and without
 * `--no-color`; FORCE_COLOR turns it on for tests that capture a pseudo-terminal.
 */
export function colorEnabled(options: {
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  noColorFlag?: boolean;
}): boolean {
  if (options.noColorFlag) return false;
  if (options.env.NO_COLOR) return false;
  if (options.env.FORCE_COLOR && options.env.FORCE_COLOR !== '0') return true;
  if (options.env.TERM === 'dumb') return false;
  return options.isTTY;
}
