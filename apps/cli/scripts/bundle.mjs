// Bundles the compiled commands into a few files under bundle/. Node spends most of claw's start-up
// resolving and loading modules (the Anthropic SDK alone is hundreds of files); one bundle with shared chunks
// loads several times faster. oclif itself, and packages that find files next to themselves at run time
// (wasm grammars), stay external.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(root, 'bundle');

function entries(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return entries(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

/**
 * zod's `z` namespace re-exports every translation of its error messages (`z.locales`, ~350 KB), which no
 * bundler can drop because `z` is used as a value. claw reports errors in English (the default zod registers
 * itself), so the namespace is replaced by an empty one.
 */
const dropZodLocales = {
  name: 'drop-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|mini|core)[\\/]?$/.test(args.resolveDir)
        ? { path: 'zod-locales', namespace: 'claw-empty' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'claw-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

rmSync(out, { recursive: true, force: true });
const result = await build({
  entryPoints: [...entries(join(dist, 'commands')), join(dist, 'fast-path.js')],
  outdir: out,
  outbase: dist,
  metafile: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['@oclif/core', '@oclif/plugin-autocomplete', 'web-tree-sitter', 'tree-sitter-bash', 'turndown'],
  // Bundled CommonJS dependencies call require(); give the ESM chunks one.
  banner: {
    js: "import { createRequire as __clawCreateRequire } from 'node:module'; const require = __clawCreateRequire(import.meta.url);",
  },
  plugins: [dropZodLocales],
  logLevel: 'warning',
  legalComments: 'none',
});

/**
 * The fast path exists to start without oclif; one stray import (a flag helper, a shared error class) would
 * quietly add ~80 ms to every `claw -p`. Walk everything it can load, eagerly or lazily, and refuse the build.
 */
function assertFastPathAvoids(metafile, forbidden) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => path.endsWith('bundle/fast-path.js'));
  const seen = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    const path = stack.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (
        imported.external &&
        forbidden.some((name) => imported.path === name || imported.path.startsWith(`${name}/`))
      ) {
        throw new Error(
          `bundle: ${path} imports ${imported.path}, which the start-up fast path must not load`,
        );
      }
      if (!imported.external) stack.push(imported.path);
    }
  }
}
assertFastPathAvoids(result.metafile, ['@oclif/core', '@oclif/plugin-autocomplete']);

/**
 * `claw doctor` (like `status` and the other reporting commands) imports the runtime's index for settings
 * and sessions; whatever that index reaches through static imports loads with it. The tools (their Grep
 * engine, picomatch, the web tools) belong to sessions only: one static import of a tool helper into a module
 * the index exports once added ~240 KB and ~20 ms to `claw doctor`. Refuse the build if doctor's eager
 * closure reaches them.
 */
function assertEagerClosureAvoids(metafile, entryInput, forbiddenInputs) {
  const outputs = metafile.outputs;
  const start = Object.keys(outputs).find((path) =>
    Object.keys(outputs[path].inputs).some((input) => input.endsWith(entryInput)),
  );
  if (start === undefined) throw new Error(`bundle: no chunk holds ${entryInput}`);
  const seen = new Set();
  const stack = [start];
  while (stack.length > 0) {
    const path = stack.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    const hit = Object.keys(outputs[path]?.inputs ?? {}).find((input) =>
      forbiddenInputs.some((forbidden) => input.includes(forbidden)),
    );
    if (hit !== undefined) {
      throw new Error(`bundle: ${entryInput} statically reaches ${hit} (through ${path}); import it lazily`);
    }
    for (const imported of outputs[path]?.imports ?? []) {
      if (!imported.external && imported.kind === 'import-statement') stack.push(imported.path);
    }
  }
}
assertEagerClosureAvoids(result.metafile, 'dist/doctor/run-doctor.js', [
  'packages/tools/dist/registry.js',
  'packages/tools/dist/grep/',
  'packages/tools/dist/web/',
]);

/**
 * A CommonJS package that esbuild splits into a chunk of its own (because it is imported with `import()`)
 * exposes only a default export there: `const { parse } = await import('yaml')` gets undefined. Packages
 * import such dependencies through a small ESM module that re-exports the names statically; this catches a
 * direct dynamic import of a CommonJS package before it ships.
 */
function assertNoDefaultOnlyChunks(metafile) {
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!path.includes('/chunks/') || output.exports.length !== 1 || output.exports[0] !== 'default')
      continue;
    const source = readFileSync(join(root, path), 'utf8');
    if (/export default require_\w+\(\);\s*$/.test(source)) {
      throw new Error(
        `bundle: ${path} is a CommonJS package imported with import(); only its default export survives. ` +
          'Import it through an ESM module that re-exports the names it needs.',
      );
    }
  }
}
assertNoDefaultOnlyChunks(result.metafile);
