// Test helpers (not exported): one command list builds the same dataset in a Store and in a real
// redis-server, and both datasets read back into one comparable shape.
import { ErrorReply, ReplyParser, SimpleString, encodeCommand, formatDouble, type Reply } from '@ferrous/resp';
import { HashValue, ListValue, MAX_ID, SetValue, Store, ZSetValue, parseFloat as parseRedisFloat, type StoreValue } from '@ferrous/store';

/** Applies the few write commands the test datasets use to a Store. */
export function applyCommand(store: Store, state: { db: number }, argv: string[]): void {
  const [name, key, ...rest] = argv;
  const db = store.db(state.db);
  const existing = key === undefined ? undefined : db.lookupWrite(key);
  switch (name.toUpperCase()) {
    case 'SELECT':
      state.db = Number(key);
      return;
    case 'SET':
      db.set(key, rest[0]);
      return;
    case 'RPUSH': {
      const list = (existing as ListValue | undefined) ?? new ListValue(store);
      for (const v of rest) list.push(v, false);
      if (existing) db.signalModified(key);
      else db.set(key, list);
      return;
    }
    case 'SADD': {
      const set = (existing as SetValue | undefined) ?? new SetValue(store);
      for (const v of rest) set.add(v);
      if (existing) db.signalModified(key);
      else db.set(key, set);
      return;
    }
    case 'ZADD': {
      const z = (existing as ZSetValue | undefined) ?? new ZSetValue(store);
      for (let i = 0; i < rest.length; i += 2) z.add(rest[i + 1], parseRedisFloat(rest[i])!);
      if (existing) db.signalModified(key);
      else db.set(key, z);
      return;
    }
    case 'HSET':
    case 'HMSET': {
      const h = (existing as HashValue | undefined) ?? new HashValue(store);
      for (let i = 0; i < rest.length; i += 2) h.set(rest[i], rest[i + 1]);
      if (existing) db.signalModified(key);
      else db.set(key, h);
      return;
    }
    case 'PEXPIREAT':
      db.setExpire(key, Number(rest[0]));
      return;
    case 'MULTI':
    case 'EXEC':
      return;
    default:
      throw new Error(`test applier: unsupported ${name}`);
  }
}

export function populate(store: Store, commands: string[][]): void {
  const state = { db: 0 };
  for (const argv of commands) applyCommand(store, state, argv);
}

/** A deterministic pseudo-random byte string. */
function bytes(seed: number, n: number, alphabet = 256): string {
  let x = seed >>> 0 || 1;
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) % alphabet;
  }
  return out.latin1Slice();
}

let dataset: string[][] | undefined;

/** Every type in both encodings, with expires, big and compressible values, in three databases. */
export function datasetCommands(): string[][] {
  dataset ??= buildDataset();
  return dataset;
}

function buildDataset(): string[][] {
  const far = String(Date.now() + 10 * 86_400_000);
  const cmds: string[][] = [];
  const s = (...argv: string[]) => cmds.push(argv);
  for (const db of ['0', '3', '15']) {
    s('SELECT', db);
    s('SET', 'str:small', 'hello');
    s('SET', 'str:int8', '-100');
    s('SET', 'str:int16', '30000');
    s('SET', 'str:int32', '-2000000000');
    s('SET', 'str:int64', '1234567890123456789');
    s('SET', 'str:lead0', '007');
    s('SET', 'str:empty', '');
    s('SET', 'str:binary', bytes(1, 300));
    s('SET', 'str:lzf', 'abcdefghij'.repeat(500));
    s('SET', 'str:big', bytes(2, 100_000, 4));
    s('SET', 'str:expiring', 'soon');
    s('PEXPIREAT', 'str:expiring', far);
    s('SET', bytes(3, 40), 'binary key');
    s('RPUSH', 'list:small', 'a', '1', '-5000', '70000', '-9000000', '3000000000', '9223372036854775807', 'x'.repeat(70), 'y'.repeat(5000));
    s('RPUSH', 'list:big', ...Array.from({ length: 1200 }, (_, i) => (i % 3 === 0 ? String(i * 7919) : `item-${i}-${bytes(i + 9, 8, 26)}`)));
    s('PEXPIREAT', 'list:big', far);
    s('SADD', 'set:intset', '1', '2', '3', '-4', '100000');
    s('SADD', 'set:intset64', '1', '9223372036854775807', '-9223372036854775808');
    s('SADD', 'set:strings', 'alpha', 'beta', 'gamma', '1');
    s('SADD', 'set:bigints', ...Array.from({ length: 600 }, (_, i) => String(i * 3)));
    s('ZADD', 'zset:small', '1', 'one', '2.5', 'two', '0', 'zero', 'inf', 'top', '-inf', 'bottom', '0.1', 'tenth', '1e300', 'huge', '12345678901', 'bigint');
    s('ZADD', 'zset:big', ...Array.from({ length: 200 }, (_, i) => [String(i / 7), `m${i}`]).flat());
    s('ZADD', 'zset:longmember', '1', 'z'.repeat(100));
    s('HSET', 'hash:small', 'f1', 'v1', 'f2', '2', 'num', '-1234567', 'empty', '');
    s('HSET', 'hash:big', ...Array.from({ length: 200 }, (_, i) => [`field${i}`, i % 2 ? String(i) : `value-${i}`]).flat());
    s('HSET', 'hash:longvalue', 'f', 'v'.repeat(100));
    s('PEXPIREAT', 'hash:small', far);
  }
  return cmds;
}

