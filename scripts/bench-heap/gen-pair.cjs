// Writes a pair of heap snapshots A and B from one process, with a known leak between them:
// the module-level Map `leakyCache` gains `growth` LeakyRecord entries. Ids are stable (same
// process), so "new in B" is meaningful.
//   node --expose-gc --max-old-space-size=20000 gen-pair.cjs <dir> <name> <units>
'use strict';
const v8 = require('v8');
const fs = require('fs');
const path = require('path');
const { EventEmitter } = require('events');

const [dir, name, unitsArg] = process.argv.slice(2);
const units = Number(unitsArg);
let seed = 99;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const words = ['amber', 'birch', 'cedar', 'dune', 'ember', 'fjord', 'glade', 'heath'];
const word = () => words[(rnd() * words.length) | 0];

class Customer {
  constructor(i) {
    this.id = i;
    this.name = `${word()}-${word()}-${i}`;
    this.tags = [word(), word()];
    this.address = { street: `${i} ${word()} road`, zip: 10000 + (i % 80000) };
    this.balance = i + 0.25;
  }
}
class Invoice {
  constructor(i, customer) {
    this.ref = 'inv-' + i;
    this.customer = customer;
    this.lines = Array.from({ length: 1 + (i % 4) }, (_, k) => ({ sku: `sku-${(rnd() * 9000) | 0}`, qty: k + 1 }));
  }
}
class LeakyRecord {
  constructor(i) {
    this.key = `leak:${i}`;
    this.parts = Array.from({ length: 6 }, (_, k) => ({ k, text: `${word()}:${i}:${k}` }));
    this.bytes = Buffer.alloc(48, i & 0xff);
  }
}

const customers = new Map();
const invoices = [];
const handlers = [];
const byToken = new Map();
const emitters = [];
const weak = new WeakMap();
const weakKeys = [];
const leakyCache = new Map();
let leaked = 0;

function handlerFor(c, start) {
  let count = start;
  const label = 'h-' + c.id;
  return function onEvent(e) {
    count++;
    return label + e + count;
  };
}

for (let i = 0; i < units; i++) {
  const c = new Customer(i);
  customers.set('c:' + i, c);
  if (i % 2 === 0) invoices.push(new Invoice(i, c));
  if (i % 3 === 0) handlers.push(handlerFor(c, i));
  if (i % 4 === 0) byToken.set(`t-${i}-${(rnd() * 1e9) | 0}`, { c, note: c.name + '/' + word(), touch: handlerFor(c, 0) });
  if (i % 5 === 0) {
    const k = { k: i };
    weak.set(k, { v: i, arr: [i, i + 1] });
    if (i % 10 === 0) weakKeys.push(k);
  }
  if (i % 200 === 0) {
    const em = new EventEmitter();
    for (let k = 0; k < 4; k++) em.on('e' + k, handlerFor(c, k));
    emitters.push(em);
  }
}
const leak = n => {
  for (let k = 0; k < n; k++) leakyCache.set('leak:' + leaked, new LeakyRecord(leaked++));
};

leak(Math.max(10, Math.floor(units / 20)));
globalThis.gc?.();
fs.mkdirSync(dir, { recursive: true });
v8.writeHeapSnapshot(path.join(dir, `${name}-A.heapsnapshot`));
leak(Math.max(10, Math.floor(units / 10)));
globalThis.gc?.();
v8.writeHeapSnapshot(path.join(dir, `${name}-B.heapsnapshot`));
fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ units, leakedA: Math.max(10, Math.floor(units / 20)), leakedB: leaked }));
void [customers, invoices, handlers, byToken, emitters, weakKeys];
