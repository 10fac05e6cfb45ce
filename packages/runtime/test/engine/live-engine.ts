import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@claw/mock-anthropic';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openClawEngine } from '../../src/engine/open-engine.js';
import type { ClawEngine, EngineOptions } from '../../src/engine/types.js';

export interface LiveEngine {
  mock(): MockServer;
  /** The temp directory holding `ws` (the workspace, trusted), `config` and `home`. */
  root(): string;
  /** Opens a real engine against the mock; every engine opened is closed after the test. */
  open(extra?: Partial<EngineOptions>): Promise<ClawEngine>;
}

/**
 * A real engine in a temp workspace against the mock over HTTP, for runtime tests that need the whole
 * session (sub-processes, memory files, session switching). Registers the test hooks of the calling file.
 */
export function useLiveEngine(prefix: string): LiveEngine {
  let mock: MockServer;
  let root = '';
  const opened: ClawEngine[] = [];
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(async () => {
    await mock.close();
  });
  beforeEach(() => {
    mock.reset();
    root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
    for (const dir of ['ws', 'config', 'home']) mkdirSync(join(root, dir));
    // The workspace is trusted, as `claw trust` records it.
    const trusted = {
      version: 1,
      workspaces: { [join(root, 'ws')]: { trustedAt: new Date(0).toISOString() } },
    };
    writeFileSync(join(root, 'config', 'trusted-workspaces.json'), JSON.stringify(trusted));
  });
  afterEach(async () => {
    for (const engine of opened.splice(0)) await engine.close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    mock: () => mock,
    root: () => root,
    async open(extra = {}) {
      const engine = await openClawEngine({
        workspaceRoot: join(root, 'ws'),
        configHome: join(root, 'config'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: join(root, 'home'),
          ANTHROPIC_BASE_URL: mock.url,
          ANTHROPIC_API_KEY: 'sk-ant-test-key-0000',
        },
        interactive: false,
        ...extra,
      });
      // A test may close an engine itself (to resume its session elsewhere); close each one once.
      const close = engine.close.bind(engine);
      let closed = false;
      engine.close = async (...args) => {
        if (closed) return;
        closed = true;
        await close(...args);
      };
      opened.push(engine);
      return engine;
    },
  };
}
