/**
 * The hunt's time axis. A heap snapshot stops the target's JavaScript for as long as V8 takes to
 * write it (minutes on a heap of several hundred MB), and a breakpoint stops it for as long as the
 * user likes. Neither is time in which the program could have leaked, so counting it would dilute
 * the slope and flatten the recent window into a false plateau. Sample times are therefore seconds
 * of *running* time: wall time minus the spans during which the hunt knows the target was frozen.
 */
export class HuntClock {
  private readonly startedAt: number;
  private frozenMs = 0;

  constructor(private readonly wallNow: () => number = Date.now) {
    this.startedAt = wallNow();
  }

  /** Seconds the target has been running since the hunt started, frozen spans excluded. */
  now(): number {
    return (this.wallNow() - this.startedAt - this.frozenMs) / 1000;
  }

  /** Total seconds excluded so far. */
  get frozenSec(): number {
    return this.frozenMs / 1000;
  }

  /** Excludes a span measured by the caller (a wait for a paused target to run again). */
  exclude(ms: number): void {
    this.frozenMs += Math.max(0, ms);
  }

  /** Runs `work`, during which the target is frozen, and excludes its duration from the axis (also when it fails). */
  async frozen<T>(work: () => Promise<T>): Promise<T> {
    const from = this.wallNow();
    try {
      return await work();
    } finally {
      this.exclude(this.wallNow() - from);
    }
  }
}
