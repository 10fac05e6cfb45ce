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

/**
 * Whether `claw login` should try to open a browser at all. On Linux and the BSDs without a display (SSH
 * sessions, containers, CI), `xdg-open` either fails or starts a text-mode browser on the very terminal that
 * claw is using, so the URL is only printed there. `BROWSER=none` is honoured
 * everywhere, as other CLIs honour it.
 */
export function shouldOpenBrowser(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (env.BROWSER === 'none') return false;
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
