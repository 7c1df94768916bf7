/**
 * The fixture corpus: each app folder has a truth.json (verdict, archetype, command, workload)
 * and marks its ground-truth lines in the source with `truth:root` / `truth:growth` comments.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Archetype, FixKind, Report, Verdict } from '../../src/shared/report';
import type { TargetSpec } from '../../src/core/hunt/target';
import { parseWorkload, type WorkloadSpec } from '../../src/core/hunt/workload';

export interface Truth {
  verdict: Verdict;
  archetype?: Archetype;
  /** File (relative to the app) holding the truth markers, as reported (original source). */
  file: string;
  /** node arguments, relative to the app folder. */
  args: string[];
  env?: Record<string, string>;
  workload?: string;
  rate?: number;
  /** Accepted fix kinds (default: any). */
  fixKinds?: FixKind[];
  /** Name of a second root that should also be reported (apps with two leaks). */
  secondRoot?: string;
}

export interface CorpusApp {
  name: string;
  dir: string;
  truth: Truth;
  /** Absolute path of the truth file and its marked lines (1-based). */
  file: string;
  rootLines: number[];
  growthLines: number[];
}

/** Lines carrying `truth:<marker>` in a file. */
export function markedLines(file: string, marker: string): number[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((l, i) => (l.includes(`truth:${marker}`) ? [i + 1] : []));
}

/** Every app under `dir` with its ground truth. */
export function loadCorpus(dir: string): CorpusApp[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(d => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'truth.json')))
    .map(d => {
      const appDir = path.join(dir, d.name);
      const truth = JSON.parse(fs.readFileSync(path.join(appDir, 'truth.json'), 'utf8')) as Truth;
      const file = path.join(appDir, truth.file);
      return { name: d.name, dir: appDir, truth, file, rootLines: markedLines(file, 'root'), growthLines: markedLines(file, 'growth') };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The launch target and workload for an app. */
export function targetOf(app: CorpusApp): { target: TargetSpec; workload: WorkloadSpec } {
  return {
    target: { kind: 'launch', command: [process.execPath, ...app.truth.args], cwd: app.dir, env: { ...process.env, ...app.truth.env } },
    workload: parseWorkload(app.truth.workload, { rate: app.truth.rate }),
  };
}

export interface Score {
  verdictOk: boolean;
  rootOk?: boolean;
  archetypeOk?: boolean;
  fixOk?: boolean;
  plateauOk?: boolean;
  detail: string;
}

/** Scores a report against the truth: verdict, top root line (declaration or growth site), archetype, fix. */
export function score(app: CorpusApp, report: Report): Score {
  const verdictOk = report.verdict === app.truth.verdict;
  if (app.truth.verdict !== 'leak') return { verdictOk, detail: `${report.verdict} (want ${app.truth.verdict})` };
  const top = report.suspects[0];
  const lines = new Set([...app.rootLines, ...app.growthLines]);
  const loc = top?.root.location;
  const rootOk = !!loc && path.resolve(loc.file) === path.resolve(app.file) && lines.has(loc.line);
  const archetypeOk = top?.archetype === app.truth.archetype;
  const fixOk = !!top?.fix && (!app.truth.fixKinds || app.truth.fixKinds.includes(top.fix.kind));
  const plateauOk = report.verify ? report.verify.verdict === 'no-leak' : undefined;
  return {
    verdictOk,
    rootOk,
    archetypeOk,
    fixOk,
    plateauOk,
    detail: `${report.verdict}; top ${top ? `${top.archetype} ${top.root.name} at ${loc ? `${path.basename(loc.file)}:${loc.line}` : '?'}${top.fix ? ` fix ${top.fix.kind}` : ''}` : 'none'}${report.verify ? `; after fix ${report.verify.verdict}` : ''}`,
  };
}
