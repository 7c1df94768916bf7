/** Byte counts and rates as people read them; shared by the server, the extension and the panel. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB"; negative values keep their sign. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${sign}${v.toFixed(digits)} ${UNITS[u]}`;
}

/** Bytes per second as "+1.2 MB/min" or "+300 KB/s", whichever reads better. */
export function formatRate(bytesPerSec: number): string {
  const sign = bytesPerSec >= 0 ? '+' : '-';
  const abs = Math.abs(bytesPerSec);
  return abs >= 10 * 1024 ? `${sign}${formatBytes(abs)}/s` : `${sign}${formatBytes(abs * 60)}/min`;
}
