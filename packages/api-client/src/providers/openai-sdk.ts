/**
 * The parts of the openai package claw calls: the client and the error classes, without the Azure and
 * Bedrock clients the package index also exports. Loaded lazily by openai-compatible.ts; the imports here
 * are static so a bundler can drop the rest of the package (it keeps every export of a dynamic import).
 */

export { OpenAI } from 'openai/client';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai/core/error';
