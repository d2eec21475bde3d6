// Focused sorted-set throughput (no networking), in ops/s: ZADD of new members with random scores
// into a skiplist zset that grows to 100k members, score updates, ZRANK, ZSCORE and range queries.
// Run: cd packages/store && npx tsx bench/zset.ts   (profile: node --cpu-prof --import tsx bench/zset.ts)
import { Store, ZSetValue } from '../src/index';

function measure(name: string, n: number, fn: (i: number) => void): void {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const ns = Number(process.hrtime.bigint() - start);
  const perOp = ns / n / 1000;
  console.log(`${name.padEnd(34)} ${Math.round((n * 1e9) / ns).toLocaleString('en-US').padStart(12)} ops/s  ${perOp.toFixed(2).padStart(7)} µs/op`);
}

let seed = 12345;
const random = () => {
  // mulberry32: a seeded source so runs are comparable.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const store = new Store({ random });
const N = 100_000;
const members = Array.from({ length: N }, (_, i) => 'member:' + i);
const scores = Array.from({ length: N }, () => Math.floor(random() * 1e9) / 1000);
const z = new ZSetValue(store);
measure('ZADD new member (grow to 100k)', N, (i) => z.add(members[i], scores[i]));
measure('ZADD update score (100k)', N, (i) => z.add(members[(i * 7919) % N], scores[i] + 1));
measure('ZADD same score (100k)', N, (i) => z.add(members[i], scores[i] + 1));
measure('ZSCORE (100k)', N, (i) => z.score(members[(i * 7919) % N]));
measure('ZRANK (100k)', N, (i) => z.rank(members[(i * 7919) % N]));
measure('ZRANGE 0 9 by rank at random', N, (i) => z.rangeByRank(i % 90_000, (i % 90_000) + 9));
measure('ZCOUNT score range', N, (i) => z.countByScore({ min: i * 10, max: i * 10 + 1e5, minex: false, maxex: false }));
measure('ZREM + ZADD (100k)', N, (i) => {
  z.remove(members[i]);
  z.add(members[i], scores[i]);
});
