import { describe, expect, it } from 'vitest';
import { scrubChildEnv } from '../src/index.js';

const env = {
  PATH: '/usr/bin',
  HOME: '/home/u',
  ANTHROPIC_API_KEY: 'sk-ant-1',
  ANTHROPIC_AUTH_TOKEN: 'tok',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:1',
  OPENAI_API_KEY: 'sk-openai',
  CLAW_CONFIG_HOME: '/tmp/claw',
  CLAW_MODEL: 'sonnet',
  CLAW_OAUTH_TOKEN: 'x',
  CLAW_API_KEY_HELPER_SECRET_THING: 'x',
  GITHUB_TOKEN: 'ghp',
  AWS_SECRET_ACCESS_KEY: 'aws',
  AWS_ACCESS_KEY_ID: 'id',
  DB_PASSWORD: 'pw',
  STRIPE_SECRET: 'st',
  api_key: 'lower',
  SSH_AUTH_SOCK: '/tmp/agent',
  SENDGRID_APIKEY: 'sg',
  GITLAB_PAT: 'glpat',
  GOOGLE_APPLICATION_CREDENTIALS: '/k.json',
  AZURE_CREDENTIAL: 'az',
  FTP_PASSWD: 'pw',
  PATH_PATTERN: 'x',
  KEYBOARD_LAYOUT: 'us',
  TOKENIZERS_PARALLELISM: 'false',
  UNSET: undefined,
};

describe('scrubChildEnv', () => {
  const scrubbed = scrubChildEnv(env);
  it.each([
    ['ANTHROPIC_API_KEY', false],
    ['ANTHROPIC_AUTH_TOKEN', false],
    ['OPENAI_API_KEY', false],
    ['CLAW_OAUTH_TOKEN', false],
    ['CLAW_API_KEY_HELPER_SECRET_THING', false],
    ['GITHUB_TOKEN', false],
    ['AWS_SECRET_ACCESS_KEY', false],
    ['DB_PASSWORD', false],
    ['STRIPE_SECRET', false],
    ['api_key', false],
    ['SENDGRID_APIKEY', false],
    ['GITLAB_PAT', false],
    ['GOOGLE_APPLICATION_CREDENTIALS', false],
    ['AZURE_CREDENTIAL', false],
    ['FTP_PASSWD', false],
    ['PATH_PATTERN', true],
    ['PATH', true],
    ['HOME', true],
    ['ANTHROPIC_BASE_URL', true],
    ['CLAW_CONFIG_HOME', true],
    ['CLAW_MODEL', true],
    ['AWS_ACCESS_KEY_ID', true],
    ['SSH_AUTH_SOCK', true],
    ['KEYBOARD_LAYOUT', true],
    ['TOKENIZERS_PARALLELISM', true],
  ])('%s kept: %s', (name, kept) => {
    expect(name in scrubbed).toBe(kept);
  });

  it('drops undefined values and does not modify the input', () => {
    expect('UNSET' in scrubbed).toBe(false);
    expect(env.ANTHROPIC_API_KEY).toBe('sk-ant-1');
  });

  it.each([
    [['GITHUB_TOKEN'], 'GITHUB_TOKEN', true],
    [['AWS_*'], 'AWS_SECRET_ACCESS_KEY', true],
    [['ANTHROPIC_API_KEY'], 'ANTHROPIC_API_KEY', true],
    [['GITHUB_TOKEN'], 'DB_PASSWORD', false],
    [['github_token'], 'GITHUB_TOKEN', false],
  ])('allow %j lets %s through: %s', (allow, name, kept) => {
    expect(name in scrubChildEnv(env, { allow })).toBe(kept);
  });
});
