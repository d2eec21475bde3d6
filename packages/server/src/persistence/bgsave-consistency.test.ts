// BGSAVE is a point-in-time snapshot: writes, deletes, new keys, TTL changes, RENAME and FLUSHDB
// sent by another client while it runs must not reach the RDB. The expected dataset is a model the
// test builds itself; the RDB is checked by loading it into a second server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Redis from 'ioredis';
import { createServer, type ServerHandle } from '@ferrous/server';

type Value =
  | { type: 'string'; value: string }
  | { type: 'hash'; value: Record<string, string> }
  | { type: 'list'; value: string[] }
  | { type: 'set'; value: string[] }
  | { type: 'zset'; value: string[] };

interface Entry {
  db: number;
  key: string;
  v: Value;
  ttl: boolean;
}

const STRINGS = 20000;
const PER_TYPE = 2000;
const WITH_TTL = 1000;
const DB1 = 1000;
const BIG = 3000;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function start(dir: string): Promise<{ server: ServerHandle; redis: Redis }> {
  const server = await createServer({ port: 0, config: { dir, save: '', 'enable-debug-command': 'yes' } });
  const redis = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
  await redis.connect();
  cleanup.push(() => server.close(), () => redis.disconnect());
  return { server, redis };
}

/** Builds the dataset as a model: ~31k keys of every type, TTLs, two big values and a second db. */
function model(): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < STRINGS; i++) out.push({ db: 0, key: `key:${i}`, v: { type: 'string', value: `value:${i}` }, ttl: false });
  for (let i = 0; i < PER_TYPE; i++) {
    const n = 1 + (i % 7);
    const idx = Array.from({ length: n }, (_v, j) => j);
    out.push({ db: 0, key: `h:${i}`, v: { type: 'hash', value: Object.fromEntries(idx.map((j) => [`f${j}`, `${i}-${j}`])) }, ttl: false });
    out.push({ db: 0, key: `l:${i}`, v: { type: 'list', value: idx.map((j) => `e${i * j}`) }, ttl: false });
    out.push({ db: 0, key: `s:${i}`, v: { type: 'set', value: idx.map((j) => (i % 2 ? `m${j}` : String(j * 1000 + i))) }, ttl: false });
    out.push({ db: 0, key: `z:${i}`, v: { type: 'zset', value: idx.flatMap((j) => [`z${j}`, String(j + i / 4)]) }, ttl: false });
  }
  for (let i = 0; i < WITH_TTL; i++) out.push({ db: 0, key: `t:${i}`, v: { type: 'string', value: `ttl:${i}` }, ttl: true });
  const big = Array.from({ length: BIG }, (_v, j) => j);
  out.push({ db: 0, key: 'bighash', v: { type: 'hash', value: Object.fromEntries(big.map((j) => [`field:${j}`, `v${j}`])) }, ttl: false });
  out.push({ db: 0, key: 'biglist', v: { type: 'list', value: big.map((j) => `item:${j}`) }, ttl: false });
  for (let i = 0; i < DB1; i++) out.push({ db: 1, key: `d1:${i}`, v: { type: 'string', value: `one:${i}` }, ttl: false });
  return out;
}

async function load(redis: Redis, entries: Entry[]): Promise<void> {
  await redis.debug('POPULATE', STRINGS);
  for (let from = STRINGS; from < entries.length; from += 5000) {
    const p = redis.pipeline();
    for (const e of entries.slice(from, from + 5000)) {
      if (e.db !== 0) p.select(e.db);
      const v = e.v;
      if (v.type === 'string') p.set(e.key, v.value);
      else if (v.type === 'hash') p.hset(e.key, v.value);
      else if (v.type === 'list') p.rpush(e.key, ...v.value);
      else if (v.type === 'set') p.sadd(e.key, ...v.value);
      else p.zadd(e.key, ...v.value.map((_x, j) => v.value[j ^ 1])); // [member, score] pairs as [score, member]
      if (e.ttl) p.expire(e.key, 100000);
      if (e.db !== 0) p.select(0);
    }
    await p.exec();
  }
}

