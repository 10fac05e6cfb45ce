import { createRequire } from 'node:module';
import type { Node, Parser } from 'web-tree-sitter';

/**
 * The bash grammar, loaded lazily and once per process.
 *
 * web-tree-sitter and the grammar are WebAssembly: instantiating them takes ~25–40 ms, so nothing happens at
 * import time (`claw --version` must stay cheap). The first `loadBashParser()` call starts the load; every
 * later call gets the same promise. After it resolves, `getLoadedBashParser()` gives synchronous access, which
 * is what lets the Bash tool's synchronous `classifyCommand` hook work.
 */
let loading: Promise<Parser> | undefined;
let loaded: Parser | undefined;

export function loadBashParser(): Promise<Parser> {
  loading ??= instantiate().then(
    (parser) => {
      loaded = parser;
      return parser;
    },
    (error: unknown) => {
      // Let a later call retry rather than caching a failure forever.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function getLoadedBashParser(): Parser | undefined {
  return loaded;
}

async function instantiate(): Promise<Parser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  // The grammar ships as a prebuilt .wasm inside the npm package; no native build, nothing fetched.
  const require = createRequire(import.meta.url);
  const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * Parses `source` and hands the root node to `visit`, then frees the tree: trees live in WebAssembly memory
 * and are not garbage collected.
 */
export function withBashTree<T>(parser: Parser, source: string, visit: (root: Node) => T): T {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return visit(tree.rootNode);
  } finally {
    tree.delete();
  }
}
