// MULTI/EXEC/DISCARD/WATCH against redis-server: reply shapes in RESP2 and RESP3, queue-time and
// run-time errors, WATCH invalidation by every cause from another client; EXEC atomicity while
// other clients hammer the same key.
import { describeWithOracle, RawConnection, encodeRequest } from '@ferrous/oracle';
import { createServer } from '@ferrous/server';
import { describe, expect, it } from 'vitest';
import { cmds, expectSame, usePair } from './harness';
import { runScenario, send, type ScenarioStep } from './scenario';

describeWithOracle(['redis-server'], 'transactions vs redis-server', () => {
  const pair = usePair();

  const same = async (connections: number, steps: ScenarioStep[]) => {
    const [candidate, reference] = await Promise.all([
      runScenario(pair.ferrous.port, connections, steps),
      runScenario(pair.redis.port, connections, steps),
    ]);
    expect(candidate).toEqual(reference);
  };

  for (const resp3 of [false, true]) {
    const hello = resp3 ? [['HELLO', '3']] : [];
    const norm = (r: string) => (r.startsWith('%') ? '<hello>' : r);

    it(`queues and executes, with run-time errors in place (${resp3 ? 'RESP3' : 'RESP2'})`, async () => {
      await expectSame(pair, [
        ...hello,
        ...cmds('FLUSHALL', 'MULTI', 'SET a 1', 'INCR a', 'GET a', 'LPUSH a x', 'INCRBYFLOAT a 1.5', 'HSET h f v', 'HGETALL h', 'EXEC', 'GET a'),
        ...cmds('MULTI', 'EXEC', 'EXEC', 'DISCARD', 'MULTI', 'SET b 1', 'DISCARD', 'EXISTS b'),
        ...cmds('MULTI', 'MULTI', 'WATCH a', 'SET c 1', 'EXEC', 'GET c'),
        ...cmds('MULTI', 'PING', 'ECHO hi', 'UNWATCH', 'EXEC'),
      ], norm);
    });

    it(`aborts EXEC after queue-time errors (${resp3 ? 'RESP3' : 'RESP2'})`, async () => {
      await expectSame(pair, [
        ...hello,
        ...cmds('FLUSHALL', 'MULTI', 'SET a 1', 'NOSUCHCOMMAND x', 'SET b 2', 'EXEC', 'EXISTS a b'),
        ...cmds('MULTI', 'GET', 'EXEC', 'MULTI', 'SET a', 'INCR a', 'EXEC', 'EXISTS a'),
        ...cmds('MULTI', 'CONFIG NOSUCHSUB', 'EXEC', 'MULTI', 'EXEC x', 'EXEC'),
        ...cmds('MULTI', 'SHUTDOWN', 'EXEC'),
        // A rejected EXEC aborts even outside MULTI (found by fuzzing).
        ...cmds('EXEC x', 'EXEC'),
      ], norm);
    });

    it(`WATCH by the same client, UNWATCH, expired keys (${resp3 ? 'RESP3' : 'RESP2'})`, async () => {
      await expectSame(pair, [
        ...hello,
        ...cmds('FLUSHALL', 'SET k 1', 'WATCH k', 'SET k 2', 'MULTI', 'INCR k', 'EXEC', 'GET k'),
        ...cmds('WATCH k', 'UNWATCH', 'SET k 5', 'MULTI', 'INCR k', 'EXEC'),
        ...cmds('WATCH k nokey', 'GET k', 'MULTI', 'INCR k', 'EXEC'),
        ...cmds('WATCH k', 'DEL nokey', 'MULTI', 'EXEC', 'WATCH k', 'MULTI', 'DISCARD', 'SET k 9', 'MULTI', 'EXEC'),
        ...cmds('SET e 1 PX 100', 'WATCH e', 'DEBUG SLEEP 0.2', 'MULTI', 'PING', 'EXEC'),
        ...cmds('SET e 1 PX 10', 'DEBUG SLEEP 0.03', 'WATCH e', 'GET e', 'MULTI', 'PING', 'EXEC'),
      ], norm);
    });
  }

  /** WATCH k on connection 0, `cause` on connection 1, then EXEC on 0. */
  const watchedBy = (setup: string[], cause: string[], watch = 'k'): ScenarioStep[] => [
    send(0, 'FLUSHALL'),
    ...setup.map((l) => send(0, l)),
    send(0, `WATCH ${watch}`),
    ...cause.map((l) => send(1, l)),
    send(0, 'MULTI'),
    send(0, 'PING'),
    send(0, 'EXEC'),
    send(0, 'SELECT 0'),
  ];

  const causes: [string, string[], string[], string?][] = [
    ['SET', ['SET k 1'], ['SET k 2']],
    ['SET of a missing key', [], ['SET k 2']],
    ['DEL', ['SET k 1'], ['DEL k']],
    ['INCR', ['SET k 1'], ['INCR k']],
    ['LPUSH', ['LPUSH k a'], ['LPUSH k b']],
    ['HSET', ['HSET k f 1'], ['HSET k f 2']],
    ['EXPIRE', ['SET k 1'], ['EXPIRE k 100']],
    ['PERSIST', ['SET k 1 EX 100'], ['PERSIST k']],
    ['RENAME (source)', ['SET k 1'], ['RENAME k other']],
    ['RENAME (destination)', ['SET k 1', 'SET src 2'], ['RENAME src k']],
    ['FLUSHDB', ['SET k 1'], ['FLUSHDB']],
    ['FLUSHALL', ['SET k 1'], ['FLUSHALL']],
    ['SWAPDB (key only in the other db)', [], ['SELECT 1', 'SET k 1', 'SWAPDB 0 1', 'FLUSHALL']],
    ['SWAPDB (key in both)', ['SET k 1'], ['SWAPDB 0 1']],
    ['MOVE', ['SET k 1'], ['MOVE k 1']],
    // The TTL leaves room for WATCH to run before the key expires, even on a loaded machine.
    ['lazy expiry', ['SET k 1 PX 3000'], ['DEBUG SLEEP 3.1', 'GET k']],
    ['eviction', ['SET k 1'], ['CONFIG SET maxmemory 1', 'SET other 1', 'CONFIG SET maxmemory 0']],
    ['no-op writes keep the watch', ['SET k 1'], ['DEL nokey', 'SET other 1', 'GET k']],
    ['FLUSHALL of a missing key keeps the watch', [], ['FLUSHALL']],
    ['SWAPDB of two missing keys keeps the watch', [], ['SWAPDB 0 1']],
  ];
  for (const [name, setup, cause] of causes) {
    it(`WATCH invalidation from another client: ${name}`, async () => {
      await same(2, watchedBy(setup, cause));
    }, 15_000);
  }

  it('DISCARD and EXEC clear every WATCH', async () => {
    await same(2, [
      send(0, 'FLUSHALL'),
      send(0, 'WATCH k'),
      send(0, 'MULTI'),
      send(0, 'DISCARD'),
      send(1, 'SET k 1'),
      send(0, 'MULTI'),
      send(0, 'GET k'),
      send(0, 'EXEC'),
    ]);
  });
});