/** Reads every modelled key back, in the model's shape (TTL as present/absent). */
async function read(redis: Redis, entries: Entry[]): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const db of [0, 1]) {
    await redis.select(db);
    const mine = entries.filter((e) => e.db === db);
    for (let from = 0; from < mine.length; from += 5000) {
      const chunk = mine.slice(from, from + 5000);
      const p = redis.pipeline();
      for (const e of chunk) {
        p.type(e.key);
        if (e.v.type === 'string') p.get(e.key);
        else if (e.v.type === 'hash') p.hgetall(e.key);
        else if (e.v.type === 'list') p.lrange(e.key, 0, -1);
        else if (e.v.type === 'set') p.smembers(e.key);
        else p.zrange(e.key, 0, -1, 'WITHSCORES');
        p.pttl(e.key);
      }
      const replies = (await p.exec())!.map(([err, r]) => (err ? err.message : r));
      chunk.forEach((e, i) => {
        const [type, value, pttl] = replies.slice(i * 3, i * 3 + 3) as [string, unknown, number];
        out.push({ db, key: e.key, v: { type, value } as Value, ttl: pttl > 0 });
      });
    }
  }
  await redis.select(0);
  return out;
}

function normalized(entries: Entry[]): Entry[] {
  return entries.map((e) => (e.v.type === 'set' ? { ...e, v: { type: 'set', value: e.v.value.slice().sort() } } : e));
}

/** A deterministic stream of writes touching keys across the whole keyspace (both walked and not). */
function writeBatch(p: ReturnType<Redis['pipeline']>, batch: number): void {
  let seed = batch * 7919 + 1;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let k = 0; k < 50; k++) {
    p.set(`key:${rnd(STRINGS)}`, `changed:${batch}`);
    p.del(`key:${rnd(STRINGS)}`, `h:${rnd(PER_TYPE)}`);
    p.set(`new:${batch}:${k}`, 'x');
    p.hset(`h:${rnd(PER_TYPE)}`, 'f0', 'changed', 'extra', 'y');
    p.rpush(`l:${rnd(PER_TYPE)}`, 'pushed');
    p.lpop(`l:${rnd(PER_TYPE)}`);
    p.sadd(`s:${rnd(PER_TYPE)}`, 'added');
    p.srem(`s:${rnd(PER_TYPE)}`, 'm0', '0');
    p.zincrby(`z:${rnd(PER_TYPE)}`, 5, 'z0');
    p.persist(`t:${rnd(WITH_TTL)}`);
    p.expire(`key:${rnd(STRINGS)}`, 500);
    p.rename(`key:${rnd(STRINGS)}`, `renamed:${batch}:${k}`);
    p.append(`key:${rnd(STRINGS)}`, '+');
  }
  p.hset('bighash', `field:${batch}`, 'changed');
  p.lset('biglist', batch % BIG, 'changed');
  if (batch === 3) p.select(1).flushdb().select(0);
}

describe('BGSAVE while another client writes', () => {
  it('the RDB holds the dataset of the BGSAVE moment, not the later writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferrous-bgsave-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const { server, redis } = await start(dir);
    const entries = model();
    await load(redis, entries);
    expect(await redis.dbsize()).toBe(entries.length - DB1);

    const writer = new Redis(server.port, '127.0.0.1');
    cleanup.push(() => writer.disconnect());
    expect(await redis.bgsave()).toBe('Background saving started');
    // Each batch ends with INFO, so we know it was applied while the snapshot was still running.
    let during = 0;
    for (let batch = 0; batch < 1000; batch++) {
      const p = writer.pipeline();
      writeBatch(p, batch);
      p.info('persistence');
      const replies = (await p.exec())!;
      const info = replies[replies.length - 1][1] as string;
      if (!info.includes('rdb_bgsave_in_progress:1')) break;
      during++;
    }
    expect(during).toBeGreaterThanOrEqual(4);
    const info = await redis.info('persistence');
    expect(info).toContain('rdb_last_bgsave_status:ok');

    // The live dataset did change (so an unchanged RDB is not vacuous).
    expect(await redis.exists('new:0:0')).toBe(1);
    expect(await redis.hget('bighash', 'field:0')).toBe('changed');
    expect(await writer.select(1).then(() => writer.dbsize())).toBe(0);

    const reloaded = await start(dir);
    expect(await reloaded.redis.dbsize()).toBe(entries.length - DB1);
    expect(await reloaded.redis.select(1).then(() => reloaded.redis.dbsize())).toBe(DB1);
    await reloaded.redis.select(0);
    expect(normalized(await read(reloaded.redis, entries))).toEqual(normalized(entries));
  }, 30000);
});
