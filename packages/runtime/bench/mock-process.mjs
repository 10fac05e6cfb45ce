// Starts the mock Anthropic server's bin in its own process, so its memory and CPU stay out of the figures
// of the process being measured. Resolves with its URL and a stop function.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../mock-anthropic/bin/claw-mock-anthropic.js', import.meta.url));

export function startMockProcess() {
  const child = spawn(process.execPath, [BIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`mock exited early (${code})`)));
    child.stdout.setEncoding('utf8').on('data', (data) => {
      out += data;
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      child.removeAllListeners('exit');
      resolve({
        url: out.slice(0, newline).trim(),
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export function encodeScript(steps) {
  return `MOCK_SCRIPT:${Buffer.from(JSON.stringify(steps), 'utf8').toString('base64url')}`;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
