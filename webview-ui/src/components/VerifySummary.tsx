import type { MemorySample, VerifyResult } from '../../../src/shared/report';
import { formatRate } from '../../../src/shared/format';
import { MemoryChart } from './MemoryChart';
import { VerdictBadge } from './VerdictBadge';

const FIX_NAME: Record<VerifyResult['fixKind'], string> = {
  'lru-cap': 'LRU cap',
  ttl: 'TTL',
  weakmap: 'WeakMap',
  'remove-listener': 'listener removal',
  'clear-timer': 'clearing the timer',
  'bound-array': 'bounded array',
  'release-reference': 'releasing the reference',
};

/** The last part of the story: the same workload after the fix, and whether memory now plateaus. */
export function VerifySummary({ verify, before }: { verify: VerifyResult; before?: MemorySample[] }) {
  const after = { slopeBytesPerSec: verify.after.slopeBytesPerSec, ci95: verify.after.ci95, warmupEndsAt: 0, reason: '' };
  return (
    <section className="lh-verify" aria-label="Fix verification">
      <h2>After the fix ({FIX_NAME[verify.fixKind]})</h2>
      <VerdictBadge verdict={verify.verdict} trend={after} running={false} />
      <p className="lh-muted">
        Slope before the fix {formatRate(verify.before.slopeBytesPerSec)}, after {formatRate(verify.after.slopeBytesPerSec)}.
        {verify.nextSuspect &&
          ` Growth remains: next retainer is ${verify.nextSuspect.className} held by ${verify.nextSuspect.root.name}.`}
      </p>
      <MemoryChart
        samples={verify.samples}
        snapshots={[]}
        trend={after}
        running={false}
        height={200}
        label="Memory after the fix, over the hunt before it"
        baseline={before?.length ? { samples: before, name: 'Heap before the fix' } : undefined}
      />
    </section>
  );
}
