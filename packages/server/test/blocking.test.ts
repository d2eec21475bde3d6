// Blocking commands with several real connections: FIFO service of waiters, wake-ups by other
// clients' writes (plain, MULTI/EXEC, BLMOVE chains), timeouts, CLIENT UNBLOCK, disconnects, held
// pipelined input, INFO/CLIENT LIST, AOF propagation; and the same multi-client scenarios against
// a real redis-server, compared frame by frame.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithOracle, RawConnection, encodeRequest } from '@ferrous/oracle';
import { createServer, type ServerHandle } from '@ferrous/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePair } from './harness';
import { runScenario, send, type ScenarioStep } from './scenario';

/** Lets a blocking command reach the server before another connection writes. */
const settle = (c: number): ScenarioStep => ({ c, quiet: 40 });

/** Sends a command without waiting for its reply. */
const block = (c: number, line: string): ScenarioStep[] => [send(c, line, 0), settle(c)];

const bulk = (s: string) => `$${s.length}\r\n${s}\r\n`;
const arr = (...items: string[]) => `*${items.length}\r\n${items.join('')}`;

async function open(port: number, n: number): Promise<RawConnection[]> {
  return Promise.all(Array.from({ length: n }, () => RawConnection.open(port)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('blocking commands', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await createServer({ port: 0, config: { save: '' } });
  });
  afterAll(() => server.close());

  it('serves waiters in the order they blocked, one element each', async () => {
    const [a, b, c, w] = await open(server.port, 4);
    try {
      for (const conn of [a, b, c]) {
        conn.write(encodeRequest(['BLPOP', 'fifo', '0']));
        await sleep(20);
      }
      expect(await w.call('RPUSH', 'fifo', 'x', 'y')).toBe(':2\r\n');
      expect(await a.read(1)).toEqual([arr(bulk('fifo'), bulk('x'))]);
      expect(await b.read(1)).toEqual([arr(bulk('fifo'), bulk('y'))]);
      expect(await c.read(1, 50)).toEqual([]);
      expect(await w.call('LPUSH', 'fifo', 'z')).toBe(':1\r\n');
      expect(await c.read(1)).toEqual([arr(bulk('fifo'), bulk('z'))]);
      expect(await w.call('EXISTS', 'fifo')).toBe(':0\r\n');
    } finally {
      for (const conn of [a, b, c, w]) conn.close();
    }
  });

  it('holds pipelined input behind a blocked command and runs it after', async () => {
    const [a, w] = await open(server.port, 2);
    try {
      a.write(Buffer.concat([encodeRequest(['BLPOP', 'held', '0']), encodeRequest(['SET', 'after', '1']), encodeRequest(['PING'])]));
      await sleep(30);
      // The SET behind the BLPOP has not run yet.
      expect(await w.call('EXISTS', 'after')).toBe(':0\r\n');
      expect(await w.call('RPUSH', 'held', 'v')).toBe(':1\r\n');
      expect(await a.read(3)).toEqual([arr(bulk('held'), bulk('v')), '+OK\r\n', '+PONG\r\n']);
      expect(await w.call('GET', 'after')).toBe(bulk('1'));
    } finally {
      a.close();
      w.close();
    }
  });

  it('times out with a null array (BLMOVE too), close to the deadline', async () => {
    const [a] = await open(server.port, 1);
    try {
      const t0 = Date.now();
      expect(await a.call('BLPOP', 'none', '0.1')).toBe('*-1\r\n');
      const late = Date.now() - t0 - 100;
      expect(late).toBeGreaterThanOrEqual(-1);
      // Generous for a shared 2-core machine (client-observed); server-side the timer fires within ~3 ms.
      expect(late).toBeLessThan(100);
      expect(await a.call('BLMOVE', 'none', 'dst', 'LEFT', 'LEFT', '0.02')).toBe('*-1\r\n');
      expect(await a.call('BZPOPMIN', 'none', '0.02')).toBe('*-1\r\n');
      // Several deadlines share one timer: each fires in deadline order.
      const [b, c] = await open(server.port, 2);
      b.write(encodeRequest(['BRPOP', 'none', '0.15']));
      c.write(encodeRequest(['BRPOP', 'none', '0.05']));
      const first = await Promise.race([b.read(1).then(() => 'b'), c.read(1).then(() => 'c')]);
      expect(first).toBe('c');
      expect(await b.read(1)).toEqual(['*-1\r\n']);
      b.close();
      c.close();
    } finally {
      a.close();
    }
  });

  it('CLIENT UNBLOCK: TIMEOUT gives the timeout reply, ERROR the UNBLOCKED error', async () => {
    const [a, admin] = await open(server.port, 2);
    try {
      const id = (await a.call('CLIENT', 'ID')).slice(1, -2);
      expect(await admin.call('CLIENT', 'UNBLOCK', id)).toBe(':0\r\n');
      a.write(encodeRequest(['BZPOPMAX', 'z1', 'z2', '0']));
      await sleep(20);
      expect(await admin.call('CLIENT', 'UNBLOCK', id, 'TIMEOUT')).toBe(':1\r\n');
      expect(await a.read(1)).toEqual(['*-1\r\n']);
      a.write(encodeRequest(['BRPOPLPUSH', 'l1', 'l2', '0']));
      await sleep(20);
      expect(await admin.call('CLIENT', 'UNBLOCK', id, 'ERROR')).toBe(':1\r\n');
      expect(await a.read(1)).toEqual(['-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n']);
      expect(await admin.call('CLIENT', 'UNBLOCK', id, 'ERROR')).toBe(':0\r\n');
      // The client is usable again and no longer waits on the keys.
      expect(await a.call('PING')).toBe('+PONG\r\n');
      expect(await admin.call('RPUSH', 'l1', 'x')).toBe(':1\r\n');
      expect(await admin.call('LLEN', 'l1')).toBe(':1\r\n');
      await admin.call('DEL', 'l1');
    } finally {
      a.close();
      admin.close();
    }
  });

  it('reports blocked clients in INFO and CLIENT LIST, and forgets them on disconnect', async () => {
    const [a, w] = await open(server.port, 2);
    try {
      a.write(encodeRequest(['BLMPOP', '0', '2', 'gone1', 'gone2', 'LEFT']));
      await sleep(20);
      expect(await w.call('INFO', 'clients')).toContain('blocked_clients:1\r\n');
      const list = await w.call('CLIENT', 'LIST');
      expect(list).toMatch(/flags=b .*cmd=blmpop/);
      a.close();
      await sleep(30);
      expect(await w.call('INFO', 'clients')).toContain('blocked_clients:0\r\n');
      // The departed waiter no longer consumes pushes.
      expect(await w.call('RPUSH', 'gone2', 'v')).toBe(':1\r\n');
      expect(await w.call('LLEN', 'gone2')).toBe(':1\r\n');
      await w.call('DEL', 'gone2');
    } finally {
      w.close();
    }
  });

  it('CLIENT KILL of a blocked client loses no data', async () => {
    const [a, w] = await open(server.port, 2);
    try {
      const id = (await a.call('CLIENT', 'ID')).slice(1, -2);
      a.write(encodeRequest(['BLPOP', 'killed', '0']));
      await sleep(20);
      expect(await w.call('CLIENT', 'KILL', 'ID', id)).toBe(':1\r\n');
      expect(await w.call('RPUSH', 'killed', 'v')).toBe(':1\r\n');
      expect(await w.call('LPOP', 'killed')).toBe(bulk('v'));
    } finally {
      a.close();
      w.close();
    }
  });
});

