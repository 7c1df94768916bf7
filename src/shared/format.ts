import type { SourceLocation } from './report';

/** Human-readable numbers for every part of the product (panel, diagnostics, status bar). SI units (kB = 1000 B), as Node and DevTools memory figures use. */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number, digits = 1): string {
  if (!Number.isFinite(bytes)) return '–';
  const abs = Math.abs(bytes);
  let u = 0;
  let v = abs;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  const text = u === 0 ? String(Math.round(v)) : v.toFixed(v >= 100 ? 0 : digits);
  return `${bytes < 0 ? '−' : ''}${text} ${UNITS[u]}`;
}

/** Bytes with an explicit sign, for deltas: "+1.2 MB", "−40 kB", "0 B". */
export function formatSignedBytes(bytes: number): string {
  if (bytes > 0) return `+${formatBytes(bytes)}`;
  return formatBytes(bytes);
}

export function formatRate(bytesPerSec: number): string {
  return `${formatSignedBytes(bytesPerSec)}/s`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatSignedCount(n: number): string {
  const s = formatCount(Math.abs(n));
  return n > 0 ? `+${s}` : n < 0 ? `−${s}` : '0';
}

export function formatSeconds(sec: number): string {
  if (!Number.isFinite(sec)) return '–';
  if (sec < 90) return `${Math.round(sec)} s`;
  const m = Math.floor(sec / 60);
  const s = Math.round(sec % 60);
  return s ? `${m} min ${s} s` : `${m} min`;
}

/** The file name of a path or URL: heap snapshots name scripts either way. */
export function baseName(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut >= 0 ? file.slice(cut + 1) : file;
}

/** `file:line:column`, relative to `base` when the file is inside it; both separators accepted. */
export function formatLocation(loc: SourceLocation | undefined, base?: string): string {
  if (!loc) return '(location unknown)';
  const root = base?.replace(/[\\/]+$/, '');
  const inside = root && (loc.file.startsWith(root + '/') || loc.file.startsWith(root + '\\'));
  return `${inside ? loc.file.slice(root.length + 1) : loc.file}:${loc.line}:${loc.column}`;
}
