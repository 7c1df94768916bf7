import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { parseWorkload, startWorkload } from './workload';
import { scriptOf } from './verify';
import { isNodeProgram, withInspectFlag } from '../cdp/launch';

test('workload specs: none, URL with headers, cmd:, expr:, and clear errors', () => {
  assert.deepEqual(parseWorkload(undefined), { kind: 'none' });
  const h = parseWorkload('http://127.0.0.1:1/x', { rate: 50, headers: ['X-A: 1'], body: '{}' });
  assert.deepEqual(h, { kind: 'http', url: 'http://127.0.0.1:1/x', rate: 50, method: 'POST', headers: { 'X-A': '1' }, body: '{}' });
  assert.deepEqual(parseWorkload('cmd: sleep 1'), { kind: 'cmd', command: 'sleep 1' });
  assert.deepEqual(parseWorkload('expr:globalThis.tick()', { rate: 5 }), { kind: 'expr', expression: 'globalThis.tick()', rate: 5 });
  assert.throws(() => parseWorkload('ftp://x'), /--workload must be/);
  assert.throws(() => parseWorkload('http://x', { headers: ['nocolon'] }), /--header/);
  assert.throws(() => parseWorkload('none', { rate: 0 }), /--rate/);
});

test('the HTTP driver sends at a steady rate and counts answers', async () => {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const driver = startWorkload(parseWorkload(`http://127.0.0.1:${port}/`, { rate: 100 }), { evaluate: async () => undefined });
  await new Promise(r => setTimeout(r, 600));
  driver.dispose();
  await new Promise(r => setTimeout(r, 100));
  server.close();
  const s = driver.stats();
  assert.ok(s.sent >= 1, `sent ${s.sent}`);
  assert.equal(s.errors, 0);
  assert.ok(s.ok >= 1 && s.ok <= hits, `ok ${s.ok}, server saw ${hits}`);
});

test('the expression driver evaluates through the target runner', async () => {
  const seen: string[] = [];
  const driver = startWorkload(parseWorkload('expr:work()', { rate: 50 }), { evaluate: async e => void seen.push(e) });
  await new Promise(r => setTimeout(r, 300));
  driver.dispose();
  assert.ok(seen.length >= 1);
  assert.equal(seen[0], 'void (work())');
});

test('launch helpers: only node programs, inspector forced to loopback, script found after options', () => {
  assert.ok(isNodeProgram('node') && isNodeProgram('/usr/local/bin/node') && isNodeProgram(process.execPath));
  assert.ok(!isNodeProgram('python3') && !isNodeProgram('npm') && !isNodeProgram('nodemon'));
  assert.deepEqual(withInspectFlag(['node', '--inspect=0.0.0.0:9229', '--max-old-space-size=64', 'app.js']), ['node', '--inspect=127.0.0.1:0', '--max-old-space-size=64', 'app.js']);
  assert.equal(scriptOf(['node', '--import', 'tsx', '-r', 'x', 'src/app.ts', '--port', '1'], '/w'), '/w/src/app.ts');
});