describe('EXEC atomicity', () => {
  it('runs the queued block without interleaving while other clients write the same key', async () => {
    const server = await createServer({ port: 0, config: { save: '' } });
    const conns = await Promise.all([0, 1, 2].map(() => RawConnection.open(server.port)));
    try {
      const [tx, ...others] = conns;
      const queued = 200;
      tx.write(Buffer.concat([encodeRequest(['MULTI']), ...Array.from({ length: queued }, () => encodeRequest(['INCR', 'n']))]));
      await tx.read(queued + 1);
      const hammer = others.map(async (c) => {
        for (let round = 0; round < 20; round++) {
          c.write(Buffer.concat(Array.from({ length: 50 }, () => encodeRequest(['INCR', 'n']))));
          await c.read(50);
        }
      });
      await new Promise((r) => setTimeout(r, 5));
      tx.write(encodeRequest(['EXEC']));
      const [exec] = await tx.read(1);
      await Promise.all(hammer);
      const values = exec.split('\r\n').slice(1, -1).map((l) => Number(l.slice(1)));
      expect(values).toHaveLength(queued);
      for (let i = 1; i < values.length; i++) expect(values[i]).toBe(values[0] + i);
      const total = await tx.call('GET', 'n');
      expect(total).toBe(`$4\r\n${queued + 2 * 20 * 50}\r\n`);
    } finally {
      for (const c of conns) c.close();
      await server.close();
    }
  });
});
