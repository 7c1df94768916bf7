import type { ProgressSink } from '../../core/common/progress';
import type { PathStep } from '../../core/heap';

/** 1.2 MB style sizes for terminal tables. */
export function bytes(n: number): string {
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (abs < 1024) return `${sign}${abs} B`;
  if (abs < 1024 * 1024) return `${sign}${(abs / 1024).toFixed(1)} kB`;
  if (abs < 1024 ** 3) return `${sign}${(abs / 1024 / 1024).toFixed(1)} MB`;
  return `${sign}${(abs / 1024 ** 3).toFixed(2)} GB`;
}

/** A signed size delta: +1.2 MB. */
export function signedBytes(n: number): string {
  return (n > 0 ? '+' : '') + bytes(n);
}

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
