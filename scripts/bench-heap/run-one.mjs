// One measurement in a fresh process; prints `@@RESULT {json}`.
//   node run-one.mjs <engine> <op> <fileA> [fileB]   (env: OURS_BUNDLE, ANCHORS_DIR)
import os from 'node:os';
import { makeAdapters } from './adapters.mjs';

const [engine, op, fileA, fileB] = process.argv.slice(2);
const emit = o => process.stdout.write('@@RESULT ' + JSON.stringify({ engine, op, ...o }) + '\n');
process.on('uncaughtException', e => {
  emit({ ok: false, error: String(e?.stack ?? e).split('\n').slice(0, 2).join(' | ') });
  process.exit(3);
});
const adapters = makeAdapters({ oursBundle: process.env.OURS_BUNDLE, anchorsDir: process.env.ANCHORS_DIR });
const a = adapters[engine];
if (!a?.[op]) {
  emit({ ok: false, unsupported: true });
  process.exit(0);
}
const cpu0 = process.cpuUsage();
const t0 = performance.now();
try {
  const r = op === 'diff' ? await a.diff(fileA, fileB) : await a[op](fileA);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  emit({ ok: true, ms, maxRssMB: process.resourceUsage().maxRSS / 1024, cpuMs: (cpu.user + cpu.system) / 1000, load1: os.loadavg()[0], splitMs: r?.splitMs, result: r?.result });
} catch (e) {
  emit({ ok: false, ms: performance.now() - t0, maxRssMB: process.resourceUsage().maxRSS / 1024, error: String(e?.message ?? e).split('\n')[0].slice(0, 300) });
  process.exit(2);
}
process.exit(0);
