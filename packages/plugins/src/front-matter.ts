export interface FrontMatterDocument {
  data: Record<string, unknown>;
  body: string;
  /** Set when the front matter is present but is not valid YAML or not a mapping. */
  error?: string;
}

const FENCE = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * Splits `---\nYAML\n---\nbody`; a file without front matter is all body. The YAML parser (~300 KB) loads
 * on the first front matter, so a run without skills, commands or agents never compiles it.
 */
export async function parseFrontMatter(text: string): Promise<FrontMatterDocument> {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const match = FENCE.exec(source);
  if (!match) return { data: {}, body: source };
  const body = source.slice(match[0].length);
  const { parse } = await import('./yaml.js');
  try {
    const parsed: unknown = parse(match[1] ?? '');
    if (parsed === null || parsed === undefined) return { data: {}, body };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { data: {}, body, error: 'front matter must be a YAML mapping' };
    }
    return { data: parsed as Record<string, unknown>, body };
  } catch (error) {
    return {
      data: {},
      body,
      error: `invalid YAML front matter: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** `tools: Read, Grep` or `tools: [Read, Grep]` → list; absent → undefined (meaning "all"). */
export function toolList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

/** A string field, or undefined when absent or not a string. */
export function stringField(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
