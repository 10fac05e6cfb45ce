import { Parser } from '@oclif/core';
import { describe, expect, it } from 'vitest';
import Doctor from '../src/commands/doctor.js';
import Prompt from '../src/commands/prompt.js';
import { parseArgv } from '../src/fast-argv.js';
import { DOCTOR_FLAG_SPECS, GLOBAL_FLAG_SPECS, PROMPT_FLAG_SPECS } from '../src/flag-specs.js';
import { globalFlags } from '../src/global-flags.js';

// The start-up fast path parses print mode's and doctor's flags itself; oclif parses them for everything
// else and for help. Both must read every form alike, from the same specs.
const promptSpecs = { ...GLOBAL_FLAG_SPECS, ...PROMPT_FLAG_SPECS };
const doctorSpecs = { ...GLOBAL_FLAG_SPECS, ...DOCTOR_FLAG_SPECS };

async function oclifParse(
  argv: string[],
  command: typeof Prompt | typeof Doctor,
  env: NodeJS.ProcessEnv,
): Promise<{ flags: Record<string, unknown>; positionals: string[] } | { error: string }> {
  const saved = process.env;
  process.env = env;
  try {
    const input = { flags: { ...globalFlags, ...command.flags }, args: command.args ?? {}, strict: true };
    const result = await Parser.parse(argv, input as Parameters<typeof Parser.parse>[1]);
    const positionals = Object.values(result.args).filter((v): v is string => typeof v === 'string');
    return { flags: result.flags as Record<string, unknown>, positionals };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    process.env = saved;
  }
}

function fastParse(argv: string[], specs: typeof promptSpecs | typeof doctorSpecs, env: NodeJS.ProcessEnv) {
  try {
    return parseArgv(argv, specs, { maxPositionals: specs === promptSpecs ? 1 : 0, env });
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const PROMPT_CASES: string[][] = [
  [],
  ['--', 'hi'],
  ['--', '--model looks like a flag'],
  ['--model', 'opus', '--', 'hi'],
  ['--model=opus'],
  ['--model='],
  ['--model', '-x'],
  ['--output-format', 'json'],
  ['--output-format=stream-json', '--verbose'],
  ['--permission-mode', 'acceptEdits'],
  ['--max-turns', '3'],
  ['--max-turns=12'],
  ['-r', 'abc123'],
  ['-rabc123'],
  ['-r=abc123'],
  ['--resume', 'latest'],
  ['-r', 'latest', '--', 'hi'],
  ['--resume', 'latest', '--fork', '--', 'hi'],
  ['--continue', '--fork'],
  ['-C', '/tmp'],
  ['-C/tmp'],
  ['--cwd=/tmp'],
  ['--add-dir', 'a', '--add-dir', 'b'],
  ['--allowedTools', 'Read,Edit', '--allowed-tools', 'Bash(git diff:*)'],
  ['--disallowed-tools', 'Bash'],
  ['--mcp-config', 'a.json', '--mcp-config', 'b.json'],
  ['--append-system-prompt', 'be brief'],
  ['--dangerously-skip-permissions', '--no-color'],
  ['--verbose', '--verbose'],
  ['--input-format', 'stream-json'],
  ['--mcp-config', 'a.json', '--strict-mcp-config'],
  ['--output-format', 'stream-json', '--include-partial-messages'],
  ['--permission-prompt-tool', 'mcp__gate__decide'],
  ['--api-key-helper', 'echo key', '--session-id', 'abcd-1234'],
];

const PROMPT_ERRORS: Array<{ argv: string[]; names: string }> = [
  { argv: ['--nope'], names: '--nope' },
  { argv: ['-z'], names: '-z' },
  { argv: ['--mod', 'x'], names: '--mod' },
  { argv: ['--model'], names: '--model' },
  { argv: ['--model', 'a', '--model', 'b'], names: '--model' },
  { argv: ['--output-format', 'xml'], names: '--output-format' },
  { argv: ['--permission-mode', 'yolo'], names: '--permission-mode' },
  { argv: ['--input-format', 'yaml'], names: '--input-format' },
  { argv: ['--max-turns', '0'], names: '--max-turns' },
  { argv: ['--max-turns', 'x'], names: '--max-turns' },
  { argv: ['--max-turns=-1'], names: '--max-turns' },
  { argv: ['--max-turns', '1.5'], names: '--max-turns' },
  { argv: ['--', 'one', 'two'], names: 'two' },
];

describe('the fast path and oclif parse flags alike', () => {
  it.each(PROMPT_CASES.map((argv) => [argv.join(' ') || '(none)', argv]))('prompt %s', async (_, argv) => {
    const env = {};
    const oclif = await oclifParse(argv as string[], Prompt, env);
    expect(oclif).not.toHaveProperty('error');
    expect(fastParse(argv as string[], promptSpecs, env)).toEqual(oclif);
  });

  it.each(PROMPT_ERRORS.map((c) => [c.argv.join(' '), c]))('prompt %s is a usage error', async (_, c) => {
    const { argv, names } = c as { argv: string[]; names: string };
    const oclif = await oclifParse(argv, Prompt, {});
    expect(oclif).toHaveProperty('error');
    const fast = fastParse(argv, promptSpecs, {});
    expect(fast).toHaveProperty('error');
    expect((fast as { error: string }).error).toContain(names);
  });

  it('takes --output-format from CLAW_OUTPUT_FORMAT and validates it as oclif does', async () => {
    for (const value of ['json', 'stream-json', 'text']) {
      const env = { CLAW_OUTPUT_FORMAT: value };
      expect(fastParse([], promptSpecs, env)).toEqual(await oclifParse([], Prompt, env));
    }
    const bad = { CLAW_OUTPUT_FORMAT: 'xml' };
    expect(await oclifParse([], Prompt, bad)).toHaveProperty('error');
    expect(fastParse([], promptSpecs, bad)).toHaveProperty('error');
    // A flag beats the environment.
    const both = { CLAW_OUTPUT_FORMAT: 'json' };
    expect(fastParse(['--output-format', 'text'], promptSpecs, both)).toEqual(
      await oclifParse(['--output-format', 'text'], Prompt, both),
    );
  });

  it.each([
    [[]],
    [['--network']],
    [['--timeout', '9', '--output-format', 'json']],
    [['-C', '/tmp', '--verbose']],
  ])('doctor %j', async (argv) => {
    expect(fastParse(argv, doctorSpecs, {})).toEqual(await oclifParse(argv, Doctor, {}));
  });

  it.each([[['--timeout', '0']], [['--', 'extra']], [['--network=yes']]])(
    'doctor %j is a usage error',
    async (argv) => {
      expect(fastParse(argv, doctorSpecs, {})).toHaveProperty('error');
    },
  );

  it('rejects a value on a boolean flag instead of reading it as a prompt word', () => {
    expect(fastParse(['--verbose=true'], promptSpecs, {})).toEqual({
      error: 'Flag --verbose does not take a value (got "true").',
    });
  });
});
