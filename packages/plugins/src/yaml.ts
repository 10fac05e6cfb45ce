/**
 * The YAML parser, loaded lazily through this module (front-matter.ts, agents.ts). Importing `yaml` directly
 * with `import()` would break in a bundle: yaml is CommonJS, and a bundler that splits a dynamically
 * imported CommonJS package into its own chunk exposes only its default export.
 */
export { parse, stringify } from 'yaml';
