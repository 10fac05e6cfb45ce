import { execFile } from 'node:child_process';
import { scrubChildEnv } from '@claw/auth';
import { clawGitEnvironment } from '../sandbox/git-hardening.js';

export interface GitInfo {
  branch?: string;
  /** `main...origin/main` style upstream, when there is one. */
  upstream?: string;
  ahead: number;
  behind: number;
  /** `git status --porcelain` lines, at most `maxStatusLines`. */
  status: string[];
  /** How many status lines were left out. */
  statusOmitted: number;
  clean: boolean;
}

/** Parses `git status --porcelain=v1 -b`. Pure. */
export function parseGitStatus(output: string, maxStatusLines = 20): GitInfo {
  const lines = output.split('\n').filter((l) => l.length > 0);
  const header = lines[0]?.startsWith('## ') ? (lines.shift() ?? '') : '';
  const info: GitInfo = {
    ahead: 0,
    behind: 0,
    status: lines.slice(0, maxStatusLines),
    statusOmitted: Math.max(0, lines.length - maxStatusLines),
    clean: lines.length === 0,
  };
  const head = header.slice(3);
  const noCommits = /^No commits yet on (.+)$/.exec(head) ?? /^Initial commit on (.+)$/.exec(head);
  if (noCommits?.[1]) {
    info.branch = noCommits[1];
  } else if (head && !head.startsWith('HEAD (no branch)')) {
    const [branchPart = '', tracking] = head.split(' [');
    const [branch, upstream] = branchPart.split('...');
    if (branch) info.branch = branch;
    if (upstream) info.upstream = upstream;
    const ahead = /ahead (\d+)/.exec(tracking ?? '');
    const behind = /behind (\d+)/.exec(tracking ?? '');
    if (ahead?.[1]) info.ahead = Number(ahead[1]);
    if (behind?.[1]) info.behind = Number(behind[1]);
  }
  return info;
}

/**
 * Branch and short status from one `git status --porcelain=v1 -b` call with a timeout. Not a repository, no
 * git, or too slow → undefined: the prompt just leaves the git lines out.
 */
export async function collectGitInfo(
  cwd: string,
  options: {
    timeoutMs?: number;
    maxStatusLines?: number;
    signal?: AbortSignal;
    /** Default `process.env`; credentials are removed from it either way. */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<GitInfo | undefined> {
  try {
    // node:child_process rather than execa: this runs on every session start, and execa costs ~10 ms to load.
    const stdout = await new Promise<string | undefined>((resolve) => {
      execFile(
        'git',
        ['status', '--porcelain=v1', '-b'],
        {
          cwd,
          timeout: options.timeoutMs ?? 2_000,
          maxBuffer: 16 * 1024 * 1024,
          // The repository's config may name commands (core.fsmonitor, hooks): they get no credentials, and
          // the hardening turns them off. GIT_OPTIONAL_LOCKS=0 in it keeps status off index.lock, so the
          // user's own git command does not fail meanwhile.
          env: clawGitEnvironment(scrubChildEnv(options.env ?? process.env)),
          ...(options.signal ? { signal: options.signal } : {}),
        },
        (error, out) => resolve(error ? undefined : out),
      ).stdin?.end();
    });
    if (stdout === undefined) return undefined;
    return parseGitStatus(stdout, options.maxStatusLines);
  } catch {
    // git missing or the cwd gone: no git section, not an error for the session.
    return undefined;
  }
}
