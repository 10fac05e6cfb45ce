export { mcpApprovalsOf } from '@claw/runtime';

/** The MCP servers of every enabled plugin, for `listMcpServers({ pluginServers })`. */
export async function pluginMcpServers(
  configHome: string,
): Promise<Array<{ plugin: string; root: string; servers: Record<string, unknown> }>> {
  const { loadEnabledPlugins } = await import('@claw/plugins');
  const enabled = await loadEnabledPlugins({ configHome });
  return enabled.plugins
    .filter((plugin) => Object.keys(plugin.mcpServers).length > 0)
    .map((plugin) => ({ plugin: plugin.name, root: plugin.root, servers: plugin.mcpServers }));
}

/** `plugin:NAME` for a plugin's server, else the scope. */
export function mcpScopeLabel(listing: { scope: string; plugin?: string | undefined }): string {
  return listing.plugin ? `plugin:${listing.plugin}` : listing.scope;
}

/** `npx -y server` or `http https://…`: what an entry runs or connects to, for one-line listings. */
export function mcpTarget(config: unknown): string {
  if (typeof config !== 'object' || config === null) return JSON.stringify(config) ?? '';
  const entry = config as { type?: unknown; command?: unknown; args?: unknown; url?: unknown };
  if (typeof entry.url === 'string')
    return `${typeof entry.type === 'string' ? entry.type : 'http'} ${entry.url}`;
  if (typeof entry.command === 'string') {
    const args = Array.isArray(entry.args) ? entry.args.map(String) : [];
    return [entry.command, ...args].join(' ');
  }
  return JSON.stringify(config) ?? '';
}

/**
 * `listMcpServers` reads the settings files itself; in an untrusted workspace a local-scope server is
 * ignored by sessions (see `claw trust`), so the listing must not call it ok.
 */
export function markUntrustedServers<L extends { scope: string; state: string; message?: string }>(
  listings: L[],
  trust: { trusted: boolean },
): Array<L | (Omit<L, 'state'> & { state: 'untrusted'; message: string })> {
  if (trust.trusted) return listings;
  return listings.map((listing) =>
    listing.scope === 'local'
      ? {
          ...listing,
          state: 'untrusted' as const,
          message: 'ignored: this workspace is not trusted (run `claw trust`)',
        }
      : listing,
  );
}
