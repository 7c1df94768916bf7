/**
 * Validators for the webview contract (./webview.ts), one per direction. Each returns the first
 * problem as a path-qualified string, or undefined: the host checks what the webview sends, the
 * webview checks what the host sends.
 */
import type { Verdict } from './report';
import {
  COMPARISON_SORT_KEYS,
  HUNT_PHASES,
  MAX_FILTER_LENGTH,
  MAX_PAGE_LIMIT,
  type HostToWebviewMessage,
  type WebviewToHostMessage,
} from './webview';

type Check = (v: unknown, at: string) => string | undefined;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite: Check = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${at}: expected a finite number`);
const nonNegInt: Check = (v, at) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : `${at}: expected a non-negative integer`;
const posInt: Check = (v, at) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? undefined : `${at}: expected a positive integer`);
const str: Check = (v, at) => (typeof v === 'string' ? undefined : `${at}: expected a string`);
const nonEmptyStr: Check = (v, at) => (typeof v === 'string' && v.length > 0 ? undefined : `${at}: expected a non-empty string`);
const bool: Check = (v, at) => (typeof v === 'boolean' ? undefined : `${at}: expected a boolean`);
const oneOf = <T extends string>(values: readonly T[]): Check => (v, at) =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? undefined : `${at}: expected one of ${values.join(', ')}`;
const optional = (c: Check): Check => (v, at) => (v === undefined ? undefined : c(v, at));
const arrayOf = (c: Check): Check => (v, at) => {
  if (!Array.isArray(v)) return `${at}: expected an array`;
  for (let i = 0; i < v.length; i++) {
    const e = c(v[i], `${at}[${i}]`);
    if (e) return e;
  }
  return undefined;
};
const tuple2 = (c: Check): Check => (v, at) =>
  Array.isArray(v) && v.length === 2 ? c(v[0], `${at}[0]`) ?? c(v[1], `${at}[1]`) : `${at}: expected a pair`;
const shape = (fields: Record<string, Check>): Check => (v, at) => {
  if (!isObj(v)) return `${at}: expected an object`;
  for (const [k, c] of Object.entries(fields)) {
    const e = c(v[k], `${at}.${k}`);
    if (e) return e;
  }
  return undefined;
};

const VERDICTS: readonly Verdict[] = ['leak', 'no-leak', 'inconclusive'];
const ARCHETYPES = ['unbounded-collection', 'growing-array', 'listener', 'timer', 'closure', 'other'] as const;
const FIX_KINDS = ['lru-cap', 'ttl', 'weakmap', 'remove-listener', 'clear-timer', 'bound-array', 'release-reference'] as const;
const ROOT_KINDS = ['module-variable', 'closure-variable', 'global', 'class-field', 'listener', 'timer', 'other'] as const;

const location = shape({ file: nonEmptyStr, line: posInt, column: posInt });
const sample = shape({ t: finite, heapUsed: finite, rss: finite, external: optional(finite), arrayBuffers: optional(finite) });
const snapshotRef = shape({ file: str, t: finite, heapUsed: finite });
const trendFit = shape({
  slopeBytesPerSec: finite,
  ci95: tuple2(finite),
  warmupEndsAt: finite,
  reason: str,
  pValue: optional(finite),
  needMoreSeconds: optional(finite),
});
const retainerStep = shape({ edge: str, edgeType: str, node: str, nodeType: str });
const textEdit = shape({
  file: nonEmptyStr, startLine: posInt, startColumn: posInt, endLine: posInt, endColumn: posInt, newText: str,
});
const fix = shape({ kind: oneOf(FIX_KINDS), title: str, edits: arrayOf(textEdit), explanation: optional(str) });
const suspect = shape({
  rank: posInt,
  className: str,
  archetype: oneOf(ARCHETYPES),
  countDelta: finite,
  retainedDelta: finite,
  growthBytesPerSec: finite,
  retainerPath: arrayOf(retainerStep),
  root: shape({ name: str, kind: oneOf(ROOT_KINDS), location: optional(location) }),
  growthSite: optional(shape({ location })),
  fix: optional(fix),
  alternatives: optional(arrayOf(fix)),
  collectionSizes: optional(arrayOf(finite)),
  retainedSizes: optional(arrayOf(finite)),
});
const slopeCi = shape({ slopeBytesPerSec: finite, ci95: tuple2(finite) });
const verifyResult = shape({
  verdict: oneOf(VERDICTS),
  before: slopeCi,
  after: slopeCi,
  samples: arrayOf(sample),
  fixKind: oneOf(FIX_KINDS),
  nextSuspect: optional(suspect),
  scratchDir: optional(str),
});
const comparisonSummary = shape({ total: nonNegInt, rungs: nonNegInt, identity: optional(oneOf(['object-id', 'path'] as const)) });
const status = shape({
  phase: oneOf(HUNT_PHASES),
  message: optional(str),
  elapsedSec: optional(finite),
  budgetSec: optional(finite),
  snapshotsTaken: optional(nonNegInt),
  snapshotsPlanned: optional(nonNegInt),
  target: optional(str),
});
const reportSoFar = shape({
  samples: arrayOf(sample),
  trend: optional(trendFit),
  verdict: optional(oneOf(VERDICTS)),
  snapshots: arrayOf(snapshotRef),
  suspects: arrayOf(suspect),
  comparison: optional(comparisonSummary),
  verify: optional(verifyResult),
  warnings: optional(arrayOf(str)),
});
const comparisonRow = shape({
  className: str,
  counts: arrayOf(finite),
  shallowSizes: arrayOf(finite),
  retainedSizes: arrayOf(finite),
  newCount: finite,
  monotonic: bool,
  countDelta: finite,
  shallowDelta: finite,
  retainedDelta: finite,
});
const limit: Check = (v, at) =>
  posInt(v, at) ?? ((v as number) > MAX_PAGE_LIMIT ? `${at}: at most ${MAX_PAGE_LIMIT} rows per page` : undefined);
const filterText: Check = (v, at) =>
  str(v, at) ?? ((v as string).length > MAX_FILTER_LENGTH ? `${at}: at most ${MAX_FILTER_LENGTH} characters` : undefined);
const queryFields = {
  offset: nonNegInt,
  limit,
  sort: shape({ key: oneOf(COMPARISON_SORT_KEYS), direction: oneOf(['asc', 'desc'] as const) }),
  filter: filterText,
};
const query = shape(queryFields);

const hostChecks: Record<HostToWebviewMessage['type'], Check> = {
  state: shape({ protocol: nonNegInt, status, report: reportSoFar }),
  status: shape({ status }),
  samples: shape({ samples: arrayOf(sample) }),
  snapshot: shape({ snapshot: snapshotRef }),
  analysis: shape({
    verdict: optional(oneOf(VERDICTS)),
    trend: optional(trendFit),
    suspects: arrayOf(suspect),
    comparison: optional(comparisonSummary),
  }),
  comparisonPage: shape({ requestId: nonNegInt, query, total: nonNegInt, rows: arrayOf(comparisonRow) }),
  error: shape({ message: str, detail: optional(str), requestId: optional(nonNegInt) }),
};

const webviewChecks: Record<WebviewToHostMessage['type'], Check> = {
  ready: shape({ protocol: nonNegInt }),
  requestComparisonPage: shape({ requestId: nonNegInt, ...queryFields }),
  openLocation: shape({ location }),
  copyRetainerPath: shape({ rank: posInt, text: (v, at) => str(v, at) ?? ((v as string).length > 100_000 ? `${at}: too long` : undefined) }),
  startHunt: () => undefined,
  verifyFix: shape({ rank: posInt }),
  applyFix: shape({ rank: posInt, alternative: optional(nonNegInt) }),
};

function checkUnion(checks: Record<string, Check>, v: unknown, side: string): string | undefined {
  if (!isObj(v)) return `${side}: expected an object`;
  const type = v.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(checks, type)) {
    return `${side}.type: unknown message type ${JSON.stringify(type)?.slice(0, 60)}`;
  }
  return checks[type](v, side);
}

/** Why `v` is not a valid host → webview message, or undefined when it is. */
export function explainHostMessage(v: unknown): string | undefined {
  return checkUnion(hostChecks, v, 'message');
}

/** Why `v` is not a valid webview → host message, or undefined when it is. */
export function explainWebviewMessage(v: unknown): string | undefined {
  return checkUnion(webviewChecks, v, 'message');
}

export function isHostToWebviewMessage(v: unknown): v is HostToWebviewMessage {
  return explainHostMessage(v) === undefined;
}

export function isWebviewToHostMessage(v: unknown): v is WebviewToHostMessage {
  return explainWebviewMessage(v) === undefined;
}

