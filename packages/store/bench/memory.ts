// Bytes per key: Ferrous's store (real heap growth after a forced GC, in a child process per
// row) next to a real redis-server loaded the same way (INFO memory used_memory growth).
// Run: cd packages/store && npx tsx bench/memory.ts [scale]   (scale 1 = 1M strings / 100k others)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRedis, RawConnection, encodeRequest } from '@ferrous/oracle';
import { Store, HashValue, SetValue, ZSetValue, ListValue } from '../src/index';

type Row = 'string' | 'hash' | 'set' | 'zset' | 'list';
const ROWS: Row[] = ['string', 'hash', 'set', 'zset', 'list'];
const ELEMENTS = 10;

function count(row: Row, scale: number): number {
  return Math.round((row === 'string' ? 1_000_000 : 100_000) * scale);
}

/** A fresh flat latin1 string, as the RESP parser would produce it. */
function bytes(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

/** The commands that build key `i` of a row (strings use DEBUG POPULATE on Redis instead). */
function commandsFor(row: Row, i: number): string[] {
  const key = `${row}:${i}`;
  const els = Array.from({ length: ELEMENTS }, (_, j) => `member:${j}`);
  switch (row) {
    case 'hash':
      return ['HSET', key, ...els.flatMap((e, j) => [e, `value:${j}`])];
    case 'set':
      return ['SADD', key, ...els];
    case 'zset':
      return ['ZADD', key, ...els.flatMap((e, j) => [String(j), e])];
    case 'list':
      return ['RPUSH', key, ...els];
    default:
      return ['SET', `key:${i}`, `value:${i}`];
  }
}

function loadFerrous(store: Store, row: Row, n: number): void {
  const db = store.db(0);
  for (let i = 0; i < n; i++) {
    const argv = commandsFor(row, i).map(bytes);
    const key = argv[1];
    const args = argv.slice(2);
    switch (row) {
      case 'string':
        db.set(key, args[0]);
        break;
      case 'hash': {
        const h = new HashValue(store);
        for (let j = 0; j < args.length; j += 2) h.set(args[j], args[j + 1]);
        db.set(key, h);
        break;
      }
      case 'set':
        db.set(key, SetValue.fromMembers(store, args));
        break;
      case 'zset': {
        const z = new ZSetValue(store);
        for (let j = 0; j < args.length; j += 2) z.add(args[j + 1], Number(args[j]));
        db.set(key, z);
        break;
      }
      case 'list': {
        const l = new ListValue(store);
        for (const e of args) l.push(e, false);
        db.set(key, l);
        break;
      }
    }
  }
}

function heap(): number {
  (globalThis as { gc?: () => void }).gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Child mode: load one row into a Store and print bytes per key. */
function child(row: Row, n: number): void {
  const before = heap();
  const store = new Store();
  loadFerrous(store, row, n);
  const after = heap();
  const encoding = store.db(0).objectEncoding(row === 'string' ? 'key:0' : `${row}:0`);
  process.stdout.write(JSON.stringify({ perKey: (after - before) / n, estimate: store.usedMemory / n, encoding }));
}

async function usedMemory(conn: RawConnection): Promise<number> {
  const info = await conn.call('INFO', 'memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

async function redisPerKey(row: Row, n: number): Promise<{ perKey: number; encoding: string }> {
  const redis = await startRedis(['--enable-debug-command', 'yes']);
  const conn = await RawConnection.open(redis.port);
  try {
    const before = await usedMemory(conn);
    if (row === 'string') {
      await conn.call('DEBUG', 'POPULATE', String(n));
    } else {
      for (let start = 0; start < n; start += 1000) {
        const batch = Math.min(1000, n - start);
        conn.write(Buffer.concat(Array.from({ length: batch }, (_, k) => encodeRequest(commandsFor(row, start + k)))));
        await conn.read(batch, 60_000);
      }
    }
    const after = await usedMemory(conn);
    const enc = await conn.call('OBJECT', 'ENCODING', row === 'string' ? 'key:0' : `${row}:0`);
    return { perKey: (after - before) / n, encoding: enc.split('\r\n')[1] };
  } finally {
    conn.close();
    await redis.stop();
  }
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === '--child') {
    const [row, n] = arg.split(':');
    child(row as Row, Number(n));
    return;
  }
  const scale = Number(mode ?? '1');
  const self = fileURLToPath(import.meta.url);
  console.log('| data (per key) | keys | Redis 7.0 bytes/key | Ferrous bytes/key (heap) | ratio | Ferrous estimate | encoding (Redis / Ferrous) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of ROWS) {
    const n = count(row, scale);
    const redis = await redisPerKey(row, n);
    const out = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', self, '--child', `${row}:${n}`], {
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(out.stderr);
    const mine = JSON.parse(out.stdout) as { perKey: number; estimate: number; encoding: string };
    const label = row === 'string' ? 'string (DEBUG POPULATE)' : `${row} of ${ELEMENTS} small elements`;
    console.log(
      `| ${label} | ${n} | ${redis.perKey.toFixed(1)} | ${mine.perKey.toFixed(1)} | ${(mine.perKey / redis.perKey).toFixed(2)}x | ${mine.estimate.toFixed(1)} | ${redis.encoding} / ${mine.encoding} |`,
    );
  }
}

await main();
