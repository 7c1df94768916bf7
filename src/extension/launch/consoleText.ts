/**
 * What the `leak-hunt` session prints in the Debug Console: the same facts as the CLI's
 * terminal output, one line per event, with `file:line` links VS Code makes clickable.
 */
import path from 'node:path';
import type { HuntPhase, LiveTrend } from '../../core/hunt';
import { formatBytes, formatRate } from '../../shared/format';
import { ExitCode, type MemorySample, type Report, type SourceLocation, type Verdict } from '../../shared/report';

export function exitCodeFor(verdict: Verdict): number {
  return verdict === 'leak' ? ExitCode.leak : verdict === 'no-leak' ? ExitCode.noLeak : ExitCode.inconclusive;
}

const EXIT_MEANING: Record<number, string> = {
  [ExitCode.noLeak]: 'no leak',
  [ExitCode.leak]: 'leak confirmed',
  [ExitCode.inconclusive]: 'inconclusive',
  [ExitCode.error]: 'error',
};

export function exitLine(code: number): string {
  return `Exit code ${code} (${EXIT_MEANING[code] ?? 'unknown'})`;
}

/** A path relative to `cwd` when it is inside it (shorter, and still resolvable by the console). */
export function where(loc: SourceLocation | undefined, cwd: string): string {
  if (!loc) return '(no source location)';
  const rel = path.relative(cwd, loc.file);
  const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : loc.file;
  return `${file}:${loc.line}:${loc.column}`;
}

export function phaseLine(phase: HuntPhase, message?: string): string {
  return `[${phase}]${message ? ` ${message}` : ''}`;
}

export function sampleLine(count: number, s: MemorySample, live: LiveTrend): string {
  const run = live.run === 'verify' ? 'verify' : 'sampling';
  const head = `[${run}] ${count} samples, t=${s.t.toFixed(1)} s, heap ${formatBytes(s.heapUsed)}`;
  // Before the first fit there is no slope to show (a zero would read as "flat").
  if (live.slopeBytesPerSec === 0 && live.ci95[0] === 0 && live.ci95[1] === 0) return `${head}, no slope yet (${live.reason})`;
  return `[${run}] ${count} samples, t=${s.t.toFixed(1)} s, heap ${formatBytes(s.heapUsed)}, slope ${formatRate(live.slopeBytesPerSec)} ± ${formatBytes((live.ci95[1] - live.ci95[0]) / 2)}/s (95% CI ${formatRate(live.ci95[0])} … ${formatRate(live.ci95[1])}) ${live.decision}`;
}

/** The verdict block: reason, the top suspects with their roots and growth sites, fix and verify. */
export function verdictLines(report: Report, cwd: string, top = 3): string[] {
  const t = report.trend;
  const head = { leak: 'LEAK', 'no-leak': 'NO LEAK', inconclusive: 'INCONCLUSIVE' }[report.verdict];
  const lines = [`${head}: ${t.reason} (slope ${formatRate(t.slopeBytesPerSec)}, 95% CI ${formatRate(t.ci95[0])} … ${formatRate(t.ci95[1])})`];
  if (report.verdict === 'inconclusive' && t.needMoreSeconds) lines.push(`  about ${Math.ceil(t.needMoreSeconds)} s more sampling would decide it ("timeBudget")`);
  for (const s of report.suspects.slice(0, top)) {
    lines.push(`  #${s.rank} ${s.archetype}: \`${s.root.name}\` (${s.root.kind}) at ${where(s.root.location, cwd)}, ${formatRate(s.growthBytesPerSec)}, +${s.countDelta} ${s.className} entries`);
    if (s.growthSite) lines.push(`     grows at ${where(s.growthSite.location, cwd)}`);
    if (s.fix) lines.push(`     fix (${s.fix.kind}): ${s.fix.title}`);
  }
  const v = report.verify;
  if (v) lines.push(`  verify: after ${v.fixKind} the verdict is ${v.verdict === 'no-leak' ? 'PLATEAU' : v.verdict} (${formatRate(v.before.slopeBytesPerSec)} → ${formatRate(v.after.slopeBytesPerSec)})`);
  for (const w of report.warnings ?? []) lines.push(`  warning: ${w}`);
  return lines;
}
