import { sendJson } from './http-io.js';
import type { RouteContext } from './route-context.js';

export const MOCK_MODEL_IDS = [
  'claude-sonnet-4-5',
  'claude-opus-4-1',
  'claude-haiku-4-5',
  'mock-local-model',
] as const;

const CREATED_AT = '2025-01-01T00:00:00Z';

/**
 * `GET /v1/models`. One body serves both APIs: Anthropic clients read `data[].id`/`type`/`display_name` and
 * `has_more`; OpenAI clients read `object: "list"` and `data[].object`/`owned_by`.
 */
export function handleListModels(context: RouteContext): void {
  const data = MOCK_MODEL_IDS.map((id) => ({
    type: 'model',
    id,
    display_name: id,
    created_at: CREATED_AT,
    object: 'model',
    created: Date.parse(CREATED_AT) / 1000,
    owned_by: 'mock',
  }));
  sendJson(
    context.response,
    200,
    {
      object: 'list',
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
    },
    context.baseHeaders,
  );
}
