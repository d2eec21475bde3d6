// Hash commands against redis-server: hand-written edge cases and generated sequences, under
// both encodings (listpack and hashtable).
import { describeWithOracle } from '@ferrous/oracle';
import fc from 'fast-check';
import { afterAll, beforeAll, it } from 'vitest';
import { cmd, ENCODINGS, startPair, type Pair, type Step } from './oracle-pair';

describeWithOracle(['redis-server'], 'hash commands vs redis-server', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => pair?.stop());

  for (const enc of ENCODINGS) {
    const setup = [['FLUSHALL'], ...enc.config];

    it(`edge cases (${enc.name})`, async () => {
      const steps: Step[] = [
        cmd('HSET h a 1 b 2 c 3'),
        cmd('HSET h a 10 d'),
        cmd('HMSET h a'),
        cmd('HSET h a 11 e 5'),
        cmd('HMSET h x 1'),
        cmd('HGET h a'),
        cmd('HGET h nope'),
        cmd('HGET nokey a'),
        cmd('HMGET h a nope b'),
        cmd('HMGET nokey a b'),
        cmd('HLEN h'),
        cmd('HLEN nokey'),
        cmd('HSTRLEN h a'),
        cmd('HSTRLEN h nope'),
        cmd('HEXISTS h a'),
        cmd('HEXISTS h nope'),
        cmd('HSETNX h a 99'),
        cmd('HSETNX h f 6'),
        cmd('HSETNX newh f 6'),
        cmd('HKEYS h', 'unordered'),
        cmd('HVALS h', 'unordered'),
        cmd('HGETALL h', 'unordered'),
        cmd('HGETALL nokey'),
        cmd('HKEYS nokey'),
        cmd('HDEL h a nope b'),
        cmd('HDEL nokey a'),
        cmd('HDEL newh f'),
        cmd('EXISTS newh'),
        cmd('HINCRBY h n 5'),
        cmd('HINCRBY h n -7'),
        cmd('HINCRBY h c x'),
        cmd('HSET h s abc'),
        cmd('HINCRBY h s 1'),
        cmd('HINCRBY h n 9223372036854775807'),
        cmd('HSET h big 9223372036854775800'),
        cmd('HINCRBY h big 7'),
        cmd('HINCRBY h big 1'),
        cmd('HINCRBYFLOAT h f 1.5'),
        cmd('HINCRBYFLOAT h fl 0.1'),
        cmd('HINCRBYFLOAT h fl 1e3'),
        cmd('HINCRBYFLOAT h s 1'),
        cmd('HINCRBYFLOAT h fl nan'),
        cmd('HINCRBYFLOAT h fl inf'),
        cmd('HINCRBYFLOAT h fl abc'),
        // The increment is a long double, checked before the key (found by fuzzing).
        cmd('HINCRBYFLOAT h fl2 1e400'),
        cmd('HINCRBYFLOAT h fl2 -1e400'),
        cmd('HINCRBYFLOAT h fl3 1e5000'),
        cmd('HGET h fl'),
        cmd('SET str v'),
        cmd('HINCRBYFLOAT str f 1e400'),
        cmd('HSET str a 1'),
        cmd('HGET str a'),
        cmd('HMGET str a'),
        cmd('HGETALL str'),
        cmd('HLEN str'),
        cmd('HDEL str a'),
        cmd('HINCRBY str a 1'),
        cmd('HRANDFIELD str'),
        cmd('HSCAN str 0'),
        cmd('HRANDFIELD nokey'),
        cmd('HRANDFIELD nokey 5'),
        cmd('HRANDFIELD nokey 5 WITHVALUES'),
        cmd('HRANDFIELD h 0'),
        cmd('HRANDFIELD h 1 WITHVALUE'),
        cmd('HRANDFIELD h 1 WITHVALUES x'),
        cmd('HRANDFIELD h x'),
        cmd('HRANDFIELD h -9223372036854775807 WITHVALUES'),
        cmd('HRANDFIELD h -9223372036854775808'),
        cmd('HRANDFIELD h 100', 'unordered'),
        cmd('HRANDFIELD h -5', 'type'),
        cmd('HSCAN nokey 0'),
        cmd('HSCAN nokey 0 COUNT 0'),
        cmd('HSCAN h x'),
        cmd('HSCAN h 0 COUNT 0'),
        cmd('HSCAN h 0 COUNT x'),
        cmd('HSCAN h 0 BAD 1'),
        cmd('HSCAN h 0 MATCH'),
        cmd('HSET one k v'),
        cmd('HSCAN one 0'),
        cmd('HSCAN one 0 MATCH z*'),
        cmd('HSCAN one 0 MATCH k* COUNT 100'),
        cmd('HRANDFIELD one'),
        cmd('HRANDFIELD one -3 WITHVALUES'),
        cmd('HRANDFIELD one 3 WITHVALUES'),
        cmd('HSET long f ' + 'x'.repeat(100)),
        cmd('OBJECT ENCODING long'),
        cmd('OBJECT ENCODING h'),
        cmd('OBJECT ENCODING one'),
        cmd('HSET'),
        cmd('HGET h'),
      ];
      await pair.check([...setup, ...steps]);
      await pair.check([...setup, ['HSET', 'h', 'a', '1', 'b', '2'], ['HGETALL', 'h'], ['HRANDFIELD', 'h', '-2', 'WITHVALUES'], ['HRANDFIELD', 'h', '2', 'WITHVALUES']].map((a) => ({ argv: a, compare: a[0] !== 'HRANDFIELD' ? undefined : a[2] === '-2' ? ('type' as const) : ('unordered' as const) })), true);
    });

    it(`HSCAN visits every field (${enc.name})`, async () => {
      const fields = Array.from({ length: 40 }, (_, i) => `f${i}`);
      await pair.check([...setup, ['HSET', 'h', ...fields.flatMap((f) => [f, f.toUpperCase()])]]);
      for (const [port, name] of [[pair.ferrous.port, 'ferrous'], [pair.redis.port, 'redis']] as const) {
        void name;
        const seen = new Set<string>();
        let cursor = '0';
        for (let round = 0; round < 100; round++) {
          const { candidate, reference } = await pair.exchange([['HSCAN', 'h', cursor, 'COUNT', '7']]);
          const reply = port === pair.ferrous.port ? candidate[0] : reference[0];
          const parts = reply.split('\r\n');
          cursor = parts[2];
          for (let i = 4; i + 3 < parts.length; i += 4) seen.add(parts[i + 1] + '=' + parts[i + 3]);
          if (cursor === '0') break;
        }
        expectAll(seen, fields.map((f) => `${f}=${f.toUpperCase()}`));
      }
    });

    it(`generated sequences (${enc.name})`, async () => {
      const key = fc.constantFrom('h1', 'h2', 'str');
      const field = fc.constantFrom('a', 'b', 'c', 'dd', 'long-field-name', '1', '-2');
      const value = fc.oneof(fc.constantFrom('1', '0', '-5', '3.5', 'x', '', '9223372036854775806', 'abcdefghij'), fc.integer({ min: -100, max: 100 }).map(String));
      const step = fc.oneof(
        fc.tuple(key, fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 4 })).map(([k, fv]) => ['HSET', k, ...fv.flat()]),
        fc.tuple(key, field, value).map(([k, f, v]) => ['HSETNX', k, f, v]),
        fc.tuple(key, field).map(([k, f]) => ['HGET', k, f]),
        fc.tuple(key, fc.array(field, { minLength: 1, maxLength: 3 })).map(([k, fs]) => ['HMGET', k, ...fs]),
        fc.tuple(key, fc.array(field, { minLength: 1, maxLength: 3 })).map(([k, fs]) => ['HDEL', k, ...fs]),
        fc.tuple(key, field, fc.constantFrom('1', '-3', '100', 'x')).map(([k, f, d]) => ['HINCRBY', k, f, d]),
        fc.tuple(key, field, fc.constantFrom('1.5', '-0.25', '1e2', 'x')).map(([k, f, d]) => ['HINCRBYFLOAT', k, f, d]),
        fc.tuple(fc.constantFrom('HLEN', 'HGETALL', 'HKEYS', 'HVALS', 'TYPE', 'EXISTS'), key).map(([c, k]) => [c, k]),
        fc.tuple(fc.constantFrom('HSTRLEN', 'HEXISTS'), key, field).map(([c, k, f]) => [c, k, f]),
        key.map((k) => ['OBJECT', 'ENCODING', k]),
      );
      const unordered = new Set(['HGETALL', 'HKEYS', 'HVALS']);
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), fc.boolean(), async (steps, resp3) => {
          const all: Step[] = [...setup, ['SET', 'str', 'v'], ...steps].map((argv) => ({ argv, compare: unordered.has(argv[0]) ? 'unordered' : 'exact' }));
          await pair.check(all, resp3);
        }),
        { seed: 4242, numRuns: 60 },
      );
    });
  }
});

function expectAll(seen: Set<string>, expected: string[]): void {
  const missing = expected.filter((e) => !seen.has(e));
  if (missing.length > 0) throw new Error(`SCAN missed ${missing.join(', ')}`);
}
