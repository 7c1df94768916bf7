import type { HuntStatus } from '../../../src/shared/webview';
import { isRunningPhase } from '../../../src/shared/webview';
import { formatSeconds } from '../../../src/shared/format';

const PHASE_TEXT: Record<HuntStatus['phase'], string> = {
  idle: 'Idle',
  starting: 'Starting the hunt',
  warmup: 'Warming up',
  sampling: 'Sampling memory after GC',
  snapshotting: 'Taking heap snapshots',
  analyzing: 'Comparing snapshots',
  verifying: 'Verifying the fix',
  done: 'Hunt finished',
  cancelled: 'Hunt cancelled',
  failed: 'Hunt failed',
};

interface Props {
  status: HuntStatus;
  onStartHunt(): void;
}

/** Where the hunt is, with a progress bar when the host gives a budget. */
export function StatusHeader({ status, onStartHunt }: Props) {
  const running = isRunningPhase(status.phase);
  const { elapsedSec, budgetSec } = status;
  const hasProgress = running && elapsedSec !== undefined && budgetSec !== undefined && budgetSec > 0;
  return (
    <header className="lh-status" data-phase={status.phase}>
      <div className="lh-status-text">
        {/* Only what changes by step is announced; the clock below would speak every second. */}
        <span role="status" aria-live="polite">
          <strong>{PHASE_TEXT[status.phase]}</strong>
          {status.message && <span> · {status.message}</span>}
          {status.snapshotsPlanned !== undefined && (
            <span className="lh-muted">
              {' '}· snapshots {status.snapshotsTaken ?? 0}/{status.snapshotsPlanned}
            </span>
          )}
        </span>
        {elapsedSec !== undefined && (
          <span className="lh-muted">
            {' '}· {formatSeconds(elapsedSec)}
            {budgetSec !== undefined && ` of ${formatSeconds(budgetSec)}`}
          </span>
        )}
        {status.target && <div className="lh-muted lh-target">{status.target}</div>}
      </div>
      {hasProgress && (
        <progress className="lh-progress" max={budgetSec} value={Math.min(elapsedSec, budgetSec)} aria-label="Hunt time used" />
      )}
      {!running && (
        <button type="button" className="lh-button" onClick={onStartHunt}>
          {status.phase === 'idle' ? 'Hunt Leak' : 'Hunt again'}
        </button>
      )}
    </header>
  );
}
