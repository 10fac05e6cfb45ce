import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** A fresh config home under a fresh temp dir (the config home itself does not exist yet). */
export async function makeTempConfigHome(): Promise<{
  root: string;
  configHome: string;
  cleanup: () => Promise<void>;
}> {
  const root = await mkdtemp(join(tmpdir(), 'claw-auth-'));
  return {
    root,
    configHome: join(root, 'claw-home'),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * Plays the browser: follows the authorize URL without auto-redirects (as a browser would show the consent
 * page, then get a 302), then requests the loopback callback it was redirected to.
 */
export async function followAuthorizeUrl(
  authorizeUrl: string,
): Promise<{ callbackStatus: number; location: string }> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  if (response.status !== 302)
    throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
  const location = response.headers.get('location');
  if (location === null) throw new Error('authorize redirect without location');
  const callback = await fetch(location);
  await callback.text();
  return { callbackStatus: callback.status, location };
}

/** Resolves with the next value passed to the returned callback. */
export function captureNext<T>(): { next: Promise<T>; callback: (value: T) => Promise<void> } {
  let resolve: (value: T) => void = () => undefined;
  const next = new Promise<T>((r) => {
    resolve = r;
  });
  return { next, callback: async (value) => resolve(value) };
}

export async function listFilesRecursive(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Child processes cannot load TypeScript, so the package source is transpiled (no type check) into a
 * directory under the package's node_modules, where `zod` still resolves. Returns the index.js path.
 */
export async function transpilePackageForChild(): Promise<string> {
  const srcDir = join(packageRoot, 'src');
  const outDir = join(packageRoot, 'node_modules', '.cache', `auth-child-${process.pid}`);
  const files = (await listFilesRecursive(srcDir)).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const output = ts.transpileModule(await readFile(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    const target = join(outDir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output.outputText);
  }
  return join(outDir, 'index.js');
}

export async function removeTranspiled(): Promise<void> {
  await rm(join(packageRoot, 'node_modules', '.cache', `auth-child-${process.pid}`), {
    recursive: true,
    force: true,
  });
}

/** Signs in against the test server the way a user with a browser would. */
export async function loginAgainst(
  server: { authorizeUrl: string; tokenUrl: string },
  configHome: string,
  clientId: string,
): Promise<void> {
  const { loginWithOAuth } = await import('../src/index.js');
  const opened = captureNext<string>();
  const login = loginWithOAuth({
    configHome,
    oauth: { authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl, clientId },
    print: () => undefined,
    openUrl: opened.callback,
  });
  await followAuthorizeUrl(await opened.next);
  await login;
}
