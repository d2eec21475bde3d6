// SAVE and load speed for N keys (DEBUG POPULATE shape: key:N -> value:N) or, with `stream`, one
// stream of N entries (job-queue shape: `name job:N attempts N%5`, 100 per node), Ferrous next to a
// real redis-server on the same machine, alternating, best of R runs. Prints wall time and CPU
// time (ours: process.cpuUsage; Redis: INFO cpu of its main thread), since CPU time is much
// steadier than wall time on a shared machine. The first SAVE is shown too: a stream node keeps
// its encoding after a save until it changes, so later saves of an unchanged stream copy bytes
// (the first SAVE encodes every node, after a warm-up on other data).
// `stringsS` pads each value with zero bytes to S bytes, as DEBUG POPULATE N key S does (values
// over 20 bytes are LZF-compressed).
// Run: npx tsx bench/save-load.ts [keys=1000000] [runs=3] [strings|stringsS|stream]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawConnection, encodeRequest, startRedis } from '@ferrous/oracle';
import { Store, StreamValue } from '@ferrous/store';
import { readFileSync } from 'node:fs';
import { applyRdb, encodeRdb, readRdb, saveRdb, bgsaveRdb, BufferSink, type RdbContents } from '@ferrous/persistence';

const keys = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const shape = process.argv[4] ?? 'strings';
const valueSize = Number(/^strings(\d+)$/.exec(shape)?.[1] ?? 0);
const dir = mkdtempSync(join(tmpdir(), 'ferrous-bench-'));

interface Sample {
  wall: number;
  cpu: number;
}

function measure(fn: () => void): Sample {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

async function measureAsync(fn: () => Promise<unknown>): Promise<Sample> {
  const c = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

async function call(conn: RawConnection, ...argv: string[]): Promise<string> {
  conn.write(encodeRequest(argv));
  const [reply] = await conn.read(1, 600_000);
  if (reply === undefined || reply.startsWith('-')) throw new Error(reply ?? 'timeout');
  return reply;
}

async function redisCpu(conn: RawConnection): Promise<number> {
  const info = await call(conn, 'INFO', 'cpu');
  const user = Number(/used_cpu_user_main_thread:([\d.]+)/.exec(info)![1]);
  const sys = Number(/used_cpu_sys_main_thread:([\d.]+)/.exec(info)![1]);
  return (user + sys) * 1000;
}

async function redisMeasure(conn: RawConnection, ...argv: string[]): Promise<Sample> {
  const c = await redisCpu(conn);
  const t = performance.now();
  await call(conn, ...argv);
  const wall = performance.now() - t;
  return { wall, cpu: (await redisCpu(conn)) - c };
}

const best = (xs: Sample[]) => `${Math.min(...xs.map((x) => x.wall)).toFixed(0)} ms wall / ${Math.min(...xs.map((x) => x.cpu)).toFixed(0)} ms CPU`;

async function main(): Promise<void> {
  const redis = await startRedis(['--enable-debug-command', 'yes']);
  const conn = await RawConnection.open(redis.port);
  const path = join(dir, 'ferrous.rdb');
  try {
    const entry = (i: number) => ['name', `job:${i}`, 'attempts', String(i % 5)];
    const build = (n: number): Store => {
      const built = new Store();
      const db = built.db(0);
      if (shape === 'stream') {
        const s = new StreamValue();
        for (let i = 1; i <= n; i++) s.append(BigInt(i) << 64n, entry(i), { maxBytes: 4096, maxEntries: 100 });
        db.set('stream', s);
      } else for (let i = 0; i < n; i++) db.set(`key:${i}`, `value:${i}`.padEnd(valueSize, '\0'));
      return built;
    };
    const store = build(keys);
    // Warm the encoder up on a tenth of the data first, so that the first SAVE measured is a cold
    // cache (every stream node encoded) but not a cold JIT.
    encodeRdb(build(Math.ceil(keys / 10)));
    if (shape === 'stream') {
      for (let i = 1; i <= keys; i += 1000) {
        const batch: Buffer[] = [];
        for (let j = i; j < Math.min(i + 1000, keys + 1); j++) batch.push(encodeRequest(['XADD', 'stream', `${j}-0`, ...entry(j)]));
        conn.write(Buffer.concat(batch));
        await conn.read(batch.length, 600_000);
      }
    } else await call(conn, 'DEBUG', 'POPULATE', String(keys), 'key', ...(valueSize ? [String(valueSize)] : []));
    const f = { save: [] as Sample[], bgsave: [] as Sample[], load: [] as Sample[], parse: [] as Sample[], apply: [] as Sample[] };
    const r = { save: [] as Sample[], reload: [] as Sample[] };
    for (let i = 0; i < runs; i++) {
      f.save.push(measure(() => saveRdb(store, path)));
      let contents!: RdbContents;
      const target = new Store();
      const parse = measure(() => (contents = readRdb(readFileSync(path), target)));
      const apply = measure(() => applyRdb(target, contents));
      f.parse.push(parse);
      f.apply.push(apply);
      f.load.push({ wall: parse.wall + apply.wall, cpu: parse.cpu + apply.cpu });
      f.bgsave.push(await measureAsync(() => bgsaveRdb(store, new BufferSink()).done));
      r.save.push(await redisMeasure(conn, 'SAVE'));
      r.reload.push(await redisMeasure(conn, 'DEBUG', 'RELOAD'));
    }
    const rload = r.reload.map((x, i) => ({ wall: x.wall - r.save[i].wall, cpu: x.cpu - r.save[i].cpu }));
    console.log(`${shape === 'stream' ? `1 stream of ${keys} entries` : `${keys} string keys (key:N -> value:N${valueSize ? `, padded to ${valueSize} bytes` : ''})`}, best of ${runs}`);
    console.log(`  ferrous SAVE          ${best(f.save)}   (first ${best(f.save.slice(0, 1))}; file ${statSync(path).size} bytes)`);
    console.log(`  redis   SAVE          ${best(r.save)}   (file ${statSync(join(redis.dir, 'dump.rdb')).size} bytes)`);
    console.log(`  ferrous load          ${best(f.load)}   (parse + verify ${best(f.parse)}; store inserts ${best(f.apply)})`);
    console.log(`  redis   load          ${best(rload)}   (DEBUG RELOAD minus SAVE)`);
    console.log(`  ferrous BGSAVE        ${best(f.bgsave)}   (time-sliced snapshot into memory)`);
  } finally {
    conn.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
