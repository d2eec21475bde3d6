// Command latency while BGSAVE runs: Ferrous's time-sliced copy-on-write snapshot next to
// redis-server's fork, in the same run. Each server is its own process (Ferrous from the built app,
// so the client never shares its event loop). After DEBUG POPULATE, one client sends GET/SET one at
// a time on a plain socket and records each round trip: ~1 s before BGSAVE, during it (until INFO
// reports rdb_bgsave_in_progress:0) and ~1 s after.
//   cd /work/main && pnpm build && npx tsx packages/server/bench/bgsave-latency.ts [keys]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeRequest, freePort, respFrameEnd } from '@ferrous/oracle';

const keys = Number(process.argv[2] ?? 1_000_000);
const PHASE_MS = 1000;
const SETTLE_MS = 1000;
/** How often the during phase asks INFO whether the save finished (not counted as latency). */
const POLL_MS = 10;
const mainJs = resolve(import.meta.dirname, '../../../apps/server/dist/main.js');

/** One command at a time over a raw socket: the round trip is all that is timed. */
class Conn {
  private buf: Buffer = Buffer.alloc(0);
  private waiter: ((reply: Buffer) => void) | null = null;
  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      const end = respFrameEnd(this.buf, 0);
      if (end < 0 || this.waiter === null) return;
      const reply = this.buf.subarray(0, end);
      this.buf = this.buf.subarray(end);
      const w = this.waiter;
      this.waiter = null;
      w(reply);
    });
  }

  static open(port: number): Promise<Conn> {
    return new Promise((ok, fail) => {
      const s = net.connect(port, '127.0.0.1', () => ok(new Conn(s)));
      s.once('error', fail);
    });
  }

  send(argv: string[]): Promise<Buffer> {
    return new Promise((ok) => {
      this.waiter = ok;
      this.socket.write(encodeRequest(argv));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const s = samples.slice().sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] };
}

/** GET/SET round trips until `until()` says stop; `poll` runs every POLL_MS, untimed. */
async function measure(c: Conn, until: () => boolean, poll?: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  let lastPoll = performance.now();
  for (let i = 0; !until(); i++) {
    const key = `key:${Math.floor(Math.random() * keys)}`;
    const t = performance.now();
    await c.send(i % 2 ? ['GET', key] : ['SET', key, `v${i}`]);
    samples.push(performance.now() - t);
    if (poll && performance.now() - lastPoll >= POLL_MS) {
      await poll();
      lastPoll = performance.now();
    }
  }
  return samples;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await Conn.open(port).then((c) => (c.close(), true), () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('server did not start');
}

interface Result {
  name: string;
  populateMs: number;
  bgsaveMs: number;
  phases: Record<'before' | 'during' | 'after', Stats>;
}

async function run(name: string, command: string, prefixArgs: string[]): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'ferrous-bgsave-bench-'));
  const port = await freePort();
  const args = [...prefixArgs, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--enable-debug-command', 'yes'];
  const child = spawn(command, args, { stdio: 'ignore' });
  try {
    await waitForPort(port, child);
    const c = await Conn.open(port);
    let t = performance.now();
    await c.send(['DEBUG', 'POPULATE', String(keys)]);
    const populateMs = performance.now() - t;
    // Let the collection that follows a bulk insert finish before measuring.
    await new Promise((r) => setTimeout(r, SETTLE_MS));

    let stop = performance.now() + PHASE_MS;
    const before = await measure(c, () => performance.now() > stop);

    const reply = (await c.send(['BGSAVE'])).toString('latin1');
    if (!reply.startsWith('+Background saving started')) throw new Error(`${name}: BGSAVE replied ${reply}`);
    t = performance.now();
    let saving = true;
    let bgsaveMs = 0;
    const during = await measure(c, () => !saving, async () => {
      const info = (await c.send(['INFO', 'persistence'])).toString('latin1');
      if (info.includes('rdb_bgsave_in_progress:0')) {
        saving = false;
        bgsaveMs = performance.now() - t;
        if (!info.includes('rdb_last_bgsave_status:ok')) throw new Error(`${name}: BGSAVE failed`);
      }
    });

    stop = performance.now() + PHASE_MS;
    const after = await measure(c, () => performance.now() > stop);
    c.close();
    return { name, populateMs, bgsaveMs, phases: { before: stats(before), during: stats(during), after: stats(after) } };
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [await run('Ferrous', process.execPath, [mainJs]), await run('redis-server 7.0', 'redis-server', [])];

const ms = (x: number) => x.toFixed(2).padStart(8);
console.log(`BGSAVE of ${keys} keys (DEBUG POPULATE); GET/SET round trips, one at a time, in ms`);
console.log(`${'server'.padEnd(18)}${'phase'.padEnd(8)}${'n'.padStart(8)}${'p50'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}`);
for (const r of results) {
  for (const phase of ['before', 'during', 'after'] as const) {
    const s = r.phases[phase];
    console.log(`${r.name.padEnd(18)}${phase.padEnd(8)}${String(s.n).padStart(8)}${ms(s.p50)}${ms(s.p99)}${ms(s.max)}`);
  }
}
for (const r of results) console.log(`${r.name}: DEBUG POPULATE ${r.populateMs.toFixed(0)} ms, BGSAVE ${r.bgsaveMs.toFixed(0)} ms (until INFO reports it done)`);
