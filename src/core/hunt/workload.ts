/**
 * Workload drivers that keep the target busy through confirmation and capture: nothing (the
 * app drives itself), constant-rate HTTP from the hunter, a shell command, or an expression
 * evaluated in the target N times a second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { IDisposable } from '../common/disposable';
import { LeakHunterError } from '../common/errors';

export type WorkloadSpec =
  | { kind: 'none' }
  | { kind: 'http'; url: string; rate: number; method?: string; headers?: Record<string, string>; body?: string }
  | { kind: 'cmd'; command: string; cwd?: string }
  | { kind: 'expr'; expression: string; rate: number };

export interface WorkloadStats {
  sent: number;
  ok: number;
  errors: number;
  /** Requests skipped because too many were still in flight. */
  dropped: number;
  latencyMsP50?: number;
  latencyMsP95?: number;
  lastError?: string;
}

export interface WorkloadDriver extends IDisposable {
  readonly spec: WorkloadSpec;
  stats(): WorkloadStats;
}

/** What the expression driver needs from the target. */
export interface ExpressionRunner {
  evaluate(expression: string): Promise<unknown>;
}

/** Parses `none`, an http(s) URL, `cmd:<shell>` or `expr:<js>` into a spec. */
export function parseWorkload(text: string | undefined, o: { rate?: number; method?: string; headers?: string[]; body?: string } = {}): WorkloadSpec {
  const value = (text ?? 'none').trim();
  const rate = o.rate ?? 20;
  if (!(rate > 0 && rate <= 5000)) throw new LeakHunterError('usage', `--rate must be between 1 and 5000 per second, got ${o.rate}`);
  if (value === '' || value === 'none') return { kind: 'none' };
  if (/^https?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new LeakHunterError('usage', `--workload: "${value}" is not a valid URL`);
    }
    const headers: Record<string, string> = {};
    for (const h of o.headers ?? []) {
      const i = h.indexOf(':');
      if (i <= 0) throw new LeakHunterError('usage', `--header wants "Name: value", got "${h}"`);
      headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    return { kind: 'http', url: value, rate, method: (o.method ?? (o.body ? 'POST' : 'GET')).toUpperCase(), headers, body: o.body };
  }
  if (value.startsWith('cmd:')) {
    if (!value.slice(4).trim()) throw new LeakHunterError('usage', '--workload cmd: needs a shell command after "cmd:"');
    return { kind: 'cmd', command: value.slice(4).trim() };
  }
  if (value.startsWith('expr:')) {
    if (!value.slice(5).trim()) throw new LeakHunterError('usage', '--workload expr: needs a JavaScript expression after "expr:"');
    return { kind: 'expr', expression: value.slice(5).trim(), rate };
  }
  throw new LeakHunterError('usage', `--workload must be none, an http(s):// URL, cmd:<shell command> or expr:<js expression>; got "${value}"`);
}

class Stats {
  readonly s: WorkloadStats = { sent: 0, ok: 0, errors: 0, dropped: 0 };
  private latencies: number[] = [];
  record(ms: number) {
    this.latencies.push(ms);
    if (this.latencies.length > 2000) this.latencies = this.latencies.slice(-1000);
  }
  snapshot(): WorkloadStats {
    const l = [...this.latencies].sort((a, b) => a - b);
    const q = (p: number) => (l.length ? l[Math.min(l.length - 1, Math.floor(p * l.length))] : undefined);
    return { ...this.s, latencyMsP50: q(0.5), latencyMsP95: q(0.95) };
  }
}

/** Paces `fire` at `rate` per second without drift, at most `maxInFlight` concurrent. */
function pace(rate: number, maxInFlight: number, stats: Stats, fire: () => Promise<void>): IDisposable {
  let inFlight = 0;
  let due = Date.now();
  let stopped = false;
  const periodMs = 1000 / rate;
  const tick = () => {
    if (stopped) return;
    const now = Date.now();
    while (due <= now) {
      due += periodMs;
      if (inFlight >= maxInFlight) {
        stats.s.dropped++;
        continue;
      }
      inFlight++;
      stats.s.sent++;
      fire().finally(() => inFlight--);
    }
    timer = setTimeout(tick, Math.max(1, Math.min(50, due - Date.now())));
  };
  let timer = setTimeout(tick, 0);
  return { dispose: () => ((stopped = true), clearTimeout(timer)) };
}

