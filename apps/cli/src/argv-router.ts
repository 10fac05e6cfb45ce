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
  // Claude Code's singular names (`claude plugin list`), oclif aliases of the plural commands.
  'session',
  'skill',
  'agent',
  'plugin',
  'system-prompt',
  'trust',
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

/** Tool-rule flags take several values, as in Claude Code: `--allowedTools "Bash(git log:*)" "Read"`. */
const TOOL_RULE_FLAGS = new Set([
  '--allowedTools',
  '--allowed-tools',
  '--disallowedTools',
  '--disallowed-tools',
]);

/**
 * A further value of a tool-rule flag: a tool name (capitalised, as every built-in tool is, or `mcp__…`),
 * optionally with a `(pattern)`, or a comma-separated list of them. Anything else (a prompt) ends the list.
 */
const TOOL_RULE =
  /^(?:mcp__[\w-]+|[A-Z][A-Za-z]*)(?:\(.*\))?(?:\s*,\s*(?:mcp__[\w-]+|[A-Z][A-Za-z]*)(?:\(.*\))?)*$/s;

/** `--resume` takes an optional value (an id or `latest`, the default). */
const OPTIONAL_VALUE_FLAGS = new Set(['--resume', '-r']);

/** Commands that start without oclif (fast-path.ts), unless help is asked for. */
const FAST_COMMANDS = new Set(['prompt', 'repl', 'doctor'] as const);
export type FastCommand = typeof FAST_COMMANDS extends Set<infer C> ? C : never;

export type RoutedArgv =
  | { kind: 'version'; json: boolean }
  | { kind: 'oclif'; args: string[] }
  | { kind: 'fast'; command: FastCommand; args: string[] }
  | { kind: 'root-help' }
  | { kind: 'usage-error'; message: string; json: boolean };

function looksLikeFlag(token: string): boolean {
  return token.startsWith('-') && token !== '-';
}

function flagName(token: string): string {
  const eq = token.indexOf('=');
  return eq === -1 ? token : token.slice(0, eq);
}

/** Whether argv (or CLAW_OUTPUT_FORMAT) asks for json or stream-json output, so errors come as JSON too. */
export function wantsJson(argv: readonly string[]): boolean {
  const i = argv.findIndex((t) => t === '--output-format' || t.startsWith('--output-format='));
  if (i === -1)
    return process.env.CLAW_OUTPUT_FORMAT === 'json' || process.env.CLAW_OUTPUT_FORMAT === 'stream-json';
  const token = argv[i] ?? '';
  const value = token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[i + 1];
  return value === 'json' || value === 'stream-json';
}

/** Reads one flag (and its value, for flags that take one) at `index`; returns the tokens and the next index. */
function readFlag(argv: string[], index: number): { tokens: string[]; next: number } | { error: string } {
  const token = argv[index] as string;
  if (token === '-c') return { tokens: ['--continue'], next: index + 1 };
  if (token === '-h') return { tokens: ['--help'], next: index + 1 };
  const name = flagName(token);
  if (VALUE_FLAGS.has(name) && !token.includes('=')) {
    const value = argv[index + 1];
    if (value === undefined) return { error: `Flag ${name} expects a value.` };
    if (!TOOL_RULE_FLAGS.has(name)) return { tokens: [token, value], next: index + 2 };
    const tokens = [token, value];
    let next = index + 2;
    while (next < argv.length && TOOL_RULE.test(argv[next] as string)) {
      tokens.push(token, argv[next] as string);
      next += 1;
    }
    return { tokens, next };
  }
  if (OPTIONAL_VALUE_FLAGS.has(name) && !token.includes('=')) {
    const value = argv[index + 1];
    if (
      value !== undefined &&
      !looksLikeFlag(value) &&
      (value === 'latest' || /^[A-Za-z0-9_-]{4,}$/.test(value))
    ) {
      return { tokens: [token, value], next: index + 2 };
    }
    // Bare `-r`/`--resume` means the latest session (SPEC: `--resume [ID|latest]`); without a value here both
    // parsers would take the `--` that precedes the prompt as the id.
    return { tokens: ['--resume', 'latest'], next: index + 1 };
  }
  return { tokens: [token], next: index + 1 };
}

