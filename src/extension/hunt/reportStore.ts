import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { readSetting } from '../config';
import type { Report } from '../../shared/report';
import { LeakHunterError } from '../../core/common/errors';

export const REPORT_FILE = 'report.json';
export const COMPARISON_FILE = 'comparison.json';

/** A hunt saved on disk: its folder holds the snapshots, report.json and comparison.json. */
export interface SavedHunt {
  dir: string;
  reportFile: string;
  report: Report;
  modified: Date;
}

/**
 * Where hunts are kept: the configured folder, else this workspace's storage for the extension
 * (global storage without a workspace). Survives restarts, so reports reopen later.
 */
export function huntsRoot(context: vscode.ExtensionContext): string {
  const configured = readSetting('output.folder');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (configured) return path.isAbsolute(configured) || !folder ? configured : path.join(folder, configured);
  return path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'hunts');
}

/** A new, empty folder for one hunt, named by time and target so a person can find it. */
export function newHuntDir(context: vscode.ExtensionContext, label: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const safe = label.replace(/[^\w.-]+/g, '_').slice(0, 40) || 'hunt';
  const dir = path.join(huntsRoot(context), `${stamp}-${safe}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Reads and checks a report file; the error names the file and what is wrong with it. */
export function readReport(file: string): Report {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LeakHunterError('bad-report', `${file} is not a readable Leak Hunter report: ${(e as Error).message}`);
  }
  const r = parsed as Partial<Report>;
  if (!r || r.schemaVersion !== 1 || !r.verdict || !r.trend || !Array.isArray(r.suspects) || !Array.isArray(r.snapshots)) {
    throw new LeakHunterError('bad-report', `${file} is not a Leak Hunter report (schemaVersion 1 with verdict, trend, snapshots and suspects).`);
  }
  return r as Report;
}

/** Saved hunts under the hunts folder, newest first; unreadable ones are skipped. */
export function listSavedHunts(root: string): SavedHunt[] {
  if (!fs.existsSync(root)) return [];
  const hunts: SavedHunt[] = [];
  for (const name of fs.readdirSync(root)) {
    const reportFile = path.join(root, name, REPORT_FILE);
    try {
      hunts.push({ dir: path.dirname(reportFile), reportFile, report: readReport(reportFile), modified: fs.statSync(reportFile).mtime });
    } catch {
      // A hunt cut short before its report was written, or a foreign folder: not offered.
    }
  }
  return hunts.sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

/** Writes the report next to its snapshots; returns the file. */
export function saveReport(dir: string, report: Report): string {
  const file = path.join(dir, REPORT_FILE);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  return file;
}
