import { access, appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BaseCommand } from '../base-command.js';
import { CliError } from '../cli-error.js';
import { workspaceFrom } from '../engine-options.js';

interface InitItem {
  path: string;
  action: 'created' | 'skipped' | 'updated';
  reason: string;
}

const STARTER_SETTINGS = { permissions: { allow: [], deny: [] } };

const STARTER_MEMORY = `# Project notes for claw

Instructions here are added to claw's system prompt in this project.

## Commands
- Build: \`…\`
- Test: \`…\`
- Lint: \`…\`

## Conventions
- …
`;

/** Lines `claw init` makes sure `.gitignore` has: sessions and personal settings stay out of git. */
const GITIGNORE_ENTRIES = ['.claw/sessions/', '.claw/settings.local.json'];

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Writes a file only if it does not exist yet (`wx`), so a race with another writer never clobbers it. */
async function createIfAbsent(path: string, content: string, what: string): Promise<InitItem> {
  try {
    await writeFile(path, content, { flag: 'wx' });
    return { path, action: 'created', reason: `new ${what}` };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { path, action: 'skipped', reason: 'already exists' };
    throw error;
  }
}

async function ensureGitignore(path: string): Promise<InitItem> {
  let current = '';
  try {
    current = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeFile(path, `${GITIGNORE_ENTRIES.join('\n')}\n`, { flag: 'wx' });
    return { path, action: 'created', reason: `ignores ${GITIGNORE_ENTRIES.join(', ')}` };
  }
  // Compare trimmed lines, with or without a leading slash, so an equivalent entry is not added again.
  const present = new Set(current.split(/\r?\n/).map((line) => line.trim().replace(/^\//, '')));
  const missing = GITIGNORE_ENTRIES.filter((entry) => !present.has(entry));
  if (missing.length === 0) return { path, action: 'skipped', reason: 'entries already present' };
  const separator = current.length === 0 || current.endsWith('\n') ? '' : '\n';
  await appendFile(path, `${separator}${missing.join('\n')}\n`);
  return { path, action: 'updated', reason: `added ${missing.join(', ')}` };
}

export default class Init extends BaseCommand {
  static override summary =
    'Set up claw in this project: .claw/settings.json, CLAW.md and .gitignore entries (idempotent).';
  static override description = `Creates what is missing and leaves everything else as it is:
- .claw/settings.json with empty permission rules;
- CLAW.md, a starter memory file — unless CLAUDE.md or CLAW.md already exists (claw reads CLAUDE.md too);
- .gitignore entries for .claw/sessions/ and .claw/settings.local.json (only the missing lines are appended;
  .gitignore is created if absent).
Running it again changes nothing; each item is reported as created, updated or skipped.`;
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init -C path/to/project'];

  async run(): Promise<void> {
    const { flags } = await this.parse(Init);
    const root = workspaceFrom(flags);
    if (!(await exists(root))) throw new CliError('not_found', `${root} does not exist`);
    const items: InitItem[] = [];
    await mkdir(join(root, '.claw'), { recursive: true });
    items.push(
      await createIfAbsent(
        join(root, '.claw', 'settings.json'),
        `${JSON.stringify(STARTER_SETTINGS, null, 2)}\n`,
        'project settings',
      ),
    );
    const claudeMd = join(root, 'CLAUDE.md');
    if (await exists(claudeMd)) {
      items.push({
        path: join(root, 'CLAW.md'),
        action: 'skipped',
        reason: 'CLAUDE.md exists and is used as the project memory file',
      });
    } else {
      items.push(await createIfAbsent(join(root, 'CLAW.md'), STARTER_MEMORY, 'memory file'));
    }
    items.push(await ensureGitignore(join(root, '.gitignore')));

    if (this.isJson(flags)) {
      this.writeJson({ type: 'init', workspace: root, items });
      return;
    }
    const width = Math.max(...items.map((i) => i.action.length));
    const lines = items.map((i) => `${i.action.padEnd(width)}  ${i.path} — ${i.reason}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
