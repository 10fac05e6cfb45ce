import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type {
  CommandServices,
  CustomCommandSource,
  DoctorCheck,
  InventoryItem,
  InventoryKind,
} from '@claw/commands';
import type { ClawEngine, LoadedExtensions } from '@claw/runtime';
import type { CheckStatus } from '../reports/marks.js';
import { readBuildInfo } from '../version-info.js';
import type { ReadLine } from './line-reader.js';
import { createLoginServices } from './login-service.js';

export interface ServiceRoots {
  workspaceRoot: string;
  configHome: string;
}

/** How services talk to the user while a command runs; the REPL draws on the terminal. */
export interface ServiceIo {
  print(line: string): void;
  /** Absent outside the REPL (`claw --resume ID /login`): no pasted code, no API key entry. */
  readLine?: ReadLine;
}

const STDERR_IO: ServiceIo = { print: (line) => process.stderr.write(`${line}\n`) };

/**
 * The CLI's side of the slash commands: session listing, settings, git, inventories, and the same doctor,
 * init, login and logout as the top-level commands. Each reaches for its package lazily, so building the
 * services costs nothing until a command runs.
 */
export function createCommandServices(
  roots: ServiceRoots,
  io: ServiceIo = STDERR_IO,
  engine?: Pick<ClawEngine, 'extensions'>,
): CommandServices {
  return {
    ...createLoginServices({ ...roots, env: process.env, ...io }),
    version: () => readBuildInfo().version,
    modelNames: () => ['opus', 'sonnet', 'haiku'],
    async listSessions() {
      const { SessionStore } = await import('@claw/runtime');
      const sessions = await new SessionStore({ workspaceRoot: roots.workspaceRoot }).list();
      return sessions
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .map((s) => ({
          id: s.id,
          updatedAt: s.updatedAt,
          messageCount: s.messageCount,
          ...((s.title ?? s.firstPrompt) ? { title: sessionTitle(s.title ?? s.firstPrompt ?? '') } : {}),
        }));
    },
    async resolveSession(ref) {
      const { SessionStore } = await import('@claw/runtime');
      return new SessionStore({ workspaceRoot: roots.workspaceRoot }).resolveSessionRef(ref);
    },
    async initWorkspace() {
      const { initWorkspace } = await import('../init/workspace-init.js');
      return { workspace: roots.workspaceRoot, items: await initWorkspace(roots.workspaceRoot) };
    },
    doctor: () => runDoctorChecks(roots),
    async configGet(key) {
      const { loadSettings } = await import('@claw/runtime');
      const { settings } = await loadSettings(roots);
      if (!key) return settings;
      let value: unknown = settings;
      for (const part of key.split('.')) {
        value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
      }
      return value;
    },
    async configSet(key, value, scope) {
      const { parseSettingValue, setSetting } = await import('@claw/runtime');
      const result = await setSetting({ ...roots, scope }, key, parseSettingValue(value));
      return result.path;
    },
    // No external diff or textconv driver: their commands come from the repository's config.
    gitDiff: (args, signal) =>
      runGit(['diff', '--no-ext-diff', '--no-textconv', ...args], roots.workspaceRoot, signal),
    async writeFile(path, content) {
      const absolute = resolve(roots.workspaceRoot, path);
      await mkdir(dirname(absolute), { recursive: true });
      await writeFile(absolute, content, 'utf8');
      return absolute;
    },
    inventory: (kind) => inventory(kind, roots, engine?.extensions()),
  };
}

/**
 * A session's title on one row of the /resume list: the first line of its title or first prompt (a prompt
 * with attached files goes on for pages), cut at 60 columns.
 */
export function sessionTitle(text: string): string {
  const first = text.trim().split('\n', 1)[0]?.trim() ?? '';
  return first.length > 60 ? `${first.slice(0, 59)}…` : first;
}

const DOCTOR_STATUS: Record<CheckStatus, DoctorCheck['status']> = {
  pass: 'ok',
  warn: 'warn',
  fail: 'fail',
  info: 'info',
};

/** The offline checks of `claw doctor`, as the slash command shows them. */
async function runDoctorChecks(roots: ServiceRoots): Promise<DoctorCheck[]> {
  const [{ loadSettings }, { runDoctor }] = await Promise.all([
    import('@claw/runtime'),
    import('../doctor/run-doctor.js'),
  ]);
  const loaded = await loadSettings(roots);
  const report = await runDoctor({ ...roots, env: process.env, loaded }, { network: false, timeoutMs: 0 });
  return report.checks.map((check) => ({
    name: check.title,
    status: DOCTOR_STATUS[check.status],
    detail: check.message,
    ...(check.details ? { details: check.details } : {}),
  }));
}

