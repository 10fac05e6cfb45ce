/**
 * The parts of the Anthropic SDK claw calls: the core client, the Messages resource and the error classes.
 * The full `Anthropic` client builds every resource the API has (beta, files, skills, organizations…) and
 * with them webhook verification: ~1.1 MB of JavaScript compiled on every `claw -p`, against ~0.35 MB for
 * these. The imports are static on purpose: a bundler keeps every export of a dynamically imported module,
 * so this module is the one that is loaded lazily (by anthropic.ts) and the SDK's modules are tree-shaken.
 */
export { BaseAnthropic } from '@anthropic-ai/sdk/client';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk/core/error';
export { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
