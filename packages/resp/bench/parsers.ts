// Benchmark: @ferrous/resp parsers vs redis-parser (ioredis) and @redis/client's decoder
// (node-redis) on the same bytes, fed in the same chunks, in one process. Prints a table.
// Run: cd packages/resp && npx tsx bench/parsers.ts
// (ROUNDS=n changes the number of rounds; ONLY_REPLY=1 / ONLY_REQ=1 run one table.)
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ReplyParser, RequestParser } from '../src/index.js';

const require = createRequire(import.meta.url);
type Execute = { execute(buf: Buffer): void };
const RedisParser = require('redis-parser') as new (options: {
  returnReply(reply: unknown): void;
  returnError(error: unknown): void;
  returnFatalError?(error: unknown): void;
  returnBuffers?: boolean;
}) => Execute;
// node-redis does not export its decoder; load it from @redis/client next to the `redis` package.
const redisDir = dirname(realpathSync(require.resolve('redis/package.json')));
const { Decoder } = require(join(redisDir, '..', '@redis', 'client', 'dist', 'lib', 'RESP', 'decoder.js')) as {
  Decoder: new (config: {
    onReply(reply: unknown): void;
    onErrorReply(error: unknown): void;
    onPush(push: unknown): void;
    getTypeMapping(): object;
  }) => { write(chunk: Buffer): void };
};

const crlf = (parts: string[]): string => parts.map((p) => `${p}\r\n`).join('');
const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;
const command = (args: string[]): string => `*${args.length}\r\n${args.map(bulk).join('')}`;
const value64 = 'v'.repeat(64);

interface Workload {
  name: string;
  messages: number;
  bytes: Buffer;
}

function workload(name: string, messages: number, make: (i: number) => string): Workload {
  let text = '';
  for (let i = 0; i < messages; i++) text += make(i);
  return { name, messages, bytes: Buffer.from(text, 'latin1') };
}

const replyWorkloads: Workload[] = [
  workload('+OK', 200_000, () => '+OK\r\n'),
  workload(':n', 200_000, (i) => `:${i * 7}\r\n`),
  workload('64 B bulk', 100_000, () => bulk(value64)),
  workload('100 KB bulk', 400, (i) => bulk(String.fromCharCode(97 + (i % 26)).repeat(100 * 1024))),
  workload('array of 100 bulks', 4_000, (i) => `*100\r\n${Array.from({ length: 100 }, (_, j) => bulk(`member:${i}:${j}`)).join('')}`),
  workload('nested arrays', 40_000, (i) => crlf(['*2', '*3', `:${i}`, '$3', 'abc', '*2', '+x', ':-1', '*1', '*1', '$1', 'y'])),
  workload('-ERR', 100_000, () => '-ERR wrong number of arguments for \'get\' command\r\n'),
];

const requestWorkloads: Workload[] = [
  workload('SET key:N <64 B>', 100_000, (i) => command(['SET', `key:${i}`, value64])),
  workload('GET key:N', 200_000, (i) => command(['GET', `key:${i}`])),
  workload('MSET 10 pairs', 20_000, (i) => command(['MSET', ...Array.from({ length: 20 }, (_, j) => (j % 2 ? `value:${j}` : `key:${i}:${j}`))])),
  workload('LPUSH 100 elements', 4_000, (i) => command(['LPUSH', `list:${i}`, ...Array.from({ length: 100 }, (_, j) => `element-${j}`)])),
];

function chunked(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(Buffer.from(bytes.subarray(i, i + size)));
  return chunks;
}

type Run = (chunks: Buffer[]) => number;

const ROUNDS = Number(process.env.ROUNDS ?? 10);

/** CPU seconds (user + system) of this process since `start`: less disturbed by other load than wall time. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * Best messages/s of each run over ROUNDS interleaved rounds of ~100 ms of CPU time each, so
 * that load from other processes hits every parser alike and the best round of each counts.
 */
function measure(runs: Run[], chunks: Buffer[], messages: number[]): number[] {
  runs.forEach((run, i) => {
    const got = run(chunks);
    if (got !== messages[i]) throw new Error(`parsed ${got} of ${messages[i]} messages`);
  });
  const best = runs.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    runs.forEach((run, i) => {
      let reps = 0;
      const start = process.cpuUsage();
      let elapsed: number;
      do {
        run(chunks);
        reps++;
        elapsed = cpuSince(start);
      } while (elapsed < 0.1);
      best[i] = Math.max(best[i]!, (reps * messages[i]!) / elapsed);
    });
  }
  return best;
}

const ferrousReplies: Run = (chunks) => {
  let n = 0;
  const parser = new ReplyParser({ onReply: () => void n++ });
  for (const c of chunks) parser.feed(c);
  return n;
};
const ferrousRequests: Run = (chunks) => {
  let n = 0;
  const parser = new RequestParser();
  const onCommand = (): void => void n++;
  for (const c of chunks) parser.feed(c, onCommand);
  return n;
};
const redisParser: Run = (chunks) => {
  let n = 0;
  const count = (): void => void n++;
  const parser = new RedisParser({ returnReply: count, returnError: count, returnFatalError: (e) => { throw e; } });
  for (const c of chunks) parser.execute(c);
  return n;
};
const nodeRedis: Run = (chunks) => {
  let n = 0;
  const count = (): void => void n++;
  const decoder = new Decoder({ onReply: count, onErrorReply: count, onPush: count, getTypeMapping: () => ({}) });
  for (const c of chunks) decoder.write(c);
  return n;
};
/** Physical-limit reference: finding every CRLF with Buffer.indexOf. Counts lines, not messages. */
const indexOfScan = (chunks: Buffer[]): number => {
  let lines = 0;
  for (const c of chunks) for (let i = c.indexOf('\r\n'); i !== -1; i = c.indexOf('\r\n', i + 2)) lines++;
  return lines;
};

function fmt(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M` : `${(perSecond / 1e3).toFixed(1)} k`;
}

function table(title: string, workloads: Workload[], ferrous: Run, chunkSizes: number[]): void {
  console.log(`\n### ${title} (messages/s: best of ${ROUNDS} interleaved rounds, CPU time)\n`);
  console.log('| workload | chunk | @ferrous/resp | redis-parser | @redis/client | ferrous / redis-parser | @ferrous/resp MB/s | indexOf CRLF scan MB/s |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const w of workloads) {
    for (const size of chunkSizes) {
      const chunks = chunked(w.bytes, size);
      const lines = indexOfScan(chunks);
      const m = w.messages;
      const [ours, theirs, nr, scanLines] = measure([ferrous, redisParser, nodeRedis, indexOfScan], chunks, [m, m, m, lines]);
      const scan = (scanLines! / lines) * w.bytes.length;
      console.log(
        `| ${w.name} | ${size / 1024} KiB | ${fmt(ours!)} | ${fmt(theirs!)} | ${fmt(nr!)} | ${(ours! / theirs!).toFixed(2)}× | ${((ours! / m) * w.bytes.length / 1e6).toFixed(0)} | ${(scan / 1e6).toFixed(0)} |`,
      );
    }
  }
}

console.log(`node ${process.version}, ${process.arch}`);
if (!process.env.ONLY_REQ) table('Reply parsing (client side)', replyWorkloads, ferrousReplies, [64 * 1024]);
if (!process.env.ONLY_REPLY) table('Request parsing (server side; the others parse the same bytes as client-style arrays)', requestWorkloads, ferrousRequests, [16 * 1024, 64 * 1024]);
