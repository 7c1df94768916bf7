/**
 * Ids the manifest (package.json `contributes`) and the code share. A unit test checks that
 * every id here is contributed and every contributed id is here.
 */
export const Commands = {
  huntLeak: 'leakHunter.huntLeak',
  cancelHunt: 'leakHunter.cancelHunt',
  showPanel: 'leakHunter.showPanel',
  openReport: 'leakHunter.openReport',
  openSnapshotInViewer: 'leakHunter.openSnapshotInViewer',
  saveHuntAsLaunchConfig: 'leakHunter.saveHuntAsLaunchConfig',
  applyFix: 'leakHunter.applyFix',
  copyRetainerPath: 'leakHunter.copyRetainerPath',
  verifyFix: 'leakHunter.verifyFix',
} as const;

export const Views = {
  retainers: 'leakHunter.retainers',
} as const;

export const ViewTypes = {
  panel: 'leakHunter.panel',
} as const;

export const ContextKeys = {
  hunting: 'leakHunter.hunting',
  hasResults: 'leakHunter.hasResults',
} as const;

/** Settings under `leakHunter.*`, with the type each one holds. */
export interface Settings {
  'sampling.intervalMs': number;
  'hunt.timeBudgetSec': number;
  'hunt.snapshotCount': number;
  'output.folder': string;
  'server.maxHeapMb': number;
  'debugToolbar.show': boolean;
  'cdp.preferOwnSession': boolean;
}

export type SettingKey = keyof Settings;

export const SETTING_KEYS: readonly SettingKey[] = [
  'sampling.intervalMs',
  'hunt.timeBudgetSec',
  'hunt.snapshotCount',
  'output.folder',
  'server.maxHeapMb',
  'debugToolbar.show',
  'cdp.preferOwnSession',
];
