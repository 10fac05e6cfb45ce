import { readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from './atomic-write.js';
import { credentialsPath } from './config-home.js';
import { type CredentialsFile, credentialsFileSchema, emptyCredentialsFile } from './credentials-file.js';
import { AuthError } from './errors.js';
import { type FileLockOptions, isErrno, withFileLock } from './file-lock.js';

/**
 * Where stored credentials live. The file store is the only implementation; an OS keychain store would
 * implement the same interface.
 */
export interface CredentialStore {
  /** Human-readable location for `claw auth status` (a path, never contents). */
  readonly location: string;
  /** Current contents; an empty file when nothing is stored. Throws AuthError('corrupt-store'). */
  read(): Promise<CredentialsFile>;
  /**
   * Runs `fn` holding an exclusive lock shared with other claw processes, with the contents read *after*
   * the lock was taken. `write` replaces the contents atomically.
   */
  transaction<T>(
    fn: (current: CredentialsFile, write: (next: CredentialsFile) => Promise<void>) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T>;
  /** Removes every stored credential (works on a corrupt store). Returns whether anything was removed. */
  clear(): Promise<boolean>;
}

export interface FileCredentialStoreOptions {
  lock?: Omit<FileLockOptions, 'signal'>;
}

export function createFileCredentialStore(
  configHome: string,
  options: FileCredentialStoreOptions = {},
): CredentialStore {
  const path = credentialsPath(configHome);
  const lockPath = `${path}.lock`;

  const read = async (): Promise<CredentialsFile> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return emptyCredentialsFile();
      throw new AuthError(
        'store-io',
        `Cannot read ${path}: ${errnoCode(error)}.`,
        'Check the file permissions.',
        {
          cause: error,
        },
      );
    }
    return parseCredentialsFile(text, path);
  };

  const lock = async <T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    await ensurePrivateDir(dirname(path));
    return withFileLock(lockPath, fn, { ...options.lock, ...(signal ? { signal } : {}) });
  };

  return {
    location: path,
    read,
    transaction: (fn, signal) =>
      lock(async () => {
        const current = await read();
        return fn(current, (next) => writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`, 0o600));
      }, signal),
    clear: () =>
      lock(async () => {
        try {
          await unlink(path);
          return true;
        } catch (error) {
          if (isErrno(error, 'ENOENT')) return false;
          throw error;
        }
      }),
  };
}

/**
 * The message names the file and what is wrong with its shape, never its contents: a corrupt file may
 * still hold a valid token.
 */
export function parseCredentialsFile(text: string, path: string): CredentialsFile {
  const hint = `Run \`claw logout\` to remove ${path}, then \`claw login\` again.`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AuthError('corrupt-store', `The credentials file ${path} is not valid JSON.`, hint);
  }
  const parsed = credentialsFileSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new AuthError(
      'corrupt-store',
      `The credentials file ${path} has an invalid shape at: ${where}.`,
      hint,
    );
  }
  return parsed.data;
}

function errnoCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown error';
}
