import { usageError } from './cli-error.js';
import type { FlagSpec, FlagSpecs } from './flag-specs.js';

/**
 * A flag parser for the start-up fast path, reading the same specs oclif's flags are built from and giving
 * the same result object oclif's parser gives (test/flag-parsing.test.ts holds the two side by side). It sees
 * argv after argv-router.ts normalised it: flags first, positionals after `--`.
 */
export interface ParsedArgv {
  flags: Record<string, unknown>;
  positionals: string[];
}

interface ResolvedFlag {
  key: string;
  spec: FlagSpec;
}

function indexFlags(specs: FlagSpecs): { long: Map<string, ResolvedFlag>; short: Map<string, ResolvedFlag> } {
  const long = new Map<string, ResolvedFlag>();
  const short = new Map<string, ResolvedFlag>();
  for (const [key, spec] of Object.entries(specs)) {
    long.set(key, { key, spec });
    for (const alias of spec.aliases ?? []) long.set(alias, { key, spec });
    if (spec.char) short.set(spec.char, { key, spec });
  }
  return { long, short };
}

function convert(name: string, spec: FlagSpec, raw: string): string | number {
  if (spec.options && !spec.options.includes(raw)) {
    throw usageError(`Expected --${name}=${raw} to be one of: ${spec.options.join(', ')}`);
  }
  if (spec.type !== 'integer') return raw;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value))
    throw usageError(`Parsing --${name}: expected an integer but received: ${raw}`);
  if (spec.min !== undefined && value < spec.min) {
    throw usageError(
      `Parsing --${name}: expected an integer greater than or equal to ${spec.min} but received: ${raw}`,
    );
  }
  return value;
}

/** Splits one flag token into the flag it names and an inline value (`--a=b`, `-rabc`, `-r=abc`). */
function readToken(
  token: string,
  index: ReturnType<typeof indexFlags>,
): { flag: ResolvedFlag; inline: string | undefined } {
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    const flag = index.long.get(name);
    if (!flag) throw usageError(`Nonexistent flag: --${name}`);
    return { flag, inline: eq === -1 ? undefined : token.slice(eq + 1) };
  }
  const flag = index.short.get(token.charAt(1));
  if (!flag) throw usageError(`Nonexistent flag: ${token}`);
  const rest = token.slice(2);
  return { flag, inline: rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest };
}

export function parseArgv(
  argv: readonly string[],
  specs: FlagSpecs,
  options: { maxPositionals: number; env?: NodeJS.ProcessEnv },
): ParsedArgv {
  const index = indexFlags(specs);
  const flags: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i] as string;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const { flag, inline } = readToken(token, index);
    const { key, spec } = flag;
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw usageError(`Flag --${key} does not take a value (got "${inline}").`);
      flags[key] = true;
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      raw = argv[i + 1];
      if (raw === undefined) throw usageError(`Flag --${key} expects a value`);
      i += 1;
    }
    const value = convert(key, spec, raw);
    if (spec.multiple) {
      flags[key] = [...((flags[key] as unknown[] | undefined) ?? []), value];
    } else {
      if (key in flags) throw usageError(`Flag --${key} can only be specified once`);
      flags[key] = value;
    }
  }
  if (positionals.length > options.maxPositionals) {
    throw usageError(`Unexpected argument: ${positionals[options.maxPositionals]}`);
  }
  const env = options.env ?? process.env;
  for (const [key, spec] of Object.entries(specs)) {
    if (key in flags) continue;
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '') flags[key] = convert(key, spec, fromEnv);
    else if (spec.default !== undefined) flags[key] = spec.default;
  }
  return { flags, positionals };
}
