// Latency on big collections: a 1M-member zset and a 1M-element list in Ferrous and in
// redis-server, measured in the same run. Each server is its own process (Ferrous from the built
// app). After filling both (pipelined, untimed), one client per server sends one command at a time
// and records each round trip after a short warm-up; samples alternate between the servers so both
// see the same load.
//   cd /work/main && pnpm build && npx tsx packages/server/bench/large-collections.ts [members] [samples]
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { encodeRequest, freePort, RawConnection, startRedis } from '@ferrous/oracle';

const members = Number(process.argv[2] ?? 1_000_000);
const samples = Number(process.argv[3] ?? 2000);
const FILL_BATCH = 1000;
/** Pause after the fill, so the collection of its garbage is not measured as latency. */
const SETTLE_MS = 1000;
/** Untimed round trips per command before measuring (JIT warm-up). */
const WARMUP = 200;
const mainJs = resolve(import.meta.dirname, '../../../apps/server/dist/main.js');

interface Server {
  name: string;
  conn: RawConnection;
  stop(): Promise<void>;
}

async function startFerrous(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [mainJs, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`ferrous-server exited with ${child.exitCode}`);
    const conn = await RawConnection.open(port).catch(() => null);
    if (conn !== null) return { name: 'Ferrous', conn, stop: async () => void child.kill('SIGKILL') };
    if (i > 250) throw new Error('ferrous-server did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function startReference(): Promise<Server> {
  const redis = await startRedis();
  return { name: 'redis-server', conn: await RawConnection.open(redis.port), stop: () => redis.stop() };
}

/** Sends `commands` pipelined and waits for every reply. */
async function pipeline(conn: RawConnection, commands: string[][]): Promise<void> {
  for (const argv of commands) conn.write(encodeRequest(argv));
  const replies = await conn.read(commands.length, 600_000);
  const bad = replies.find((r) => r.startsWith('-'));
  if (replies.length !== commands.length || bad !== undefined) throw new Error(`fill failed: ${bad ?? 'missing replies'}`);
}

/** The zset `z` (member m<i>, score i) and the list `l` (element e<i>), `members` each. */
function fillCommands(): string[][] {
  const out: string[][] = [];
  for (let start = 0; start < members; start += FILL_BATCH) {
    const zadd = ['ZADD', 'z'];
    const rpush = ['RPUSH', 'l'];
    for (let i = start; i < Math.min(members, start + FILL_BATCH); i++) {
      zadd.push(String(i), `m${i}`);
      rpush.push(`e${i}`);
    }
    out.push(zadd, rpush);
  }
  return out;
}

interface Probe {
  label: string;
  /** The command for sample `i` (the same on both servers). */
  argv(i: number): string[];
}

const mid = Math.floor(members / 2);
const probes: Probe[] = [
  // New members with fresh scores spread over the whole range (no two samples collide).
  { label: 'ZADD (new member)', argv: (i) => ['ZADD', 'z', String((i * 7919) % members + 0.5), `new${i}`] },
  { label: 'ZRANGE 0 99', argv: () => ['ZRANGE', 'z', '0', '99'] },
  { label: 'ZRANGE mid +99 (by rank)', argv: () => ['ZRANGE', 'z', String(mid), String(mid + 99)] },
  { label: 'ZRANGEBYSCORE mid +inf LIMIT 0 100', argv: () => ['ZRANGEBYSCORE', 'z', String(mid), '+inf', 'LIMIT', '0', '100'] },
  { label: 'ZSCORE', argv: (i) => ['ZSCORE', 'z', `m${(i * 7919) % members}`] },
  { label: 'LRANGE 0 99', argv: () => ['LRANGE', 'l', '0', '99'] },
  { label: 'LRANGE mid +99', argv: () => ['LRANGE', 'l', String(mid), String(mid + 99)] },
  { label: 'LINDEX mid', argv: () => ['LINDEX', 'l', String(mid)] },
];

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const servers = [await startFerrous(), await startReference()];
try {
  const fill = fillCommands();
  const fillMs: number[] = [];
  for (const s of servers) {
    const t = performance.now();
    await pipeline(s.conn, fill);
    fillMs.push(performance.now() - t);
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  console.log(`${members} members in zset z and list l; ${samples} round trips per command and server, one at a time, in ms`);
  const header = `${'command'.padEnd(36)}${'Ferrous p50'.padStart(12)}${'p99'.padStart(8)}${'redis p50'.padStart(12)}${'p99'.padStart(8)}${'p50 ratio'.padStart(11)}`;
  console.log(header);
  for (const probe of probes) {
    const times: number[][] = servers.map(() => []);
    for (let i = -WARMUP; i < samples; i++) {
      for (let k = 0; k < servers.length; k++) {
        const t = performance.now();
        const reply = await servers[k].conn.call(...probe.argv(i + WARMUP));
        if (i >= 0) times[k].push(performance.now() - t);
        if (reply.startsWith('-')) throw new Error(`${servers[k].name} ${probe.label}: ${reply}`);
      }
    }
    const [f, r] = times.map((t) => t.sort((a, b) => a - b));
    const ms = (x: number, w: number) => x.toFixed(3).padStart(w);
    const ratio = percentile(f, 0.5) / percentile(r, 0.5);
    console.log(`${probe.label.padEnd(36)}${ms(percentile(f, 0.5), 12)}${ms(percentile(f, 0.99), 8)}${ms(percentile(r, 0.5), 12)}${ms(percentile(r, 0.99), 8)}${ratio.toFixed(2).padStart(11)}`);
  }
  console.log(`fill (pipelined ZADD+RPUSH, ${FILL_BATCH} per command): Ferrous ${fillMs[0].toFixed(0)} ms, redis-server ${fillMs[1].toFixed(0)} ms`);
} finally {
  for (const s of servers) {
    s.conn.close();
    await s.stop();
  }
}
