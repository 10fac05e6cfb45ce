import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ADVERSARIAL_CASES,
  ADVERSARIAL_FIXTURE,
  type AdversarialCase,
} from '../../../../../packages/runtime/test/permissions/adversarial-cases.js';
import type { Sandbox } from '../../helpers.js';

export { ADVERSARIAL_CASES, type AdversarialCase };

export interface Dirs {
  workspace: string;
  outside: string;
  home: string;
}

export function adversarialDirs(sandbox: Sandbox): Dirs {
  return {
    workspace: sandbox.workspace,
    outside: join(dirname(sandbox.workspace), 'outside'),
    home: sandbox.home,
  };
}

export function fill(text: string, dirs: Dirs): string {
  return text
    .replaceAll('{{workspace}}', dirs.workspace)
    .replaceAll('{{outside}}', dirs.outside)
    .replaceAll('{{home}}', dirs.home);
}

/** Every fixture file holds this line, so an `Edit` of `x` → `y` has something to replace. */
export const FIXTURE_LINE = 'x\n';

/** The table's files and symlinks, plus the targets the Bash rows name (`x`, `build/`). */
export function layOutFixture(dirs: Dirs): void {
  mkdirSync(dirs.outside, { recursive: true });
  const files = [...ADVERSARIAL_FIXTURE.files, 'x', 'build/artifact.o'];
  for (const file of files) {
    mkdirSync(dirname(join(dirs.workspace, file)), { recursive: true });
    writeFileSync(join(dirs.workspace, file), FIXTURE_LINE);
  }
  for (const file of ADVERSARIAL_FIXTURE.outsideFiles) writeFileSync(join(dirs.outside, file), FIXTURE_LINE);
  for (const [link, target] of Object.entries(ADVERSARIAL_FIXTURE.symlinks)) {
    symlinkSync(fill(target, dirs), join(dirs.workspace, link));
  }
}

/**
 * The table lists only the fields permissions look at; a real call also needs the tool's required fields,
 * or claw would reject the input before asking the policy.
 */
export function completeInput(row: AdversarialCase, dirs: Dirs): Record<string, string> {
  const input = Object.fromEntries(Object.entries(row.input).map(([k, v]) => [k, fill(v, dirs)]));
  switch (row.tool) {
    case 'Write':
      return { content: 'written by claw\n', ...input };
    case 'Edit':
      return { old_string: 'x', new_string: 'edited by claw', ...input };
    case 'Grep':
      return { pattern: 'x', ...input };
    case 'WebFetch':
      return { prompt: 'summarise', ...input };
    default:
      return input;
  }
}

export interface Batch {
  key: string;
  mode: AdversarialCase['mode'];
  rules: AdversarialCase['rules'];
  /** true: every row is expected to run; false: every row is expected to be denied. */
  allowed: boolean;
  rows: Array<{ row: AdversarialCase; index: number }>;
}

/** Rows that share a mode, rules and expected outcome run in one claw process, one tool_use each. */
export function batchRows(rows: Array<{ row: AdversarialCase; index: number }>): Batch[] {
  const batches = new Map<string, Batch>();
  for (const entry of rows) {
    const allowed = entry.row.expect === 'allow';
    const key = `${entry.row.mode} ${JSON.stringify(entry.row.rules ?? {})} ${allowed ? 'runs' : 'denied'}`;
    const batch = batches.get(key) ?? {
      key,
      mode: entry.row.mode,
      rules: entry.row.rules,
      allowed,
      rows: [],
    };
    batch.rows.push(entry);
    batches.set(key, batch);
  }
  return [...batches.values()];
}

export function fillRules(rules: AdversarialCase['rules'], dirs: Dirs): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(rules ?? {}).map(([behavior, list]) => [behavior, (list ?? []).map((r) => fill(r, dirs))]),
  );
}

