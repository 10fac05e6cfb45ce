import type { execa as ExecaFunction } from 'execa';

let loading: Promise<typeof ExecaFunction> | undefined;

/**
 * execa costs ~80 ms to import; only the tools that spawn processes need it, and only when they run, so
 * start-up (and every session that never runs Bash or rg) does not pay for it.
 */
export function loadExeca(): Promise<typeof ExecaFunction> {
  loading ??= import('execa').then((module) => module.execa);
  return loading;
}
