import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { privateTempDir } from '../../src/engine/temp-dir.js';
import { createBashAnalyzer } from '../../src/permissions/bash/analyzer.js';
import { createPermissionPolicy } from '../../src/permissions/policy.js';

const uid = process.getuid?.();
let base: string;
beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'claw-scratch-test-')));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('privateTempDir', () => {
  it('creates $TMPDIR/claw-<uid> with mode 0700 and reuses it', () => {
    const first = privateTempDir(base);
    expect(first).toEqual({ path: join(base, `claw-${uid}`) });
    expect(statSync(first.path).mode & 0o777).toBe(0o700);
    expect(privateTempDir(base)).toEqual(first);
  });

  it('narrows a directory of ours that others could read', () => {
    const path = join(base, `claw-${uid}`);
    mkdirSync(path, { mode: 0o777 });
    chmodSync(path, 0o777);
    expect(privateTempDir(base).path).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o700);
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
