import type { Verdict } from '../../../src/shared/report';
import type { TrendFit } from '../../../src/shared/webview';
import { formatRate, formatSeconds } from '../../../src/shared/format';

const LABEL: Record<Verdict, string> = { leak: 'Leak', 'no-leak': 'No leak', inconclusive: 'Inconclusive' };

interface Props {
  verdict?: Verdict;
  trend?: TrendFit;
  running: boolean;
}

/** The verdict and the slope it rests on; announced politely when it changes. */
export function VerdictBadge({ verdict, trend, running }: Props) {
  const [lo, hi] = trend?.ci95 ?? [0, 0];
  const half = (hi - lo) / 2;
  return (
    <div className="lh-verdict" aria-live="polite" data-testid="verdict">
      {verdict ? (
        <span className={`lh-badge lh-badge-${verdict}`} data-verdict={verdict}>
          {LABEL[verdict]}
        </span>
      ) : (
        <span className="lh-badge lh-badge-pending">{running ? 'Measuring…' : 'No verdict'}</span>
      )}
      {trend && (
        <span className="lh-slope" title={`95% confidence interval of the slope: ${formatRate(lo)} to ${formatRate(hi)}`}>
          <span className="lh-slope-value">{formatRate(trend.slopeBytesPerSec)}</span>
          <span className="lh-slope-ci"> ± {formatRate(half).replace(/^\+/, '')}</span>
          <span className="lh-muted"> (95% CI {formatRate(lo)} … {formatRate(hi)})</span>
        </span>
      )}
      {trend?.pValue !== undefined && <span className="lh-muted">p = {trend.pValue.toPrecision(2)}</span>}
      {verdict === 'inconclusive' && trend?.needMoreSeconds !== undefined && (
        <span className="lh-muted">needs about {formatSeconds(trend.needMoreSeconds)} more sampling</span>
      )}
    </div>
  );
}
