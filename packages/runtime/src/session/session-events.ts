import type { Message, Usage } from '@claw/api-client';
import { z } from 'zod';

/**
 * One line of `.claw/sessions/<id>.jsonl`. Every line carries `v` so a future format can be read next to
 * this one. The zod schemas document the format and validate writes; reads use `checkSessionLine`, a cheap
 * structural check, because deep-validating every message of a 5,000-message session costs more than the
 * resume budget allows.
 */
export const SESSION_FORMAT_VERSION = 1;

const ContentBlockSchema = z.looseObject({ type: z.string() });
export const MessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.array(ContentBlockSchema),
});

export const UsageSchema = z.object({
  input_tokens: z.number().nonnegative(),
  output_tokens: z.number().nonnegative(),
  cache_creation_input_tokens: z.number().nonnegative(),
  cache_read_input_tokens: z.number().nonnegative(),
});

export const TodoSchema = z.looseObject({
  content: z.string(),
  status: z.enum(['pending', 'in_progress', 'completed']),
  activeForm: z.string().optional(),
  id: z.string().optional(),
});
export type Todo = z.infer<typeof TodoSchema>;

const v = z.literal(SESSION_FORMAT_VERSION);
const ts = z.string();

export const MetaEventSchema = z.object({
  v,
  type: z.literal('meta'),
  id: z.string(),
  createdAt: ts,
  cwd: z.string(),
  model: z.string(),
  forkedFrom: z.string().optional(),
});
export const MessageEventSchema = z.object({
  v,
  type: z.literal('message'),
  message: MessageSchema,
  /** An assistant reply cut short by the user (Ctrl-C): the text that had streamed when it stopped. */
  interrupted: z.literal(true).optional(),
  ts,
});
export const UsageEventSchema = z.object({
  v,
  type: z.literal('usage'),
  usage: UsageSchema,
  costUsd: z.number().nonnegative().optional(),
  model: z.string(),
  ts,
});
export const CompactionEventSchema = z.object({
  v,
  type: z.literal('compaction'),
  summary: z.string(),
  /** How many of the messages before this line the summary replaces, counted from the start. */
  replacedCount: z.number().int().nonnegative(),
  archivedTo: z.string().optional(),
  trigger: z.enum(['auto', 'manual']).optional(),
  ts,
});
export const TodosEventSchema = z.object({
  v,
  type: z.literal('todos'),
  todos: z.array(TodoSchema),
  ts: ts.optional(),
});
export const TitleEventSchema = z.object({
  v,
  type: z.literal('title'),
  title: z.string(),
  ts: ts.optional(),
});
export const PermissionEventSchema = z.object({
  v,
  type: z.literal('permission'),
  toolName: z.string(),
  decision: z.enum(['allow', 'deny', 'ask']),
  /** e.g. `allow-session`, `rule`, `hook`, `mode`. */
  via: z.string().optional(),
  rule: z.string().optional(),
  reason: z.string().optional(),
  toolUseId: z.string().optional(),
  ts,
});
export const ErrorEventSchema = z.object({
  v,
  type: z.literal('error'),
  kind: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  ts,
});

export const SessionEventSchema = z.discriminatedUnion('type', [
  MetaEventSchema,
  MessageEventSchema,
  UsageEventSchema,
  CompactionEventSchema,
  TodosEventSchema,
  TitleEventSchema,
  PermissionEventSchema,
  ErrorEventSchema,
]);

type Parsed = z.infer<typeof SessionEventSchema>;
/** The event types with the provider's `Message`/`Usage` types rather than the structural schema types. */
export type SessionEvent =
  | Exclude<Parsed, { type: 'message' } | { type: 'usage' }>
  | { v: 1; type: 'message'; message: Message; interrupted?: true; ts: string }
  | { v: 1; type: 'usage'; usage: Usage; costUsd?: number; model: string; ts: string };
export type SessionEventType = SessionEvent['type'];
export type MetaEvent = Extract<SessionEvent, { type: 'meta' }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What callers append: `v` is added, and `ts` when missing. */
export type SessionEventInput = DistributiveOmit<SessionEvent, 'v' | 'ts'> & { ts?: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Cheap structural check of a parsed line: the fields the replay reads have the right types. Returns the
 * reason it is not an event, or undefined.
 */
export function checkSessionLine(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (value.v !== SESSION_FORMAT_VERSION) return `unsupported format version ${JSON.stringify(value.v)}`;
  switch (value.type) {
    case 'message': {
      const message = value.message;
      if (
        !isObject(message) ||
        (message.role !== 'user' && message.role !== 'assistant') ||
        !Array.isArray(message.content)
      )
        return 'message without role/content';
      return undefined;
    }
    case 'usage':
      return isObject(value.usage) && typeof value.usage.input_tokens === 'number'
        ? undefined
        : 'usage without tokens';
    case 'compaction':
      return typeof value.summary === 'string' && Number.isInteger(value.replacedCount)
        ? undefined
        : 'bad compaction';
    case 'todos':
      return Array.isArray(value.todos) ? undefined : 'todos not an array';
    case 'title':
      return typeof value.title === 'string' ? undefined : 'title not a string';
    case 'meta':
      return typeof value.id === 'string' && typeof value.model === 'string' ? undefined : 'bad meta';
    case 'permission':
    case 'error':
      return undefined;
    default:
      return `unknown event type ${JSON.stringify(value.type)}`;
  }
}
