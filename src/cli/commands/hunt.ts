import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../main';
import { flag, numberFlag, parseArgs, type ParsedArgs } from '../args';
import { ExitCode, type Report, type Verdict } from '../../shared/report';
import { CancellationTokenSource } from '../../core/common/cancellation';
import { LeakHunterError } from '../../core/common/errors';
import { createLocalAnalyzer, type SnapshotAnalyzer } from '../../core/heap';
import { defaultOutDir, HuntError, parseWorkload, runHunt, type HuntObserver, type HuntOptions, type TargetSpec } from '../../core/hunt';
import { toJson } from '../../core/report/json';
import { toMarkdown } from '../../core/report/markdown';
import { toSarif } from '../../core/report/sarif';
import { formatBytes, formatLocation, formatRate } from '../../shared/format';

const usage = `Usage: leak-hunter hunt [options] -- node app.js [args]
       leak-hunter hunt --attach <port | ws://127.0.0.1:port/id> [options]

Confirms a memory leak statistically, captures a heap snapshot ladder, names the retaining root
and its source line, proposes a fix, and (with --verify-fix) proves the plateau.

Target:
  -- node app.js [args]      launch the program with the inspector on 127.0.0.1 (random port)
  --attach <port|ws-url>     attach to a process started with --inspect=127.0.0.1:<port>
  --cwd <dir>                working directory for the launched program

Workload (runs through confirmation and capture):
  --workload none            the program drives itself (default)
  --workload <http(s)-url>   constant-rate HTTP load: --rate N (per second, default 20),
                             --method M, --header "Name: value" (repeatable), --body TEXT
  --workload cmd:<shell>     run a load command
  --workload expr:<js>       evaluate an expression in the target --rate times a second

Sampling and verdict:
  --min-duration <s>         no verdict before this (default 30)
  --max-duration <s>         budget; undecided by then is inconclusive (default 90)
  --interval <ms>            sampling cadence after forced GC (default 500)
  --min-slope <bytes/s>      smallest growth worth calling a leak (default 16384)
  --snapshots <n>            snapshots in the ladder (default 3, at least 3)

Output:
  --out <dir>                folder for snapshots (default: ./leak-hunt-<time>)
  --json <file>              the report (contract in DESIGN.md)
  --md <file>                the four-part report a person reads
  --sarif <file>             SARIF results at the root locations, with the fix
  --verify-fix               apply the top fix to a scratch copy and re-run the same workload
  --show-output              pass the program's output through
  --quiet                    no live progress

Exit codes: 0 no leak, 1 leak, 3 inconclusive, 2 usage or runtime error.`;

/** The in-process heap engine (the extension passes one backed by its language server instead). */
function localAnalyzer(): SnapshotAnalyzer {
  return createLocalAnalyzer();
}

function targetFrom(args: ParsedArgs): TargetSpec {
  const attach = flag(args, 'attach');
  if (attach && args.rest.length) throw new LeakHunterError('usage', 'give either --attach or a command after --, not both');
  if (attach) return { kind: 'attach', endpoint: attach };
  if (!args.rest.length) throw new LeakHunterError('usage', `nothing to hunt: put the program after --, e.g. \`leak-hunter hunt -- node app.js\`, or use --attach <port>\n\n${usage}`);
  const cwd = path.resolve(flag(args, 'cwd') ?? process.cwd());
  if (!fs.existsSync(cwd)) throw new LeakHunterError('usage', `--cwd ${cwd} does not exist`);
  return { kind: 'launch', command: args.rest, cwd };
}

function live(quiet: boolean, showOutput: boolean): HuntObserver & { end(): void } {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  let pending = '';
  const write = (text: string, force = false) => {
    if (quiet) return;
    if (tty) process.stderr.write(`\r\x1b[2K${text}`);
    else if (force || Date.now() - lastLine > 5000) {
      lastLine = Date.now();
      process.stderr.write(text + '\n');
    }
    pending = text;
  };
  const line = (text: string) => {
    if (quiet) return;
    if (tty && pending) process.stderr.write('\r\x1b[2K');
    process.stderr.write(text + '\n');
    pending = '';
  };
  let samples = 0;
  return {
    onPhase: (phase, message) => {
      if (phase === 'launch') samples = 0;
      if (message || phase !== 'sampling') line(`[${phase}]${message ? ` ${message}` : ''}`);
    },
    onSample: (s, t) => {
      samples++;
      write(`[${t.run === 'verify' ? 'verify' : 'sampling'}] ${samples} samples, t=${s.t.toFixed(1)} s, heap ${formatBytes(s.heapUsed)}, slope ${formatRate(t.slopeBytesPerSec)} [${formatRate(t.ci95[0])}, ${formatRate(t.ci95[1])}] ${t.decision}`);
    },
    onSnapshot: s => line(`  snapshot at ${s.t.toFixed(1)} s → ${s.file}`),
    onWarning: m => line(`warning: ${m}`),
    onOutput: showOutput ? (text, stream) => (stream === 'stderr' ? process.stderr : process.stdout).write(text) : undefined,
    end: () => pending && tty && process.stderr.write('\n'),
  };
}

