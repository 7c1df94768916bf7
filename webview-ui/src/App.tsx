import { useCallback, useEffect, useReducer, useState } from 'react';
import { isRunningPhase } from '../../src/shared/webview';
import { ComparisonTable } from './components/ComparisonTable';
import { MemoryChart } from './components/MemoryChart';
import { StatusHeader } from './components/StatusHeader';
import { SuspectsList } from './components/SuspectsList';
import { Tabs } from './components/Tabs';
import { VerdictBadge } from './components/VerdictBadge';
import { VerifySummary } from './components/VerifySummary';
import type { HostChannel } from './host/hostChannel';
import { parseUiState } from './host/uiState';
import type { PanelTab, UiState } from './host/uiState';
import { formatCount } from '../../src/shared/format';
import { INITIAL_PANEL_DATA, reducePanel } from './model/panelModel';

interface Props {
  channel: HostChannel;
}

/** The Leak Hunter panel: status, verdict and chart on top; suspects and comparison in tabs. */
export function App({ channel }: Props) {
  const [data, dispatch] = useReducer(reducePanel, INITIAL_PANEL_DATA);
  const [ui, setUi] = useState<UiState>(() => parseUiState(channel.hostApi.getState()));

  // Listener first, then `ready`: the host answers `ready` with the full state, including after a
  // reload, which is how data comes back without being kept in the webview's saved state.
  useEffect(() => {
    const offMessage = channel.subscribe(message => dispatch({ kind: 'host', message }));
    const offInvalid = channel.onInvalid(reason => dispatch({ kind: 'invalid', reason }));
    const stop = channel.start();
    return () => {
      offMessage();
      offInvalid();
      stop();
    };
  }, [channel]);

  const updateUi = useCallback(
    (patch: Partial<UiState>) =>
      setUi(prev => {
        const next = { ...prev, ...patch };
        channel.hostApi.setState(next);
        return next;
      }),
    [channel],
  );

  const { report, status } = data;
  const running = isRunningPhase(status.phase);
  const startHunt = () => channel.post({ type: 'startHunt' });

  if (!data.received) {
    return <p className="lh-muted lh-connecting">Connecting to Leak Hunter…</p>;
  }

  const nothingYet = !running && report.samples.length === 0 && report.suspects.length === 0 && !report.comparison;

  return (
    <main className="lh-panel">
      <StatusHeader status={status} onStartHunt={startHunt} />
      {data.error && (
        <div className="lh-error" role="alert">
          <span>{data.error.message}</span>
          {data.error.detail && <span className="lh-muted"> {data.error.detail}</span>}
          <button type="button" className="lh-link" onClick={() => dispatch({ kind: 'dismissError' })}>
            Dismiss
          </button>
        </div>
      )}
      {nothingYet ? (
        <section className="lh-welcome">
          <h2>No hunt yet</h2>
          <p>
            Hunt Leak drives a steady workload, samples memory after each forced GC, and decides whether the heap keeps growing.
            If it does, it takes heap snapshots and names what holds the growth.
          </p>
        </section>
      ) : (
        <>
          <VerdictBadge verdict={report.verdict} trend={report.trend} running={running} />
          {report.trend?.reason && <p className="lh-reason">{report.trend.reason}</p>}
          <MemoryChart samples={report.samples} snapshots={report.snapshots} trend={report.trend} running={running} />
          {report.verify && <VerifySummary verify={report.verify} before={report.samples} />}
          {report.warnings && report.warnings.length > 0 && (
            <details className="lh-warnings">
              <summary>{report.warnings.length} warning(s) during the hunt</summary>
              <ul>
                {report.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </details>
          )}
          <Tabs<PanelTab>
            label="Findings"
            selected={ui.tab}
            onSelect={tab => updateUi({ tab })}
            tabs={[
              { id: 'suspects', label: `Suspects (${report.suspects.length})` },
              { id: 'comparison', label: `Comparison${report.comparison ? ` (${formatCount(report.comparison.total)})` : ''}` },
            ]}
          >
            {ui.tab === 'suspects' ? (
              <SuspectsList
                suspects={report.suspects}
                running={running}
                expanded={ui.expanded}
                onToggle={rank =>
                  updateUi({ expanded: ui.expanded.includes(rank) ? ui.expanded.filter(r => r !== rank) : [...ui.expanded, rank] })
                }
                post={m => channel.post(m)}
              />
            ) : (
              <ComparisonTable
                channel={channel}
                summary={report.comparison}
                epoch={data.comparisonEpoch}
                sort={ui.sort}
                filter={ui.filter}
                initialScrollTop={ui.scrollTop}
                onSortChange={sort => updateUi({ sort, scrollTop: 0 })}
                onFilterChange={filter => updateUi({ filter, scrollTop: 0 })}
                onScrollSettled={scrollTop => updateUi({ scrollTop })}
              />
            )}
          </Tabs>
        </>
      )}
    </main>
  );
}
