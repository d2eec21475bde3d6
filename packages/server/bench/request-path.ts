// The JS cost of the request path without the network: a real Client over a stub socket is fed
// pipelined batches (16 commands, as `redis-benchmark -P 16` sends them) and the process CPU time
// per command is printed. No kernel, no Node stream machinery: what remains is parsing, dispatch,
// the store and reply encoding — the part of server-bench's µs/op this codebase controls, with
// far less noise than a loopback benchmark on a shared machine.
//   npx tsx packages/server/bench/request-path.ts [get,set,incr,lpush,rpop,sadd,hset] [rounds]
import { EventEmitter } from 'node:events';
import type net from 'node:net';
// Server first: it pulls in the command families in the order the package's index does.
import { Server } from '../src/server';
import { Config } from '../src/config/config';
import { Client } from '../src/client';

const KEYS = 100_000;
const BATCH = 16;
const BATCHES_PER_ROUND = 4000;
const tests = (process.argv[2] ?? 'get,set,incr,lpush,rpop,sadd,hset').split(',');
const rounds = Number(process.argv[3] ?? 5);

/** Just enough of net.Socket for a Client: writes are counted, nothing is sent. */
class StubSocket extends EventEmitter {
  remoteAddress = '127.0.0.1';
  remotePort = 50000;
  localAddress = '127.0.0.1';
  localPort = 6379;
  writableLength = 0;
  written = 0;
  setNoDelay(): void {}
  setKeepAlive(): void {}
  cork(): void {}
  uncork(): void {}
  resume(): void {}
  pause(): void {}
  destroy(): void {}
  end(): void {}
  write(chunk: Buffer): boolean {
    this.written += chunk.length;
    return true;
  }
}

function request(argv: string[]): string {
  return `*${argv.length}\r\n${argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`;
}

const randomKey = () => `key:${String(Math.floor(Math.random() * KEYS)).padStart(12, '0')}`;
const element = () => `element:${String(Math.floor(Math.random() * KEYS)).padStart(12, '0')}`;
/** redis-benchmark's commands for each test (`-r 100000`). */
const commands: Record<string, () => string[]> = {
  get: () => ['GET', randomKey()],
  set: () => ['SET', randomKey(), 'xxx'],
  incr: () => ['INCR', randomKey().replace('key', 'counter')],
  lpush: () => ['LPUSH', 'mylist', 'xxx'],
  rpop: () => ['RPOP', 'mylist'],
  sadd: () => ['SADD', 'myset', element()],
  hset: () => ['HSET', 'myhash', element(), 'xxx'],
};

const config = new Config();
config.setText('save', '');
const server = new Server(config, {});
const socket = new StubSocket();
const client = new Client(server, socket as unknown as net.Socket, 1);
const feed = (bytes: Buffer) => socket.emit('data', bytes);

// The dataset redis-benchmark leaves behind: 100k string keys, a long list, a 100k set and hash.
for (let i = 0; i < KEYS; i += 1000) {
  let chunk = '';
  for (let j = i; j < i + 1000; j++) {
    const n = String(j).padStart(12, '0');
    chunk += request(['SET', `key:${n}`, 'xxx']) + request(['SADD', 'myset', `element:${n}`]) + request(['HSET', 'myhash', `element:${n}`, 'xxx']);
  }
  feed(Buffer.from(chunk, 'latin1'));
}

console.log(`in-process request path, ${BATCH} commands per batch, CPU µs per command (best of ${rounds} rounds)`);
for (const test of tests) {
  const make = commands[test];
  if (make === undefined) throw new Error(`unknown test ${test}`);
  const batches = Array.from({ length: 256 }, () => Buffer.from(Array.from({ length: BATCH }, () => request(make())).join(''), 'latin1'));
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    // RPOP needs elements: refill the list untimed so every pop pops.
    // LPUSH rebuilds the list from nothing, as in server-bench (its RPOP empties the list).
    if (test === 'lpush') feed(Buffer.from(request(['DEL', 'mylist']), 'latin1'));
    if (test === 'rpop') feed(Buffer.from(request(['LPUSH', 'mylist', ...Array.from({ length: BATCH * BATCHES_PER_ROUND }, () => 'xxx')]), 'latin1'));
    const start = process.cpuUsage();
    for (let i = 0; i < BATCHES_PER_ROUND; i++) feed(batches[i & 255]);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / (BATCHES_PER_ROUND * BATCH));
  }
  console.log(`${test.padEnd(6)} ${best.toFixed(3)}`);
}
client.close();
process.exit(0);
