import { describe, expect, it } from 'vitest';
import { validateHooksConfig } from '../../src/hooks/index.js';

describe('validateHooksConfig', () => {
  it('drops bad entries with file and key, keeps valid siblings', () => {
    const raw = {
      PreToolUse: [
        {
          matcher: 'Edit|Write',
          hooks: [
            { type: 'command', command: 'ok.sh', timeout: 5 },
            { type: 'command', command: '' },
            { type: 'prompt', prompt: 'x' },
            { type: 'command', command: 'neg.sh', timeout: -1 },
          ],
        },
        { matcher: '(', hooks: [{ type: 'command', command: 'x' }] },
        'nonsense',
      ],
      PostToolUse: { not: 'an array' },
      OnMagic: [],
      Stop: [{ hooks: [{ type: 'command', command: 'stop.sh' }] }],
    };
    const { config, issues } = validateHooksConfig(raw, '/p/settings.json');
    expect(config).toEqual({
      PreToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'ok.sh', timeout: 5 }] }],
      Stop: [{ hooks: [{ type: 'command', command: 'stop.sh' }] }],
    });
    expect(issues.map((i) => i.key)).toEqual([
      'hooks.PreToolUse[0].hooks[1]',
      'hooks.PreToolUse[0].hooks[2]',
      'hooks.PreToolUse[0].hooks[3]',
      'hooks.PreToolUse[1].matcher',
      'hooks.PreToolUse[2]',
      'hooks.PostToolUse',
      'hooks.OnMagic',
    ]);
    expect(issues.every((i) => i.file === '/p/settings.json' && i.severity === 'error' && i.reason)).toBe(
      true,
    );
  });

  it('rejects a non-object', () => {
    expect(validateHooksConfig([], 'f').issues[0]?.key).toBe('hooks');
  });
});
