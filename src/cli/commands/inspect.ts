import * as fs from 'node:fs';
import type { Command } from '../main';
import { LeakHunterError } from '../../core/common/errors';
import { loadSnapshot, summarize } from '../../core/heap';
import { numberFlag, parseArgs } from '../args';
import type { ProgressSink } from '../../core/common/progress';
import type { PathStep } from '../../core/heap';
import { formatBytes } from '../../shared/format';

const usage = `Usage: leak-hunter inspect <file.heapsnapshot> [--json] [--top N]

Parses a V8 heap snapshot and prints node and edge counts, the total size and the classes
that retain the most memory (DevTools' rules: dominators over essential edges).

Options:
  --json     Print JSON (top-level nodeCount, edgeCount, totalSize, topClasses)
  --top N    How many classes to list (default 20)`;

export const inspectCommand: Command = {
  summary: 'Summarise one heap snapshot: counts, total size, top classes by retained size',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { booleans: ['json'], values: ['top'] });
    if (args.positionals.length !== 1) throw new LeakHunterError('usage', `inspect takes one snapshot file\n\n${usage}`);
    const file = args.positionals[0];
    const top = numberFlag(args, 'top', 20, 1, 10000);
    const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    const started = performance.now();
    const snapshot = await loadSnapshot(file, { progress: stderrProgress(size) });
    endProgress();
    const summary = summarize(snapshot, top);
    const seconds = (performance.now() - started) / 1000;
    if (args.flags.has('json')) {
      process.stdout.write(JSON.stringify({ file, ...summary, seconds: Number(seconds.toFixed(3)) }, null, 2) + '\n');
      return 0;
    }
    const out = [
      `${file}`,
      `  nodes       ${summary.nodeCount.toLocaleString('en-US')}`,
      `  edges       ${summary.edgeCount.toLocaleString('en-US')}`,
      `  total size  ${formatBytes(summary.totalSize)} (${summary.totalSize.toLocaleString('en-US')} bytes)`,
      summary.unreachableNodes ? `  unreachable ${summary.unreachableNodes.toLocaleString('en-US')} nodes (only weak retainers)` : '',
      `  analysed in ${seconds.toFixed(2)} s`,
      '',
      table(
        ['Class', 'Count', 'Shallow', 'Retained'],
        summary.topClasses.map(c => [c.className || '(anonymous)', c.count.toLocaleString('en-US'), formatBytes(c.shallowSize), formatBytes(c.retainedSize)]),
      ),
    ].filter(l => l !== '');
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  },
};

// Terminal formatting shared by inspect and diff.

/** Right-aligned plain-text table. The first column is left-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A retainer path on one line per hop, GC root first. */
export function formatPath(steps: PathStep[], indent = '    '): string {
  return steps
    .map(s => {
      const loc = s.location ? ` (${s.location.scriptName}:${s.location.line}:${s.location.column})` : '';
      return `${indent}--${s.edgeType}:${s.edge}--> ${s.node} @${s.nodeId}${loc}`;
    })
    .join('\n');
}

/** Progress on stderr: a rewritten line on a terminal, sparse lines otherwise; silent for small jobs. */
export function stderrProgress(totalBytes: number): ProgressSink | undefined {
  if (totalBytes < 32 * 1024 * 1024) return undefined;
  const tty = process.stderr.isTTY;
  let last = '';
  return report => {
    const pct = report.fraction !== undefined ? ` ${Math.round(report.fraction * 100)}%` : '';
    const text = `${report.phase}${pct}`;
    if (text === last) return;
    last = text;
    if (tty) process.stderr.write(`\r\x1b[K${text}`);
    else process.stderr.write(`${text}\n`);
  };
}

/** Ends a progress line on a terminal. */
export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
