import type { LookupAddress } from 'node:dns';
import type { PermissionLevel } from './tool.js';

/** A tool the runtime holds back from the API until ToolSearch finds it (large MCP catalogs). */
export interface DeferredToolInfo {
  name: string;
  description: string;
  /** JSON Schema of the input, returned to the model so it can call the tool once loaded. */
  inputSchema?: Record<string, unknown>;
}

/** How a sandbox runs a shell script: the program and its arguments (e.g. `bwrap ... bash -c script`). */
export interface WrappedCommand {
  file: string;
  args: string[];
  /** Called once the command has exited: the sandbox removes what it set up for this run. */
  afterExit?(): void;
}

export type WebSearchProvider = 'custom' | 'searxng' | 'brave';

/**
 * Everything the built-in tools take from outside. Every field is optional: the defaults run against the
 * real machine. Tests and the runtime replace the pieces they need to.
 */
export interface BuiltinToolDeps {
  /** Permission level a Bash command needs; the runtime plugs in its shell analyser here. */
  classifyCommand?(command: string): PermissionLevel;
  /** Wraps the shell script Bash runs (sandboxing). Default: `[shell, '-c', script]`. */
  wrapCommand?(script: string, cwd: string): WrappedCommand;
  /** Shell used by Bash. Default: /bin/bash when present, else /bin/sh. */
  shell?: string;
  /** Path of `rg`; `null` forces the built-in engine; undefined looks it up on PATH. */
  rgPath?: string | null;
  /** Worker threads the built-in grep engine may use (0 = search in the calling thread). */
  grepWorkers?: number;
  /** DNS resolution used by WebFetch before it connects (the answer is pinned for the connection). */
  lookupHost?(hostname: string): Promise<LookupAddress[]>;
  /**
   * Private hosts WebFetch may reach: `true` for all (tests against a local server), or exact host names and
   * addresses / CIDR ranges (`["intranet.example", "10.0.0.0/8"]`, settings `webFetch.allowPrivateHosts`).
   */
  allowPrivateHosts?: boolean | readonly string[];
  /** Where WebFetch reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower-case first). Default: process.env. */
  proxyEnv?: Readonly<Record<string, string | undefined>>;
  /** Hosts WebFetch may reach over plain http (everything else is upgraded to https). */
  plainHttpHosts?: string[];
  /**
   * How WebSearch talks to its endpoint: `custom` (claw's JSON POST, the default), `searxng`
   * (`GET /search?q=…&format=json`) or `brave` (Brave Search API). See README.
   */
  webSearchProvider?: WebSearchProvider;
  /** The search endpoint; optional for `brave` (its public API URL is the default). */
  webSearchEndpoint?: string;
  /** Extra headers for the search endpoint (e.g. an API key the user configured). */
  webSearchHeaders?: Record<string, string>;
  /** Why the configured search cannot be used (e.g. a header names an unset variable); WebSearch says so. */
  webSearchProblem?: string;
  /** fetch used by WebSearch (the runtime passes one that honours HTTPS_PROXY). */
  fetch?: typeof fetch;
  /**
   * Post-processes fetched page content with the user's prompt (Claude Code runs a small model here).
   * Default: the content is returned with the prompt restated above it.
   */
  processWebContent?(content: string, prompt: string, url: string, signal: AbortSignal): Promise<string>;
  /** Tools held back from the API, searched by ToolSearch. */
  deferredTools?(): DeferredToolInfo[];
  /** Per-result cap on output sent to the model (default 30,000 chars). */
  maxOutputChars?: number;
}
