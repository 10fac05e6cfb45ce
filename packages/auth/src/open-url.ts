import { spawn } from 'node:child_process';

/**
 * Default browser opener, via the platform's own command so the package needs no dependency. The CLI may
 * inject `open` instead. Resolves once the opener started; a missing opener rejects (headless machines),
 * and the login flow then points at the printed URL.
 */
export function openUrlInBrowser(url: string): Promise<void> {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
