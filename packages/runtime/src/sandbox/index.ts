export type { BwrapOptions, WrapCommand, WrappedCommand } from './bwrap.js';
export { bwrapArgs, createBwrapWrapper, DEFAULT_PROTECTED_PATHS } from './bwrap.js';
export type { SandboxDecision, SandboxSettings } from './decide.js';
export { decideSandbox } from './decide.js';
export type { DetectSandboxOptions, SandboxDetection } from './detect.js';
export { detectSandbox, findOnPath } from './detect.js';
export {
  clawGitEnvironment,
  GIT_HARDENING_FOR_CHILDREN,
  GIT_HARDENING_FOR_CLAW,
  withGitConfig,
} from './git-hardening.js';
