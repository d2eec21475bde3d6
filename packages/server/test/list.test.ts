// List commands against redis-server: edge cases and generated sequences (lists are always
// `quicklist` in Redis 7.0; the small-node setting still runs the suite twice).
import { describeWithOracle } from '@ferrous/oracle';
import fc from 'fast-check';
import { afterAll, beforeAll, it } from 'vitest';
import { cmd, ENCODINGS, startPair, type Pair, type Step } from './oracle-pair';

describeWithOracle(['redis-server'], 'list commands vs redis-server', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => pair?.stop());

  for (const enc of ENCODINGS) {
    const setup = [['FLUSHALL'], ...enc.config];

    it(`edge cases (${enc.name})`, async () => {
      const steps: Step[] = [
        cmd('RPUSH l a b c d e a'),
        cmd('LPUSH l z y'),
        cmd('LPUSHX nokey a'),
        cmd('RPUSHX nokey a'),
        cmd('EXISTS nokey'),
        cmd('LPUSHX l x1 x2'),
        cmd('RPUSHX l y1'),
        cmd('LLEN l'),
        cmd('LLEN nokey'),
        cmd('OBJECT ENCODING l'),
        cmd('LRANGE l 0 -1'),
        cmd('LRANGE l -3 -1'),
        cmd('LRANGE l -100 100'),
        cmd('LRANGE l 5 2'),
        cmd('LRANGE l 100 200'),
        cmd('LRANGE l x 1'),
        cmd('LRANGE nokey 0 -1'),
        cmd('LRANGE nokey x 1'),
        cmd('LINDEX l 0'),
        cmd('LINDEX l -1'),
        cmd('LINDEX l 100'),
        cmd('LINDEX l x'),
        cmd('LINDEX nokey x'),
        cmd('LSET l 1 new'),
        cmd('LSET l -1 last'),
        cmd('LSET l 100 v'),
        cmd('LSET l x v'),
        cmd('LSET nokey 0 v'),
        cmd('LSET nokey x v'),
        cmd('LINSERT l BEFORE a before-a'),
        cmd('LINSERT l after a after-a'),
        cmd('LINSERT l BEFORE missing v'),
        cmd('LINSERT l MIDDLE a v'),
        cmd('LINSERT nokey BEFORE a v'),
        cmd('LRANGE l 0 -1'),
        cmd('LPOS l a'),
        cmd('LPOS l a RANK 2'),
        cmd('LPOS l a RANK -1'),
        cmd('LPOS l a RANK -2 COUNT 0'),
        cmd('LPOS l a COUNT 0'),
        cmd('LPOS l a COUNT 1 MAXLEN 3'),
        cmd('LPOS l a MAXLEN 1'),
        cmd('LPOS l missing'),
        cmd('LPOS l missing COUNT 2'),
        cmd('LPOS l a RANK 0'),
        cmd('LPOS l a RANK x'),
        cmd('LPOS l a COUNT -1'),
        cmd('LPOS l a MAXLEN -1'),
        cmd('LPOS l a BAD'),
        cmd('LPOS l a RANK'),
        cmd('LPOS nokey a'),
        cmd('LPOS nokey a COUNT 1'),
        cmd('LREM l 1 a'),
        cmd('LREM l -1 a'),
        cmd('LREM l 0 zzz'),
        cmd('LREM l x a'),
        cmd('LREM nokey 0 a'),
        cmd('LPOP l'),
        cmd('RPOP l'),
        cmd('LPOP l 2'),
        cmd('RPOP l 0'),
        cmd('LPOP l -1'),
        cmd('LPOP l x'),
        cmd('LPOP l 1 2'),
        cmd('LPOP nokey'),
        cmd('LPOP nokey 2'),
        cmd('RPOP nokey 0'),
        cmd('LTRIM l 1 -2'),
        cmd('LRANGE l 0 -1'),
        cmd('LTRIM l 5 1'),
        cmd('EXISTS l'),
        cmd('LTRIM nokey 0 1'),
        cmd('LTRIM nokey x 1'),
        cmd('RPUSH src 1 2 3'),
        cmd('LMOVE src dst LEFT RIGHT'),
        cmd('LMOVE src dst RIGHT LEFT'),
        cmd('LMOVE src dst UP LEFT'),
        cmd('LMOVE src src LEFT RIGHT'),
        cmd('LRANGE src 0 -1'),
        cmd('LRANGE dst 0 -1'),
        cmd('RPOPLPUSH src dst'),
        cmd('EXISTS src'),
        cmd('RPOPLPUSH src dst'),
        cmd('LMOVE nokey dst LEFT LEFT'),
        cmd('RPUSH one x'),
        cmd('LMOVE one one LEFT RIGHT'),
        cmd('LRANGE one 0 -1'),
        cmd('SET str v'),
        cmd('LMOVE dst str LEFT LEFT'),
        cmd('LMOVE str dst LEFT LEFT'),
        cmd('LMOVE nokey str LEFT LEFT'),
        cmd('LPUSH str a'),
        cmd('LPUSHX str a'),
        cmd('LRANGE str 0 1'),
        cmd('LLEN str'),
        cmd('LPOP str'),
        cmd('LINDEX str 0'),
        cmd('LSET str 0 a'),
        cmd('LPOS str a'),
        cmd('LMPOP 2 nokey dst LEFT'),
        cmd('LMPOP 2 nokey dst RIGHT COUNT 10'),
        cmd('LMPOP 2 nokey dst RIGHT'),
        cmd('LMPOP 1 nokey LEFT'),
        cmd('LMPOP 2 str dst LEFT'),
        cmd('LMPOP 0 a LEFT'),
        cmd('LMPOP x a LEFT'),
        cmd('LMPOP 3 a b LEFT'),
        cmd('LMPOP 1 a MIDDLE'),
        cmd('LMPOP 1 a LEFT COUNT 0'),
        cmd('LMPOP 1 a LEFT COUNT 1 COUNT 1'),
        cmd('LMPOP 1 a LEFT BAD'),
        cmd('RPUSH big ' + Array.from({ length: 200 }, (_, i) => `element-${i}`).join(' ')),
        cmd('LRANGE big 100 110'),
        cmd('LINDEX big 150'),
        cmd('LINDEX big -150'),
        cmd('LINSERT big AFTER element-100 inserted'),
        cmd('LPOS big element-199'),
        cmd('LTRIM big 10 20'),
        cmd('LRANGE big 0 -1'),
        cmd('OBJECT ENCODING big'),
      ];
      await pair.check([...setup, ...steps]);
      await pair.check([...setup, cmd('RPUSH l a b'), cmd('LPOP nokey 2'), cmd('LPOP l 0'), cmd('LMPOP 1 nokey LEFT'), cmd('LMPOP 1 l LEFT COUNT 5'), cmd('LPOS nokey a')], true);
    });

    it(`blocking commands served immediately (${enc.name})`, async () => {
      const steps: Step[] = [
        cmd('RPUSH a 1 2 3'),
        cmd('RPUSH b x'),
        cmd('BLPOP nokey a b 0'),
        cmd('BRPOP nokey b a 1.5'),
        cmd('BRPOP b a 0'),
        cmd('EXISTS b'),
        cmd('BLMPOP 0 2 nokey a RIGHT COUNT 5'),
        cmd('RPUSH a 1 2 3'),
        cmd('BLMPOP 0 1 a LEFT'),
        cmd('BLMOVE a dst LEFT RIGHT 0'),
        cmd('BRPOPLPUSH a dst 0'),
        cmd('LRANGE dst 0 -1'),
        cmd('SET str v'),
        cmd('BLPOP str a 0'),
        cmd('BLPOP a x'),
        cmd('BLPOP a -1'),
        cmd('BLPOP a inf'),
        cmd('BLPOP a 1e400'),
        cmd('BLMPOP 0 0 a LEFT'),
        cmd('BLMPOP x 1 a LEFT'),
        cmd('BLMPOP 0 1 a UP'),
        cmd('BLMPOP 0 1 a LEFT COUNT 0'),
        cmd('BLMOVE a dst UP LEFT 0'),
        cmd('BLMOVE a dst LEFT LEFT x'),
        cmd('BLMOVE str dst LEFT LEFT 0'),
        cmd('BLMOVE dst str LEFT LEFT 0'),
        cmd('BRPOPLPUSH dst a -1'),
      ];
      await pair.check([...setup, ...steps]);
      await pair.check([...setup, cmd('RPUSH a 1 2'), cmd('BLPOP a 0'), cmd('BLMPOP 0 1 a LEFT COUNT 2')], true);
    });

    it(`generated sequences (${enc.name})`, async () => {
      const key = fc.constantFrom('l1', 'l2', 'str');
      const value = fc.constantFrom('a', 'b', 'c', '1', '-2', 'long-value-here', '');
      const values = fc.array(value, { minLength: 1, maxLength: 5 });
      const index = fc.integer({ min: -8, max: 8 }).map(String);
      const side = fc.constantFrom('LEFT', 'RIGHT');
      const step = fc.oneof(
        fc.tuple(fc.constantFrom('LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX'), key, values).map(([c, k, vs]) => [c, k, ...vs]),
        fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key, fc.option(fc.integer({ min: 0, max: 4 }).map(String), { nil: undefined })).map(([c, k, n]) => (n === undefined ? [c, k] : [c, k, n])),
        fc.tuple(key, index, index).map(([k, a, b]) => ['LRANGE', k, a, b]),
        fc.tuple(key, index, index).map(([k, a, b]) => ['LTRIM', k, a, b]),
        fc.tuple(key, index).map(([k, i]) => ['LINDEX', k, i]),
        fc.tuple(key, index, value).map(([k, i, v]) => ['LSET', k, i, v]),
        fc.tuple(key, fc.constantFrom('BEFORE', 'AFTER'), value, value).map(([k, w, p, v]) => ['LINSERT', k, w, p, v]),
        fc.tuple(key, fc.integer({ min: -3, max: 3 }).map(String), value).map(([k, n, v]) => ['LREM', k, n, v]),
        fc.tuple(key, value, fc.constantFrom([], ['RANK', '-1'], ['RANK', '2', 'COUNT', '0'], ['COUNT', '2', 'MAXLEN', '3'])).map(([k, v, o]) => ['LPOS', k, v, ...o]),
        fc.tuple(key, key, side, side).map(([a, b, f, t]) => ['LMOVE', a, b, f, t]),
        fc.tuple(key, key).map(([a, b]) => ['RPOPLPUSH', a, b]),
        fc.tuple(fc.array(key, { minLength: 1, maxLength: 3 }), side, fc.integer({ min: 1, max: 3 })).map(([ks, s, n]) => ['LMPOP', String(ks.length), ...ks, s, 'COUNT', String(n)]),
        fc.tuple(fc.constantFrom('LLEN', 'EXISTS', 'TYPE'), key).map(([c, k]) => [c, k]),
        key.map((k) => ['LRANGE', k, '0', '-1']),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 50 }), async (steps) => {
          await pair.check([...setup, ['SET', 'str', 'v'], ...steps]);
        }),
        { seed: 99, numRuns: 60 },
      );
    });
  }
});
