import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeScript, type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runClaw, type Sandbox } from '../helpers.js';
import {
  messageRequests,
  TEST_API_KEY,
  toolResultsById,
  toolResultText,
  writeProjectSettings,
} from './support/claw-e2e.js';

let mock: MockServer;
let sandbox: Sandbox;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  sandbox = createSandbox();
  mock.reset();
});
afterEach(() => sandbox.cleanup());

describe('a Read deny rule also holds for Grep and Glob', () => {
  it('hides the denied file from every search, for the model and the transcript', async () => {
    mkdirSync(join(sandbox.workspace, 'secrets'), { recursive: true });
    mkdirSync(join(sandbox.workspace, 'src'), { recursive: true });
    writeFileSync(join(sandbox.workspace, 'secrets', 'db.txt'), 'password=hunter2\n');
    writeFileSync(join(sandbox.workspace, 'src', 'a.txt'), 'password=<set me>\n');
    writeProjectSettings(sandbox, { permissions: { deny: ['Read(./secrets/**)'] } });
    const calls = [
      { id: 'toolu_grep_files', name: 'Grep', input: { pattern: 'password' } },
      { id: 'toolu_grep_content', name: 'Grep', input: { pattern: 'password', output_mode: 'content' } },
      { id: 'toolu_glob', name: 'Glob', input: { pattern: '**/*.txt' } },
      { id: 'toolu_read', name: 'Read', input: { file_path: 'secrets/db.txt' } },
    ];
    const token = encodeScript([{ toolUses: calls }, { text: 'done' }]);
    const run = await runClaw(['-p', `search ${token}`, '--output-format', 'stream-json', '--verbose'], {
      sandbox,
      baseUrl: mock.url,
      env: { ANTHROPIC_API_KEY: TEST_API_KEY },
    });
    expect(run.code, run.stderr).toBe(0);
    const results = toolResultsById(messageRequests(mock).at(-1)!);
    const text = (id: string) => {
      const block = results.get(id);
      return block ? toolResultText(block) : '';
    };
    expect(text('toolu_grep_files')).toContain('src/a.txt');
    expect(text('toolu_grep_content')).toContain('src/a.txt:1:password=<set me>');
    expect(text('toolu_glob')).toContain('src/a.txt');
    expect(text('toolu_read')).toMatch(/denied/i);
    for (const id of ['toolu_grep_files', 'toolu_grep_content', 'toolu_glob']) {
      expect(text(id), id).not.toContain('secrets/db.txt');
      expect(text(id), id).not.toContain('hunter2');
    }
    expect(run.stdout).not.toContain('hunter2');
  });
});
