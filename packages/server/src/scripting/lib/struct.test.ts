import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithOracle, RawConnection, startRedis, type RedisOracle } from '@ferrous/oracle';
import { diffCases, evalVia, luaString } from './test-harness';

let redis: RedisOracle;
let conn: RawConnection;

/** Runs every case on redis-server and locally; the dumps must match. */
async function compare(cases: string[]): Promise<void> {
  expect(await diffCases(evalVia(conn), cases)).toEqual([]);
}

describeWithOracle(['redis-server'], 'struct against redis-server', () => {
  beforeAll(async () => {
    redis = await startRedis();
    conn = await RawConnection.open(redis.port);
  });
  afterAll(async () => {
    conn?.close();
    await redis?.stop();
  });

  it('packs and unpacks every integer format in both byte orders', async () => {
    const values = ['0', '1', '-1', '127', '128', '-128', '255', '256', '-32768', '65535', '2^31', '-2^31', '2^32 - 1', '2^53', '-2^53', '2^63', '2^64', '-2^63', '-2^64', '1.9', '-1.9', '0/0', '1/0', '-1/0', '"12"'];
    const cases: string[] = [];
    for (const fmt of ['b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I', 'i1', 'I2', 'i3', 'I5', 'i7', 'i8', 'I8', 'i9', 'I16', 'i32', 'i0']) {
      for (const order of ['<', '>']) {
        cases.push(`local r = {} for _, v in ipairs({${values.join(', ')}}) do local s = struct.pack("${order}${fmt}", v) r[#r + 1] = s r[#r + 1] = struct.unpack("${order}${fmt}", s) end return r`);
      }
    }
    await compare(cases);
  });

  it('packs floats, doubles, strings and padding', async () => {
    await compare([
      'local s = struct.pack("<f>f<d>d", 1.5, -0.1, 1/3, 1e300) return s, struct.unpack("<f>f<d>d", s)',
      'local s = struct.pack("fd", 1/0, -1/0) return s, struct.unpack("fd", s)',
      'local s = struct.pack("f", 1e39) return s, struct.unpack("f", s)',
      'local s = struct.pack("d", 0/0) return #s, struct.unpack("d", s) ~= struct.unpack("d", s)',
      'local s = struct.pack("c3c0s", "abcdef", "xy", "z\\0w") return s, struct.unpack("c3c2s", s)',
      'return struct.pack("c0", ""), struct.pack("s", ""), struct.pack("xxbx", 1)',
      'local s = struct.pack("bc0", 3, "abc") return s, struct.unpack("bc0", s)',
      'return struct.unpack("c1c0", "3abcd")',
      'return struct.unpack("c0", "abc")',
      'return struct.unpack("bxc0", "\\2\\0ab")',
      'return struct.unpack("c1c0", "xab")',
      'return struct.unpack("bc0", "\\255abc")',
      'return struct.unpack("s", "abc")',
      'return struct.unpack("ss", "a\\0\\0")',
      'return struct.pack("c5", "abc")',
      'return struct.pack("bc5", 1, "abc")',
      'return struct.pack("c2", 12345)',
      'return struct.pack(" < > b ", 1)',
      'return struct.pack("b")',
      'return struct.pack("b", "x")',
      'return struct.pack("s", {})',
    ]);
  });

  it('aligns with ! like the C library', async () => {
    await compare([
      'return struct.pack("!bi", 1, 2), struct.pack("!4bh", 1, 2), struct.pack("!2bd", 1, 2), struct.pack("!bd", 1, 2)',
      'return struct.pack("!8bi3", 1, 2), struct.pack("!4bI5bl", 1, 2, 3, 4), struct.pack("!1bd", 1, 2), struct.pack("!16bd", 1, 2)',
      'return struct.pack("!4bc3i", 1, "abc", 2), struct.pack("!4bsi", 1, "ab", 2), struct.pack("!4bxh", 1, 2)',
      'return struct.unpack("!4bi", struct.pack("!4bi", -5, 7))',
      'return struct.unpack("!4bh", "\\1\\0\\2\\0", 1)',
      'return struct.pack("!3b", 1)',
      'return struct.pack("!0b", 1)',
      'return struct.size("!bi"), struct.size("!4bhbi"), struct.size("!bd"), struct.size("<bd"), struct.size("!2bi3"), struct.size("!8bi7b")',
    ]);
  });

  it('unpack honours offsets and reports short data', async () => {
    await compare([
      'return struct.unpack("b", "\\1\\2\\3", 2)',
      'return struct.unpack("bb", "\\1\\2\\3", 2)',
      'return struct.unpack("bb", "\\1\\2\\3", 3)',
      'return struct.unpack("b", "\\1\\2\\3", 4)',
      'return struct.unpack("", "abc", 4)',
      'return struct.unpack("", "abc", 9)',
      'return struct.unpack("b", "abc", 0)',
      'return struct.unpack("b", "abc", -1)',
      'return struct.unpack("", "abc", -1)',
      'return struct.unpack(" ", "abc", -1)',
      'return struct.unpack("i", "abc")',
      'return struct.unpack("d", "")',
      'return struct.unpack("x", "")',
      'return struct.unpack("b")',
      'return struct.unpack()',
      'return struct.unpack("b", "\\1", "x")',
      'return struct.unpack("b", 7)',
      'return select("#", struct.unpack(string.rep("b", 7996), string.rep("a", 8000)))',
      'return select("#", struct.unpack(string.rep("b", 7997), string.rep("a", 8000)))',
    ]);
  });

  it('rejects bad formats with the library texts', async () => {
    await compare([
      'return struct.pack("z", 1)',
      'return struct.pack("b@", 1)',
      'return struct.unpack("q", "a")',
      'return struct.pack("i33", 1)',
      'return struct.pack("i99999999999", 1)',
      'return struct.pack("c2147483648", "")',
      'return struct.pack("!3")',
      'return struct.pack("!")',
      'return struct.pack(5)',
      'return struct.pack({})',
      'return struct.pack("b\\0junk", 1, 2)',
      'return struct.size("b\\0junk")',
      'return struct.size("bhilLTfdxc7 <>!4")',
      'return struct.size("s")',
      'return struct.size("c0")',
      'return struct.size("z"), struct.size("q7")',
      'return struct.size("@")',
      'return struct.size("i40")',
      'return struct.size()',
    ]);
  });

  it('unpacks and sizes random formats identically (fixed seed)', async () => {
    const fmt = fc.array(fc.constantFrom(...'bBhHlLTiIcsfdx<>! 0123489z'.split('')), { maxLength: 8 }).map((a) => a.join(''));
    const data = fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b).toString('latin1'));
    const samples = fc.sample(fc.tuple(fmt, data, fc.integer({ min: -2, max: 6 })), { seed: 13, numRuns: 120 });
    await compare(samples.map(([f, d, at]) => `return struct.size(${luaString(f)}), struct.unpack(${luaString(f)}, ${luaString(d)}, ${at})`));
    await compare(samples.map(([f, d]) => `return struct.unpack(${luaString(f)}, ${luaString(d)})`));
    await compare(samples.map(([f]) => `return struct.pack(${luaString(f)}, 1, "7", -2, "abc", 3.5, 2^40, "xy\\0z", -1e10, "")`));
  });

  it('round-trips random records (fixed seed)', async () => {
    const item = fc.oneof(
      fc.tuple(fc.constantFrom('b', 'h', 'l', 'i', 'i3', 'i8'), fc.integer({ min: -100000, max: 100000 })).map(([f, n]) => [f, String(n)]),
      fc.tuple(fc.constantFrom('B', 'H', 'L', 'T', 'I', 'I2', 'I6'), fc.integer({ min: 0, max: 2 ** 31 })).map(([f, n]) => [f, String(n)]),
      fc.tuple(fc.constantFrom('f', 'd'), fc.double({ noNaN: true })).map(([f, n]) => [f, Number.isFinite(n) ? `(${n.toPrecision(17)})` : n > 0 ? '1/0' : '-1/0']),
      fc.string({ maxLength: 6 }).map((s) => ['c' + s.length, luaString(s)]),
      fc.string({ maxLength: 6 }).filter((s) => !s.includes('\0')).map((s) => ['s', luaString(s)]),
      fc.constantFrom(['x', ''], ['<', ''], ['>', ''], ['!', ''], ['!2', ''], [' ', '']),
    );
    const records = fc.sample(fc.array(item, { minLength: 1, maxLength: 8 }), { seed: 11, numRuns: 100 });
    await compare(
      records.map((rec) => {
        const fmt = rec.map(([f]) => f).join('');
        const args = rec.map(([, a]) => a).filter((a) => a !== '');
        return `local s = struct.pack("${fmt}"${args.map((a) => ', ' + a).join('')}) return s, struct.unpack("${fmt}", s)`;
      }),
    );
  });
});
