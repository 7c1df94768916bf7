import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixDiff } from './fixDiff';

test('edits on one line are one hunk showing the line as it will read; unchanged lines are context', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lh-diff-')), 'server.js');
  fs.writeFileSync(file, "'use strict';\nconst http = require('node:http');\n\nconst responseCache = new Map();\n");
  const diff = fixDiff([
    // The constructor renamed and its argument filled in: two edits on line 4.
    { file, startLine: 4, startColumn: 27, endLine: 4, endColumn: 30, newText: 'LruMap' },
    { file, startLine: 4, startColumn: 31, endLine: 4, endColumn: 31, newText: '500' },
    // The helper inserted at the start of line 3.
    { file, startLine: 3, startColumn: 1, endLine: 3, endColumn: 1, newText: 'class LruMap extends Map {}\n' },
  ]);
  assert.deepEqual(diff, [
    `@@ ${file}:3 @@`,
    '+class LruMap extends Map {}',
    ' ',
    `@@ ${file}:4 @@`,
    '-const responseCache = new Map();',
    '+const responseCache = new LruMap(500);',
  ]);
});

test('a file that cannot be read shows the inserted text', () => {
  assert.deepEqual(fixDiff([{ file: '/nonexistent/a.js', startLine: 2, startColumn: 1, endLine: 2, endColumn: 1, newText: 'x();' }]), ['@@ /nonexistent/a.js:2 @@', '+x();']);
});
