// One esbuild context per runtime. Only the extension bundle treats `vscode` as external,
// so an accidental runtime `vscode` import anywhere else fails the build; the webview is
// built for the browser, so a Node built-in import there fails too.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Reports errors in the `file:line:col: error: message` form VS Code's problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  plugins: [problemMatcher],
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...node, entryPoints: { extension: 'src/extension/main.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...node, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist' },
  // The worker thread the server runs analyses in: its own bundle, loaded by path at run time.
  { ...node, entryPoints: { analysisWorker: 'src/server/analysisWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // Heap engine's second thread; core/heap finds it next to whichever bundle loads the engine.
  { ...node, entryPoints: { heapEngineWorker: 'src/core/heap/parallel/heapEngineWorker.ts' }, outdir: 'dist' },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    absWorkingDir: root,
    plugins: [problemMatcher],
    entryPoints: { webview: 'webview-ui/src/main.tsx' },
    outdir: 'dist',
    jsx: 'automatic',
    loader: { '.css': 'css' },
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
  await Promise.all(contexts.map(c => c.watch()));
  console.log('[watch] build started');
} else {
  const results = await Promise.allSettled(builds.map(b => esbuild.build(b)));
  const failed = results.filter(r => r.status === 'rejected');
  if (failed.length) {
    process.exitCode = 1;
  }
}
