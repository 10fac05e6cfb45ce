/**
 * undici, loaded lazily through this module by http-fetch.ts. A direct `import('undici')` breaks once
 * bundled: undici is CommonJS, and a bundler that splits a dynamically imported CommonJS package into its
 * own chunk exposes only its default export, so `EnvHttpProxyAgent` would be undefined.
 */
export { EnvHttpProxyAgent, fetch } from 'undici';
