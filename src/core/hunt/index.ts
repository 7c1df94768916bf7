/** The hunt's public API, used by the CLI and (later) the extension. */
export { runHunt, defaultOutDir, reportFor } from './hunt';
export { suspectsFor } from './suspects';
export { HuntError, type HuntOptions, type HuntObserver, type HuntPhase, type LiveTrend } from './types';
export type { TargetSpec } from './target';
export type { VerdictOptions } from '../leak/verdict';
export { parseWorkload, type WorkloadSpec, type WorkloadStats } from './workload';
export type { CdpConnection } from '../cdp/connection';
export { connectWebSocket } from '../cdp/connection';