export function routeArgv(argv: string[]): RoutedArgv {
  const json = wantsJson(argv);
  // Global flags before the command name; oclif only reads flags after it.
  const leading: string[] = [];
  let index = 0;
  let printMode = false;
  while (index < argv.length) {
    const token = argv[index] as string;
    if (token === '--' || !looksLikeFlag(token)) break;
    if (token === '-p' || token === '--print') {
      printMode = true;
      index += 1;
      continue;
    }
    if (token === '-v' || token === '--version') return { kind: 'version', json };
    const read = readFlag(argv, index);
    if ('error' in read) return { kind: 'usage-error', message: read.error, json };
    leading.push(...read.tokens);
    index = read.next;
  }
  const first = argv[index];
  if (!printMode && first !== undefined && COMMAND_IDS.has(first) && first !== 'prompt') {
    if (first === 'version') return { kind: 'version', json };
    if (first === 'help' && index + 1 === argv.length) return { kind: 'root-help' };
    // Subcommand arguments and flags pass through untouched (`mcp add x -e K=V -- npx -y pkg`); the
    // leading global flags go after them but before any `--`.
    const rest = argv.slice(index + 1);
    const dashDash = rest.indexOf('--');
    const before = dashDash === -1 ? rest : rest.slice(0, dashDash);
    const after = dashDash === -1 ? [] : rest.slice(dashDash);
    return toRoute([first, ...before, ...leading, ...after]);
  }
  return routePrompt(argv, json);
}

/** Print mode and the REPL: flags anywhere, every other word is part of the prompt. */
function routePrompt(argv: string[], json: boolean): RoutedArgv {
  const flags: string[] = [];
  const positionals: string[] = [];
  let explicitPrompt = false;
  let printMode = false;
  let afterDoubleDash = false;

  for (let i = 0; i < argv.length; ) {
    const token = argv[i] as string;
    if (afterDoubleDash) {
      positionals.push(token);
      i += 1;
      continue;
    }
    if (token === '--') {
      afterDoubleDash = true;
      i += 1;
      continue;
    }
    if (token === '-p' || token === '--print') {
      printMode = true;
      i += 1;
      continue;
    }
    if (looksLikeFlag(token)) {
      const read = readFlag(argv, i);
      if ('error' in read) return { kind: 'usage-error', message: read.error, json };
      flags.push(...read.tokens);
      i = read.next;
      continue;
    }
    if (token === 'prompt' && !explicitPrompt && positionals.length === 0 && !printMode) {
      explicitPrompt = true;
      i += 1;
      continue;
    }
    positionals.push(token);
    i += 1;
  }

  const onlyHelp = flags.includes('--help') && positionals.length === 0 && !printMode && !explicitPrompt;
  if (onlyHelp) return { kind: 'root-help' };
  const stdinPiped = !process.stdin.isTTY;
  const command = explicitPrompt || printMode || positionals.length > 0 || stdinPiped ? 'prompt' : 'repl';
  // The prompt goes behind `--` so a prompt that starts with a dash is never read as a flag.
  const args = [command, ...flags];
  if (positionals.length > 0 && command === 'prompt') args.push('--', positionals.join(' '));
  return toRoute(args);
}

/** `<command> <args…>` goes to the fast path when it can take it, else to oclif (which also shows help). */
function toRoute(args: string[]): RoutedArgv {
  const [command, ...rest] = args as [string, ...string[]];
  const dashDash = rest.indexOf('--');
  const flagPart = dashDash === -1 ? rest : rest.slice(0, dashDash);
  const asksHelp = flagPart.some((t) => t === '--help' || t === '-h' || t.startsWith('--help='));
  if (FAST_COMMANDS.has(command as FastCommand) && !asksHelp) {
    return { kind: 'fast', command: command as FastCommand, args: rest };
  }
  return { kind: 'oclif', args };
}
