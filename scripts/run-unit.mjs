#!/usr/bin/env node
// Runs every co-located unit test (*.test.ts / *.test.tsx under src/, webview-ui/, test/unit/)
// with Node's own test runner and the tsx loader. Node 20's --test does not expand globs,
// so the files are collected here. Extra args (e.g. a path filter) narrow the set.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);

function* walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

const files = ['src', 'webview-ui', 'test/unit']
  .flatMap(d => [...walk(path.join(root, d))])
  .map(f => path.relative(root, f))
  .filter(f => filters.length === 0 || filters.some(x => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error('no unit test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
