import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BwrapOptions, bwrapArgs, createBwrapWrapper } from '../../src/sandbox/bwrap.js';
import { detectSandbox } from '../../src/sandbox/detect.js';

describe('bwrapArgs', () => {
  const existing = new Set(['/ws/.git/hooks', '/ws/.claw', '/home/u/.ssh', '/home/u/.netrc', '/tmp']);
  const options: BwrapOptions = {
    workspaceRoot: '/ws',
    writableDirs: ['/tmp', '/missing'],
    homeDir: '/home/u',
    exists: (path) => existing.has(path),
  };

  it('mounts root read-only first, then writable dirs, then read-only re-binds and masks on top', () => {
    const args = bwrapArgs(options, '/ws/src');
    const at = (...seq: string[]) => {
      const i = args.findIndex((_, k) => seq.every((s, j) => args[k + j] === s));
      expect(i, seq.join(' ')).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(args.slice(0, 3)).toEqual(['--ro-bind', '/', '/']);
    const workspace = at('--bind', '/ws', '/ws');
    expect(at('--bind', '/tmp', '/tmp')).toBeLessThan(workspace);
    expect(at('--ro-bind', '/ws/.git/hooks', '/ws/.git/hooks')).toBeGreaterThan(workspace);
    expect(at('--ro-bind', '/ws/.claw', '/ws/.claw')).toBeGreaterThan(workspace);
    at('--tmpfs', '/home/u/.ssh');
    at('--ro-bind', '/dev/null', '/home/u/.netrc');
    at('--chdir', '/ws/src');
    for (const flag of ['--unshare-net', '--unshare-pid', '--die-with-parent', '--new-session']) {
      expect(args).toContain(flag);
    }
    // Missing paths are skipped: bwrap would create mount points in the user's workspace otherwise.
    expect(args).not.toContain('/missing');
    expect(args).not.toContain('/ws/.git/config');
  });

  it('keeps the network when allowed', () => {
    expect(bwrapArgs({ ...options, allowNetwork: true }, '/ws')).not.toContain('--unshare-net');
  });

  it('wraps the command as shell -c after --', () => {
    const wrapped = createBwrapWrapper({ ...options, bwrapPath: '/usr/bin/bwrap' })('echo hi', '/ws');
    expect(wrapped.file).toBe('/usr/bin/bwrap');
    expect(wrapped.args.slice(-4)).toEqual(['--', '/bin/bash', '-c', 'echo hi']);
  });
});

const detection = detectSandbox();

describe.skipIf(!detection.available)(`bwrap sandbox, for real (${detection.reason})`, () => {
  let root: string;
  let workspace: string;
  let outside: string;
  let home: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'claw-sandbox-')));
    workspace = join(root, 'ws');
    outside = join(root, 'outside');
    home = join(root, 'home');
    mkdirSync(join(workspace, '.git', 'hooks'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(join(home, '.ssh', 'id_ed25519'), 'PRIVATE KEY');
    server = createServer((socket) => socket.end('pong\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  const run = (command: string, extra: Partial<BwrapOptions> = {}) => {
    const wrap = createBwrapWrapper({
      bwrapPath: detection.bwrapPath,
      workspaceRoot: workspace,
      homeDir: home,
      ...extra,
    });
    const { file, args, afterExit } = wrap(command, workspace);
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(file, args, { timeout: 10_000 }, (error, stdout, stderr) => {
        afterExit?.();
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  };

  const connect = `exec 3<>/dev/tcp/127.0.0.1/PORT && head -1 <&3`;

  it.each([
    { attack: 'write inside the workspace', command: 'echo ok > inside.txt && cat inside.txt', ok: true },
    { attack: 'write outside the workspace', command: 'echo pwned > OUTSIDE/x', ok: false },
    { attack: 'write to /etc', command: 'echo pwned > /etc/claw-sandbox-test', ok: false },
    { attack: 'plant a git hook', command: 'echo pwned > .git/hooks/pre-commit', ok: false },
    { attack: 'read ~/.ssh', command: 'cat HOME/.ssh/id_ed25519', ok: false },
    { attack: 'connect to a local server', command: connect, ok: false },
  ])('$attack → ok=$ok', async ({ command, ok }) => {
    const filled = command.replace('OUTSIDE', outside).replace('HOME', home).replace('PORT', String(port));
    const result = await run(filled);
    expect({ code: result.code === 0, out: result.stdout }).toMatchObject({ code: ok });
    if (ok) expect(result.stdout).toContain('ok');
  });

  /** Runs like the Bash tool: the command, then the wrapper's clean-up. */
  const runAndCleanUp = async (command: string) => {
    const wrapped = createBwrapWrapper({
      bwrapPath: detection.bwrapPath,
      workspaceRoot: workspace,
      homeDir: home,
    })(command, workspace);
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(wrapped.file, wrapped.args, { timeout: 10_000 }, (error, _stdout, stderr) =>
        resolve({ code: error ? 1 : 0, stderr }),
      );
    });
    wrapped.afterExit?.();
    return result;
  };

  // Settings, MCP and git files whose contents run code in the next session, outside the sandbox: each is
  // read-only whether or not it existed before the command.
  it.each([
    { attack: 'plant hooks in a missing .claw.json', file: '.claw.json' },
    { attack: 'plant a server in a missing .mcp.json', file: '.mcp.json' },
    { attack: 'plant a missing .claude.json', file: '.claude.json' },
    { attack: 'plant a submodule in a missing .gitmodules', file: '.gitmodules' },
    { attack: 'plant a submodule repository config', file: '.git/modules/lib/config', setup: 'modules' },
    { attack: 'plant diff drivers in .git/info/attributes', file: '.git/info/attributes' },
    { attack: 'append to an existing .claw.json', file: '.claw.json', existing: '{}' },
  ])('$attack → refused, and nothing is left behind', async ({ file, existing }) => {
    const path = join(workspace, file);
    rmSync(join(workspace, '.claw.json'), { force: true });
    if (existing !== undefined) writeFileSync(path, existing);
    const payload = `{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"touch pwned"}]}]}}`;
    const result = await runAndCleanUp(`mkdir -p "$(dirname ${file})"; printf '%s' '${payload}' >> ${file}`);
    expect(result.code).not.toBe(0);
    if (existing !== undefined) expect(readFileSync(path, 'utf8')).toBe(existing);
    // The empty placeholder bwrap mounted is gone again; the user's workspace is as it was.
    else expect(existsSync(path)).toBe(false);
    rmSync(join(workspace, '.claw.json'), { force: true });
  });

  it('keeps a placeholder while another sandboxed command still needs it', async () => {
    const options = { bwrapPath: detection.bwrapPath, workspaceRoot: workspace, homeDir: home };
    const start = (command: string) => {
      const wrapped = createBwrapWrapper(options)(command, workspace);
      const done = new Promise<number>((resolve) => {
        execFile(wrapped.file, wrapped.args, { timeout: 10_000 }, (error) => resolve(error ? 1 : 0));
      });
      return { wrapped, done };
    };
    const placeholder = join(workspace, '.claw.json');
    const first = start('sleep 0.5');
    // bwrap has made the empty mount point by now; a second command starting meanwhile must not take it for
    // the user's file, and the first one ending must not pull it from under the second.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = start('sleep 0.8; printf x >> .claw.json');
    const [firstCode, secondCode] = await Promise.all([
      first.done.then((code) => {
        first.wrapped.afterExit?.();
        return code;
      }),
      second.done.then((code) => {
        second.wrapped.afterExit?.();
        return code;
      }),
    ]);
    expect(second.wrapped.args.join(' ')).not.toContain(`--ro-bind ${placeholder} ${placeholder}`);
    expect(firstCode).toBe(0);
    // The second command ran (its bwrap found every mount point) and its write was refused.
    expect(secondCode).not.toBe(0);
    expect(existsSync(placeholder)).toBe(false);
  });

  it('leaves ordinary new files writable next to the placeholders', async () => {
    const result = await runAndCleanUp('printf ok > new-file.txt');
    expect(result.code).toBe(0);
    expect(readFileSync(join(workspace, 'new-file.txt'), 'utf8')).toBe('ok');
    expect(existsSync(join(workspace, '.mcp.json'))).toBe(false);
  });

  it('reaches the local server when the network is allowed (the network test can fail)', async () => {
    const result = await run(connect.replace('PORT', String(port)), { allowNetwork: true });
    expect(result.stdout).toContain('pong');
  });
});
