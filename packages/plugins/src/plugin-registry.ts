import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PluginsError } from './errors.js';
import { loadPlugin, MANIFEST_PATH, readPluginManifest } from './plugin-loader.js';
import { formatIssues, MarketplaceSchema } from './plugin-manifest.js';

/** `<configHome>/plugins/registry.json`: what is installed and whether it is enabled. */
export interface PluginRegistry {
  version: 1;
  plugins: Record<string, PluginRecord>;
}

export interface PluginRecord {
  name: string;
  version?: string;
  description?: string;
  /** The installed copy. */
  path: string;
  enabled: boolean;
  /** Where it was installed from (a directory or a marketplace file). */
  source: string;
  marketplace?: string;
  installedAt: string;
}

export interface PluginStoreLocation {
  /** `$CLAW_CONFIG_HOME` or `~/.claw`. */
  configHome: string;
}

export const pluginsDir = (location: PluginStoreLocation) => join(location.configHome, 'plugins');
const registryPath = (location: PluginStoreLocation) => join(pluginsDir(location), 'registry.json');

export async function readPluginRegistry(location: PluginStoreLocation): Promise<PluginRegistry> {
  let text: string;
  try {
    text = await readFile(registryPath(location), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, plugins: {} };
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<PluginRegistry>;
  return { version: 1, plugins: parsed.plugins ?? {} };
}

async function writePluginRegistry(location: PluginStoreLocation, registry: PluginRegistry): Promise<void> {
  const path = registryPath(location);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify(registry, null, 2)}\n`, 'utf8');
  await rename(temp, path);
}

export interface InstallPluginOptions extends PluginStoreLocation {
  /**
   * A plugin directory (holding `.claude-plugin/plugin.json`), or a marketplace: a `marketplace.json` file or a
   * directory holding `.claude-plugin/marketplace.json` (then `plugin` names the entry).
   */
  source: string;
  plugin?: string;
  /** Default true. */
  enable?: boolean;
  /** Replace an installed plugin of the same name. */
  force?: boolean;
}

/** Copies a plugin into `<configHome>/plugins/<name>` and records it. */
export async function installPlugin(options: InstallPluginOptions): Promise<PluginRecord> {
  const resolved = await resolvePluginSource(resolve(options.source), options.plugin);
  const read = await readPluginManifest(resolved.dir);
  if (!read.ok) throw new PluginsError('invalid_plugin', `${read.issue.path}: ${read.issue.message}`);
  const manifest = read.manifest;
  const registry = await readPluginRegistry(options);
  if (registry.plugins[manifest.name] && !options.force) {
    throw new PluginsError(
      'already_exists',
      `Plugin "${manifest.name}" is already installed`,
      'Uninstall it first or pass force',
    );
  }
  const target = join(pluginsDir(options), manifest.name);
  await rm(target, { recursive: true, force: true });
  await cp(resolved.dir, target, { recursive: true });
  const loaded = await loadPlugin(target);
  if (!loaded.plugin) {
    await rm(target, { recursive: true, force: true });
    throw new PluginsError('invalid_plugin', loaded.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
  const record: PluginRecord = {
    name: manifest.name,
    ...(manifest.version ? { version: manifest.version } : {}),
    ...(manifest.description ? { description: manifest.description } : {}),
    path: target,
    enabled: options.enable ?? true,
    source: resolve(options.source),
    ...(resolved.marketplace ? { marketplace: resolved.marketplace } : {}),
    installedAt: new Date().toISOString(),
  };
  registry.plugins[manifest.name] = record;
  await writePluginRegistry(options, registry);
  return record;
}

/** Finds the plugin directory for a local path or a marketplace entry. */
async function resolvePluginSource(
  source: string,
  plugin: string | undefined,
): Promise<{ dir: string; marketplace?: string }> {
  if (await exists(join(source, MANIFEST_PATH))) return { dir: source };
  const marketplaceFile = source.endsWith('.json')
    ? source
    : join(source, '.claude-plugin', 'marketplace.json');
  if (!(await exists(marketplaceFile))) {
    throw new PluginsError(
      'not_found',
      `${source} is neither a plugin (no ${MANIFEST_PATH}) nor a marketplace`,
      'Point at a plugin directory or a marketplace.json',
    );
  }
  const parsed = MarketplaceSchema.safeParse(JSON.parse(await readFile(marketplaceFile, 'utf8')));
  if (!parsed.success)
    throw new PluginsError('invalid_marketplace', `${marketplaceFile}: ${formatIssues(parsed.error)}`);
  const names = parsed.data.plugins.map((p) => p.name);
  if (!plugin) {
    throw new PluginsError(
      'not_found',
      `Marketplace "${parsed.data.name}" needs a plugin name`,
      `One of: ${names.join(', ')}`,
    );
  }
  const entry = parsed.data.plugins.find((p) => p.name === plugin);
  if (!entry) {
    throw new PluginsError(
      'not_found',
      `Marketplace "${parsed.data.name}" has no plugin "${plugin}"`,
      `One of: ${names.join(', ')}`,
    );
  }
  if (typeof entry.source !== 'string') {
    throw new PluginsError(
      'invalid_marketplace',
      `Plugin "${plugin}" has a remote source, which claw cannot fetch yet`,
    );
  }
  // Relative sources are relative to the marketplace root: the directory that holds `.claude-plugin/`.
  const marketDir = dirname(marketplaceFile);
  const root = marketDir.endsWith('.claude-plugin') ? dirname(marketDir) : marketDir;
  return { dir: resolve(root, entry.source), marketplace: parsed.data.name };
}

async function setEnabled(
  location: PluginStoreLocation,
  name: string,
  enabled: boolean,
): Promise<PluginRecord> {
  const registry = await readPluginRegistry(location);
  const record = registry.plugins[name];
  if (!record)
    throw new PluginsError('not_found', `No installed plugin named "${name}"`, 'Run `claw plugins list`');
  record.enabled = enabled;
  await writePluginRegistry(location, registry);
  return record;
}

export const enablePlugin = (location: PluginStoreLocation, name: string) => setEnabled(location, name, true);
export const disablePlugin = (location: PluginStoreLocation, name: string) =>
  setEnabled(location, name, false);

export async function uninstallPlugin(location: PluginStoreLocation, name: string): Promise<PluginRecord> {
  const registry = await readPluginRegistry(location);
  const record = registry.plugins[name];
  if (!record)
    throw new PluginsError('not_found', `No installed plugin named "${name}"`, 'Run `claw plugins list`');
  delete registry.plugins[name];
  await writePluginRegistry(location, registry);
  await rm(record.path, { recursive: true, force: true });
  return record;
}

export async function listPlugins(location: PluginStoreLocation): Promise<PluginRecord[]> {
  return Object.values((await readPluginRegistry(location)).plugins).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
