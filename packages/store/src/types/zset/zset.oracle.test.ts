// Differential test of the lex range commands on zsets with MIXED scores against redis-server:
// Redis documents the result as unspecified but computes it deterministically for listpacks
// (a walk in (score, member) order), and ZRANGEBYLEX/ZLEXCOUNT/ZREMRANGEBYLEX must match it.
import { it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { describeWithOracle, startRedis, RawConnection, type RedisOracle } from '@ferrous/oracle';
import { defaultConfig } from '../../config';
import { seededRandom } from '../../test-random';
import { ZSetValue } from './zset';
import { parseLexRange } from './ranges';

/** Bulk strings of an array reply, or the integer of an integer reply, as strings. */
function items(frame: string): string[] {
  if (frame.startsWith(':')) return [frame.slice(1, -2)];
  if (frame.startsWith('-')) return [frame.slice(0, -2)];
  const lines = frame.split('\r\n');
  const out: string[] = [];
  for (let i = 1; i < lines.length; i++) if (lines[i - 1].startsWith('$')) out.push(lines[i]);
  return out;
}

const flatten = (pairs: Array<[string, number]>) => pairs.flatMap(([m, s]) => [m, String(s)]);

describeWithOracle(['redis-server'], 'zset lex ranges with mixed scores against redis-server', () => {
  let redis: RedisOracle;
  let conn: RawConnection;
  beforeAll(async () => {
    redis = await startRedis();
    conn = await RawConnection.open(redis.port);
  });
  afterAll(async () => {
    conn.close();
    await redis.stop();
  });

  it('a -0 score reads back as Redis 7.0 does in each encoding', async () => {
    const ours: string[] = [];
    for (const entries of [128, 0]) {
      const z = new ZSetValue({ config: { ...defaultConfig(), 'zset-max-listpack-entries': entries }, random: seededRandom(1) });
      z.add('a', -0);
      ours.push(Object.is(z.score('a'), -0) ? '-0' : String(z.score('a')));
    }
    const replies = [];
    for (const entries of ['128', '0']) {
      replies.push(await conn.call('CONFIG', 'SET', 'zset-max-listpack-entries', entries));
      await conn.call('DEL', 'z');
      await conn.call('ZADD', 'z', '-0', 'a');
      replies.push(await conn.call('ZSCORE', 'z', 'a'));
    }
    await conn.call('CONFIG', 'SET', 'zset-max-listpack-entries', '128');
    expect(replies).toEqual(['+OK\r\n', `$${ours[0].length}\r\n${ours[0]}\r\n`, '+OK\r\n', `$${ours[1].length}\r\n${ours[1]}\r\n`]);
    expect(ours).toEqual(['0', '-0']);
  });

  it('ZRANGEBYLEX, ZREVRANGEBYLEX (LIMIT), ZLEXCOUNT and ZREMRANGEBYLEX match on listpacks', async () => {
    const member = fc.constantFrom('a', 'b', 'bb', 'c', 'd', 'e', 'f', 'g');
    const pairs = fc.uniqueArray(fc.tuple(member, fc.constantFrom(0, 1, 2, 3)), { selector: (p) => p[0], minLength: 1, maxLength: 8 });
    const bound = fc.constantFrom('-', '+', '[a', '(a', '[b', '(bb', '[c', '(d', '[e', '(f', '[g', '[bb');
    const limit = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1, max: 3 }));
    const ctx = { config: defaultConfig(), random: seededRandom(3) };
    await fc.assert(
      fc.asyncProperty(pairs, bound, bound, limit, async (ps, min, max, [offset, count]) => {
        const zadd = ['ZADD', 'z', ...ps.flatMap(([m, s]) => [String(s), m])];
        const commands = [
          ['DEL', 'z'],
          zadd,
          ['ZRANGEBYLEX', 'z', min, max],
          ['ZREVRANGEBYLEX', 'z', max, min],
          ['ZRANGEBYLEX', 'z', min, max, 'LIMIT', String(offset), String(count)],
          ['ZREVRANGEBYLEX', 'z', max, min, 'LIMIT', String(offset), String(count)],
          ['ZLEXCOUNT', 'z', min, max],
          ['ZREMRANGEBYLEX', 'z', min, max],
          ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
        ];
        conn.write(commands.map((argv) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')).join(''));
        const replies = (await conn.read(commands.length)).slice(2).map(items);

        const z = new ZSetValue(ctx);
        for (const [m, s] of ps) z.add(m, s);
        expect(z.encoding).toBe('listpack');
        const range = parseLexRange(min, max);
        const names = (p: Array<[string, number]>) => p.map(([m]) => m);
        const ours = [
          names(z.rangeByLex(range)),
          names(z.rangeByLex(range, true)),
          names(z.rangeByLex(range, false, offset, count)),
          names(z.rangeByLex(range, true, offset, count)),
          [String(z.countByLex(range))],
          [String(z.removeRangeByLex(range))],
          flatten(z.entries()),
        ];
        expect(ours).toEqual(replies);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