/** A value in comparable form: sets and hashes sorted, zset scores printed like ZRANGE WITHSCORES. */
export type Canonical = { type: string; value: unknown; expireAt: number };

export function canonicalValue(value: StoreValue): { type: string; value: unknown } {
  if (typeof value === 'string') return { type: 'string', value };
  switch (value.type) {
    case 'list':
      return { type: 'list', value: value.toArray() };
    case 'set':
      return { type: 'set', value: value.members().sort() };
    case 'zset':
      return { type: 'zset', value: value.entries().map(([m, s]) => [m, formatDouble(s)]) };
    case 'hash': {
      const flat = value.toArray();
      const pairs: string[][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
      return { type: 'hash', value: pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
    }
    case 'stream':
      return { type: 'stream', value: value.range(0n, MAX_ID).map((e) => [e.id, e.fields]) };
  }
}

/** db -> key -> canonical entry, for every non-empty database of the store. */
export function storeContents(store: Store): Record<number, Record<string, Canonical>> {
  const out: Record<number, Record<string, Canonical>> = {};
  for (let i = 0; i < store.databases; i++) {
    const db = store.db(i);
    if (db.size === 0) continue;
    const entries: Record<string, Canonical> = {};
    db.forEach((key, value, expireAt) => (entries[key] = { ...canonicalValue(value), expireAt }));
    out[i] = entries;
  }
  return out;
}

interface RawLike {
  call(...argv: string[]): Promise<string>;
  write(bytes: Buffer): void;
  read(n: number, timeoutMs?: number): Promise<string[]>;
  close(): void;
}

/** A minimal command client over a raw socket, parsing replies with @ferrous/resp. */
export class TestClient {
  private constructor(private readonly conn: RawLike) {}

  static wrap(conn: RawLike): TestClient {
    return new TestClient(conn);
  }

  async call(...argv: string[]): Promise<Reply> {
    return (await this.pipeline([argv]))[0];
  }

  /** Sends all commands at once; throws on the first error reply. */
  async pipeline(commands: string[][]): Promise<Reply[]> {
    this.conn.write(Buffer.concat(commands.map((c) => encodeCommand(c))));
    const raw = await this.conn.read(commands.length, 20_000);
    if (raw.length < commands.length) throw new Error('connection closed or timed out');
    const replies: Reply[] = [];
    const parser = new ReplyParser({ onReply: (r) => replies.push(r) });
    for (const frame of raw) parser.feed(Buffer.from(frame, 'latin1'));
    return replies.map((reply) => {
      if (reply instanceof ErrorReply) throw new Error(reply.message);
      return reply instanceof SimpleString ? reply.value : reply;
    });
  }

  close(): void {
    this.conn.close();
  }
}

const text = (r: Reply): string => (Buffer.isBuffer(r) ? r.latin1Slice() : String(r));

/** Reads the whole dataset of a real redis-server in the same shape as storeContents. */
export async function redisContents(client: TestClient): Promise<Record<number, Record<string, Canonical>>> {
  const out: Record<number, Record<string, Canonical>> = {};
  for (let tries = 0; ; tries++) {
    try {
      await client.call('PING');
      break;
    } catch (err) {
      if (tries > 400 || !String(err).includes('LOADING')) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  for (let i = 0; i < 16; i++) {
    const [, keyReply] = await client.pipeline([['SELECT', String(i)], ['KEYS', '*']]);
    const keys = (keyReply as Reply[]).map(text);
    if (keys.length === 0) continue;
    const meta = await client.pipeline(keys.flatMap((k) => [['TYPE', k], ['PEXPIRETIME', k]]));
    const types = keys.map((_, j) => text(meta[2 * j]));
    const reads: Record<string, (k: string) => string[]> = {
      string: (k) => ['GET', k],
      list: (k) => ['LRANGE', k, '0', '-1'],
      set: (k) => ['SMEMBERS', k],
      zset: (k) => ['ZRANGE', k, '0', '-1', 'WITHSCORES'],
      hash: (k) => ['HGETALL', k],
    };
    const values = await client.pipeline(keys.map((k, j) => reads[types[j]](k)));
    const entries: Record<string, Canonical> = {};
    keys.forEach((key, j) => {
      const type = types[j];
      const reply = values[j];
      let value: unknown;
      if (type === 'string') value = text(reply);
      else if (type === 'list') value = (reply as Reply[]).map(text);
      else if (type === 'set') value = (reply as Reply[]).map(text).sort();
      else {
        const flat = (reply as Reply[]).map(text);
        const pairs: string[][] = [];
        for (let p = 0; p < flat.length; p += 2) pairs.push([flat[p], flat[p + 1]]);
        value = type === 'hash' ? pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1)) : pairs;
      }
      entries[key] = { type, value, expireAt: Number(meta[2 * j + 1]) };
    });
    out[i] = entries;
  }
  await client.call('SELECT', '0');
  return out;
}

/** Sends a command list to redis in pipelined batches. */
export async function populateRedis(conn: { write(b: Buffer): void; read(n: number, t?: number): Promise<string[]> }, commands: string[][], encode: (argv: string[]) => Buffer): Promise<void> {
  for (let i = 0; i < commands.length; i += 50) {
    const batch = commands.slice(i, i + 50);
    conn.write(Buffer.concat(batch.map(encode)));
    const replies = await conn.read(batch.length, 10_000);
    const bad = replies.find((r) => r.startsWith('-'));
    if (bad !== undefined) throw new Error(`redis refused a command: ${bad}`);
  }
}
