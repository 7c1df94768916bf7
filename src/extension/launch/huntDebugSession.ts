/**
 * The `leak-hunt` debug adapter: F5 on a launch configuration runs the whole hunt (launch,
 * confirm, snapshot ladder, attribution) and reports in the Debug Console, then ends by itself.
 * It imports no `vscode`: the editor (or a test) supplies the analyzer and where results go.
 */
import { ExitedEvent, InitializedEvent, LoggingDebugSession, OutputEvent, TerminatedEvent, Thread } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { CancellationTokenSource } from '../../core/common/cancellation';
import { errorMessage, isCancellation } from '../../core/common/errors';
import { HuntError, runHunt, type HuntObserver } from '../../core/hunt';
import type { SnapshotAnalyzer } from '../../core/heap/model';
import { ExitCode, type Report } from '../../shared/report';
import { HuntCapture } from './capture';
import { exitCodeFor, exitLine, phaseLine, sampleLine, verdictLines } from './consoleText';
import { resolveLaunchArgs, type LeakHuntLaunchArgs, type ResolvedHunt } from './launchArgs';

export type HuntOutcome = 'done' | 'failed' | 'cancelled';

/** One hunt's resources, provided by the host. */
export interface HuntRun {
  /** Folder for snapshots and the report. */
  readonly dir: string;
  readonly analyzer: SnapshotAnalyzer;
  /** Mirrors of the hunt's events (the panel and status bar in VS Code). */
  readonly observer?: HuntObserver;
  /** Saves the report, final or partial, and publishes it; returns the report file. */
  finish(report: Report, outcome: HuntOutcome, message?: string): Promise<string>;
  dispose(): void;
}

export interface LeakHuntHost {
  /** Prepares a hunt; throws (with a message for people) when it cannot run now. */
  begin(hunt: ResolvedHunt): Promise<HuntRun>;
}

/** Samples between two live lines in the console: enough to follow, few enough to read. */
const LIVE_EVERY = 5;
/** How long Stop waits for the program to be shut down and the capture saved. */
const STOP_GRACE_MS = 15_000;

/** Waits for `p` or `ms`, whichever comes first, without leaving a timer behind. */
async function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise(r => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

export class LeakHuntDebugSession extends LoggingDebugSession {
  private readonly cts = new CancellationTokenSource();
  private configured?: () => void;
  private readonly configurationDone = new Promise<void>(r => (this.configured = r));
  private hunt?: Promise<void>;
  private ended = false;

  constructor(private readonly host: LeakHuntHost) {
    super();
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = { ...response.body, supportsConfigurationDoneRequest: true, supportsTerminateRequest: true, supportTerminateDebuggee: true };
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    this.configured?.();
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [new Thread(1, 'Leak hunt')] };
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments & LeakHuntLaunchArgs): Promise<void> {
    let resolved: ResolvedHunt;
    try {
      resolved = resolveLaunchArgs(args);
    } catch (e) {
      this.sendErrorResponse(response, { id: 1001, format: `Leak Hunter: ${errorMessage(e)}`, showUser: true });
      return;
    }
    await settledWithin(this.configurationDone, 1000);
    this.sendResponse(response);
    this.hunt = this.run(resolved);
  }

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    await this.stopHunt();
    this.sendResponse(response);
  }

  protected override async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.stopHunt();
    this.sendResponse(response);
  }

  /** Cancels the hunt; runHunt shuts the program down on its way out, the capture is saved. */
  private async stopHunt(): Promise<void> {
    this.cts.cancel();
    if (this.hunt) await settledWithin(this.hunt, STOP_GRACE_MS);
  }

  /**
   * VS Code colours Debug Console output by category: stdout plain, console as a warning,
   * stderr as an error, important also as a notification.
   */
  private print(text: string, category: 'console' | 'stdout' | 'stderr' | 'important' = 'stdout'): void {
    this.sendEvent(new OutputEvent(text.endsWith('\n') ? text : `${text}\n`, category));
  }

  private async run(h: ResolvedHunt): Promise<void> {
    let run: HuntRun | undefined;
    let code: number = ExitCode.error;
    const capture = new HuntCapture();
    try {
      run = await this.host.begin(h);
      this.print(`Leak Hunter: ${h.commandLine}`);
      this.print(`  workload ${h.options.workload?.kind ?? 'none'}, sampling every ${h.sampleIntervalMs} ms for at most ${h.timeBudgetSec} s, ${h.snapshots} snapshots; files in ${run.dir}`);
      const report = await runHunt({ ...h.options, analyzer: run.analyzer, outDir: run.dir }, this.observer(run, capture), undefined, this.cts.token);
      code = exitCodeFor(report.verdict);
      for (const line of verdictLines(report, h.cwd)) this.print(line, line.startsWith(' ') ? 'stdout' : 'important');
      this.print(`Report: ${await run.finish(report, 'done')}`);
    } catch (e) {
      code = ExitCode.error;
      const cancelled = isCancellation(e);
      const message = cancelled ? 'the hunt was stopped' : errorMessage(e);
      this.print(cancelled ? 'Hunt stopped: the program was shut down.' : `Hunt failed: ${message}`, cancelled ? 'stdout' : 'stderr');
      if (run) {
        const partial = e instanceof HuntError ? e.partial : capture.partialReport(message, h.options.target.kind === 'launch' ? h.options.target.command : undefined);
        const file = await run.finish(partial, cancelled ? 'cancelled' : 'failed', message).catch(err => (this.print(`could not save the report: ${errorMessage(err)}`, 'stderr'), undefined));
        this.print(`Kept ${partial.trend.samples.length} samples and ${partial.snapshots.length} snapshots in ${run.dir}${file ? `; report: ${file}` : ''}`);
      }
    } finally {
      run?.dispose();
    }
    this.print(exitLine(code), code === ExitCode.error ? 'stderr' : 'stdout');
    this.end(code);
  }

  private observer(run: HuntRun, capture: HuntCapture): HuntObserver {
    const mirror = run.observer ?? {};
    let samples = 0;
    let lastDecision = '';
    return {
      onPhase: (phase, message) => {
        // Phases without a message are bookkeeping (sampling resumes after a snapshot, 'fix' also
        // runs after a failed run): the console only gets the ones that say something.
        if (phase !== 'done' && message) this.print(phaseLine(phase, message));
        mirror.onPhase?.(phase, message);
      },
      onSample: (sample, live) => {
        capture.addSample(sample, live);
        samples++;
        if (samples % LIVE_EVERY === 0 || live.decision !== lastDecision) this.print(sampleLine(samples, sample, live));
        lastDecision = live.decision;
        mirror.onSample?.(sample, live);
      },
      onSnapshot: snapshot => {
        capture.addSnapshot(snapshot);
        this.print(`  snapshot at ${snapshot.t.toFixed(1)} s → ${snapshot.file}`);
        mirror.onSnapshot?.(snapshot);
      },
      onWarning: message => {
        this.print(`warning: ${message}`, 'console');
        mirror.onWarning?.(message);
      },
      // The program's own output, as it wrote it (no added newlines).
      onOutput: (text, stream) => this.sendEvent(new OutputEvent(text, stream)),
    };
  }

  private end(code: number): void {
    if (this.ended) return;
    this.ended = true;
    this.sendEvent(new ExitedEvent(code));
    this.sendEvent(new TerminatedEvent());
  }

  override dispose(): void {
    this.cts.cancel();
    super.dispose();
  }
}
