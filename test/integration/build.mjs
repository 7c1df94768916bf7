// Bundles the integration suites (TypeScript) for the extension host: one file per suite plus
// the mocha entry. `vscode` and `mocha` stay external (the host provides one, node_modules the other).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/** Builds out/integration/*.js and returns the absolute path of the entry module (index.js). */
export async function buildIntegrationTests() {
  const suiteDir = path.join(ROOT, 'test', 'integration', 'suite');
  const outDir = path.join(ROOT, 'out', 'integration');
  fs.rmSync(outDir, { recursive: true, force: true });
  const entries = fs.readdirSync(suiteDir).filter(f => f.endsWith('.ts')).map(f => path.join(suiteDir, f));
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}
