import { access, appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InitReportItem } from '@claw/commands';

/**
 * `claw init` and the REPL's `/init`: the starter files of a claw project, created only where missing, so
 * running it again changes nothing.
 */
type InitItem = InitReportItem;

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

export async function exists(path: string): Promise<boolean> {
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

/** What `claw init` and the REPL's `/init` do: creates what is missing, reports every item. */
export async function initWorkspace(root: string): Promise<InitItem[]> {
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
  return items;
}