function httpDriver(spec: Extract<WorkloadSpec, { kind: 'http' }>): WorkloadDriver {
  const stats = new Stats();
  const url = new URL(spec.url);
  const lib = url.protocol === 'https:' ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: 32 });
  let stopped = false;
  const fire = () =>
    new Promise<void>(resolve => {
      const t0 = Date.now();
      const req = lib.request(url, { method: spec.method ?? 'GET', headers: spec.headers, agent, timeout: 10_000 }, res => {
        res.resume();
        res.on('end', () => {
          stats.record(Date.now() - t0);
          if ((res.statusCode ?? 500) < 400) stats.s.ok++;
          else {
            stats.s.errors++;
            stats.s.lastError = `HTTP ${res.statusCode}`;
          }
          resolve();
        });
        res.on('error', () => resolve());
      });
      req.on('timeout', () => req.destroy(new Error('timed out after 10 s')));
      req.on('error', e => {
        // Requests cut short by stopping the workload are not the target's errors.
        if (stopped) return resolve();
        stats.s.errors++;
        stats.s.lastError = e.message;
        resolve();
      });
      if (spec.body) req.write(spec.body);
      req.end();
    });
  const pacer = pace(spec.rate, 64, stats, fire);
  return {
    spec,
    stats: () => stats.snapshot(),
    dispose: () => {
      stopped = true;
      pacer.dispose();
      agent.destroy();
    },
  };
}

function cmdDriver(spec: Extract<WorkloadSpec, { kind: 'cmd' }>): WorkloadDriver {
  const stats = new Stats();
  let child: ChildProcess | undefined = spawn(spec.command, { shell: true, cwd: spec.cwd, stdio: 'ignore', detached: process.platform !== 'win32' });
  stats.s.sent = 1;
  child.on('exit', code => {
    if (code === 0) stats.s.ok++;
    else if (child) {
      stats.s.errors++;
      stats.s.lastError = `load command exited with ${code}`;
    }
    child = undefined;
  });
  child.on('error', e => ((stats.s.errors++), (stats.s.lastError = e.message)));
  return {
    spec,
    stats: () => stats.snapshot(),
    dispose() {
      const c = child;
      child = undefined;
      if (c?.pid) {
        try {
          // The shell's children too: the command ran in its own process group.
          if (process.platform !== 'win32') process.kill(-c.pid, 'SIGTERM');
          else c.kill();
        } catch {
          c.kill();
        }
      }
    },
  };
}

function exprDriver(spec: Extract<WorkloadSpec, { kind: 'expr' }>, runner: ExpressionRunner): WorkloadDriver {
  const stats = new Stats();
  const pacer = pace(spec.rate, 4, stats, async () => {
    const t0 = Date.now();
    try {
      await runner.evaluate(`void (${spec.expression})`);
      stats.s.ok++;
      stats.record(Date.now() - t0);
    } catch (e) {
      stats.s.errors++;
      stats.s.lastError = (e as Error).message;
    }
  });
  return { spec, stats: () => stats.snapshot(), dispose: () => pacer.dispose() };
}

/** Starts the driver for `spec`; the expression driver evaluates through `runner`. */
export function startWorkload(spec: WorkloadSpec, runner: ExpressionRunner): WorkloadDriver {
  switch (spec.kind) {
    case 'none':
      return { spec, stats: () => ({ sent: 0, ok: 0, errors: 0, dropped: 0 }), dispose: () => undefined };
    case 'http':
      return httpDriver(spec);
    case 'cmd':
      return cmdDriver(spec);
    case 'expr':
      return exprDriver(spec, runner);
  }
}
