export type { GitInfo } from './git-info.js';
export { collectGitInfo, parseGitStatus } from './git-info.js';
export type { LoadMemoryOptions, MemoryFile, MemoryScope } from './memory-files.js';
export { findGitRoot, loadMemoryFiles, MAX_IMPORT_DEPTH } from './memory-files.js';
export { findImportRefs, resolveImportPath } from './memory-imports.js';
export type { SystemPromptInput } from './system-prompt.js';
export { buildSystemPrompt } from './system-prompt.js';
