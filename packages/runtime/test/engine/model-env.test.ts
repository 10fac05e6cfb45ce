import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THINKING_BUDGET,
  modelEnvironment,
  resolveThinkingBudget,
} from '../../src/engine/model-env.js';

describe('modelEnvironment', () => {
  it('puts settings env over the process env, so a gateway configured in settings is used', () => {
    const env = modelEnvironment(
      { ANTHROPIC_BASE_URL: 'https://api.anthropic.com', HOME: '/h' },
      { env: { ANTHROPIC_BASE_URL: 'http://gw.test', ANTHROPIC_API_KEY: 'k' } },
    );
    expect(env).toMatchObject({ ANTHROPIC_BASE_URL: 'http://gw.test', ANTHROPIC_API_KEY: 'k', HOME: '/h' });
  });

  it('is the process env when settings have none', () => {
    const processEnv = { A: '1' };
    expect(modelEnvironment(processEnv, {})).toBe(processEnv);
  });
});

describe('resolveThinkingBudget', () => {
  it.each([
    ['off by default', {}, {}, undefined],
    ['MAX_THINKING_TOKENS sets the budget', { MAX_THINKING_TOKENS: '5000' }, {}, 5000],
    [
      'alwaysThinkingEnabled uses the default budget',
      {},
      { alwaysThinkingEnabled: true },
      DEFAULT_THINKING_BUDGET,
    ],
    [
      'MAX_THINKING_TOKENS wins over the setting',
      { MAX_THINKING_TOKENS: '2048' },
      { alwaysThinkingEnabled: true },
      2048,
    ],
    [
      'MAX_THINKING_TOKENS=0 turns it off',
      { MAX_THINKING_TOKENS: '0' },
      { alwaysThinkingEnabled: true },
      undefined,
    ],
    ['a value that is not a number is ignored', { MAX_THINKING_TOKENS: 'lots' }, {}, undefined],
    ['alwaysThinkingEnabled false is off', {}, { alwaysThinkingEnabled: false }, undefined],
  ])('%s', (_name, env, settings, expected) => {
    expect(resolveThinkingBudget(env, settings)).toBe(expected);
  });
});
