// PUBLISH fan-out cost against redis-server in the same run: one channel with 100 subscribers, and
// 1000 channels with one subscriber each. Both servers run as child processes; the number is the
// server's own CPU time (utime+stime from /proc) per published message, best of alternating
// rounds. Subscribers are plain sockets that only count bytes, so delivery is confirmed exactly
// without client parsing cost. Needs `pnpm build` first (runs apps/server/dist/main.js).
//   npx tsx packages/server/bench/pubsub-fanout.ts [messages] [rounds]
// PROFILE=dir adds `--cpu-prof --cpu-prof-dir dir` to the Ferrous child.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { encodeRequest } from '@ferrous/oracle';

const messages = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const BATCH = 16;
const PAYLOAD = 'x'.repeat(32);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const basePort = 7400 + (process.pid % 500);

interface Server {
  name: string;
  port: number;
  child: ChildProcess;
}

interface Scenario {
  name: string;
  subscribers: number;
  channels: number;
}

const scenarios: Scenario[] = [
  { name: '1 channel × 100 subscribers', subscribers: 100, channels: 1 },
  { name: '1000 channels × 1 subscriber', subscribers: 1000, channels: 1000 },
];

/** [user, system] CPU µs of a process (utime, stime are in 10 ms clock ticks). */
function cpuMicros(pid: number): [number, number] {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(')').pop()!.trim().split(' ');
  return [Number(fields[11]) * 1e4, Number(fields[12]) * 1e4];
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

async function start(name: string, port: number, cmd: string, args: string[]): Promise<Server> {
  const child = spawn(cmd, args, { cwd: root, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      (await connect(port)).destroy();
      return { name, port, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start on ${port}`);
}

/** Resolves once the socket has received `bytes` bytes in total (counted from now). */
function received(socket: net.Socket, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    let got = 0;
    const onData = (chunk: Buffer) => {
      got += chunk.length;
      if (got < bytes) return;
      socket.off('data', onData);
      if (got > bytes) throw new Error(`got ${got} bytes, expected ${bytes}`);
      resolve();
    };
    socket.on('data', onData);
  });
}

const channelName = (i: number) => `ch:${i}`;
const frameLength = (channel: string) =>
  `*3\r\n$7\r\nmessage\r\n$${channel.length}\r\n${channel}\r\n$${PAYLOAD.length}\r\n${PAYLOAD}\r\n`.length;

/** One run: subscribe, publish `messages` in batches of BATCH, wait for every delivery. */
async function run(server: Server, sc: Scenario): Promise<{ cpu: number; sys: number; seconds: number }> {
  const subs = await Promise.all(Array.from({ length: sc.subscribers }, () => connect(server.port)));
  await Promise.all(
    subs.map((s, i) => {
      const ch = channelName(i % sc.channels);
      const ack = `*3\r\n$9\r\nsubscribe\r\n$${ch.length}\r\n${ch}\r\n:1\r\n`.length;
      const done = received(s, ack);
      s.write(encodeRequest(['SUBSCRIBE', ch]));
      return done;
    }),
  );
  // Expected bytes per subscriber: message k goes to channel k % channels.
  const expected = subs.map((_s, i) => {
    const c = i % sc.channels;
    const count = Math.floor(messages / sc.channels) + (c < messages % sc.channels ? 1 : 0);
    return count * frameLength(channelName(c));
  });
  const delivered = Promise.all(subs.map((s, i) => received(s, expected[i])));
  const commands = Array.from({ length: sc.channels }, (_v, c) => encodeRequest(['PUBLISH', channelName(c), PAYLOAD]));
  const pub = await connect(server.port);
  const pid = server.child.pid!;
  const cpu0 = cpuMicros(pid);
  const t0 = performance.now();
  for (let sent = 0; sent < messages; ) {
    const n = Math.min(BATCH, messages - sent);
    const batch = Buffer.concat(Array.from({ length: n }, (_v, k) => commands[(sent + k) % sc.channels]));
    const replies = new Promise<void>((resolve) => {
      let lines = 0;
      const onData = (chunk: Buffer) => {
        for (const b of chunk) if (b === 10) lines++;
        if (lines < n) return;
        pub.off('data', onData);
        resolve();
      };
      pub.on('data', onData);
    });
    pub.write(batch);
    await replies;
    sent += n;
  }
  await delivered;
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuMicros(pid);
  const user = cpu1[0] - cpu0[0];
  const sys = cpu1[1] - cpu0[1];
  for (const s of [pub, ...subs]) s.destroy();
  await new Promise((r) => setTimeout(r, 200)); // let the server drop the connections
  return { cpu: (user + sys) / messages, sys: sys / (user + sys), seconds };
}

const cell = (name: string, b: { cpu: number; sys: number; rate: number }) =>
  `${name} ${b.cpu.toFixed(2).padStart(6)} µs/msg (${(b.sys * 100).toFixed(0)}% sys) ${b.rate.toFixed(0).padStart(6)} msg/s`;

const profile = process.env.PROFILE;
const servers = [
  await start('ferrous', basePort, process.execPath, [
    ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []),
    'apps/server/dist/main.js',
    '--port',
    String(basePort),
    '--save',
    '',
  ]),
  await start('redis', basePort + 1, 'redis-server', ['--port', String(basePort + 1), '--bind', '127.0.0.1', '--save', '']),
];

try {
  console.log(`${messages} PUBLISH per run, ${BATCH} per pipeline batch, ${PAYLOAD.length}-byte payload, best of ${rounds}`);
  for (const sc of scenarios) {
    const best = new Map<string, { cpu: number; sys: number; rate: number }>();
    for (let r = 0; r < rounds; r++) {
      for (const server of servers) {
        const { cpu, sys, seconds } = await run(server, sc);
        const b = best.get(server.name) ?? { cpu: Infinity, sys: 0, rate: 0 };
        const rate = Math.max(b.rate, messages / seconds);
        best.set(server.name, cpu < b.cpu ? { cpu, sys, rate } : { ...b, rate });
      }
    }
    const f = best.get('ferrous')!;
    const r = best.get('redis')!;
    console.log(
      `${sc.name.padEnd(30)} ${cell('ferrous', f)} | ${cell('redis', r)} | ` +
        `cpu ratio redis/ferrous ${(r.cpu / f.cpu).toFixed(2)}`,
    );
  }
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)))));
}
