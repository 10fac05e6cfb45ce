/**
 * oclif parses flags only after a command id, but claw accepts its global flags anywhere
 * (`claw --model opus prompt "hi"`, `claw -p "hi"`, `claw "hi"`). This router turns any accepted form into
 * `<command> <args…> <flags…>` before oclif sees it. It is pure and dependency-free because it runs on
 * every start-up.
 */

export const COMMAND_IDS = new Set([
  'prompt',
  'repl',
  'doctor',
  'status',
  'init',
  'login',
  'logout',
  'auth',
  'sessions',
  'config',
  'mcp',
  'skills',
  'agents',
  'plugins',
  'system-prompt',
  'version',
  'help',
  'autocomplete',
]);

/** Global flags that take a value, with their short forms. */
const VALUE_FLAGS = new Set([
  '--model',
  '--permission-mode',
  '--allowedTools',
  '--allowed-tools',
  '--disallowedTools',
  '--disallowed-tools',
  '--output-format',
  '--input-format',
  '--max-turns',
  '--cwd',
  '-C',
  '--append-system-prompt',
  '--mcp-config',
  '--add-dir',
  '--api-key-helper',
  '--permission-prompt-tool',
  '--session-id',
]);

/** `--resume` takes an optional value (an id or `latest`). */
const OPTIONAL_VALUE_FLAGS = new Set(['--resume', '-r']);

export type RoutedArgv =
  | { kind: 'version'; json: boolean }
  | { kind: 'oclif'; args: string[] }
  | { kind: 'usage-error'; message: string; json: boolean };

function looksLikeFlag(token: string): boolean {
  return token.startsWith('-') && token !== '-';
}

function flagName(token: string): string {
  const eq = token.indexOf('=');
  return eq === -1 ? token : token.slice(0, eq);
}

function wantsJson(argv: string[]): boolean {
  const i = argv.findIndex((t) => t === '--output-format' || t.startsWith('--output-format='));
  if (i === -1)
    return process.env.CLAW_OUTPUT_FORMAT === 'json' || process.env.CLAW_OUTPUT_FORMAT === 'stream-json';
  const token = argv[i] ?? '';
  const value = token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[i + 1];
  return value === 'json' || value === 'stream-json';
}

export function routeArgv(argv: string[]): RoutedArgv {
  const json = wantsJson(argv);
  const flags: string[] = [];
  const positionals: string[] = [];
  let command: string | undefined;
  let printMode = false;
  let afterDoubleDash = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (afterDoubleDash) {
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (token === '-p' || token === '--print') {
      printMode = true;
      continue;
    }
    if (token === '-c') {
      flags.push('--continue');
      continue;
    }
    if (token === '-v' || (token === '--version' && command === undefined)) {
      if (command === undefined && positionals.length === 0) return { kind: 'version', json };
    }
    if (token === '-h') {
      flags.push('--help');
      continue;
    }
    if (looksLikeFlag(token)) {
      const name = flagName(token);
      flags.push(token);
      if (VALUE_FLAGS.has(name) && !token.includes('=')) {
        const value = argv[i + 1];
        if (value === undefined)
          return { kind: 'usage-error', message: `Flag ${name} expects a value.`, json };
        flags.push(value);
        i += 1;
      } else if (OPTIONAL_VALUE_FLAGS.has(name) && !token.includes('=')) {
        const value = argv[i + 1];
        if (
          value !== undefined &&
          !looksLikeFlag(value) &&
          (value === 'latest' || /^[A-Za-z0-9_-]{4,}$/.test(value))
        ) {
          flags.push(value);
          i += 1;
        }
      }
      continue;
    }
    if (command === undefined && positionals.length === 0 && !printMode && COMMAND_IDS.has(token)) {
      command = token;
      continue;
    }
    positionals.push(token);
  }

  if (command === 'version') return { kind: 'version', json };
  if (command === undefined) {
    const onlyHelp = flags.includes('--help') && positionals.length === 0 && !printMode;
    if (onlyHelp) return { kind: 'oclif', args: ['--help'] };
    const stdinPiped = !process.stdin.isTTY;
    command = printMode || positionals.length > 0 || stdinPiped ? 'prompt' : 'repl';
  }
  // Positionals go behind `--` so a prompt that starts with a dash is never read as a flag.
  const args = [command, ...flags];
  if (positionals.length > 0) {
    if (command === 'prompt') args.push('--', positionals.join(' '));
    else args.splice(1, 0, ...positionals);
  }
  return { kind: 'oclif', args };
}
