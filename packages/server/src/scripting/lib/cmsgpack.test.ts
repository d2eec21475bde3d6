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

/** Cases that pack `exprs` one by one and unpack the result again. */
const packCases = (exprs: string[]): string[] => exprs.map((e) => `local s = cmsgpack.pack(${e}) return s, cmsgpack.unpack(s)`);

describeWithOracle(['redis-server'], 'cmsgpack against redis-server', () => {
  beforeAll(async () => {
    redis = await startRedis();
    conn = await RawConnection.open(redis.port);
  });
  afterAll(async () => {
    conn?.close();
    await redis?.stop();
  });

  it('module fields', async () => {
    await compare(['return cmsgpack._NAME, cmsgpack._VERSION, cmsgpack._COPYRIGHT, cmsgpack._DESCRIPTION']);
  });

  it('packs integers at every range boundary', async () => {
    const ints = [
      '0', '1', '127', '128', '255', '256', '65535', '65536', '2^32 - 1', '2^32', '2^53', '2^53 + 2', '2^63 - 1024', '2^63',
      '2^64', '-1', '-31', '-32', '-33', '-127', '-128', '-129', '-32767', '-32768', '-32769', '-2^31 + 1', '-2^31',
      '-2^31 - 1', '-2^53', '-2^63', '-2^63 - 2048', '-2^64', '(function() local z = 0 return -z end)()',
    ];
    await compare(packCases(ints));
  });

  it('packs floats and doubles', async () => {
    await compare(packCases(['0.5', '-1.5', '0.1', '1/3', '1e300', '-1e-300', '3.4028234663852886e38', '3.5e38', '1e-45', '2^-149', '1/0', '-1/0', '2^63 + 2^11', '1e20', '-1e19', '123.25']));
    await compare(['return #cmsgpack.pack(0/0), string.byte(cmsgpack.pack(0/0), 1), cmsgpack.unpack(cmsgpack.pack(0/0)) ~= 0']);
  });

  it('packs strings of every header size', async () => {
    await compare(packCases(['""', '"a"', 'string.rep("x", 31)', 'string.rep("x", 32)', 'string.rep("y", 255)', 'string.rep("y", 256)', 'string.rep("z", 65535)', 'string.rep("z", 65536)', '"\\0\\255\\128"']));
  });

  it('packs tables as arrays or maps', async () => {
    await compare(packCases([
      '{}', '{1, 2, 3}', '{"a", {"b", {"c"}}}', '{a = 1}', '{[1] = 1, [3] = 3}', '{nil, 2}', '{[0] = 1}', '{[-1] = "x"}', '{[1.5] = 1}',
      '{[2^31] = 1}', '{[2^31 - 1] = 1}', '{true, false}', '{[true] = 1}', '{{}, {{}}}',
      '(function() local t = {} for i = 1, 15 do t[i] = i end return t end)()',
      '(function() local t = {} for i = 1, 16 do t[i] = i end return t end)()',
      '{x = {y = {z = {1, 2}}}}', '{[1] = {a = "b"}}', '{cjson.null}', '{type}',
    ]));
    await compare([
      'local t = {} for i = 1, 16 do t["k" .. i] = 1 end local s = cmsgpack.pack(t) return #s, s:byte(1, 3)',
      'local t = {} for i = 1, 65536 do t["k" .. i] = 1 end local s = cmsgpack.pack(t) return #s, s:byte(1, 5)',
      'local t = {} for i = 1, 65535 do t[i] = i % 7 end local s = cmsgpack.pack(t) return #s, s:sub(1, 8), #cmsgpack.unpack(s)',
      'local t = {} for i = 1, 65536 do t[i] = i % 7 end local s = cmsgpack.pack(t) return #s, s:sub(1, 8), #cmsgpack.unpack(s)',
    ]);
  });

  it('bounds nesting at 16 levels', async () => {
    await compare([
      'local t = {} t[1] = t local s = cmsgpack.pack(t) return s, cmsgpack.unpack(s)',
      'local t = {} t.a = t local s = cmsgpack.pack(t) return s',
      'local t = {} local c = t for i = 1, 15 do c[1] = {} c = c[1] end return cmsgpack.pack(t)',
      'local t = {} local c = t for i = 1, 16 do c[1] = {} c = c[1] end return cmsgpack.pack(t)',
      'local t = {} local c = t for i = 1, 16 do c[1] = {} c = c[1] end return cmsgpack.pack(1, t, "x")',
    ]);
  });

  it('packs several values and non-serialisable ones', async () => {
    await compare([
      'return cmsgpack.pack(1, "a", {2}, true)',
      'return cmsgpack.unpack(cmsgpack.pack(1, "a", {2}, true, nil, 3))',
      'return cmsgpack.pack(nil), cmsgpack.pack(type), cmsgpack.pack(cjson.null), cmsgpack.pack(coroutine.create(function() end))',
      'return cmsgpack.pack()',
      'local t = {} for i = 1, 4000 do t[i] = i end return #cmsgpack.pack(unpack(t))',
      'local t = {} for i = 1, 4001 do t[i] = i end return #cmsgpack.pack(unpack(t))',
    ]);
  });

  it('unpacks every type byte', async () => {
    const inputs = [
      '\x00', '\x7f', '\x80', '\x81\x01\x02', '\x8f', '\x90', '\x91\x05', '\x92\xc0\x01', '\xa0', '\xa3abc', '\xbf',
      '\xc0', '\xc1', '\xc2', '\xc3', '\xc4\x01a', '\xc5\x00\x01a', '\xc7\x01\x01a', '\xc8', '\xc9', '\xca\x3f\x80\x00\x00',
      '\xca\x7f\x80\x00\x00', '\xcb\x3f\xf0\x00\x00\x00\x00\x00\x01', '\xcb\xff\xf8\x00\x00\x00\x00\x00\x00',
      '\xcc\xff', '\xcd\xff\xff', '\xce\xff\xff\xff\xff', '\xcf\x00\x00\x00\x01\x00\x00\x00\x00',
      '\xcf\x7f\xff\xff\xff\xff\xff\xff\xff', '\xcf\x80\x00\x00\x00\x00\x00\x00\x00', '\xcf\xff\xff\xff\xff\xff\xff\xff\xff',
      '\xd0\x80', '\xd0\x7f', '\xd1\x80\x00', '\xd1\x7f\xff', '\xd1\xff\x7f', '\xd2\x80\x00\x00\x00', '\xd2\xff\xff\xff\xfe',
      '\xd3\x80\x00\x00\x00\x00\x00\x00\x00', '\xd3\xff\xff\xff\xff\xff\xff\xff\xff', '\xd3\x00\x20\x00\x00\x00\x00\x00\x01',
      '\xd4\x01\x01', '\xd8', '\xd9\x03abc', '\xda\x00\x02ab', '\xdb\x00\x00\x00\x01a', '\xdc\x00\x02\x01\x02',
      '\xdd\x00\x00\x00\x01\xc3', '\xde\x00\x01\xa1k\xa1v', '\xdf\x00\x00\x00\x01\x01\x02', '\xe0', '\xff',
      '\x82\x01\xc0\x02\x03', '\x81\xc3\xc2', '\x92\x93\x01\x02\x03\x81\xa1a\x90', '\x01\x02\x03',
    ];
    await compare(inputs.map((s) => `return cmsgpack.unpack(${luaString(s)})`));
  });

  it('reports truncated and malformed input', async () => {
    const inputs = [
      '\xcc', '\xcd\x01', '\xce\x01\x02\x03', '\xcf\x01', '\xd0', '\xd1\x01', '\xd2', '\xd3\x01\x02', '\xca\x01', '\xcb',
      '\xd9', '\xd9\x05abc', '\xda\x00', '\xda\x00\x05a', '\xdb\x00\x00\x00', '\xdb\x00\x00\x00\x09ab', '\xa5ab',
      '\xdc\x00', '\xdc\x00\x03\x01', '\xdd\x00\x00', '\xde\x00', '\xde\x00\x01\x01', '\xdf\x00\x00\x00\x02\x01\x01',
      '\x91', '\x92\x01', '\x81', '\x81\x01', '\x01\xc1', '\x81\xc0\x01', '\x81\xcb\xff\xf8\x00\x00\x00\x00\x00\x00\x01',
      '\x81\xc0', '\x92\xc1\x01',
    ];
    await compare(inputs.map((s) => `return cmsgpack.unpack(${luaString(s)})`));
    await compare([
      'return cmsgpack.unpack("")',
      'return cmsgpack.unpack()',
      'return cmsgpack.unpack({})',
      'return cmsgpack.unpack(5)',
      'return cmsgpack.unpack("\\1", "extra")',
      'return select("#", cmsgpack.unpack(string.rep("\\1", 7998)))',
      'return select("#", cmsgpack.unpack(string.rep("\\1", 7999)))',
      'return select("#", cmsgpack.unpack(string.rep("\\1", 9000)))',
      'return select("#", cmsgpack.unpack(string.rep("\\145", 3999) .. "\\1"))',
      'return select("#", cmsgpack.unpack(string.rep("\\145", 4000) .. "\\1"))',
      'return select("#", cmsgpack.unpack(string.rep("\\129\\1", 2699) .. "\\1" .. string.rep("\\1", 2699)))',
      'return select("#", cmsgpack.unpack(string.rep("\\129\\1", 4000) .. "\\1"))',
    ]);
  });

  it('unpack_one and unpack_limit walk a stream by offset', async () => {
    await compare([
      'local s = cmsgpack.pack(1, {2}, "three") return cmsgpack.unpack_one(s)',
      'local s = cmsgpack.pack(1, {2}, "three") return cmsgpack.unpack_one(s, 1)',
      'local s = cmsgpack.pack(1, {2}, "three") return cmsgpack.unpack_one(s, 3)',
      'local s = cmsgpack.pack(1, {2}, "three") return cmsgpack.unpack_one(s, #s)',
      'local s = cmsgpack.pack(1, {2}, "three") return cmsgpack.unpack_one(s, #s + 1)',
      'return cmsgpack.unpack_one("\\1", -1)',
      'return cmsgpack.unpack_one("")',
      'return cmsgpack.unpack_one("\\1", "0")',
      'return cmsgpack.unpack_one("\\1", "x")',
      'return cmsgpack.unpack_one("\\1", 0.9)',
      'return cmsgpack.unpack_one(nil, 0)',
      'return cmsgpack.unpack_one("\\205\\1")',
      'local s = cmsgpack.pack(1, 2, 3, 4) return cmsgpack.unpack_limit(s, 2)',
      'local s = cmsgpack.pack(1, 2, 3, 4) return cmsgpack.unpack_limit(s, 2, 2)',
      'local s = cmsgpack.pack(1, 2, 3, 4) return cmsgpack.unpack_limit(s, 10, 1)',
      'local s = cmsgpack.pack(1, 2, 3, 4) return cmsgpack.unpack_limit(s, 0)',
      'local s = cmsgpack.pack(1, 2, 3, 4) return cmsgpack.unpack_limit(s, 0, 1)',
      'return cmsgpack.unpack_limit("\\1\\2", -1)',
      'return cmsgpack.unpack_limit("\\1\\2", -1, -2)',
      'return cmsgpack.unpack_limit("\\1\\2", 1, 3)',
      'return cmsgpack.unpack_limit("\\1\\2")',
      'return cmsgpack.unpack_limit("\\1\\2", {})',
      'return cmsgpack.unpack_limit("\\1\\2", 1, {})',
      'return cmsgpack.unpack_limit("\\1\\2", 2^32 + 1)',
    ]);
  });

  it('unpacks random byte strings identically (fixed seed)', async () => {
    const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
    const inputs = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 12 }).map(latin1), { seed: 9, numRuns: 150 });
    await compare(inputs.map((s) => `return cmsgpack.unpack(${luaString(s)})`));
  });

  it('round-trips random values (fixed seed)', async () => {
    const bytes = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    const num = fc.oneof(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.double({ noNaN: true }), fc.constantFrom(2 ** 63, -(2 ** 63), 2 ** 64, 0.1));
    const numLit = (n: number): string => (Number.isFinite(n) ? `(${n.toPrecision(17)})` : n > 0 ? '(1/0)' : '(-1/0)');
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        bytes.map(luaString),
        num.map(numLit),
        fc.constantFrom('true', 'false'),
        fc.array(tie('value'), { maxLength: 5 }).map((a) => `{${a.join(',')}}`),
        fc.tuple(fc.oneof(bytes.map(luaString), num.filter((n) => n !== 0 && Number.isFinite(n)).map(numLit)), tie('value')).map(([k, v]) => `{[${k}]=${v}}`),
      ),
    }));
    const samples = fc.sample(fc.array(value, { minLength: 1, maxLength: 3 }), { seed: 7, numRuns: 120 });
    await compare(samples.map((vs) => `local s = cmsgpack.pack(${vs.join(',')}) return s, cmsgpack.unpack(s)`));
  });
});
