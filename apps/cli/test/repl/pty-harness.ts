import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeScript, type MockServer, type MockStep, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { CLAW_BIN, createSandbox, type Sandbox } from '../helpers.js';
import { type NormaliseOptions, normaliseScreen, type ScreenPredicate, TmuxPane } from './tmux-driver.js';

/** capture-pane trims trailing blanks, so an empty prompt reads as a lone ">". */
export const PROMPT_READY = /^>\s*$/m;
/** The status line printed after a turn, with the prompt back under it. */
export const TURN_DONE = /ctx .*\n>\s*$/;

export interface PtyHarness {
  readonly mock: MockServer;
  readonly sandbox: Sandbox;
  /** The built `claw` REPL in a fresh 100×30 tmux pane, colour off, against the mock. */
  start(args?: string, env?: Record<string, string>): TmuxPane;
  /**
   * Waits for a settled screen that satisfies `until`, and compares it (normalised) with
   * `__screens__/<name>.txt`. Returns the raw screen for further assertions.
   */
  expectScreen(
    pane: TmuxPane,
    name: string,
    until: ScreenPredicate,
    options?: NormaliseOptions,
  ): Promise<string>;
  /**
   * Writes a MOCK_SCRIPT token to a workspace file and returns `@file`: mentioning the file attaches it, so the
   * mock reads the script while the screen shows a short prompt instead of a wall of base64.
   */
  script(file: string, steps: MockStep[]): string;
  /** Every /v1/messages request the mock received, in order. */
  messageRequests(): Array<{ body: unknown }>;
}

/**
 * Per file: one mock server; per test: a fresh sandbox (workspace, config home, home) and pane, both
 * removed afterwards. Colour is off (NO_COLOR) so screens compare as plain text; the render unit tests
 * cover colour.
 */
export function usePtyHarness(): PtyHarness {
  let mock: MockServer | undefined;
  let sandbox: Sandbox | undefined;
  let pane: TmuxPane | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test`);
    return value;
  };

  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(async () => {
    await mock?.close();
  });
  beforeEach(() => {
    sandbox = createSandbox();
    mock?.reset();
  });
  afterEach(() => {
    pane?.kill();
    pane = undefined;
    sandbox?.cleanup();
  });

  const harness: PtyHarness = {
    get mock() {
      return need(mock, 'the mock server');
    },
    get sandbox() {
      return need(sandbox, 'the sandbox');
    },
    start(args = '', env = {}) {
      pane = new TmuxPane(`node ${CLAW_BIN} ${args}`, {
        cwd: harness.sandbox.workspace,
        env: {
          ANTHROPIC_BASE_URL: harness.mock.url,
          ANTHROPIC_API_KEY: 'sk-ant-test',
          CLAW_CONFIG_HOME: harness.sandbox.configHome,
          HOME: harness.sandbox.home,
          NO_COLOR: '1',
          LANG: 'C.UTF-8',
          TERM: 'xterm-256color',
          // Never a real browser from a test, whatever DISPLAY the machine has.
          BROWSER: 'none',
          ...env,
        },
        width: 100,
        height: 30,
      });
      return pane;
    },
    async expectScreen(p, name, until, options = {}) {
      const screen = await p.waitForStable(until);
      const root = dirname(harness.sandbox.workspace);
      await expect(normaliseScreen(screen, root, options)).toMatchFileSnapshot(`./__screens__/${name}.txt`);
      return screen;
    },
    script(file, steps) {
      writeFileSync(join(harness.sandbox.workspace, file), `${encodeScript(steps)}\n`);
      return `@${file}`;
    },
    messageRequests() {
      return harness.mock.requests.filter((r) => r.path === '/v1/messages');
    },
  };
  return harness;
}

/** Types `text` and presses Enter. */
export function submit(pane: TmuxPane, text: string): void {
  pane.type(text);
  pane.press('Enter');
}
