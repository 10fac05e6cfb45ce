export type {
  RecordedOAuthRequest,
  TestOAuthServer,
  TestOAuthServerOptions,
} from './oauth-server.js';
export { startTestOAuthServer } from './oauth-server.js';
