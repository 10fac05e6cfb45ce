import { describe, expect, it } from 'vitest';
import { routeArgv } from '../src/argv-router.js';

describe('routeArgv', () => {
  it.each([
    { argv: ['-p', 'hi'], args: ['prompt', '--', 'hi'] },
    { argv: ['hi', 'there'], args: ['prompt', '--', 'hi there'] },
    { argv: ['prompt', 'hi', '--model', 'opus'], args: ['prompt', '--model', 'opus', '--', 'hi'] },
    { argv: ['--model', 'opus', '-p', 'hi'], args: ['prompt', '--model', 'opus', '--', 'hi'] },
    { argv: ['--', '-p starts with a dash'], args: ['prompt', '--', '-p starts with a dash'] },
    { argv: ['-c', '-p', 'go on'], args: ['prompt', '--continue', '--', 'go on'] },
    { argv: ['--resume', 'latest', '-p', '/cost'], args: ['prompt', '--resume', 'latest', '--', '/cost'] },
    { argv: ['-r', '-p', 'hi'], args: ['prompt', '--resume', 'latest', '--', 'hi'] },
    { argv: ['-p', 'hi', '--resume'], args: ['prompt', '--resume', 'latest', '--', 'hi'] },
    { argv: ['-r', 'abc123', '-p', 'hi'], args: ['prompt', '-r', 'abc123', '--', 'hi'] },
    { argv: ['--resume', '-p', 'hi there'], args: ['prompt', '--resume', 'latest', '--', 'hi there'] },
    { argv: ['doctor', '--network'], args: ['doctor', '--network'] },
    {
      argv: ['config', 'set', 'model', 'opus', '--scope', 'user'],
      args: ['config', 'set', 'model', 'opus', '--scope', 'user'],
    },
    {
      argv: ['--output-format', 'json', 'mcp', 'add', 'x', '-e', 'K=V', '--', 'npx', '-y', 'pkg'],
      args: ['mcp', 'add', 'x', '-e', 'K=V', '--output-format', 'json', '--', 'npx', '-y', 'pkg'],
    },
    { argv: ['-C', '/tmp', 'sessions', 'list'], args: ['sessions', 'list', '-C', '/tmp'] },
  ])('$argv → $args', ({ argv, args }) => {
    const routed = routeArgv(argv);
    const flat =
      routed.kind === 'fast' ? [routed.command, ...routed.args] : routed.kind === 'oclif' ? routed.args : [];
    expect(flat).toEqual(args);
  });

  it('sends print mode, the REPL and doctor to the fast path, and their help to oclif', () => {
    expect(routeArgv(['-p', 'hi'])).toEqual({ kind: 'fast', command: 'prompt', args: ['--', 'hi'] });
    expect(routeArgv(['doctor', '--network'])).toEqual({
      kind: 'fast',
      command: 'doctor',
      args: ['--network'],
    });
    expect(routeArgv(['-p', '--help'])).toEqual({ kind: 'oclif', args: ['prompt', '--help'] });
    expect(routeArgv(['doctor', '-h'])).toEqual({ kind: 'oclif', args: ['doctor', '-h'] });
    // A prompt that mentions --help is still a prompt.
    expect(routeArgv(['-p', '--', 'what does --help do'])).toMatchObject({ kind: 'fast', command: 'prompt' });
    expect(routeArgv(['sessions', 'list'])).toEqual({ kind: 'oclif', args: ['sessions', 'list'] });
  });

  it('routes `--help`, `-h` and `help` alone to the root help, and `help <command>` to oclif', () => {
    expect(routeArgv(['--help'])).toEqual({ kind: 'root-help' });
    expect(routeArgv(['-h'])).toEqual({ kind: 'root-help' });
    expect(routeArgv(['help'])).toEqual({ kind: 'root-help' });
    expect(routeArgv(['help', 'prompt'])).toEqual({ kind: 'oclif', args: ['help', 'prompt'] });
  });

  it('reads several values after --allowedTools, as Claude Code does, and stops at the prompt', () => {
    expect(
      routeArgv(['-p', 'fix it', '--allowedTools', 'Bash(git log:*)', 'Read', 'mcp__gh__list_prs']),
    ).toEqual({
      kind: 'fast',
      command: 'prompt',
      args: [
        '--allowedTools',
        'Bash(git log:*)',
        '--allowedTools',
        'Read',
        '--allowedTools',
        'mcp__gh__list_prs',
        '--',
        'fix it',
      ],
    });
    expect(routeArgv(['--disallowedTools', 'Bash(rm:*), WebFetch', 'fix the bug', '-p'])).toEqual({
      kind: 'fast',
      command: 'prompt',
      args: ['--disallowedTools', 'Bash(rm:*), WebFetch', '--', 'fix the bug'],
    });
    // A lower-case word or a sentence is the prompt, not a rule.
    expect(routeArgv(['-p', '--allowedTools', 'Read', 'explain', 'this'])).toMatchObject({
      args: ['--allowedTools', 'Read', '--', 'explain this'],
    });
    expect(routeArgv(['-p', '--allowedTools', 'Read', 'Explain this file'])).toMatchObject({
      args: ['--allowedTools', 'Read', '--', 'Explain this file'],
    });
  });

  it('answers --version and `version` without oclif', () => {
    expect(routeArgv(['--version'])).toEqual({ kind: 'version', json: false });
    expect(routeArgv(['version', '--output-format', 'json'])).toEqual({ kind: 'version', json: true });
  });

  it('reports a value flag without its value', () => {
    expect(routeArgv(['-p', 'hi', '--model'])).toMatchObject({
      kind: 'usage-error',
      message: expect.stringContaining('--model'),
    });
  });
});
