import { byMode, byRule, type PermissionDecision } from './decision.js';
import { maxLevel, type PermissionLevel, type PermissionMode } from './mode.js';
import {
  type DirectoryEntry,
  expandPath,
  isWithin,
  protectedNamesIn,
  protectedPathReason,
  sensitiveReadReason,
} from './paths.js';
import type { CompiledRule } from './rule-set.js';

export interface PathContext {
  mode: PermissionMode;
  /** Rules that apply to the tool being decided (already filtered by tool and group). */
  rules: readonly CompiledRule[];
  /** Real paths of the workspace and `--add-dir` directories. */
  allowedRoots: readonly string[];
  /** Real paths that may be read, never written, like the workspace: claw's own scratch directory. */
  readableRoots: readonly string[];
  homeDir: string;
  /** Credential stores whose reads ask in every mode (`$CLAW_CONFIG_HOME/credentials.json`, `~/.claw/…`). */
  credentialFiles?: readonly string[];
  resolveRealPath(absPath: string): string;
  /** For Bash: expanding globs and finding the symlinks a recursive read follows. */
  listDirectory(absPath: string): DirectoryEntry[];
}

export interface PathCheck {
  /** The path as the tool will open it (lexical, `..` folded). */
  lexical: string;
  /** The same with symlinks resolved. */
  real: string;
}

export function resolvePathCheck(
  subject: string,
  cwd: string,
  ctx: Pick<PathContext, 'homeDir' | 'resolveRealPath'>,
): PathCheck {
  const lexical = expandPath(subject, cwd, ctx.homeDir);
  return { lexical, real: ctx.resolveRealPath(lexical) };
}

/**
 * Deny and ask rules match the lexical or the real path, so neither `./secrets/../secrets/x` nor a symlink
 * into `secrets/` slips past `Read(./secrets/**)`. Allow rules match the real path only: a symlink inside an
 * allowed directory must not open the file it points to outside.
 */
export function findPathRule(
  rules: readonly CompiledRule[],
  behavior: CompiledRule['behavior'],
  path: PathCheck,
): CompiledRule | undefined {
  return rules.find((rule) => {
    if (rule.behavior !== behavior) return false;
    if (rule.matcher.kind === 'any') return true;
    if (!rule.matchPath) return false;
    return behavior === 'allow'
      ? rule.matchPath(path.real)
      : rule.matchPath(path.real) || rule.matchPath(path.lexical);
  });
}

/** An allow rule for a protected path counts only when its pattern names the protected part explicitly. */
export function explicitAllowFor(rules: readonly CompiledRule[], path: PathCheck): CompiledRule | undefined {
  const names = protectedNamesIn(path.real).concat(protectedNamesIn(path.lexical));
  return rules.find(
    (rule) =>
      rule.behavior === 'allow' &&
      rule.matcher.kind === 'path' &&
      rule.matchPath?.(path.real) === true &&
      names.every((name) => rule.matcher.kind === 'path' && rule.matcher.pattern.includes(name)),
  );
}

export function outsideRoots(path: PathCheck, allowedRoots: readonly string[]): boolean {
  return !allowedRoots.some((root) => isWithin(path.real, root));
}

export function decidePath(
  tool: string,
  access: 'read' | 'write',
  path: PathCheck,
  required: PermissionLevel,
  ctx: PathContext,
): PermissionDecision {
  const what = `${tool}(${path.lexical})`;
  const deny = findPathRule(ctx.rules, 'deny', path);
  if (deny) return byRule('deny', deny, what);
  const ask = findPathRule(ctx.rules, 'ask', path);
  if (ask) return byRule('ask', ask, what);

  if (access === 'read') {
    const sensitive =
      sensitiveReadReason(path.real, ctx.credentialFiles ?? []) ??
      sensitiveReadReason(path.lexical, ctx.credentialFiles ?? []);
    // Even danger-full-access asks, and no allow rule grants it: what these hold is claw's credential.
    if (sensitive !== undefined) return { behavior: 'ask', reason: `${what}: ${sensitive}` };
  }

  if (access === 'write') {
    const protectedReason = protectedPathReason(path.real) ?? protectedPathReason(path.lexical);
    if (protectedReason !== undefined) {
      // Even danger-full-access asks: these files run code later (git hooks, shell rc files, agent settings).
      const explicit = explicitAllowFor(ctx.rules, path);
      if (explicit) return byRule('allow', explicit, what);
      return { behavior: 'ask', reason: `${what}: ${protectedReason}` };
    }
  }

  const allow = findPathRule(ctx.rules, 'allow', path);
  if (allow) return byRule('allow', allow, what);

  const roots = access === 'read' ? [...ctx.allowedRoots, ...ctx.readableRoots] : ctx.allowedRoots;
  if (outsideRoots(path, roots)) {
    const where = path.real === path.lexical ? path.lexical : `${path.lexical} → ${path.real}`;
    return byMode(
      ctx.mode,
      maxLevel(required, 'danger-full-access'),
      what,
      `${where} is outside the workspace`,
    );
  }
  return byMode(ctx.mode, required, what);
}
