// Keyspace notifications against redis-server: a scripted sequence of commands on one connection,
// every notification a pattern subscriber receives on another, compared in order (names, channels,
// classes), for several notify-keyspace-events settings.
import { describeWithOracle } from '@ferrous/oracle';
import { expect, it } from 'vitest';
import { usePair } from './harness';
import { runScenario, send, type ScenarioStep } from './scenario';

const SEQUENCE = [
  'SET a 1', 'SET a 2 EX 100', 'PERSIST a', 'EXPIRE a 100', 'PEXPIRE a 100000', 'SET a 3 KEEPTTL', 'GETEX a PERSIST', 'GETEX a EX 50',
  'INCR n', 'INCRBY n 5', 'DECR n', 'DECRBY n 2', 'INCRBYFLOAT n 1.5', 'APPEND s x', 'SETRANGE s 2 y', 'GETSET s z', 'SETNX a 3',
  'SETNX fresh 1', 'MSET m1 1 m2 2', 'SETEX e 100 v', 'PSETEX p 100000 v', 'GETDEL e', 'DEL a m1 nokey', 'UNLINK fresh',
  'RENAME m2 m3', 'RENAMENX m3 m5', 'COPY m5 m4', 'MOVE m4 1', 'EXPIRE p -1', 'SETBIT bits 3 1',
  'LPUSH l a b c', 'RPUSH l d', 'LPUSHX l e', 'RPUSHX nol e', 'LINSERT l BEFORE a x', 'LSET l 0 y', 'LREM l 1 x', 'LTRIM l 0 -1',
  'LPOP l', 'RPOP l 2', 'RPOPLPUSH l l2', 'LMOVE l2 l LEFT RIGHT', 'LMPOP 2 nol l RIGHT COUNT 10', 'RPOP l2',
  'HSET h f v g w', 'HSETNX h f x', 'HINCRBY h c 1', 'HINCRBYFLOAT h d 1.5', 'HDEL h f g c d',
  'SADD s1 a b c', 'SREM s1 a', 'SMOVE s1 s2 b', 'SADD s3 z', 'SINTERSTORE dst s1 s2', 'SINTERSTORE dst s1 s3', 'SUNIONSTORE dst s1 s3', 'SPOP s1',
  'ZADD z 1 a 2 b', 'ZINCRBY z 1 a', 'ZADD z INCR 1 a', 'ZREM z a', 'ZADD z 3 c 4 d', 'ZREMRANGEBYSCORE z 3 3', 'ZPOPMIN z', 'ZREMRANGEBYRANK z 0 -1',
  'PFADD hll a b', 'PFMERGE hll2 hll', 'SET x 1 PX 10', 'DEBUG SLEEP 0.03', 'GET x', 'FLUSHALL',
];

describeWithOracle(['redis-server'], 'keyspace notifications vs redis-server', () => {
  const pair = usePair();

  const scenario = (flags: string): ScenarioStep[] => [
    send(0, 'FLUSHALL'),
    send(0, ['CONFIG', 'SET', 'notify-keyspace-events', flags]),
    send(1, 'PSUBSCRIBE __key*__:*'),
    ...SEQUENCE.map((l) => send(0, l)),
    send(0, ['CONFIG', 'SET', 'notify-keyspace-events', '']),
    { c: 1, drain: 100 },
  ];

  for (const flags of ['KEA', 'Kg', 'E$lshz', 'Exe', 'KEg$']) {
    it(`emits the same events for notify-keyspace-events=${flags}`, async () => {
      const [candidate, reference] = await Promise.all([
        runScenario(pair.ferrous.port, 2, scenario(flags)),
        runScenario(pair.redis.port, 2, scenario(flags)),
      ]);
      const events = (t: string[]) => (JSON.parse(t.at(-1)!.replace(/^#1 \(drain\) -> /, '')) as string[]).map((f) => f.split('\r\n').filter((_, i) => i % 2 === 0 && i > 2).join(' '));
      expect(candidate.slice(0, -1)).toEqual(reference.slice(0, -1));
      expect(events(candidate)).toEqual(events(reference));
    });
  }
});
