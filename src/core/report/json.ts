/** The report contract as JSON: only the contract's fields, in its order. */
import { REPORT_SCHEMA_VERSION, type Report } from '../../shared/report';

/** Serialises a report exactly per the contract (schemaVersion first). */
export function toJson(report: Report): string {
  const { schemaVersion: _v, verdict, trend, snapshots, suspects, ...rest } = report;
  return JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, verdict, trend, snapshots, suspects, ...rest }, null, 2) + '\n';
}
