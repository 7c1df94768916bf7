/**
 * Turns an interactive hunt (the js-debug launch configuration it ran in and the workload the
 * user picked) into a `leak-hunt` launch configuration, so the same hunt is one F5 away.
 * No `vscode` here: the command that writes launch.json lives in saveLaunchConfig.ts.
 */
import path from 'node:path';
import type { WorkloadSpec } from '../../core/hunt';
import { LEAK_HUNT_TYPE, workloadText, type LeakHuntLaunchArgs } from './launchArgs';

export type LeakHuntConfiguration = LeakHuntLaunchArgs & { type: typeof LEAK_HUNT_TYPE; request: 'launch'; name: string };

export interface InteractiveHunt {
  /** The js-debug configuration that names the program (the launcher's, not the child's). */
  config?: Record<string, unknown>;
  /** The debuggee's process.argv, from the report, when the configuration has no program. */
  argv?: string[];
  workload?: WorkloadSpec;
  /** The workspace folder the session ran in. */
  folder?: string;
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every(x => typeof x === 'string') && v.length ? (v as string[]) : undefined);

/** `${workspaceFolder}/…` for paths inside the folder, so the configuration survives a move. */
function portable(p: string, folder: string | undefined): string {
  if (!folder || !path.isAbsolute(p)) return p;
  const rel = path.relative(folder, p);
  if (rel === '') return '${workspaceFolder}';
  return rel.startsWith('..') || path.isAbsolute(rel) ? p : `\${workspaceFolder}/${rel.split(path.sep).join('/')}`;
}

/** A name not already taken in `existing`: "Leak Hunt: app.js", then "Leak Hunt: app.js (2)"… */
export function uniqueName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`)) return `${base} (${i})`;
}

/**
 * The leak-hunt configuration for `hunt`, or a reason it cannot be built (no program known:
 * e.g. a node-terminal session whose command was not a plain `node file.js`).
 */
export function configFromHunt(hunt: InteractiveHunt, existingNames: readonly string[] = []): LeakHuntConfiguration | { error: string } {
  const c = hunt.config ?? {};
  let program = typeof c.program === 'string' && c.program ? c.program : undefined;
  let args = strings(c.args);
  if (!program && hunt.argv && hunt.argv.length >= 2) {
    program = hunt.argv[1];
    args = hunt.argv.length > 2 ? hunt.argv.slice(2) : undefined;
  }
  if (!program) return { error: 'the debug session that was hunted does not name a program (launch configurations with "program" can be saved)' };
  const folder = hunt.folder;
  const cwd = typeof c.cwd === 'string' && c.cwd ? c.cwd : undefined;
  const runtime = typeof c.runtimeExecutable === 'string' && c.runtimeExecutable !== 'node' ? c.runtimeExecutable : undefined;
  const env = c.env && typeof c.env === 'object' && Object.keys(c.env).length ? (c.env as Record<string, string | null>) : undefined;
  const w = workloadText(hunt.workload ?? { kind: 'none' });
  const config: LeakHuntConfiguration = {
    type: LEAK_HUNT_TYPE,
    request: 'launch',
    name: uniqueName(`Leak Hunt: ${path.basename(program)}`, existingNames),
    program: portable(program, folder),
    ...(args ? { args } : {}),
    ...(runtime ? { runtimeExecutable: runtime } : {}),
    ...(strings(c.runtimeArgs) ? { runtimeArgs: strings(c.runtimeArgs) } : {}),
    ...(cwd && cwd !== folder ? { cwd: portable(cwd, folder) } : {}),
    ...(env ? { env } : {}),
    workload: w.workload,
    ...(w.rate !== undefined ? { rate: w.rate } : {}),
  };
  return config;
}
