// Throughput of the hot store operations (no networking), in ops/s.
// Run: cd packages/store && npx tsx bench/ops.ts
import { Store, HashValue, ZSetValue, ListValue } from '../src/index';

function measure(name: string, n: number, fn: (i: number) => void): void {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${name.padEnd(28)} ${Math.round(n / secs).toLocaleString('en-US').padStart(12)} ops/s`);
}

const store = new Store();
const db = store.db(0);
const N = 1_000_000;
const keys = Array.from({ length: 100_000 }, (_, i) => 'key:' + i);
measure('SET (100k keys)', N, (i) => db.set(keys[i % keys.length], 'value'));
measure('GET hit', N, (i) => db.lookupRead(keys[i % keys.length]));
measure('GET miss', N, (i) => db.lookupRead('nokey:' + (i % 1000)));
measure('EXPIRE + GET', N, (i) => {
  db.setExpire(keys[i % keys.length], Date.now() + 100_000);
  db.lookupRead(keys[i % keys.length]);
});
const h = new HashValue(store);
db.set('h', h);
measure('HSET small hash (10 fields)', N, (i) => h.set('field:' + (i % 10), 'v'));
const big = new HashValue(store);
measure('HSET big hash (100k fields)', N, (i) => big.set(keys[i % keys.length], 'v'));
const z = new ZSetValue(store);
measure('ZADD skiplist (100k)', N / 4, (i) => z.add(keys[i % keys.length], i % 1000));
measure('ZRANK skiplist', N / 4, (i) => z.rank(keys[i % keys.length]));
const zs = new ZSetValue(store);
measure('ZADD listpack (10 members)', N / 4, (i) => zs.add('m' + (i % 10), i % 7));
const l = new ListValue(store);
measure('LPUSH+RPOP big list', N, (i) => {
  l.push('x' + (i & 7), true);
  if (i % 2) l.pop(false);
});
const q = new ListValue(store);
measure('LPUSH+RPOP small list', N, () => {
  q.push('x', true);
  q.pop(false);
});
