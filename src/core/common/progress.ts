/** Progress of a long operation, reported by core and rendered by the CLI or the extension. */
export interface ProgressReport {
  /** Short phase name: "parse", "dominators", "sampling", "snapshot 2/3"… */
  phase: string;
  /** 0..1 when known. */
  fraction?: number;
  message?: string;
}

export type ProgressSink = (report: ProgressReport) => void;

export const noProgress: ProgressSink = () => undefined;
