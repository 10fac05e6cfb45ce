import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { privateTempDir, STALE_RUN_DIR_MS } from '../../src/engine/temp-dir.js';
import { createBashAnalyzer } from '../../src/permissions/bash/analyzer.js';
import { createPermissionPolicy } from '../../src/permissions/policy.js';

const uid = process.getuid?.();
let base: string;
beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'claw-scratch-test-')));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('privateTempDir', () => {
  it('creates a private run directory inside $TMPDIR/claw-<uid> (both 0700), a new one per run', () => {
    const first = privateTempDir(base);
    const userDir = join(base, `claw-${uid}`);
    expect(first.warning).toBeUndefined();
    expect(dirname(first.path)).toBe(userDir);
    expect(basename(first.path)).toMatch(/^run-/);
    expect(statSync(userDir).mode & 0o777).toBe(0o700);
    expect(statSync(first.path).mode & 0o777).toBe(0o700);
    const second = privateTempDir(base);
    expect(dirname(second.path)).toBe(userDir);
    expect(second.path).not.toBe(first.path);
  });

  it('narrows a directory of ours that others could read', () => {
    const path = join(base, `claw-${uid}`);
    mkdirSync(path, { mode: 0o777 });
    chmodSync(path, 0o777);
    expect(dirname(privateTempDir(base).path)).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o700);
  });

  it('removes run directories untouched for a week, and nothing else', () => {
    const userDir = join(base, `claw-${uid}`);
    const now = Date.now();
    const old = (now - STALE_RUN_DIR_MS - 60_000) / 1000;
    mkdirSync(join(userDir, 'run-stale'), { recursive: true });
    writeFileSync(join(userDir, 'run-stale', 'bash-1.log'), 'old secrets\n');
    utimesSync(join(userDir, 'run-stale'), old, old);
    mkdirSync(join(userDir, 'run-recent'));
    mkdirSync(join(userDir, 'other-stale'));
    utimesSync(join(userDir, 'other-stale'), old, old);
    privateTempDir(base, now);
    expect(existsSync(join(userDir, 'run-stale'))).toBe(false);
    expect(existsSync(join(userDir, 'run-recent'))).toBe(true);
    expect(existsSync(join(userDir, 'other-stale'))).toBe(true);
  });

  it('does not follow a symlink planted at its name', () => {
    const elsewhere = join(base, 'attacker');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(base, `claw-${uid}`));
    const dir = privateTempDir(base);
    expect(dir.path).not.toBe(join(base, `claw-${uid}`));
    expect(dir.path.startsWith(join(base, 'claw-'))).toBe(true);
    expect(dir.warning).toMatch(/not a directory/);
    expect(statSync(dir.path).mode & 0o777).toBe(0o700);
  });

  it('does not use a file at its name', () => {
    writeFileSync(join(base, `claw-${uid}`), '');
    expect(privateTempDir(base).warning).toMatch(/not a directory/);
  });

  it.runIf(uid === 0)('does not use a directory that belongs to another user', async () => {
    const { chownSync } = await import('node:fs');
    const path = join(base, `claw-${uid}`);
    mkdirSync(path, { mode: 0o700 });
    chownSync(path, 65534, 65534);
    const dir = privateTempDir(base);
    expect(dir.path).not.toBe(path);
    expect(dir.warning).toMatch(/another user/);
  });
});

describe('the scratch directory in the permission policy', () => {
  const analyzer = createBashAnalyzer();
  let workspace: string;
  let scratch: string;
  beforeAll(async () => {
    await analyzer.init();
  });
  beforeEach(() => {
    workspace = join(base, 'ws');
    scratch = join(base, 'scratch');
    mkdirSync(workspace);
    mkdirSync(join(scratch, 'session'), { recursive: true });
    writeFileSync(join(scratch, 'session', 'bash-1.log'), 'full output\n');
  });

  const policyFor = () =>
    createPermissionPolicy({
      mode: 'workspace-write',
      rules: [],
      workspaceRoot: workspace,
      readableDirectories: [scratch],
      analyzeBash: analyzer.analyze,
    });

  it('reads there without asking, with Read and with Bash', () => {
    const policy = policyFor();
    const log = join(scratch, 'session', 'bash-1.log');
    expect(
      policy.evaluate({ toolName: 'Read', input: { file_path: log }, requiredLevel: 'read-only' }).behavior,
    ).toBe('allow');
    expect(
      policy.evaluate({
        toolName: 'Bash',
        input: { command: `tail -n 5 ${log}` },
        requiredLevel: 'read-only',
      }).behavior,
    ).toBe('allow');
  });

  it('still asks to write there, and to read next to it', () => {
    const policy = policyFor();
    const planted = join(scratch, 'session', 'x.sh');
    expect(
      policy.evaluate({ toolName: 'Write', input: { file_path: planted }, requiredLevel: 'workspace-write' })
        .behavior,
    ).toBe('ask');
    expect(
      policy.evaluate({
        toolName: 'Bash',
        input: { command: `echo x > ${planted}` },
        requiredLevel: 'workspace-write',
      }).behavior,
    ).toBe('ask');
    expect(
      policy.evaluate({
        toolName: 'Read',
        input: { file_path: join(base, 'elsewhere.txt') },
        requiredLevel: 'read-only',
      }).behavior,
    ).toBe('ask');
  });

  it('asks before reading another run’s scratch directory (another project’s spilled output)', () => {
    const mine = privateTempDir(base).path;
    const theirs = privateTempDir(base).path;
    writeFileSync(join(theirs, 'bash-1.log'), 'API_TOKEN=from-the-other-project\n');
    const policy = createPermissionPolicy({
      mode: 'read-only',
      rules: [],
      workspaceRoot: workspace,
      readableDirectories: [mine],
      analyzeBash: analyzer.analyze,
    });
    const read = (file_path: string) =>
      policy.evaluate({ toolName: 'Read', input: { file_path }, requiredLevel: 'read-only' }).behavior;
    expect(read(join(theirs, 'bash-1.log'))).toBe('ask');
    expect(read(join(mine, 'bash-1.log'))).toBe('allow');
    expect(
      policy.evaluate({
        toolName: 'Bash',
        input: { command: `cat ${join(theirs, 'bash-1.log')}` },
        requiredLevel: 'read-only',
      }).behavior,
    ).toBe('ask');
  });

  it('lets a deny rule win inside it (`//` starts an absolute path, as in Claude Code)', () => {
    const policy = createPermissionPolicy({
      mode: 'workspace-write',
      rules: [{ behavior: 'deny', rule: `Read(/${scratch}/**)`, source: 'test' }],
      workspaceRoot: workspace,
      readableDirectories: [scratch],
      analyzeBash: analyzer.analyze,
    });
    expect(
      policy.evaluate({
        toolName: 'Read',
        input: { file_path: join(scratch, 'session', 'bash-1.log') },
        requiredLevel: 'read-only',
      }).behavior,
    ).toBe('deny');
  });
});
