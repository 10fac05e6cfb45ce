import { type ApiError, openAiErrorBody, statusForErrorType } from '../api-error.js';
import { isObject } from '../conversation/json-shapes.js';
import { conversationFromOpenAiRequest } from '../conversation/openai-request.js';
import { sendJson, startEventStream } from '../http-io.js';
import { answerStreamFaultWithoutStream } from '../plain-fault.js';
import { prepareReply, resetConnection } from '../prepare-reply.js';
import type { RouteContext } from '../route-context.js';
import { type FaultFrames, writeEventStream } from '../sse-writer.js';
import { estimateInputTokens } from '../token-estimate.js';
import { chatCompletion, chatCompletionChunks } from './chunk-format.js';

const FAULT_FRAMES: FaultFrames = {
  malformed: 'data: {"id":"chatcmpl-mock","object":"chat.completion.chunk","choices":[{"delta":\n\n',
  error: (fault) => {
    const type = fault.errorType ?? 'overloaded_error';
    const error: ApiError = {
      status: statusForErrorType(type),
      type,
      message: fault.message ?? 'Overloaded',
    };
    return `data: ${JSON.stringify(openAiErrorBody(error))}\n\n`;
  },
};

/** `POST /v1/chat/completions`, driven by the same scenarios as the Anthropic route. */
export async function handleChatCompletions(context: RouteContext): Promise<void> {
  const { body, response } = context;
  if (typeof body.model !== 'string' || body.model === '') {
    return context.sendError({ status: 400, type: 'invalid_request_error', message: 'model is required' });
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return context.sendError({ status: 400, type: 'invalid_request_error', message: 'messages is required' });
  }
  const conversation = conversationFromOpenAiRequest(body);
  const prepared = prepareReply(conversation, {
    rawBody: context.rawBody,
    faults: context.faults,
    inputTokens: estimateInputTokens([body.messages, body.tools]),
    settings: context.settings,
    toolIdPrefix: 'call_mock',
  });
  if (prepared.selection) context.noteSelection(prepared.selection);
  if (prepared.kind === 'error') return context.sendError(prepared.error);
  if (prepared.kind === 'reset') return resetConnection(context);

  const { reply, streamFault, selection } = prepared;
  const identity = {
    id: context.nextId('chatcmpl-mock-'),
    model: conversation.model,
    created: Math.floor(Date.now() / 1000),
  };
  const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  const shape = { quirks: selection.openaiQuirks, includeUsage };
  if (body.stream === true) {
    startEventStream(response, context.baseHeaders);
    await writeEventStream(response, chatCompletionChunks(reply, identity, shape), {
      delayMs: reply.delayMs,
      faultFrames: FAULT_FRAMES,
      trailer: 'data: [DONE]\n\n',
      ...(streamFault ? { fault: streamFault } : {}),
    });
    return;
  }
  if (streamFault)
    return answerStreamFaultWithoutStream(context, streamFault, '{"id":"chatcmpl-mock","choices":[');
  sendJson(response, 200, chatCompletion(reply, identity, shape), context.baseHeaders);
}