/**
 * Skills, agents and hooks as the session loaded them (plugins included); without a session, what discovery
 * finds in the workspace and config home. Plugins are listed from the registry, enabled or not.
 */
async function inventory(
  kind: InventoryKind,
  roots: ServiceRoots,
  loaded: LoadedExtensions | undefined,
): Promise<InventoryItem[]> {
  const plugins = await import('@claw/plugins');
  switch (kind) {
    case 'skills':
      return (loaded?.skills ?? (await plugins.discoverSkills(roots)).skills).map((s) => ({
        name: s.name,
        description: s.description,
        source: s.path,
      }));
    case 'agents':
      return (loaded?.agents ?? (await plugins.discoverAgents(roots)).agents).map((a) => ({
        name: a.name,
        description: a.description,
        ...(a.plugin ? { source: `plugin ${a.plugin}` } : {}),
      }));
    case 'plugins':
      return (await plugins.listPlugins(roots)).map((p) => ({
        name: p.name,
        enabled: p.enabled,
        ...(p.description ? { description: p.description } : {}),
      }));
    case 'hooks': {
      const { loadSettings } = await import('@claw/runtime');
      const hooks: Record<string, unknown[] | undefined> =
        loaded?.hooks ??
        ((await loadSettings(roots)).settings as { hooks?: Record<string, unknown[]> }).hooks ??
        {};
      return Object.entries(hooks).flatMap(([event, entries]) =>
        (entries ?? []).map((entry) => ({
          name: event,
          description: JSON.stringify(entry),
        })),
      );
    }
  }
}

/**
 * The session's custom commands (`.claw/commands`, `.claude/commands`, the config home and enabled plugins),
 * expanded by @claw/plugins. A `` !`cmd` `` pre-command runs only when the engine allows it as it would a
 * model's Bash call, with the command's `allowed-tools` counted as allow rules.
 */
export function customCommandSources(
  engine: Pick<ClawEngine, 'extensions' | 'authorizeShell'>,
  workspaceRoot: string,
): CustomCommandSource[] {
  return engine.extensions().commands.map((command) => ({
    name: command.name,
    description: command.description,
    ...(command.argumentHint ? { argumentHint: command.argumentHint } : {}),
    ...(command.model ? { model: command.model } : {}),
    ...(command.allowedTools ? { allowedTools: command.allowedTools } : {}),
    async expand(args: string, signal?: AbortSignal) {
      const plugins = await import('@claw/plugins');
      return plugins.expandCustomCommand(command, args, {
        workspaceRoot,
        ...(signal ? { signal } : {}),
        runShell: async (cmd, shellSignal) => {
          const verdict = await engine.authorizeShell(cmd, {
            ...(command.allowedTools ? { allowRules: command.allowedTools } : {}),
            signal: shellSignal,
          });
          if (!verdict.allowed) {
            throw new Error(
              `/${command.name}: the command's pre-command \`!${cmd}\` was not run: ${verdict.reason}. Allow it with \`allowed-tools: Bash(...)\` in ${command.path}, a permission rule, or a wider --permission-mode.`,
            );
          }
          return runShell(cmd, workspaceRoot, shellSignal);
        },
        readFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
      });
    },
  }));
}

async function runGit(args: string[], cwd: string, signal: AbortSignal): Promise<string> {
  const [{ scrubChildEnv }, { clawGitEnvironment }] = await Promise.all([
    import('@claw/auth'),
    import('@claw/runtime'),
  ]);
  // The repository's config may name commands git runs (fsmonitor, hooks): no credentials for them.
  return collect('git', args, cwd, signal, clawGitEnvironment(scrubChildEnv(process.env)));
}

async function runShell(command: string, cwd: string, signal: AbortSignal): Promise<string> {
  const [{ scrubChildEnv }, { withGitConfig }] = await Promise.all([
    import('@claw/auth'),
    import('@claw/runtime'),
  ]);
  // A project's command file runs this: it gets what the Bash tool gets, not claw's credentials.
  const env = withGitConfig(scrubChildEnv(process.env));
  return collect(process.env.SHELL || '/bin/sh', ['-c', command], cwd, signal, env);
}

function collect(
  file: string,
  args: string[],
  cwd: string,
  signal: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd, signal, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(err.trim() || `exit ${code}`)),
    );
  });
}
