import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'claw-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A package must stand on its own: packed with `pnpm pack`, installed into a project outside the
// workspace, and imported by its public name.
describe('packed @claw/mock-anthropic', () => {
  it('installs from its tarball and works outside the workspace', () => {
    execFileSync('pnpm', ['pack', '--pack-destination', scratch], { cwd: packageDir, stdio: 'pipe' });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const project = join(scratch, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
    );
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--offline', join(scratch, tarball as string)],
      {
        cwd: project,
        stdio: 'pipe',
      },
    );
    writeFileSync(
      join(project, 'check.mjs'),
      `import { startMockServer, encodeScript } from '@claw/mock-anthropic';
const server = await startMockServer();
const res = await fetch(server.url + '/v1/messages', {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
  body: JSON.stringify({ model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
});
const body = await res.json();
await server.close();
console.log(JSON.stringify({ status: res.status, text: body.content[0].text, script: encodeScript([{ text: 'x' }]).startsWith('MOCK_SCRIPT:') }));
`,
    );
    const out = execFileSync('node', ['check.mjs'], { cwd: project }).toString();
    expect(JSON.parse(out)).toEqual({ status: 200, text: 'Hello from the mock model.', script: true });
    // The bin is installed too.
    expect(readdirSync(join(project, 'node_modules', '.bin'))).toContain('claw-mock-anthropic');
  }, 60_000);
});
