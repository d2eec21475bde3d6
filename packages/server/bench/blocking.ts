// Blocking commands under load: how late timeouts fire with many blocked clients sharing the one
// deadline timer, and how fast one push burst wakes many waiters. Plain sockets that timestamp
// each reply on arrival keep client overhead out of the numbers. PORT=… measures another server
// (e.g. a redis-server) instead of an in-process Ferrous.
//   npx tsx packages/server/bench/blocking.ts [clients]
import net from 'node:net';
import { encodeRequest } from '@ferrous/oracle';
import { createServer } from '@ferrous/server';

const clients = Number(process.argv[2] ?? 500);
const external = process.env.PORT ? Number(process.env.PORT) : 0;
const server = external ? null : await createServer({ port: 0, config: { save: '' } });
const port = external || server!.port;

/** A socket whose next reply resolves `next` with its arrival time. */
interface Probe {
  socket: net.Socket;
  arrived: Promise<number>;
  expect(): void;
}

function probe(): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(p));
    let settle: (t: number) => void = () => undefined;
    const p: Probe = {
      socket,
      arrived: Promise.resolve(0),
      expect() {
        p.arrived = new Promise((r) => (settle = r));
      },
    };
    socket.on('data', () => settle(performance.now()));
  });
}

const probes = await Promise.all(Array.from({ length: clients }, probe));

// Timeouts spread over 100..300 ms: lateness = arrival - (send time + timeout).
const sent: number[] = [];
probes.forEach((p, i) => {
  p.expect();
  sent.push(performance.now());
  p.socket.write(encodeRequest(['BLPOP', `t${i}`, (0.1 + (0.2 * i) / clients).toFixed(4)]));
});
const arrivals = await Promise.all(probes.map((p) => p.arrived));
const lateness = arrivals.map((t, i) => t - sent[i] - (100 + (200 * i) / clients)).sort((a, b) => a - b);
const pct = (p: number) => lateness[Math.min(lateness.length - 1, Math.floor(p * lateness.length))].toFixed(1);
console.log(`timeouts (${clients} clients): late p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`);

// Every client waits on one key; one RPUSH of `clients` elements serves them all.
for (const p of probes) {
  p.expect();
  p.socket.write(encodeRequest(['BLPOP', 'q', '0']));
}
await new Promise((r) => setTimeout(r, 300));
const pusher = await probe();
pusher.expect();
const t0 = performance.now();
pusher.socket.write(encodeRequest(['RPUSH', 'q', ...Array.from({ length: clients }, (_v, i) => String(i))]));
const last = Math.max(...(await Promise.all(probes.map((p) => p.arrived))));
console.log(`wake-up: ${clients} waiters served by one RPUSH in ${(last - t0).toFixed(1)} ms (${(((last - t0) * 1000) / clients).toFixed(1)} µs/waiter)`);

for (const p of [...probes, pusher]) p.socket.destroy();
await server?.close();
