import { type BwrapOptions, createBwrapWrapper, type WrapCommand } from './bwrap.js';
import type { SandboxDetection } from './detect.js';

/** The `sandbox` settings block. */
export interface SandboxSettings {
  enabled?: boolean;
  /** When the sandbox is enabled but cannot run: true refuses to run Bash, false runs it unsandboxed. */
  failIfUnavailable?: boolean;
  allowNetwork?: boolean;
}

export interface SandboxDecision {
  /** Use as the Bash tool's `deps.wrapCommand`; absent means run commands directly. */
  wrap?: WrapCommand;
  /** Show once per session. */
  warning?: string;
  /** Refuse to run Bash, with this message. */
  fatal?: string;
}

/** Pure: settings + what the machine offers → how Bash runs. */
export function decideSandbox(
  settings: SandboxSettings,
  detection: SandboxDetection,
  wrapper: Omit<BwrapOptions, 'bwrapPath' | 'allowNetwork'>,
): SandboxDecision {
  if (!settings.enabled) return {};
  if (detection.available) {
    const options: BwrapOptions = { ...wrapper, allowNetwork: settings.allowNetwork === true };
    if (detection.bwrapPath !== undefined) options.bwrapPath = detection.bwrapPath;
    return { wrap: createBwrapWrapper(options) };
  }
  if (settings.failIfUnavailable) {
    return {
      fatal: `sandbox.enabled is set but the sandbox is unavailable: ${detection.reason}. Bash is disabled; install bubblewrap or set sandbox.failIfUnavailable to false.`,
    };
  }
  return {
    warning: `sandbox.enabled is set but the sandbox is unavailable (${detection.reason}); Bash commands run unsandboxed.`,
  };
}
