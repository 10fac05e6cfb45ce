import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBashAnalyzer } from '../../src/permissions/bash/analyzer.js';
import type { PermissionLevel } from '../../src/permissions/mode.js';
import { createPermissionPolicy } from '../../src/permissions/policy.js';
import type { PermissionRuleEntry } from '../../src/permissions/rules.js';
import { ADVERSARIAL_CASES, ADVERSARIAL_FIXTURE, type AdversarialCase } from './adversarial-cases.js';
import { BASH_HOLE_CASES } from './bash-holes-cases.js';

const TOOL_ALIASES = {
  bash: 'Bash',
  read_file: 'Read',
  write_file: 'Write',
  edit_file: 'Edit',
  web_fetch: 'WebFetch',
};

/** Required levels per SPEC §3; Bash is classified by the policy's own analysis. */
function requiredLevel(tool: string): PermissionLevel {
  if (['Read', 'Glob', 'Grep'].includes(tool)) return 'read-only';
  if (['Write', 'Edit', 'MultiEdit', 'NotebookEdit'].includes(tool)) return 'workspace-write';
  return 'danger-full-access';
}

const analyzer = createBashAnalyzer();
let root: string;
const dirs = { workspace: '', outside: '', home: '' };
const fill = (text: string): string =>
  text
    .replaceAll('{{workspace}}', dirs.workspace)
    .replaceAll('{{outside}}', dirs.outside)
    .replaceAll('{{home}}', dirs.home);

beforeAll(async () => {
  await analyzer.init();
  root = realpathSync(mkdtempSync(join(tmpdir(), 'claw-adversarial-')));
  dirs.workspace = join(root, 'ws');
  dirs.outside = join(root, 'outside');
  dirs.home = join(root, 'home');
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  for (const file of ADVERSARIAL_FIXTURE.files) {
    mkdirSync(dirname(join(dirs.workspace, file)), { recursive: true });
    writeFileSync(join(dirs.workspace, file), 'x\n');
  }
  for (const file of ADVERSARIAL_FIXTURE.outsideFiles) writeFileSync(join(dirs.outside, file), 'x\n');
  for (const [link, target] of Object.entries(ADVERSARIAL_FIXTURE.symlinks)) {
    symlinkSync(fill(target), join(dirs.workspace, link));
  }
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function evaluate(row: AdversarialCase) {
  const source = join(dirs.workspace, '.claw', 'settings.json');
  const rules: PermissionRuleEntry[] = [];
  for (const behavior of ['allow', 'ask', 'deny'] as const) {
    for (const rule of row.rules?.[behavior] ?? []) rules.push({ behavior, rule: fill(rule), source });
  }
  const policy = createPermissionPolicy({
    mode: row.mode,
    rules,
    workspaceRoot: dirs.workspace,
    toolAliases: TOOL_ALIASES,
    analyzeBash: (command) => analyzer.analyze(command),
    homeDir: dirs.home,
  });
  const input = Object.fromEntries(Object.entries(row.input).map(([key, value]) => [key, fill(value)]));
  return policy.evaluate({ toolName: row.tool, input, requiredLevel: requiredLevel(row.tool) });
}

describe('adversarial permission cases', () => {
  it('has at least 60 rows with unique names', () => {
    expect(ADVERSARIAL_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ADVERSARIAL_CASES.map((row) => row.name)).size).toBe(ADVERSARIAL_CASES.length);
  });

  it.each(
    [...ADVERSARIAL_CASES, ...BASH_HOLE_CASES].map(
      (row) => [`${row.name} [${row.mode}] → ${row.expect}`, row] as const,
    ),
  )('%s', (_, row) => {
    const decision = evaluate(row);
    expect({ behavior: decision.behavior, reason: decision.reason }).toMatchObject({
      behavior: row.expect,
    });
    expect(decision.reason.length).toBeGreaterThan(0);
  });
});
