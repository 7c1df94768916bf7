import type { RetainerStep } from '../../../src/shared/report';

interface Props {
  id: string;
  steps: RetainerStep[];
  /** Index of the step the analysis named as the retaining root, highlighted. */
  rootName: string;
}

/** The path from the GC root to the growing object, one hop per line. */
export function RetainerPath({ id, steps, rootName }: Props) {
  if (steps.length === 0) return <p id={id} className="lh-muted">No retainer path was recorded.</p>;
  return (
    <ol id={id} className="lh-path" aria-label="Retainer path from the GC root">
      {steps.map((s, i) => (
        <li key={i} className={s.edge === rootName ? 'lh-path-root' : undefined} style={{ paddingLeft: `${Math.min(i, 12)}ch` }}>
          {i > 0 && <span aria-hidden="true">↳ </span>}
          <span className="lh-path-edge">{s.edge}</span>
          <span className="lh-muted"> ({s.edgeType})</span> <span className="lh-path-node">{s.node}</span>
          {s.edge === rootName && <span className="lh-chip">retaining root</span>}
        </li>
      ))}
    </ol>
  );
}