/** Path → content (or `-> target` for a symlink) for every file under the given roots, skipping `skip`. */
export function snapshotTree(roots: string[], skip: string[]): Map<string, string> {
  const snapshot = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (skip.some((s) => path === s || path.startsWith(`${s}/`))) continue;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) snapshot.set(path, `-> ${readlinkSync(path)}`);
      else if (stat.isDirectory()) {
        snapshot.set(`${path}/`, 'dir');
        walk(path);
      } else snapshot.set(path, readFileSync(path, 'utf8'));
    }
  };
  for (const root of roots) walk(root);
  return snapshot;
}

export function describeChanges(
  before: Map<string, string>,
  after: Map<string, string>,
  base: string,
): string[] {
  const changes: string[] = [];
  for (const [path, value] of after) {
    if (!before.has(path)) changes.push(`created ${relative(base, path)}`);
    else if (before.get(path) !== value) changes.push(`changed ${relative(base, path)}`);
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push(`removed ${relative(base, path)}`);
  return changes.sort();
}

/** The stdio MCP server in `fixtures/`: serves named tools and logs every call it receives. */
export const MCP_FIXTURE_SERVER = fileURLToPath(
  new URL('../fixtures/mcp-fixture-server.mjs', import.meta.url),
);

export interface FixtureCall {
  server: string;
  tool: string;
  args: Record<string, unknown>;
}

/** `mcpServers` settings: one fixture server per entry, serving the listed tools, logging to `log`. */
export function fixtureServers(
  toolsByServer: Record<string, string[]>,
  log: string,
): Record<string, { command: string; args: string[]; env: Record<string, string> }> {
  return Object.fromEntries(
    Object.entries(toolsByServer).map(([server, tools]) => [
      server,
      {
        command: process.execPath,
        args: [MCP_FIXTURE_SERVER],
        env: { FIXTURE_SERVER: server, FIXTURE_TOOLS: tools.join(','), FIXTURE_LOG: log },
      },
    ]),
  );
}

export function readFixtureCalls(log: string): FixtureCall[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as FixtureCall);
}

/** `mcp__server__tool` names of a batch, grouped by server, for `fixtureServers`. */
export function mcpToolsOf(rows: Batch['rows']): Record<string, string[]> {
  const byServer: Record<string, string[]> = {};
  for (const { row } of rows) {
    const match = /^mcp__(.+?)__(.+)$/.exec(row.tool);
    if (!match?.[1] || !match[2]) continue;
    byServer[match[1]] = [...(byServer[match[1]] ?? []), match[2]];
  }
  return byServer;
}

/** The id each row's tool_use gets, unique across the table so concurrent batches never collide. */
export const toolUseIdOf = (index: number): string => `toolu_adv_${String(index).padStart(3, '0')}`;

export const prepReadIdOf = (index: number): string => `toolu_prep_${String(index).padStart(3, '0')}`;

/**
 * Write and Edit refuse a file the session has not read, so an allowed row that changes an existing file
 * reads it in a first turn (that Read may itself be denied, e.g. outside the workspace).
 */
export function prepReads(batch: Batch, dirs: Dirs): Array<{ id: string; name: string; input: object }> {
  if (!batch.allowed) return [];
  return batch.rows
    .filter(({ row }) => ['Write', 'Edit'].includes(row.tool))
    .filter(({ row }) => existsSync(resolve(dirs.workspace, fill(row.input.file_path ?? '', dirs))))
    .map(({ row, index }) => ({
      id: prepReadIdOf(index),
      name: 'Read',
      input: { file_path: fill(row.input.file_path ?? '', dirs) },
    }));
}

/** The rows' tool calls in one assistant turn (after any reads they need), then a closing text. */
export function batchSteps(batch: Batch, dirs: Dirs) {
  const reads = prepReads(batch, dirs);
  const calls = {
    toolUses: batch.rows.map(({ row, index }) => ({
      id: toolUseIdOf(index),
      name: row.tool,
      input: completeInput(row, dirs),
    })),
  };
  return [...(reads.length > 0 ? [{ toolUses: reads }] : []), calls, { text: 'done' }];
}

/** Runs at most `max` of the given tasks at a time (claw processes share two CPU cores with other suites). */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
