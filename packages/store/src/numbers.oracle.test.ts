// Differential tests of the Redis-exact number and glob rules against a real redis-server:
// INCRBYFLOAT (long double), float/integer parsing and glob matching.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { describeWithOracle, startRedis, RawConnection, type RedisOracle } from '@ferrous/oracle';
import { parseFloat, parseInteger } from './numbers';
import { incrByFloat } from './types/string/string';
import { globMatch } from './glob';

/** The payload of a bulk/simple/error reply. */
function payload(frame: string): string {
  if (frame.startsWith('$')) return frame.slice(frame.indexOf('\r\n') + 2, -2);
  return frame.slice(0, -2);
}

describeWithOracle(['redis-server'], 'numbers against redis-server', () => {
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

  async function pipeline(commands: string[][]): Promise<string[]> {
    conn.write(commands.map((argv) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')).join(''));
    return (await conn.read(commands.length)).map(payload);
  }

  it('INCRBYFLOAT sequences match (long double arithmetic and %.17Lf formatting)', async () => {
    const increments = fc.oneof(
      fc.constantFrom('0.1', '10.5', '-0.3', '3.0e3', '1e308', '-1e308', '5.0e-5', '0.0001', '1', '-1', '17e-1', '123456789.123456789'),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(increments, { minLength: 1, maxLength: 6 }), async (incs) => {
        const commands = [['DEL', 'f'], ...incs.map((i) => ['INCRBYFLOAT', 'f', i])];
        const replies = (await pipeline(commands)).slice(1);
        let current: string | undefined;
        incs.forEach((inc, k) => {
          let mine: string;
          try {
            mine = incrByFloat(current, inc);
            current = mine;
          } catch (e) {
            mine = '-' + (e as Error).message;
          }
          expect(mine).toBe(replies[k]);
        });
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('float and integer syntax is accepted exactly when Redis accepts it', async () => {
    const texts = [
      '1', '-1', '+1', ' 1', '1 ', '1.5', '.5', '5.', '1e5', '1E+5', 'inf', '-inf', '+inf', 'Infinity', 'nan', 'NaN',
      '0x10', '0x1p3', '1e400', '1e-400', '', 'abc', '01', '-0', '0', '00', '9223372036854775807', '9223372036854775808',
      '-9223372036854775808', '-9223372036854775809', '1.0', '12345678901234567890', '2.5e-320',
    ];
    const replies = await pipeline(texts.flatMap((t) => [['ZADD', 'p', t, 'x'], ['SET', 'i', t], ['INCRBY', 'i', '0']]));
    texts.forEach((t, i) => {
      expect(parseFloat(t) !== null, `float ${JSON.stringify(t)}`).toBe(!replies[3 * i].startsWith('-'));
      expect(parseInteger(t) !== null, `int ${JSON.stringify(t)}`).toBe(!replies[3 * i + 2].startsWith('-'));
    });
  });

  it('glob matching agrees with KEYS', async () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'A', '-', '[', ']', '^', '\\', '*', '?', 'z');
    const word = fc.array(alphabet, { maxLength: 6 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(word.filter((w) => w.length > 0), { minLength: 1, maxLength: 12 }), fc.array(word, { minLength: 1, maxLength: 8 }), async (keys, patterns) => {
        const replies = await pipeline([
          ['FLUSHALL'],
          ...keys.map((k) => ['SET', k, '1']),
          ...patterns.filter((p) => p !== '*').map((p) => ['KEYS', p]),
        ]);
        const keyReplies = replies.slice(1 + keys.length);
        patterns.filter((p) => p !== '*').forEach((p, i) => {
          const expected = parseArray(keyReplies[i]).sort();
          const mine = keys.filter((k) => globMatch(p, k)).sort();
          expect(mine, `pattern ${JSON.stringify(p)}`).toEqual(expected);
        });
      }),
      { seed: 3, numRuns: 40 },
    );
  });
});

/** Parses a flat RESP2 array of bulk strings (as returned by `payload`, i.e. minus the last CRLF). */
function parseArray(frame: string): string[] {
  const text = frame + '\r\n';
  const out: string[] = [];
  let pos = text.indexOf('\r\n') + 2;
  while (pos < text.length) {
    const lineEnd = text.indexOf('\r\n', pos);
    const len = Number(text.slice(pos + 1, lineEnd));
    out.push(text.slice(lineEnd + 2, lineEnd + 2 + len));
    pos = lineEnd + 2 + len + 2;
  }
  return out;
}

describe('glob edge cases', () => {
  it('handles classes, ranges, escapes and nocase', () => {
    expect(globMatch('h[a-e]llo', 'hello')).toBe(true);
    expect(globMatch('h[e-a]llo', 'hello')).toBe(true);
    expect(globMatch('h[^e]llo', 'hello')).toBe(false);
    expect(globMatch('h\\*llo', 'h*llo')).toBe(true);
    expect(globMatch('h\\*llo', 'hello')).toBe(false);
    expect(globMatch('HE*', 'hello', true)).toBe(true);
    expect(globMatch('*', '')).toBe(false);
    expect(globMatch('', '')).toBe(true);
  });
});
