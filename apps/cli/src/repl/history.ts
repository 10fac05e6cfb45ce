import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redactSecretsInText } from '@claw/auth';

const MAX_ENTRIES = 1000;

/** `<configHome>/history/<sha256(workspace)[0..16]>.jsonl`: one history per workspace, outside the repo. */
export function historyPathFor(configHome: string, workspaceRoot: string): string {
  const hash = createHash('sha256').update(workspaceRoot).digest('hex').slice(0, 16);
  return join(configHome, 'history', `${hash}.jsonl`);
}

/**
 * Prompt history, oldest first, persisted as JSONL (`{"text":…,"at":…}`) so multi-line prompts survive
 * intact. Appends are synchronous and small; the file is trimmed only in memory (the newest MAX_ENTRIES).
 */
export class PromptHistory {
  private entries: string[];

  constructor(private readonly path: string | undefined) {
    this.entries = path ? loadEntries(path) : [];
  }

  all(): readonly string[] {
    return this.entries;
  }

  /**
   * Records a submitted line. Secrets never reach the history file: a `/login` line with arguments (someone
   * pasting a key after the command) is not kept, and anything shaped like an Anthropic key is redacted.
   */
  add(typed: string): void {
    if (/^\s*\/login\s+\S/.test(typed)) return;
    const text = redactSecretsInText(typed);
    if (!text.trim() || this.entries.at(-1) === text) return;
    this.entries.push(text);
    if (this.entries.length > MAX_ENTRIES) this.entries = this.entries.slice(-MAX_ENTRIES);
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify({ text, at: new Date().toISOString() })}\n`, { mode: 0o600 });
  }
}

function loadEntries(path: string): string[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: string[] = [];
  for (const line of raw.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = JSON.parse(line) as { text?: unknown };
      if (typeof parsed.text === 'string') entries.push(parsed.text);
    } catch {
      // A torn last line (crash mid-append) is skipped; the rest of the history is still good.
    }
  }
  return entries.slice(-MAX_ENTRIES);
}
