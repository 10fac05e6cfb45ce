import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { CliError, usageError } from '../cli-error.js';
import { configHomeFrom, workspaceFrom } from '../engine-options.js';

export default class Trust extends BaseCommand {
  static override summary = 'Trust the settings a workspace ships (hooks, allow rules, MCP servers, env…).';
  static override description =
    `A cloned repository can ship settings files (.claude/settings.json, .claw.json,
.claw/settings.json, .claw/settings.local.json). Until you trust the directory, claw honours only what they
restrict (deny and ask rules, stricter modes, sandbox on) and ignores, with a warning, every key that could run
code or widen access: permissions.allow, a looser permissions.defaultMode, permissions.additionalDirectories,
env, childEnvAllow, apiKeyHelper, oauth, hooks, mcpServers, MCP approvals, sandbox loosening, statusLine,
plugins, webSearch and webFetch.

Trust is recorded in $CLAW_CONFIG_HOME/trusted-workspaces.json (mode 0600) and covers the directory's
subdirectories. PATH defaults to the workspace (-C or the current directory). CLAW_TRUST_WORKSPACE=1 trusts
the workspace for a single run without recording it (CI containers).`;
  static override examples = [
    '<%= config.bin %> trust',
    '<%= config.bin %> trust ~/src/project',
    '<%= config.bin %> trust --revoke',
    '<%= config.bin %> trust --list --output-format json',
  ];
  static override args = {
    path: Args.string({ description: 'Directory to trust (default: the workspace).' }),
  };
  static override flags = {
    revoke: Flags.boolean({ description: 'Forget the trust recorded for PATH.', exclusive: ['list'] }),
    list: Flags.boolean({ description: 'List the trusted directories.', exclusive: ['revoke'] }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Trust);
    const runtime = await import('@claw/runtime');
    const configHome = configHomeFrom(process.env);
    if (flags.list) {
      if (args.path !== undefined) throw usageError('--list takes no PATH.');
      const { workspaces, warning } = await runtime.listTrustedWorkspaces(configHome);
      if (warning) process.stderr.write(`warning: ${warning}\n`);
      if (this.isJson(flags)) this.writeJson({ type: 'trusted_workspaces', workspaces });
      else if (workspaces.length === 0) process.stdout.write('No trusted workspaces.\n');
      else for (const w of workspaces) process.stdout.write(`${w.path}  (since ${w.trustedAt})\n`);
      return;
    }

    const path = resolve(workspaceFrom(flags), args.path ?? '.');
    if (flags.revoke) {
      const outcome = await runtime.revokeWorkspaceTrust(configHome, path);
      if (this.isJson(flags)) {
        this.writeJson({ type: 'trust', action: outcome.removed ? 'revoked' : 'not_trusted', ...outcome });
        return;
      }
      const head = outcome.removed
        ? `Revoked trust for ${outcome.path}.`
        : `${outcome.path} was not trusted.`;
      const tail = outcome.stillTrustedBy
        ? ` It is still trusted through ${outcome.stillTrustedBy} (claw trust --revoke ${outcome.stillTrustedBy}).`
        : '';
      process.stdout.write(`${head}${tail}\n`);
      return;
    }

    await assertTrustable(path);
    // What the workspace's settings asked for that is ignored now, so the user sees what trusting turns on.
    const before = await runtime.loadSettings({
      workspaceRoot: path,
      configHome,
      trust: { trusted: false, source: 'none' },
    });
    const outcome = await runtime.trustWorkspace(configHome, path);
    const honoured = before.trust.ignored.map((item) => ({ file: item.file, key: item.key }));
    if (this.isJson(flags)) {
      const action = outcome.alreadyTrusted ? 'already_trusted' : 'trusted';
      this.writeJson({ type: 'trust', action, path: outcome.path, honoured });
      return;
    }
    const lines = [
      outcome.alreadyTrusted ? `${outcome.path} is already trusted.` : `Trusted ${outcome.path}.`,
      ...(honoured.length > 0
        ? ['Its settings now apply in full, including:', ...honoured.map((h) => `  ${h.key}  (${h.file})`)]
        : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/** Trusting `/` or the home directory would trust every checkout under it, which defeats the point. */
async function assertTrustable(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new CliError('not_found', `${path} does not exist`);
  if (!info.isDirectory()) throw usageError(`${path} is not a directory.`);
  const real = await realpath(path);
  const home = await realpath(resolve(process.env.HOME ?? homedir())).catch(() => undefined);
  if (real === dirname(real) || real === home) {
    throw usageError(
      `refusing to trust ${path}: it would trust every repository cloned under it.`,
      'Trust the project directory instead: claw trust PATH.',
    );
  }
}
