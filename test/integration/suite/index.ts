// Runs inside the VS Code extension host (extensionTestsPath). Loads every *.test.js next to
// this file into mocha and writes a result summary for the runner outside VS Code.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec' });
  const grep = process.env.LEAK_HUNTER_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const failed: { title: string; error: string }[] = [];
  let passes = 0;
  await new Promise<void>(resolve => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passes++);
    runner.on('fail', (test, err) => failed.push({ title: test.fullTitle(), error: String(err?.stack ?? err).split('\n').slice(0, 6).join('\n') }));
  });
  const out = process.env.LEAK_HUNTER_TEST_RESULT;
  if (out) fs.writeFileSync(out, JSON.stringify({ passes, failures: failed.length, failed }, null, 2));
  if (failed.length) throw new Error(`${failed.length} integration test(s) failed`);
}
