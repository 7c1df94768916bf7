/** Number and location formatting shared by the Markdown report and the terminal. */
import path from 'node:path';
import type { SourceLocation } from '../../shared/report';

/** Bytes as a short human string (KB, MB with one decimal). */
export function formatBytes(b: number): string {
  const a = Math.abs(b);
  if (a >= 1024 * 1024) return `${(b / 1048576).toFixed(1)} MB`;
  if (a >= 1024) return `${(b / 1024).toFixed(1)} KB`;
  return `${Math.round(b)} B`;
}

/** Bytes per second, e.g. "120.3 KB/s". */
export function formatRate(b: number): string {
  return `${formatBytes(b)}/s`;
}

/** `file:line:column`, relative to `base` when inside it. */
export function formatLocation(loc: SourceLocation | undefined, base?: string): string {
  if (!loc) return '(location unknown)';
  const rel = base && loc.file.startsWith(base + path.sep) ? path.relative(base, loc.file) : loc.file;
  return `${rel}:${loc.line}:${loc.column}`;
}