describe('blocking commands and the AOF', () => {
  it('propagates a served BLPOP as LPOP and BLMOVE as LMOVE, so a restart sees the pops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferrous-blocking-'));
    const config = { save: '', dir, appendonly: 'yes', appendfsync: 'always' };
    try {
      let server = await createServer({ port: 0, config });
      const [a, b, w] = await open(server.port, 3);
      a.write(encodeRequest(['BLPOP', 'q', '0']));
      b.write(encodeRequest(['BLMOVE', 'src', 'dst', 'RIGHT', 'LEFT', '0']));
      await sleep(30);
      expect(await w.call('RPUSH', 'q', '1', '2')).toBe(':2\r\n');
      expect(await w.call('RPUSH', 'src', 'm')).toBe(':1\r\n');
      expect(await a.read(1)).toEqual([arr(bulk('q'), bulk('1'))]);
      expect(await b.read(1)).toEqual([bulk('m')]);
      // Served at once: propagated as the non-blocking command too.
      expect(await w.call('BRPOP', 'q', '0')).toBe(arr(bulk('q'), bulk('2')));
      expect(await w.call('ZADD', 'z', '1', 'a', '2', 'b')).toBe(':2\r\n');
      expect(await w.call('BZPOPMAX', 'z', '0')).toBe(arr(bulk('z'), bulk('b'), bulk('2')));
      for (const c of [a, b, w]) c.close();
      await server.close();
      const aofDir = join(dir, 'appendonlydir');
      const incr = readdirSync(aofDir).find((f) => f.includes('.incr.'))!;
      const text = readFileSync(join(aofDir, incr), 'latin1');
      expect(text).toContain(encodeRequest(['LPOP', 'q']).toString('latin1'));
      expect(text).toContain(encodeRequest(['LMOVE', 'src', 'dst', 'RIGHT', 'LEFT']).toString('latin1'));
      expect(text).toContain(encodeRequest(['RPOP', 'q']).toString('latin1'));
      expect(text).toContain(encodeRequest(['ZPOPMAX', 'z']).toString('latin1'));
      expect(text).not.toMatch(/BLPOP|BRPOP|BLMOVE|BZPOP/i);
      server = await createServer({ port: 0, config });
      const [r] = await open(server.port, 1);
      expect(await r.call('EXISTS', 'q')).toBe(':0\r\n');
      expect(await r.call('ZRANGE', 'z', '0', '-1')).toBe(arr(bulk('a')));
      expect(await r.call('LRANGE', 'dst', '0', '-1')).toBe(arr(bulk('m')));
      expect(await r.call('EXISTS', 'src')).toBe(':0\r\n');
      r.close();
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithOracle(['redis-server'], 'blocking commands vs redis-server', () => {
  const pair = usePair();
  /** HELLO's map differs (server name, version, id); everything else must match byte for byte. */
  const normalize = (line: string) => line.replace(/"%7\\r\\n.*"\]$/, '<hello>"]');
  const same = async (connections: number, steps: ScenarioStep[]) => {
    const [candidate, reference] = await Promise.all([
      runScenario(pair.ferrous.port, connections, steps),
      runScenario(pair.redis.port, connections, steps),
    ]);
    expect(candidate.map(normalize)).toEqual(reference.map(normalize));
  };

  it('FIFO wake-ups of list and zset waiters by pushes from another client', async () => {
    await same(4, [
      send(3, 'FLUSHALL'),
      ...block(0, 'BLPOP k 0'),
      ...block(1, 'BRPOP other k 0'),
      ...block(2, 'BLPOP k 0'),
      send(3, 'RPUSH k a b'),
      { c: 0, read: 1 },
      { c: 1, read: 1 },
      { c: 2, quiet: 30 },
      send(3, 'LPUSH other c'),
      { c: 2, quiet: 30 },
      send(3, 'RPUSH k d'),
      { c: 2, read: 1 },
      ...block(0, 'BZPOPMIN z1 z2 0'),
      ...block(1, 'BZMPOP 0 1 z2 MAX COUNT 5'),
      send(3, 'ZADD z2 1 one 2 two 3 three'),
      { c: 0, read: 1 },
      { c: 1, read: 1 },
      ...block(0, 'BLMPOP 0 1 m RIGHT COUNT 2'),
      send(3, 'RPUSH m 1 2 3'),
      { c: 0, read: 1 },
      send(3, 'LRANGE m 0 -1'),
      send(3, 'INFO keyspace'),
    ]);
  });

  it('BLMOVE chains, wrong-type writes and MULTI/EXEC wake-ups', async () => {
    await same(5, [
      send(4, 'FLUSHALL'),
      ...block(0, 'BLMOVE a b LEFT RIGHT 0'),
      ...block(1, 'BLMOVE b c RIGHT LEFT 0'),
      ...block(2, 'BRPOPLPUSH c d 0'),
      ...block(3, 'BLPOP d 0'),
      send(4, 'RPUSH a x'),
      { c: 0, read: 1 },
      { c: 1, read: 1 },
      { c: 2, read: 1 },
      { c: 3, read: 1 },
      send(4, 'EXISTS a b c d'),
      // A write of another type keeps the waiter blocked (Redis 7.0).
      ...block(0, 'BLPOP w 0'),
      send(4, 'SET w str'),
      { c: 0, quiet: 30 },
      send(4, 'DEL w'),
      send(4, 'MULTI'),
      send(4, 'RPUSH w 1 2'),
      send(4, 'LPOP w'),
      send(4, 'EXEC'),
      { c: 0, read: 1 },
      send(4, 'LRANGE w 0 -1'),
      // Inside MULTI a blocking command never blocks.
      send(4, 'MULTI'),
      send(4, 'BLPOP empty 0'),
      send(4, 'BZPOPMIN empty 0'),
      send(4, 'BLMOVE empty x LEFT LEFT 0'),
      send(4, 'EXEC'),
    ]);
  });

  it('a waiter on several keys is served from the key that became ready (7.0), not its first key', async () => {
    const exec = (...lines: string[]) => [send(4, 'MULTI'), ...lines.map((l) => send(4, l)), send(4, 'EXEC')];
    await same(5, [
      send(4, 'FLUSHALL'),
      // k2 becomes ready before k1: the two-key waiter takes k2's element, the k1 waiter k1's.
      ...block(0, 'BLPOP k1 k2 0'),
      ...block(1, 'BRPOP k1 0'),
      ...exec('RPUSH k2 x', 'RPUSH k1 y'),
      { c: 0, read: 1 },
      { c: 1, read: 1 },
      send(4, 'EXISTS k1 k2'),
      // A ready key emptied again inside the transaction serves nobody; the next ready key does.
      ...block(0, 'BLMPOP 0 3 l1 l2 l3 RIGHT COUNT 2'),
      ...exec('RPUSH l3 a b c', 'RPUSH l2 d', 'RPUSH l1 e', 'DEL l3'),
      { c: 0, read: 1 },
      send(4, 'LRANGE l1 0 -1'),
      send(4, 'LRANGE l2 0 -1'),
      // Sorted sets: BZPOPMIN/BZPOPMAX/BZMPOP take from the key made ready first.
      ...block(0, 'BZPOPMIN z1 z2 z3 0'),
      ...block(1, 'BZPOPMAX z3 z1 0'),
      ...block(2, 'BZMPOP 0 2 z1 z2 MAX COUNT 3'),
      ...exec('ZADD z3 1 a 2 b', 'ZADD z2 5 c 6 d', 'ZADD z1 9 e'),
      { c: 0, read: 1 },
      { c: 1, read: 1 },
      { c: 2, read: 1 },
      send(4, 'ZRANGE z1 0 -1 WITHSCORES'),
      send(4, 'ZRANGE z2 0 -1 WITHSCORES'),
      send(4, 'ZRANGE z3 0 -1 WITHSCORES'),
      // A ready key of the wrong type keeps a waiter waiting for its other keys.
      ...block(0, 'BLPOP w1 w2 0'),
      ...exec('ZADD w2 1 m', 'RPUSH w1 v'),
      { c: 0, read: 1 },
      ...block(0, 'BZPOPMIN w3 w4 0'),
      ...exec('RPUSH w4 v', 'ZADD w3 1 m'),
      { c: 0, read: 1 },
      // BLMOVE's push makes its destination ready within the same round of serving.
      ...block(0, 'BLPOP d1 d2 0'),
      ...block(1, 'BLMOVE s d2 LEFT LEFT 0'),
      ...exec('RPUSH s 1', 'RPUSH d1 2'),
      { c: 1, read: 1 },
      { c: 0, read: 1 },
      send(4, 'LRANGE d1 0 -1'),
      send(4, 'LRANGE d2 0 -1'),
      // Several waiters on overlapping keys, written by one variadic command each.
      ...block(0, 'BRPOP a b 0'),
      ...block(1, 'BRPOP b a 0'),
      ...block(2, 'BLPOP b 0'),
      ...exec('RPUSH b 1 2', 'RPUSH a 3'),
      { c: 0, read: 1 },
      { c: 1, read: 1 },
      { c: 2, quiet: 30 },
      send(4, 'LRANGE a 0 -1'),
      send(4, 'LRANGE b 0 -1'),
    ]);
  });

  it('a ready key of another type keeps waiters waiting; a wrong-type BLMOVE destination is their error', async () => {
    await same(4, [
      send(3, 'FLUSHALL'),
      send(3, 'CONFIG RESETSTAT'),
      // Served when src gets data, BLMOVE finds dst of the wrong type: WRONGTYPE, src untouched.
      ...block(0, 'BLMOVE src dst LEFT RIGHT 0'),
      send(3, 'SET dst str'),
      send(3, 'RPUSH src x y'),
      { c: 0, read: 1 },
      send(3, 'LRANGE src 0 -1'),
      send(3, 'INFO errorstats'),
      // A list waiter ignores a zset appearing on its key, a zset waiter a list.
      ...block(0, 'BZPOPMIN zl 0'),
      ...block(1, 'BLPOP zl 0'),
      send(3, 'ZADD zl 1 m'),
      { c: 1, quiet: 30 },
      { c: 0, read: 1 },
      // A script's writes wake waiters after the script, from the key made ready first.
      ...block(0, 'BLPOP e1 e2 0'),
      send(3, ['EVAL', "redis.call('rpush', KEYS[2], 'v2'); redis.call('rpush', KEYS[1], 'v1'); return 1", '2', 'e1', 'e2']),
      { c: 0, read: 1 },
      send(3, 'LRANGE e1 0 -1'),
      // SWAPDB and RENAME bring data to a waited key.
      ...block(0, 'BLPOP sw 0'),
      send(3, 'SELECT 1'),
      send(3, 'RPUSH sw v'),
      send(3, 'SWAPDB 0 1'),
      { c: 0, read: 1 },
      send(3, 'SELECT 0'),
      ...block(0, 'BLPOP rn 0'),
      send(3, 'RPUSH other z'),
      send(3, 'RENAME other rn'),
      { c: 0, read: 1 },
    ]);
  });

  it('timeouts, argument errors and served replies in RESP3', async () => {
    await same(3, [
      send(0, 'FLUSHALL'),
      send(0, 'BLPOP t 0.05'),
      send(1, 'BZPOPMAX t 0.05'),
      send(1, 'BLMOVE t u LEFT LEFT 0.05'),
      send(0, 'BLPOP t -1'),
      send(0, 'BLPOP t abc'),
      send(2, 'HELLO 3', 1),
      ...block(2, 'BZPOPMIN rz 0'),
      send(0, 'ZADD rz 1.5 m'),
      { c: 2, read: 1 },
      ...block(2, 'BZMPOP 0 1 rz MIN'),
      send(0, 'ZADD rz 2 n'),
      { c: 2, read: 1 },
    ]);
  });

  it('a served pop fires the keyspace event of the pop it did', async () => {
    await same(3, [
      send(2, 'FLUSHALL'),
      send(2, 'CONFIG SET notify-keyspace-events Elz'),
      send(1, 'PSUBSCRIBE __keyevent@0__:*'),
      ...block(0, 'BRPOP n 0'),
      send(2, 'LPUSH n a'),
      { c: 0, read: 1 },
      { c: 1, read: 2 },
      ...block(0, 'BZPOPMAX nz 0'),
      send(2, 'ZADD nz 1 m'),
      { c: 0, read: 1 },
      { c: 1, read: 2 },
      send(2, ['CONFIG', 'SET', 'notify-keyspace-events', '']),
    ]);
  });

  it('CLIENT UNBLOCK, a disconnect mid-wait and pipelined input behind a waiter, both servers alike', async () => {
    // Client ids differ between servers, so this flow reads the id first on each.
    const flow = async (port: number): Promise<string[]> => {
      const [a, b, admin] = await open(port, 3);
      const out: string[] = [];
      try {
        out.push(await admin.call('FLUSHALL'));
        out.push(await admin.call('CONFIG', 'RESETSTAT'));
        const id = (await a.call('CLIENT', 'ID')).slice(1, -2);
        a.write(encodeRequest(['BLPOP', 'u', '0']));
        b.write(encodeRequest(['BLPOP', 'u', '0']));
        await sleep(40);
        out.push(await admin.call('CLIENT', 'UNBLOCK', id, 'ERROR'));
        out.push(...(await a.read(1)));
        b.close();
        await sleep(40);
        out.push(await admin.call('RPUSH', 'u', 'v'));
        out.push(await admin.call('LLEN', 'u'));
        a.write(encodeRequest(['BLMOVE', 'u2', 'x', 'LEFT', 'LEFT', '0']));
        await sleep(40);
        out.push(await admin.call('CLIENT', 'UNBLOCK', id, 'TIMEOUT'));
        out.push(...(await a.read(1)));
        out.push(await admin.call('CLIENT', 'UNBLOCK', id));
        out.push(await admin.call('CLIENT', 'UNBLOCK', id, 'BOGUS'));
        a.write(Buffer.concat([encodeRequest(['BLPOP', 'p', '0']), encodeRequest(['RPUSH', 'p', 'mine']), encodeRequest(['LPOP', 'p'])]));
        await sleep(40);
        out.push((await admin.call('INFO', 'clients')).match(/blocked_clients:\d+/)![0]);
        out.push(await admin.call('RPUSH', 'p', 'pushed'));
        out.push(...(await a.read(3)));
        out.push((await admin.call('INFO', 'clients')).match(/blocked_clients:\d+/)![0]);
        // Calls and failed calls of the blocking commands (CLIENT UNBLOCK counts as a failure).
        const stats = await admin.call('INFO', 'commandstats');
        out.push(...stats.split('\r\n').filter((l) => /^cmdstat_b/.test(l)).map((l) => l.replace(/usec(_per_call)?=[\d.]+,/g, '')).sort());
      } finally {
        for (const c of [a, b, admin]) c.close();
      }
      return out;
    };
    const [candidate, reference] = await Promise.all([flow(pair.ferrous.port), flow(pair.redis.port)]);
    expect(candidate).toEqual(reference);
  });
});
