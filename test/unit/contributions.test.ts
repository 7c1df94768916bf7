// The manifest and src/shared/contributions.ts must name the same commands, views and settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Commands, SETTING_KEYS, Views } from '../../src/shared/contributions';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));

test('every command id is contributed, and every contributed command is known', () => {
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, Object.values(Commands).sort());
});

test('every setting is contributed with a type, a default and a description', () => {
  const props = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map(k => `leakHunter.${k}`).sort());
  for (const [key, p] of Object.entries<Record<string, unknown>>(props)) {
    assert.ok(p.type && 'default' in p && p.markdownDescription, `${key} lacks type, default or description`);
  }
});

test('every contributed view is known, and menus only name contributed commands', () => {
  const views = Object.values<{ id: string }[]>(manifest.contributes.views).flat().map(v => v.id);
  assert.deepEqual(views.sort(), Object.values(Views).sort());
  const known = new Set(Object.values(Commands));
  for (const [menu, items] of Object.entries<{ command: string }[]>(manifest.contributes.menus)) {
    for (const item of items) assert.ok(known.has(item.command as never), `${menu} names unknown command ${item.command}`);
  }
});

test('engine and @types/vscode agree (vsce refuses newer types than the engine)', () => {
  const types = manifest.devDependencies['@types/vscode'].replace(/^[~^]/, '');
  const engine = manifest.engines.vscode.replace(/^[~^]/, '');
  assert.equal(types.split('.').slice(0, 2).join('.'), engine.split('.').slice(0, 2).join('.'));
});

test('every bundle esbuild produces ships in the VSIX (.vscodeignore lets it through)', () => {
  const root = path.resolve(__dirname, '..', '..');
  const config = fs.readFileSync(path.join(root, 'esbuild.config.mjs'), 'utf8');
  const names = [...config.matchAll(/entryPoints: \{([^}]*)\}/g)].flatMap(m => [...m[1].matchAll(/(\w+):/g)].map(x => x[1]));
  assert.ok(names.length >= 5, `found bundles ${names.join(', ')}`);
  const allowed = new Set(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter(l => l.startsWith('!')).map(l => l.slice(1).trim()));
  for (const name of names) assert.ok(allowed.has(`dist/${name}.js`), `.vscodeignore does not ship dist/${name}.js`);
});
