import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/claw-mock-anthropic.js', import.meta.url));

export interface MockProcess {
  url: string;
  /** Stops the server (SIGTERM) and resolves when the process is gone. */
  stop(): Promise<void>;
}

/**
 * Runs the mock in a child process of its own (the `claw-mock-anthropic` bin on a free port), so a
 * benchmark's memory and CPU figures do not include the server's. Resolves once the server printed its URL.
 */
export function startMockProcess(): Promise<MockProcess> {
  const child = spawn(process.execPath, [BIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`mock exited early (${code})`)));
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      out += data;
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      child.removeAllListeners('exit');
      resolve({
        url: out.slice(0, newline).trim(),
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
