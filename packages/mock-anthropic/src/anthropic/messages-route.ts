import { anthropicErrorBody } from '../api-error.js';
import { conversationFromAnthropicRequest } from '../conversation/anthropic-request.js';
import type { JsonObject } from '../conversation/json-shapes.js';
import { sendJson, startEventStream } from '../http-io.js';
import { answerStreamFaultWithoutStream } from '../plain-fault.js';
import { prepareReply, resetConnection } from '../prepare-reply.js';
import type { RouteContext } from '../route-context.js';
import { type FaultFrames, writeEventStream } from '../sse-writer.js';
import { estimateInputTokens } from '../token-estimate.js';
import { anthropicMessage, anthropicStreamEvents } from './message-format.js';
import { requestProblem } from './request-validation.js';

/** A content_block_delta cut off mid-JSON, as a proxy truncating a frame would produce. */
const MALFORMED_FRAME =
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":\n\n';

const FAULT_FRAMES: FaultFrames = {
  malformed: MALFORMED_FRAME,
  error: (fault) => {
    const body = anthropicErrorBody(fault.errorType ?? 'overloaded_error', fault.message ?? 'Overloaded');
    return `event: error\ndata: ${JSON.stringify(body)}\n\n`;
  },
};

function inputTokensOf(body: JsonObject): number {
  return estimateInputTokens([body.system, body.messages, body.tools]);
}

/** `POST /v1/messages`, streaming or not. */
export async function handleMessages(context: RouteContext): Promise<void> {
  const { body, response } = context;
  const problem = requestProblem(body, context.request.headers, { requireMaxTokens: true });
  if (problem) return context.sendError(problem);

  const conversation = conversationFromAnthropicRequest(body);
  const prepared = prepareReply(conversation, {
    rawBody: context.rawBody,
    faults: context.faults,
    inputTokens: inputTokensOf(body),
    settings: context.settings,
    toolIdPrefix: 'toolu_mock',
    thinkingEnabled: (body.thinking as { type?: unknown } | undefined)?.type === 'enabled',
  });
  if (prepared.selection) context.noteSelection(prepared.selection);
  if (prepared.kind === 'error') return context.sendError(prepared.error);
  if (prepared.kind === 'reset') return resetConnection(context);

  const identity = { id: context.nextId('msg_mock_'), model: conversation.model };
  const { reply, streamFault } = prepared;
  if (body.stream === true) {
    startEventStream(response, context.baseHeaders);
    await writeEventStream(response, anthropicStreamEvents(reply, identity), {
      delayMs: reply.delayMs,
      faultFrames: FAULT_FRAMES,
      ...(streamFault ? { fault: streamFault } : {}),
    });
    return;
  }
  if (streamFault)
    return answerStreamFaultWithoutStream(
      context,
      streamFault,
      '{"id":"msg_mock_truncated","type":"message","content":[',
    );
  sendJson(response, 200, anthropicMessage(reply, identity), context.baseHeaders);
}

/** `POST /v1/messages/count_tokens`: the same estimate the message usage reports. */
export function handleCountTokens(context: RouteContext): void {
  const problem = requestProblem(context.body, context.request.headers, { requireMaxTokens: false });
  if (problem) {
    context.sendError(problem);
    return;
  }
  sendJson(context.response, 200, { input_tokens: inputTokensOf(context.body) }, context.baseHeaders);
}
