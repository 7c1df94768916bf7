/**
 * Verify Fix for a hunt that F5 ran (a `leak-hunt` session): the same configuration is started
 * again as a verification session (same program, arguments, workload and budget; no scratch
 * copy, since the fix is now in the user's files), its progress in the Debug Console, and its
 * report handed back to Verify Fix instead of replacing the hunt on show.
 */
import * as vscode from 'vscode';
import { LeakHunterError } from '../../core/common/errors';
import type { Report } from '../../shared/report';
import type { LastHunt } from '../ctx';

/** The configuration attribute that marks a session as the verification of an earlier hunt. */
export const VERIFY_ATTRIBUTE = '__leakHunterVerify';

export interface VerifiedRun {
  report: Report;
  /** The verification's own folder (snapshots, report.json). */
  dir: string;
}

interface PendingVerify {
  resolve(run: VerifiedRun): void;
  reject(e: Error): void;
}

const pending = new Map<string, PendingVerify>();
let nextId = 0;

/** The verification a session runs for, when it is one (read by the editor host). */
export function verificationFor(configuration: vscode.DebugConfiguration): PendingVerify | undefined {
  const id = configuration[VERIFY_ATTRIBUTE];
  return typeof id === 'string' ? pending.get(id) : undefined;
}

/** Re-runs a leak-hunt configuration after a fix and returns the new report; Cancel stops the session. */
export async function verifyLaunchHunt(last: LastHunt, token: vscode.CancellationToken): Promise<VerifiedRun> {
  const id = `verify-${++nextId}`;
  let session: vscode.DebugSession | undefined;
  const result = new Promise<VerifiedRun>((resolve, reject) => pending.set(id, { resolve, reject }));
  const subs = [
    vscode.debug.onDidStartDebugSession(s => {
      if (s.configuration[VERIFY_ATTRIBUTE] === id) session = s;
    }),
    // A session that ends without handing a report back failed (its error is in the Debug Console).
    vscode.debug.onDidTerminateDebugSession(s => {
      if (s.configuration[VERIFY_ATTRIBUTE] === id) setTimeout(() => pending.get(id)?.reject(new LeakHunterError('verify', `"${last.configuration.name}" ended before the verification finished; see the Debug Console.`)), 500);
    }),
    token.onCancellationRequested(() => {
      pending.get(id)?.reject(new LeakHunterError('cancelled', 'Verification cancelled.'));
      if (session) void vscode.debug.stopDebugging(session);
    }),
  ];
  try {
    const configuration = { ...last.configuration, name: `${last.configuration.name} (verify fix)`, verifyFix: false, [VERIFY_ATTRIBUTE]: id };
    const started = await vscode.debug.startDebugging(last.folder, configuration);
    if (!started) throw new LeakHunterError('restart-failed', `Could not restart "${last.configuration.name}" to verify the fix.`);
    return await result;
  } finally {
    pending.delete(id);
    for (const s of subs) s.dispose();
  }
}
