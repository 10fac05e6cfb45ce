import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { messagesBody, postJson, userMessage } from './helpers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const binPath = join(packageDir, 'bin', 'claw-mock-anthropic.js');

let child: ChildProcessWithoutNullStreams | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function firstStdoutLine(process: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: process.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    process.once('exit', (code) => reject(new Error(`bin exited with ${code} before printing its URL`)));
  });
}

describe('claw-mock-anthropic bin', () => {
  it('prints its URL first, logs each request to stderr, records NDJSON, and exits 0 on SIGTERM', async () => {
    // The bin runs the built output (`pnpm --filter @claw/mock-anthropic build`; turbo builds before test).
    expect(
      existsSync(join(packageDir, 'dist', 'bin.js')),
      'dist/bin.js missing: build the package first',
    ).toBe(true);
    const recordFile = join(mkdtempSync(join(tmpdir(), 'mock-anthropic-')), 'requests.ndjson');
    child = spawn(process.execPath, [binPath, '--port', '0', '--record', recordFile]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });

    const url = await firstStdoutLine(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await postJson(
      `${url}/v1/messages`,
      messagesBody([userMessage('PARITY_SCENARIO:streaming_text')]),
    );
    expect(response.status).toBe(200);
    await response.json();
    await expect.poll(() => stderr).toMatch(/POST \/v1\/messages 200 scenario=streaming_text step=0 \d+ms/);

    const recorded = readFileSync(recordFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      headers: { 'x-api-key': 'test-key' },
    });

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('rejects an unknown flag with exit code 2 and usage', async () => {
    child = spawn(process.execPath, [binPath, '--bogus']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) =>
      child!.once('exit', (exitCode) => resolve(exitCode)),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: claw-mock-anthropic/);
  });
});
