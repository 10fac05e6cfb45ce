import { filterPrefix } from '../format.js';
import type { DoctorCheck, InitReport, LoginMethod, SlashCommand } from '../types.js';
import { defineCommand, unavailable, usageError } from './define.js';

const LOGIN_METHODS: readonly LoginMethod[] = ['oauth', 'api-key'];
const DOCTOR_MARKS: Record<DoctorCheck['status'], string> = { ok: '✓', warn: '!', fail: '✗', info: '·' };

/** `claw init`'s report: one aligned line per file (`created  /ws/CLAW.md — new memory file`). */
export function formatInitReport(report: InitReport): string {
  if (report.items.length === 0) return 'Nothing to do.';
  const width = Math.max(...report.items.map((i) => i.action.length));
  return report.items.map((i) => `${i.action.padEnd(width)}  ${i.path} — ${i.reason}`).join('\n');
}

/** `claw doctor`'s report: a line per check, details under problems, and a one-line verdict. */
export function formatDoctorReport(checks: readonly DoctorCheck[]): string {
  const width = Math.max(0, ...checks.map((c) => c.name.length));
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(`${DOCTOR_MARKS[check.status]} ${check.name.padEnd(width)}  ${check.detail}`.trimEnd());
    if (check.status === 'warn' || check.status === 'fail') {
      for (const detail of check.details ?? []) lines.push(`      ${detail}`);
    }
  }
  const count = (status: DoctorCheck['status']) => checks.filter((c) => c.status === status).length;
  const [fail, warn, ok] = [count('fail'), count('warn'), count('ok')];
  lines.push(
    '',
    fail > 0
      ? `${fail} check(s) failed, ${warn} warning(s), ${ok} passed.`
      : `All checks passed${warn > 0 ? ` (${warn} warning(s))` : ''}.`,
  );
  return lines.join('\n');
}

/** Setting claw up in a workspace and on this machine: `/init`, `/doctor`, `/login`, `/logout`. */
export const setupCommands: SlashCommand[] = [
  defineCommand({
    name: 'init',
    summary: 'Create .claw/settings.json, CLAW.md and .gitignore entries.',
    help: 'Usage: /init\nAs `claw init`: creates what is missing (CLAW.md only when there is no CLAUDE.md) and reports each file as created, updated or skipped. Running it again changes nothing.',
    async run(_args, ctx) {
      if (!ctx.services.initWorkspace) return unavailable('Initialising the workspace');
      const report = await ctx.services.initWorkspace();
      return { text: formatInitReport(report), json: report };
    },
  }),
  defineCommand({
    name: 'doctor',
    summary: 'Check node, config, credentials, sessions, MCP, hooks and tools.',
    help: 'Usage: /doctor\nRuns the offline health checks of `claw doctor` (`claw doctor --network` also checks the provider).',
    async run(_args, ctx) {
      if (!ctx.services.doctor) return unavailable('doctor');
      const checks = await ctx.services.doctor(ctx.signal);
      return {
        text: formatDoctorReport(checks),
        json: { checks },
        isError: checks.some((c) => c.status === 'fail'),
      };
    },
  }),
  defineCommand({
    name: 'login',
    argumentHint: '[oauth|api-key]',
    summary: 'Sign in with OAuth, or store an API key.',
    help: 'Usage: /login [oauth|api-key]\noauth opens the browser (or prints the URL; paste the code back here). api-key asks for the key without echoing it. Without an argument: OAuth when `oauth.clientId` is set in settings, otherwise the API key.',
    async complete(partial) {
      return filterPrefix(LOGIN_METHODS, partial);
    },
    async run(args, ctx) {
      if (!ctx.services.login) return unavailable('Login');
      const method = LOGIN_METHODS.find((m) => m === args);
      // The argument is never echoed: someone may have typed a key there.
      if (args && !method) return usageError('Unknown login method.', '/login [oauth|api-key]');
      return { text: await ctx.services.login(method, ctx.signal) };
    },
  }),
  defineCommand({
    name: 'logout',
    summary: 'Remove stored credentials.',
    help: 'Usage: /logout\nAs `claw logout`: deletes the stored OAuth tokens and API key; credentials from the environment are not touched.',
    async run(_args, ctx) {
      if (!ctx.services.logout) return unavailable('Logout');
      return { text: await ctx.services.logout() };
    },
  }),
];