function writeReports(args: ParsedArgs, report: Report): string[] {
  const written: string[] = [];
  const out = (name: string, render: () => string) => {
    const file = flag(args, name);
    if (!file) return;
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, render());
    written.push(file);
  };
  out('json', () => toJson(report));
  out('md', () => toMarkdown(report, process.cwd()));
  out('sarif', () => toSarif(report));
  return written;
}

function summary(report: Report): string {
  const t = report.trend;
  const lines = [`${{ leak: 'LEAK', 'no-leak': 'NO LEAK', inconclusive: 'INCONCLUSIVE' }[report.verdict]}: ${t.reason}`];
  if (report.verdict === 'inconclusive' && t.needMoreSeconds) lines.push(`  would need about ${t.needMoreSeconds} s more (--max-duration)`);
  for (const s of report.suspects.slice(0, 3)) {
    lines.push(`  #${s.rank} ${s.archetype}: \`${s.root.name}\` (${s.root.kind}) at ${formatLocation(s.root.location, process.cwd())}, ${formatRate(s.growthBytesPerSec)}, +${s.countDelta} ${s.className} entries`);
    if (s.growthSite) lines.push(`     grows at ${formatLocation(s.growthSite.location, process.cwd())}`);
    if (s.fix) lines.push(`     fix (${s.fix.kind}): ${s.fix.title}`);
  }
  const v = report.verify;
  if (v) lines.push(`  verify: after ${v.fixKind} the verdict is ${v.verdict === 'no-leak' ? 'PLATEAU' : v.verdict} (${formatRate(v.before.slopeBytesPerSec)} → ${formatRate(v.after.slopeBytesPerSec)})`);
  for (const w of report.warnings ?? []) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

const exitFor = (v: Verdict) => (v === 'leak' ? ExitCode.leak : v === 'no-leak' ? ExitCode.noLeak : ExitCode.inconclusive);

export const huntCommand: Command = {
  summary: 'confirm a leak, find its retaining root and source line, propose and verify a fix',
  usage,
  async run(argv) {
    const args = parseArgs(argv, {
      booleans: ['verify-fix', 'quiet', 'show-output'],
      values: ['attach', 'cwd', 'workload', 'rate', 'method', 'header', 'body', 'out', 'json', 'md', 'sarif', 'min-duration', 'max-duration', 'interval', 'min-slope', 'snapshots'],
    });
    if (args.positionals.length) throw new LeakHunterError('usage', `unexpected argument "${args.positionals[0]}": the program goes after --`);
    const target = targetFrom(args);
    const workload = parseWorkload(flag(args, 'workload'), { rate: numberFlag(args, 'rate', 20, 0.1, 5000), method: flag(args, 'method'), headers: args.flags.get('header'), body: flag(args, 'body') });
    const minDurationSec = numberFlag(args, 'min-duration', 30, 5, 3600);
    const options: HuntOptions = {
      target,
      workload,
      analyzer: localAnalyzer(),
      outDir: path.resolve(flag(args, 'out') ?? defaultOutDir(process.cwd())),
      sampleIntervalMs: numberFlag(args, 'interval', 500, 50, 60_000),
      snapshots: numberFlag(args, 'snapshots', 3, 3, 10),
      verdict: { minDurationSec, maxDurationSec: numberFlag(args, 'max-duration', Math.max(90, minDurationSec), minDurationSec, 7200), minSlopeBytesPerSec: numberFlag(args, 'min-slope', 16384, 1, 1e9) },
      verifyFix: flag(args, 'verify-fix') === 'true',
    };
    const view = live(flag(args, 'quiet') === 'true', flag(args, 'show-output') === 'true');
    const cts = new CancellationTokenSource();
    const onSignal = () => cts.cancel();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const report = await runHunt(options, view, () => undefined, cts.token);
      view.end();
      const written = writeReports(args, report);
      process.stdout.write(summary(report) + '\n');
      if (written.length) process.stdout.write(`  reports: ${written.join(', ')}\n`);
      process.stdout.write(`  snapshots: ${options.outDir}\n`);
      return exitFor(report.verdict);
    } catch (e) {
      view.end();
      if (e instanceof HuntError) {
        const written = writeReports(args, e.partial);
        process.stderr.write(`leak-hunter: ${e.message}\n`);
        if (e.partial.trend.samples.length || e.partial.snapshots.length) process.stderr.write(`  kept: ${e.partial.trend.samples.length} samples, ${e.partial.snapshots.length} snapshots in ${options.outDir}${written.length ? `, reports ${written.join(', ')}` : ''}\n`);
        return ExitCode.error;
      }
      throw e;
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      cts.dispose();
      options.analyzer.dispose?.();
    }
  },
};
