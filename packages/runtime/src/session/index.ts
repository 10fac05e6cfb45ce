export type { SessionInit } from './session.js';
export { Session } from './session.js';
export type { SessionErrorKind } from './session-errors.js';
export { SessionError } from './session-errors.js';
export type { MetaEvent, SessionEvent, SessionEventInput, SessionEventType, Todo } from './session-events.js';
export {
  CompactionEventSchema,
  checkSessionLine,
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
export type { SessionExportFormat } from './session-export.js';
export { exportSession, renderSessionJson, renderSessionMarkdown } from './session-export.js';
export { isValidSessionId, newSessionId } from './session-id.js';
export type { LockOwner, SessionLock } from './session-lock.js';
export { acquireSessionLock, inspectLock, isPidAlive } from './session-lock.js';
export type { ReadSessionResult } from './session-reader.js';
export { readSessionFile } from './session-reader.js';
export type { LoadedSession } from './session-replay.js';
export { replaySessionEvents } from './session-replay.js';
export type { OpenSessionOptions, SessionStoreOptions, SessionSummary } from './session-store.js';
export { SessionStore } from './session-store.js';
