export { Session } from './session.js';
export type { SessionInit } from './session.js';
export { SessionError } from './session-errors.js';
export type { SessionErrorKind } from './session-errors.js';
export {
  checkSessionLine,
  CompactionEventSchema,
  ErrorEventSchema,
  MessageEventSchema,
  MetaEventSchema,
  PermissionEventSchema,
  SESSION_FORMAT_VERSION,
  SessionEventSchema,
  TitleEventSchema,
  TodoSchema,
  TodosEventSchema,
  UsageEventSchema,
} from './session-events.js';
export type { MetaEvent, SessionEvent, SessionEventInput, SessionEventType, Todo } from './session-events.js';
export { exportSession, renderSessionJson, renderSessionMarkdown } from './session-export.js';
export type { SessionExportFormat } from './session-export.js';
export { isValidSessionId, newSessionId } from './session-id.js';
export { acquireSessionLock, inspectLock, isPidAlive } from './session-lock.js';
export type { LockOwner, SessionLock } from './session-lock.js';
export { readSessionFile } from './session-reader.js';
export type { ReadSessionResult } from './session-reader.js';
export { replaySessionEvents } from './session-replay.js';
export type { LoadedSession } from './session-replay.js';
export { SessionStore } from './session-store.js';
export type { OpenSessionOptions, SessionStoreOptions, SessionSummary } from './session-store.js';
