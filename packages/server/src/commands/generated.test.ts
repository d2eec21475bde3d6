// fast-check generated command sequences over the string and keyspace commands, compared reply by
// reply with redis-server. Keys and values come from small pools so commands collide often.
import { it } from 'vitest';
import fc from 'fast-check';
import { describeWithOracle } from '@ferrous/oracle';
import { expectSame, usePair } from '../../test/harness';

const key = fc.constantFrom('a', 'b', 'c', 'k:\x00', 'k\xff');
const value = fc.oneof(fc.constantFrom('', '0', '1', '-1', '10', '3.5', 'abc', '\x00\xff', '9223372036854775807', '-9223372036854775808', '01', ' 1'), fc.string({ maxLength: 6 }));
const int = fc.oneof(fc.integer({ min: -20, max: 20 }).map(String), fc.constantFrom('x', '9223372036854775807', '-9223372036854775808', '1.5'));

const command: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constant('SET'), key, value),
  fc.tuple(fc.constant('SET'), key, value, fc.constantFrom('NX', 'XX', 'GET', 'KEEPTTL', 'EX', 'PX')).map((a) => (a[3] === 'EX' || a[3] === 'PX' ? [...a, '100000'] : a)),
  fc.tuple(fc.constantFrom('GET', 'GETDEL', 'STRLEN', 'INCR', 'DECR', 'EXISTS', 'DEL', 'TYPE', 'PERSIST', 'UNLINK', 'TOUCH'), key),
  fc.tuple(fc.constantFrom('INCRBY', 'DECRBY', 'INCRBYFLOAT'), key, int),
  fc.tuple(fc.constantFrom('APPEND', 'GETSET', 'SETNX'), key, value),
  fc.tuple(fc.constant('GETRANGE'), key, int, int),
  fc.tuple(fc.constant('SETRANGE'), key, fc.integer({ min: -1, max: 20 }).map(String), value),
  fc.tuple(fc.constantFrom('MSET', 'MSETNX'), key, value, key, value),
  fc.tuple(fc.constant('MGET'), key, key, key),
  fc.tuple(fc.constantFrom('RENAME', 'RENAMENX', 'COPY', 'LCS'), key, key),
  fc.tuple(fc.constantFrom('EXPIRE', 'PEXPIRE'), key, fc.constantFrom('100', '100000', '-1', 'x'), fc.constantFrom('NX', 'XX', 'GT', 'LT')).map((a) => a.slice(0, 3).concat(a[2] === '100' ? [a[3]] : [])),
  fc.tuple(fc.constantFrom('SETBIT'), key, fc.integer({ min: 0, max: 40 }).map(String), fc.constantFrom('0', '1')),
  fc.tuple(fc.constantFrom('GETBIT'), key, fc.integer({ min: 0, max: 40 }).map(String)),
  fc.tuple(fc.constant('BITCOUNT'), key, int, int),
  fc.tuple(fc.constant('BITPOS'), key, fc.constantFrom('0', '1'), int),
  fc.tuple(fc.constant('BITOP'), fc.constantFrom('AND', 'OR', 'XOR'), key, key, key),
  fc.constant(['DBSIZE'] as string[]),
);

describeWithOracle(['redis-server'], 'generated string/keyspace sequences vs redis-server', () => {
  const pair = usePair();

  it('agree reply by reply', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (sequence) => {
        // TTL values are replaced by whether a TTL exists, since the clocks differ by a few ms.
        await expectSame(pair, [['FLUSHALL'], ...sequence, ['TTL', 'a'], ['TTL', 'b'], ['TTL', 'c']].map((c) => c), (r) => r.replace(/^:([1-9][0-9]*)\r\n$/, (m, n) => (Number(n) > 1000 ? ':TTL\r\n' : m)));
      }),
      { numRuns: 150, seed: 4242 },
    );
  });
});
