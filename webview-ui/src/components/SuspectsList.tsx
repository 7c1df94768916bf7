import type { Archetype, SourceLocation, Suspect } from '../../../src/shared/report';
import { formatRetainerPath } from '../../../src/shared/webview';
import type { WebviewToHostMessage } from '../../../src/shared/webview';
import { baseName, formatBytes, formatRate, formatSignedCount } from '../../../src/shared/format';
import { RetainerPath } from './RetainerPath';

const ARCHETYPE: Record<Archetype, string> = {
  'unbounded-collection': 'Unbounded collection',
  'growing-array': 'Growing array',
  listener: 'Listener leak',
  timer: 'Timer leak',
  closure: 'Closure',
  other: 'Other',
};

const ROOT_KIND: Record<Suspect['root']['kind'], string> = {
  'module-variable': 'module variable',
  'closure-variable': 'closure variable',
  global: 'global',
  'class-field': 'class field',
  listener: 'listener',
  timer: 'timer',
  other: 'owner',
};

interface Props {
  suspects: Suspect[];
  running: boolean;
  expanded: number[];
  onToggle(rank: number): void;
  post(message: WebviewToHostMessage): void;
}

/** Where to send the user for a suspect: the retaining root's declaration, else the growth site. */
export function suspectLocation(s: Suspect): SourceLocation | undefined {
  return s.root.location ?? s.growthSite?.location;
}

/** What grew and what holds it, ranked; each opens its source and can show its retainer path. */
export function SuspectsList({ suspects, running, expanded, onToggle, post }: Props) {
  if (suspects.length === 0) {
    return (
      <p className="lh-muted lh-empty">
        {running ? 'Suspects appear after the snapshots are compared.' : 'No growing objects were found.'}
      </p>
    );
  }
  return (
    <ol className="lh-suspects" aria-label="Suspects, most growth first">
      {suspects.map(s => {
        const loc = suspectLocation(s);
        const open = expanded.includes(s.rank);
        const pathId = `lh-path-${s.rank}`;
        return (
          <li key={s.rank} className="lh-suspect" data-testid="suspect">
            <button
              type="button"
              className="lh-suspect-main"
              disabled={!loc}
              title={loc ? `Open ${loc.file}:${loc.line}:${loc.column}` : 'No source location is known for this root'}
              onClick={() => loc && post({ type: 'openLocation', location: loc })}
            >
              <span className="lh-rank">#{s.rank}</span>
              <span className={`lh-chip lh-arch-${s.archetype}`}>{ARCHETYPE[s.archetype]}</span>
              <span className="lh-class">{s.className}</span>
              <span className="lh-root">
                held by <code>{s.root.name}</code> <span className="lh-muted">({ROOT_KIND[s.root.kind]})</span>
              </span>
              {loc && (
                <span className="lh-loc">
                  {baseName(loc.file)}:{loc.line}
                </span>
              )}
              <span className="lh-growth">{formatRate(s.growthBytesPerSec)}</span>
            </button>
            <div className="lh-suspect-detail">
              <span className="lh-muted">
                {formatSignedCount(s.countDelta)} objects · {formatBytes(s.retainedDelta)} retained growth
                {s.collectionSizes && s.collectionSizes.length > 1 && ` · entries ${s.collectionSizes.join(' → ')}`}
              </span>
              {s.fix && <span className="lh-fix">Fix: {s.fix.title}</span>}
            </div>
            {s.alternatives && s.alternatives.length > 0 && (
              <ul className="lh-alternatives" aria-label={`Other fixes for suspect ${s.rank}`}>
                {s.alternatives.map((alt, i) => (
                  <li key={i}>
                    <span className="lh-muted">or: </span>
                    <span title={alt.explanation}>{alt.title}</span>{' '}
                    <button type="button" className="lh-link" disabled={running} onClick={() => post({ type: 'applyFix', rank: s.rank, alternative: i })}>
                      Apply
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="lh-actions">
              <button type="button" className="lh-link" aria-expanded={open} aria-controls={pathId} onClick={() => onToggle(s.rank)}>
                {open ? 'Hide' : 'Show'} retainer path ({s.retainerPath.length})
              </button>
              <button
                type="button"
                className="lh-link"
                onClick={() => post({ type: 'copyRetainerPath', rank: s.rank, text: formatRetainerPath(s.retainerPath) })}
              >
                Copy path
              </button>
              {s.fix && (
                <button type="button" className="lh-link" disabled={running} title={s.fix.explanation} onClick={() => post({ type: 'applyFix', rank: s.rank })}>
                  Apply fix
                </button>
              )}
              {s.fix && (
                <button type="button" className="lh-link" disabled={running} onClick={() => post({ type: 'verifyFix', rank: s.rank })}>
                  Verify fix
                </button>
              )}
            </div>
            {open && <RetainerPath id={pathId} steps={s.retainerPath} rootName={s.root.name} />}
          </li>
        );
      })}
    </ol>
  );
}
