/**
 * The `leak-hunt` launch configuration: its attributes (the same vocabulary as the CLI) and how
 * they become hunt options. No `vscode` here, so the adapter runs in plain Node for its tests.
 */
import path from 'node:path';
import { LeakHunterError } from '../../core/common/errors';
import { parseWorkload, type HuntOptions, type WorkloadSpec } from '../../core/hunt';

export const LEAK_HUNT_TYPE = 'leak-hunt';

/** What launch.json may hold for `"type": "leak-hunt"` (package.json `configurationAttributes`). */
export interface LeakHuntLaunchArgs {
  program?: string;
  args?: string[];
  runtimeExecutable?: string;
  runtimeArgs?: string[];
  cwd?: string;
  env?: Record<string, string | null>;
  /** CLI syntax: `none`, an http(s) URL, `cmd:<shell>`, `expr:<js>`. */
  workload?: string;
  /** Requests or evaluations per second for http and expr workloads. */
  rate?: number;
  /** Seconds of sampling before an undecided trend is called inconclusive. */
  timeBudget?: number;
  snapshots?: number;
  /** Milliseconds between post-GC samples. */
  sampleInterval?: number;
  verifyFix?: boolean;
}

/** A checked configuration: everything runHunt needs except the analyzer and the folder. */
export interface ResolvedHunt {
  options: Omit<HuntOptions, 'analyzer' | 'outDir'>;
  workload: WorkloadSpec;
  /** Short name for folders and the panel: the program's file name. */
  label: string;
  /** The command line as people read it. */
  commandLine: string;
  cwd: string;
  timeBudgetSec: number;
  sampleIntervalMs: number;
  snapshots: number;
}

export const DEFAULTS = { timeBudget: 90, snapshots: 3, rate: 20, sampleInterval: 1000 } as const;

function numberIn(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new LeakHunterError('usage', `"${name}" must be a number between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function stringList(name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) throw new LeakHunterError('usage', `"${name}" must be an array of strings`);
  return value as string[];
}

/** The environment the program gets: ours plus launch.json's, where `null` removes a variable. */
function mergedEnv(extra: LeakHuntLaunchArgs['env']): NodeJS.ProcessEnv | undefined {
  if (!extra) return undefined;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(extra)) {
    if (v === null) delete env[k];
    else env[k] = String(v);
  }
  return env;
}

/** Validates launch.json attributes; errors name the attribute and say what it should be. */
export function resolveLaunchArgs(a: LeakHuntLaunchArgs, fallbackCwd = process.cwd()): ResolvedHunt {
  if (typeof a.program !== 'string' || !a.program.trim()) {
    throw new LeakHunterError('usage', '"program" is required: the JavaScript file to hunt, e.g. "${workspaceFolder}/server.js"');
  }
  const cwd = path.resolve(a.cwd || fallbackCwd);
  const program = path.resolve(cwd, a.program);
  const runtime = a.runtimeExecutable || 'node';
  const timeBudgetSec = numberIn('timeBudget', a.timeBudget, DEFAULTS.timeBudget, 10, 7200);
  const snapshots = Math.round(numberIn('snapshots', a.snapshots, DEFAULTS.snapshots, 3, 10));
  const sampleIntervalMs = numberIn('sampleInterval', a.sampleInterval, DEFAULTS.sampleInterval, 50, 60_000);
  const rate = numberIn('rate', a.rate, DEFAULTS.rate, 0.1, 5000);
  if (a.workload !== undefined && typeof a.workload !== 'string') throw new LeakHunterError('usage', '"workload" must be a string: none, an http(s) URL, cmd:<shell command> or expr:<js expression>');
  const workload = parseWorkload(a.workload, { rate });
  if (workload.kind === 'cmd') workload.cwd = cwd;
  const command = [runtime, ...stringList('runtimeArgs', a.runtimeArgs), program, ...stringList('args', a.args)];
  // Same rule as the in-editor hunt: never decide on less than 10 s, nor later than half the budget needs.
  const minDurationSec = Math.min(30, Math.max(10, Math.floor(timeBudgetSec / 2)));
  return {
    options: {
      target: { kind: 'launch', command, cwd, env: mergedEnv(a.env) },
      workload,
      sampleIntervalMs,
      snapshots,
      verdict: { minDurationSec, maxDurationSec: timeBudgetSec },
      verifyFix: a.verifyFix === true,
    },
    workload,
    label: path.basename(program),
    commandLine: command.map(c => (/\s/.test(c) ? JSON.stringify(c) : c)).join(' '),
    cwd,
    timeBudgetSec,
    sampleIntervalMs,
    snapshots,
  };
}

/** The CLI syntax of a workload, for launch.json (`rate` travels separately). */
export function workloadText(w: WorkloadSpec): { workload: string; rate?: number } {
  switch (w.kind) {
    case 'none':
      return { workload: 'none' };
    case 'http':
      return { workload: w.url, rate: w.rate };
    case 'cmd':
      return { workload: `cmd:${w.command}` };
    case 'expr':
      return { workload: `expr:${w.expression}`, rate: w.rate };
  }
}
