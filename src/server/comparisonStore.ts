import * as fs from 'fs';
import type { ClassGrowth } from '../core/heap/model';
import { comparisonRowFromGrowth, queryComparisonPage, type ComparisonQuery, type ComparisonRow } from '../shared/webview';
import type { ComparisonPageResult } from '../shared/lsp';

interface Entry {
  rows: ComparisonRow[];
  rungs: number;
  /** The last query's sorted+filtered rows, so scrolling pages do not re-sort 100k rows. */
  cache?: { key: string; rows: ComparisonRow[] };
}

/**
 * Holds each hunt's class comparison for paged requests. Only a few hunts are kept (least
 * recently used dropped); a dropped or restarted one is reloaded from its persisted file.
 */
export class ComparisonStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 4) {}

  /** Stores a hunt's classes and, when `file` is given, persists them for reopening later. */
  put(huntId: string, classes: ClassGrowth[], rungs: number, file?: string): void {
    const rows = classes.map(comparisonRowFromGrowth);
    this.remember(huntId, { rows, rungs });
    if (file) fs.writeFileSync(file, JSON.stringify({ rungs, rows }));
  }

  /** One page of a hunt's comparison, loading it from `file` when not in memory. */
  page(huntId: string, query: ComparisonQuery, file?: string): ComparisonPageResult {
    let entry = this.entries.get(huntId);
    if (!entry && file) {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { rungs: number; rows: ComparisonRow[] };
      entry = { rows: saved.rows, rungs: saved.rungs };
      this.remember(huntId, entry);
    }
    if (!entry) throw new Error(`No snapshot comparison for hunt ${huntId}: run the hunt again or reopen its report.`);
    const key = JSON.stringify([query.sort, query.filter]);
    if (entry.cache?.key !== key) {
      const all = queryComparisonPage(entry.rows, { ...query, offset: 0, limit: entry.rows.length });
      entry.cache = { key, rows: all.rows };
    }
    const rows = entry.cache.rows.slice(query.offset, query.offset + query.limit);
    return { total: entry.cache.rows.length, rungs: entry.rungs, rows };
  }

  private remember(huntId: string, entry: Entry): void {
    this.entries.delete(huntId);
    this.entries.set(huntId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
