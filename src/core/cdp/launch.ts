/**
 * Launching the program under the inspector: `node --inspect=127.0.0.1:0 …`, the WebSocket URL
 * read from stderr, a clean shutdown (SIGTERM, then SIGKILL) of what we launched, and clear
 * errors for a program that is not Node, exits early or crashes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { IDisposable } from '../common/disposable';
import { LeakHunterError } from '../common/errors';

export interface LaunchSpec {
  /** Full command line; its program must be node (any path or name ending in node). */
  command: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the program's own stdout/stderr go (default: discarded except a tail kept for errors). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LaunchedTarget extends IDisposable {
  readonly pid: number;
  readonly wsUrl: string;
  readonly command: string[];
  /** Resolves when the process exits, for whatever reason. */
  readonly exited: Promise<ExitInfo>;
  /** Resolves when the program has finished and only waits for its debugger to disconnect. */
  readonly exiting: Promise<void>;
  readonly hasExited: boolean;
  /** Last lines the program wrote to stderr, for error messages. */
  stderrTail(): string;
  /** Stops the process: SIGTERM, then SIGKILL after `graceMs`. */
  shutdown(graceMs?: number): Promise<ExitInfo>;
}

/** True when the command's program is Node (node, nodejs, /path/to/node, node20, or our own execPath). */
export function isNodeProgram(program: string): boolean {
  if (program === process.execPath) return true;
  const base = path.basename(program).toLowerCase().replace(/\.exe$/, '');
  return /^node(js)?(\d+(\.\d+)*)?$/.test(base);
}

/** Inserts `--inspect=127.0.0.1:0` after the node executable, replacing any inspect flag the user gave. */
export function withInspectFlag(command: string[]): string[] {
  const [program, ...args] = command;
  const kept = args.filter(a => !/^--inspect(-brk|-port|-wait)?(=|$)/.test(a));
  return [program, '--inspect=127.0.0.1:0', ...kept];
}

/** Spawns the program with the inspector on a random loopback port and waits for its URL. */
export async function launchNode(spec: LaunchSpec, timeoutMs = 15_000): Promise<LaunchedTarget> {
  if (spec.command.length === 0) throw new LeakHunterError('usage', 'no command to launch: put it after `--`, e.g. `-- node app.js`');
  const program = spec.command[0];
  if (!isNodeProgram(program)) {
    throw new LeakHunterError(
      'not-node',
      `"${program}" is not node: launch the program with node directly (e.g. \`-- node dist/app.js\`, or \`-- node --import tsx app.ts\` for TypeScript), or start it with --inspect and use --attach`,
    );
  }
  const argv = withInspectFlag(spec.command);
  const exe = path.basename(program) === 'node' && !program.includes(path.sep) ? process.execPath : program;
  let child: ChildProcess;
  try {
    child = spawn(exe, argv.slice(1), { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new LeakHunterError('launch', `cannot start ${program}: ${(e as Error).message}`);
  }
  let stderr = '';
  let exitInfo: ExitInfo | undefined;
  let markExiting: () => void = () => undefined;
  const exiting = new Promise<void>(r => (markExiting = r));
  const exited = new Promise<ExitInfo>(resolve => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.once('error', e => {
      stderr += `\n${e.message}`;
      exitInfo = { code: -1, signal: null };
      resolve(exitInfo);
    });
  });
  child.stdout?.on('data', (d: Buffer) => spec.onOutput?.(d.toString(), 'stdout'));
  const wsUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LeakHunterError('launch', `node did not open its inspector within ${timeoutMs / 1000} s${tail()}`)), timeoutMs);
    const tail = () => (stderr.trim() ? `; it printed:\n${stderr.trim().split('\n').slice(-8).join('\n')}` : '');
    child.stderr?.on('data', (d: Buffer) => {
      const text = d.toString();
      stderr = (stderr + text).slice(-8192);
      const m = /Debugger listening on (ws:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
      if (/Waiting for the debugger to disconnect/.test(text)) markExiting();
      if (!/Debugger listening|For help, see|Debugger attached|Waiting for the debugger/.test(text)) spec.onOutput?.(text, 'stderr');
    });
    void exited.then(info => {
      clearTimeout(timer);
      reject(new LeakHunterError('target-exited', `the program exited before its inspector opened (code ${info.code ?? info.signal})${tail()}`));
    });
  });
  const shutdown = async (graceMs = 3000): Promise<ExitInfo> => {
    if (exitInfo) return exitInfo;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const info = await exited;
    clearTimeout(timer);
    return info;
  };
  return {
    pid: child.pid ?? -1,
    wsUrl,
    command: argv,
    exited,
    exiting,
    get hasExited() {
      return exitInfo !== undefined;
    },
    stderrTail: () => stderr.trim().split('\n').filter(l => !/Debugger (listening|attached|ending)|For help, see|Waiting for the debugger/.test(l)).slice(-10).join('\n'),
    shutdown,
    dispose: () => void shutdown(),
  };
}
