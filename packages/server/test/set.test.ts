// Set commands against redis-server: edge cases and generated sequences under both encodings
// (intset and hashtable). Hashtable order is Redis's dict order, so collections compare unordered.
import { describeWithOracle } from '@ferrous/oracle';
import fc from 'fast-check';
import { afterAll, beforeAll, it } from 'vitest';
import { cmd, ENCODINGS, startPair, type Pair, type Step } from './oracle-pair';

describeWithOracle(['redis-server'], 'set commands vs redis-server', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => pair?.stop());

  for (const enc of ENCODINGS) {
    const setup = [['FLUSHALL'], ...enc.config];
    const u = 'unordered' as const;

    it(`edge cases (${enc.name})`, async () => {
      const steps: Step[] = [
        cmd('SADD s 1 2 3'),
        cmd('OBJECT ENCODING s'),
        cmd('SADD s 3 4'),
        cmd('SADD t 3 4 5 x'),
        cmd('OBJECT ENCODING t'),
        cmd('SADD big -9223372036854775808 9223372036854775807 0 -1 007'),
        cmd('SMEMBERS big', u),
        cmd('SISMEMBER big 007'),
        cmd('SISMEMBER big 7'),
        cmd('SMEMBERS s', u),
        cmd('SMEMBERS nokey'),
        cmd('SISMEMBER s 1'),
        cmd('SISMEMBER s 9'),
        cmd('SISMEMBER nokey 1'),
        cmd('SMISMEMBER s 1 9 2'),
        cmd('SMISMEMBER nokey 1 2'),
        cmd('SCARD s'),
        cmd('SCARD nokey'),
        cmd('SREM s 1 9'),
        cmd('SREM nokey 1'),
        cmd('SINTER s t', u),
        cmd('SINTER s nokey'),
        cmd('SINTER nokey s'),
        cmd('SUNION s t nokey', u),
        cmd('SDIFF t s nokey', u),
        cmd('SDIFF nokey s'),
        cmd('SINTERSTORE d s t'),
        cmd('SMEMBERS d', u),
        cmd('SINTERSTORE d s nokey'),
        cmd('EXISTS d'),
        cmd('SUNIONSTORE d s t'),
        cmd('SCARD d'),
        cmd('OBJECT ENCODING d'),
        cmd('SDIFFSTORE d t s'),
        cmd('SMEMBERS d', u),
        cmd('SDIFFSTORE d s s'),
        cmd('EXISTS d'),
        cmd('SINTERCARD 2 s t'),
        cmd('SINTERCARD 2 s t LIMIT 1'),
        cmd('SINTERCARD 2 s t LIMIT 0'),
        cmd('SINTERCARD 2 s t LIMIT -1'),
        cmd('SINTERCARD 0 s'),
        cmd('SINTERCARD 3 s t'),
        cmd('SINTERCARD 1 s BAD'),
        cmd('SINTERCARD 1 nokey'),
        cmd('SINTERCARD x s'),
        cmd('SMOVE s t 2'),
        cmd('SMOVE s t 2'),
        cmd('SMOVE nokey t 2'),
        cmd('SMOVE s s 3'),
        cmd('SMOVE s s 99'),
        cmd('SMOVE s newset 3'),
        cmd('SMEMBERS newset'),
        cmd('SET str v'),
        cmd('SMOVE s str 4'),
        cmd('SMOVE nokey str 4'),
        cmd('SMOVE str s 4'),
        cmd('SADD str a'),
        cmd('SMEMBERS str'),
        cmd('SINTER s str'),
        cmd('SINTER nokey str'),
        cmd('SUNION s str'),
        cmd('SINTERSTORE s2 str'),
        cmd('SINTERCARD 2 nokey str'),
        cmd('SCARD str'),
        cmd('SPOP str'),
        cmd('SRANDMEMBER str'),
        cmd('SPOP nokey'),
        cmd('SPOP nokey 3'),
        cmd('SPOP s -1'),
        cmd('SPOP s x'),
        cmd('SPOP s 0'),
        cmd('SPOP s 1 2'),
        cmd('SRANDMEMBER nokey'),
        cmd('SRANDMEMBER nokey 3'),
        cmd('SRANDMEMBER s 0'),
        cmd('SRANDMEMBER s 1 2'),
        cmd('SRANDMEMBER s -9223372036854775808'),
        cmd('SRANDMEMBER t 100', u),
        cmd('SRANDMEMBER t -3', 'type'),
        cmd('SADD one m'),
        cmd('SRANDMEMBER one'),
        cmd('SRANDMEMBER one -3'),
        cmd('SPOP one 5'),
        cmd('EXISTS one'),
        cmd('SADD one m'),
        cmd('SPOP one'),
        cmd('EXISTS one'),
        cmd('SSCAN nokey 0'),
        cmd('SSCAN s x'),
        cmd('SSCAN str 0'),
        cmd('SADD scan 1'),
        cmd('SSCAN scan 0 MATCH 1'),
        cmd('SSCAN scan 0 COUNT 0'),
        cmd('SADD many 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15'),
        cmd('SADD many 16'),
        cmd('OBJECT ENCODING many'),
        cmd('SADD many abc'),
        cmd('OBJECT ENCODING many'),
        cmd('SREM many abc'),
        cmd('OBJECT ENCODING many'),
      ];
      await pair.check([...setup, ...steps]);
      await pair.check(
        [...setup, cmd('SADD s a b c'), cmd('SMEMBERS s', u), cmd('SINTER s s', u), cmd('SPOP nokey 2'), cmd('SRANDMEMBER s 2', 'type'), cmd('SMEMBERS nokey'), cmd('SPOP s 0')],
        true,
      );
    });

    it(`SPOP with a count removes what it returns (${enc.name})`, async () => {
      const members = Array.from({ length: 30 }, (_, i) => String(i % 2 ? i : `m${i}`));
      await pair.check([...setup, ['SADD', 's', ...members], cmd('SPOP s 10', 'type'), cmd('SCARD s'), cmd('SPOP s 100', 'type'), cmd('EXISTS s')]);
    });

    it(`generated sequences (${enc.name})`, async () => {
      const key = fc.constantFrom('s1', 's2', 's3', 'str');
      const member = fc.constantFrom('1', '2', '3', '-4', '10', 'a', 'b', 'long-member', '007');
      const members = fc.array(member, { minLength: 1, maxLength: 4 });
      const keys = fc.array(key, { minLength: 1, maxLength: 3 });
      const step = fc.oneof(
        fc.tuple(key, members).map(([k, ms]) => ['SADD', k, ...ms]),
        fc.tuple(key, members).map(([k, ms]) => ['SREM', k, ...ms]),
        fc.tuple(key, members).map(([k, ms]) => ['SMISMEMBER', k, ...ms]),
        fc.tuple(key, member).map(([k, m]) => ['SISMEMBER', k, m]),
        fc.tuple(key, key, member).map(([a, b, m]) => ['SMOVE', a, b, m]),
        fc.tuple(fc.constantFrom('SINTER', 'SUNION', 'SDIFF'), keys).map(([c, ks]) => [c, ...ks]),
        fc.tuple(fc.constantFrom('SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE'), key, keys).map(([c, d, ks]) => [c, d, ...ks]),
        fc.tuple(keys, fc.constantFrom([], ['LIMIT', '1'], ['LIMIT', '0'])).map(([ks, l]) => ['SINTERCARD', String(ks.length), ...ks, ...l]),
        fc.tuple(fc.constantFrom('SMEMBERS', 'SCARD', 'TYPE', 'EXISTS'), key).map(([c, k]) => [c, k]),
        key.map((k) => ['OBJECT', 'ENCODING', k]),
      );
      const unordered = new Set(['SMEMBERS', 'SINTER', 'SUNION', 'SDIFF']);
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), fc.boolean(), async (steps, resp3) => {
          const all: Step[] = [...setup, ['SET', 'str', 'v'], ...steps].map((argv) => ({ argv, compare: unordered.has(argv[0]) ? 'unordered' : 'exact' }));
          await pair.check(all, resp3);
        }),
        { seed: 777, numRuns: 60 },
      );
    });
  }
});
