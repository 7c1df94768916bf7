import * as vscode from 'vscode';
import type { SettingKey, Settings } from '../shared/contributions';

const SECTION = 'leakHunter';

/** Typed reader for `leakHunter.*` settings (scoped to a resource when one is given). */
export function readSetting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): Settings[K] {
  return vscode.workspace.getConfiguration(SECTION, scope).get<Settings[K]>(key) as Settings[K];
}

/** Settings whose change needs the analysis server restarted (its process arguments). */
const SERVER_SETTINGS: SettingKey[] = ['server.maxHeapMb'];

/** Calls `onServerChange` when a setting the server process depends on changes. */
export function onServerSettingsChanged(onServerChange: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (SERVER_SETTINGS.some(k => e.affectsConfiguration(`${SECTION}.${k}`))) onServerChange();
  });
}
