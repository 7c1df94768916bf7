/**
 * Verification: apply the top fix to a scratch copy of the program, re-run the same command and
 * workload, and compare slopes; when growth remains, name the next retainer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Report, Suspect, VerifyResult } from '../../shared/report';
import type { CancellationToken } from '../common/cancellation';
import { LeakHunterError } from '../common/errors';
import type { ProgressSink } from '../common/progress';
import { applyTextEdits } from '../fix/edits';
import type { ProposedFix } from '../fix/propose';
import { parseJs } from '../leak/script';
import { finalVerdict } from '../leak/verdict';
import { runOnce } from './run';
import { suspectsFor } from './suspects';
import type { HuntObserver, HuntOptions } from './types';

function commonDir(paths: string[]): string {
  let dir = path.dirname(paths[0]);
  while (!paths.every(p => p === dir || p.startsWith(dir + path.sep))) dir = path.dirname(dir);
  return dir;
}

/** The script a node command line runs (first non-option argument), resolved against cwd. */
export function scriptOf(command: string[], cwd: string): string | undefined {
  const valueFlags = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-e', '--eval', '-p', '--print', '--env-file', '--conditions', '-C', '--max-old-space-size', '--title']);
  for (let i = 1; i < command.length; i++) {
    const a = command[i];
    if (valueFlags.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return path.resolve(cwd, a);
  }
  return undefined;
}

function copyTree(from: string, to: string, skip: Set<string>): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (skip.has(src) || e.name === '.git') continue;
    if (e.name === 'node_modules' || e.name.startsWith('leak-hunt-')) {
      // Dependencies are not edited: link them instead of copying.
      if (e.name === 'node_modules') fs.symlinkSync(src, dst, 'dir');
      continue;
    }
    if (e.isDirectory()) copyTree(src, dst, skip);
    else if (e.isFile()) fs.copyFileSync(src, dst);
  }
}

/** Dependencies found above the copied folder (a loader such as tsx) must still resolve from the copy. */
function linkAncestorModules(root: string, scratch: string): void {
  if (fs.existsSync(path.join(scratch, 'node_modules'))) return;
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (fs.existsSync(candidate)) {
      fs.symlinkSync(candidate, path.join(scratch, 'node_modules'), 'dir');
      return;
    }
    if (dir === path.dirname(dir)) return;
  }
}

/** Applies the fix's generated-side edits in a scratch copy and re-runs the same hunt there. */
export async function verifyFix(options: HuntOptions, before: Report, proposed: ProposedFix, observer: HuntObserver, progress: ProgressSink, token: CancellationToken): Promise<VerifyResult> {
  if (options.target.kind !== 'launch') throw new LeakHunterError('verify', 'verification needs a launched target');
  const cwd = options.target.cwd ?? process.cwd();
  const script = scriptOf(options.target.command, cwd);
  const files = [...new Set(proposed.generatedEdits.map(e => e.file))];
  // The copy must hold the edited files, the script and the working directory, so relative
  // arguments resolve to the copy.
  const root = commonDir([...files, ...(script ? [script] : []), path.resolve(cwd)]);
  if (root === path.parse(root).root) throw new LeakHunterError('verify', 'the edited files share no folder with the program: cannot make a scratch copy');
  const scratchBase = options.scratchDir ?? path.join(options.outDir, 'verify');
  const scratch = path.join(scratchBase, path.basename(root));
  fs.rmSync(scratch, { recursive: true, force: true });
  copyTree(root, scratch, new Set([path.resolve(scratchBase), path.resolve(options.outDir)]));
  linkAncestorModules(root, scratch);
  const inScratch = (p: string) => (p === root || p.startsWith(root + path.sep) ? path.join(scratch, path.relative(root, p)) : p);
  for (const file of files) {
    const target = inScratch(file);
    const edited = applyTextEdits(fs.readFileSync(file, 'utf8'), proposed.generatedEdits.filter(e => e.file === file).map(e => ({ ...e, file: target })));
    try {
      // TypeScript (run through a loader) is checked by the loader itself when the copy runs.
      if (/\.(c|m)?js$/i.test(file)) parseJs(edited, /\.mjs$/.test(file) || /^\s*(import|export)\s/m.test(edited));
    } catch (e) {
      throw new LeakHunterError('verify', `the fixed ${path.basename(file)} does not parse (${(e as Error).message}); the fix was not verified`);
    }
    fs.writeFileSync(target, edited);
  }
  const command = options.target.command.map((a, i) => (i === 0 ? a : path.isAbsolute(a) ? inScratch(a) : a));
  const targetCwd = inScratch(cwd);
  const r = await runOnce({ ...options.target, command, cwd: targetCwd }, { ...options, outDir: path.join(scratchBase, 'snapshots') }, 'verify', observer, progress, token, 'verify');
  if (r.failure) throw new LeakHunterError('verify', `the fixed program failed during verification: ${r.failure.message}`);
  const verdict = finalVerdict(r.assessment);
  let nextSuspect: Suspect | undefined;
  if (verdict === 'leak' && r.ladder) {
    nextSuspect = suspectsFor(r).suspects[0];
  }
  return {
    verdict,
    before: { slopeBytesPerSec: before.trend.slopeBytesPerSec, ci95: before.trend.ci95 },
    after: { slopeBytesPerSec: r.assessment.slopeBytesPerSec, ci95: r.assessment.ci95 },
    samples: r.samples.map(s => ({ t: s.t, heapUsed: s.heapUsed, rss: s.rss })),
    fixKind: proposed.fix.kind,
    ...(nextSuspect ? { nextSuspect } : {}),
    scratchDir: scratch,
  };
}
