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

describeWithOracle(['redis-server'], 'cjson against redis-server', () => {
  beforeAll(async () => {
    redis = await startRedis();
    conn = await RawConnection.open(redis.port);
  });
  afterAll(async () => {
    conn?.close();
    await redis?.stop();
  });

  it('module fields and defaults', async () => {
    await compare([
      'return cjson._NAME, cjson._VERSION, type(cjson.null), cjson.null == cjson.null',
      'return cjson.encode_max_depth(), cjson.decode_max_depth(), cjson.encode_number_precision()',
      'return cjson.encode_sparse_array()',
      'return cjson.encode_keep_buffer(), cjson.encode_invalid_numbers(), cjson.decode_invalid_numbers()',
      'local c = cjson.new() c.encode_max_depth(3) return c.encode_max_depth(), cjson.encode_max_depth(), c.encode({1})',
    ]);
  });

  it('encodes scalars, strings and escapes', async () => {
    await compare([
      'return cjson.encode(nil), cjson.encode(true), cjson.encode(false), cjson.encode(cjson.null)',
      'return cjson.encode("a/b\\\\c\\"d"), cjson.encode("\\0\\1\\8\\9\\10\\11\\12\\13\\27\\31\\127\\128\\255 ")',
      'return cjson.encode("h\\195\\169llo"), cjson.encode("")',
      'local s = "" for i = 0, 255 do s = s .. string.char(i) end return cjson.encode(s)',
      'local z = 0 return cjson.encode(0), cjson.encode(-z), cjson.encode(1), cjson.encode(-1), cjson.encode(0.1), cjson.encode(1/3)',
      'return cjson.encode(1e300), cjson.encode(-1e-300), cjson.encode(123456789012345), cjson.encode(2^53), cjson.encode(2^63)',
      'return cjson.encode(100000000000000), cjson.encode(1e14), cjson.encode(1e15), cjson.encode(0.0001), cjson.encode(0.00001)',
      'return cjson.encode(5e-324), cjson.encode(1.7976931348623157e308), cjson.encode(12345678.5), cjson.encode(0.5)',
      'return cjson.encode(1/0)',
      'return cjson.encode(-1/0)',
      'return cjson.encode(0/0)',
      'cjson.encode_invalid_numbers(true) return cjson.encode({1/0, -1/0, 0/0})',
      'cjson.encode_invalid_numbers("null") return cjson.encode({1/0, -1/0, 0/0}), cjson.encode_invalid_numbers()',
      'cjson.encode_invalid_numbers("on") return cjson.encode_invalid_numbers(), cjson.encode({[1/0] = 1})',
      'return cjson.encode({[1/0] = 1})',
      'return cjson.encode_number_precision(3), cjson.encode({1/3, 12345, 0.00012345, 1e20, 2/3})',
      'return cjson.encode_number_precision(1), cjson.encode({0.15, 0.25, 95, 150, 250})',
      'cjson.encode_number_precision(14) return cjson.encode({0.1 + 0.2, 100 / 3, 1e-5, 123456789012345.5})',
    ]);
  });

  it('encodes tables: arrays, objects, sparse arrays', async () => {
    await compare([
      'return cjson.encode({}), cjson.encode({{}}), cjson.encode({{{}}, {}})',
      'return cjson.encode({1, 2, 3}), cjson.encode({"a", {"b", {"c"}}}), cjson.encode({a = 1}), cjson.encode({a = {b = {c = {}}}})',
      'return cjson.encode({[1] = 1, [3] = 3}), cjson.encode({nil, nil, 3}), cjson.encode({[10] = 1})',
      'return cjson.encode({[11] = 1})',
      'return cjson.encode({[20] = 1, [1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6, [7] = 7, [8] = 8, [9] = 9})',
      'return cjson.encode({[21] = 1, [1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6, [7] = 7, [8] = 8, [9] = 9, [10] = 10})',
      'return cjson.encode({[0] = 1})',
      'return cjson.encode({[-1] = 1}), cjson.encode({[1.5] = 1}), cjson.encode({[2^31] = "x"}), cjson.encode({[2^40] = "x"})',
      'return cjson.encode({[1] = 1, x = 2} ~= nil and {x = {1, 2}} or nil)',
      'cjson.encode_sparse_array(true) return cjson.encode({[100] = 1}), cjson.encode_sparse_array()',
      'return cjson.encode_sparse_array(false, 0), cjson.encode({[1000] = 1})',
      'return cjson.encode_sparse_array(false, 3, 1), cjson.encode({[7] = 1, [1] = 1, [2] = 1})',
      'return cjson.encode_sparse_array(false, 3, 1), cjson.encode({[8] = 1, [1] = 1})',
      'return cjson.encode_sparse_array("on", 1, 0), cjson.encode({[2] = 1, [1] = 1}), cjson.encode({nil, 1})',
      'return cjson.encode({f = type})',
      'return cjson.encode(type)',
      'return cjson.encode(coroutine.create(function() end))',
      'return cjson.encode({[true] = 1})',
      'return cjson.encode({[{}] = 1})',
      'return cjson.encode({[type] = 1})',
      'return cjson.encode({["k/\\0"] = "v"}), cjson.encode({[1.5] = 2}), cjson.encode({[-0.25] = {}})',
      'return cjson.encode({cjson.null, nil, cjson.null})',
    ]);
  });

  it('limits encode nesting', async () => {
    await compare([
      'local t = {} t[1] = t return cjson.encode(t)',
      'local t = {} t.a = t return cjson.encode(t)',
      'local t = {} local c = t for i = 1, 999 do c[1] = {} c = c[1] end return cjson.encode(t)',
      'local t = {} local c = t for i = 1, 1000 do c[1] = {} c = c[1] end return cjson.encode(t)',
      'cjson.encode_max_depth(3) return cjson.encode({{{}}})',
      'cjson.encode_max_depth(3) return cjson.encode({{{{}}}})',
      'cjson.encode_max_depth(3) return cjson.encode({a = {b = {c = {1}}}})',
      'cjson.encode_max_depth(100000) local t = {} t[1] = t return cjson.encode(t)',
      'cjson.encode_max_depth(100000) local t = {} t.a = t return cjson.encode(t)',
    ]);
  });

  it('decodes values', async () => {
    await compare([
      'return cjson.decode("1"), cjson.decode("-1.5e3"), cjson.decode("  true "), cjson.decode("false"), cjson.decode("null")',
      'return cjson.decode("[]"), cjson.decode("{}"), cjson.decode("[1, [2, [3]], {\\"a\\": [null]}]")',
      'return cjson.decode(\'{"a":1,"b":[true,false,null],"c":{"d":"e"},"1":2}\')',
      'return cjson.decode(\'"\\\\u00e9\\\\u20AC\\\\ud83d\\\\ude00\\\\u0000x\\\\/\\\\b\\\\f\\\\n\\\\r\\\\t\\\\"\\\\\\\\"\')',
      'return cjson.decode(\'"\\\\u0041\\\\u007f\\\\u0080\\\\u07ff\\\\u0800\\\\uffff\\\\udbff\\\\udfff"\')',
      'return cjson.decode(\'"raw \\1\\31\\200\\255"\')',
      'return cjson.decode("123"), cjson.decode(123), cjson.decode(1e20)',
      'return cjson.decode("1e400"), cjson.decode("-1e400"), cjson.decode("1e-400"), cjson.decode("0.1")',
      'return cjson.decode("Infinity"), cjson.decode("-Infinity"), cjson.decode("inf"), cjson.decode("-inf"), cjson.decode("+1")',
      'return cjson.decode("NaN") ~= cjson.decode("nan"), cjson.decode("0x10"), cjson.decode("-0x1p4"), cjson.decode("010"), cjson.decode("-.5")',
      'return cjson.decode("1.5e"), cjson.decode("[1E2,2e+2,3e-2]"), cjson.decode("[1.]")',
      'return cjson.decode("[1]\\0garbage"), cjson.decode("{\\"a\\":1, \\"a\\":2}")',
      'return cjson.decode(\'["a", {"b": null}]\')[2].b == cjson.null',
      'local d = cjson.decode(\'{"1": "x", "2": "y"}\') return d[1], d["1"]',
      'local s = cjson.encode({1, "two", {three = 3}, false}) return s, cjson.decode(s)',
    ]);
  });

  it('reports decode errors like lua-cjson', async () => {
    const bad = [
      '', ' ', '{', '}', '[', ']', '[1,', '[1 2]', '{"a"}', '{"a" 1}', '{"a":}', '{1:2}', '{"a":1,}', '[1,]', ',',
      'tru', 'nul', 'fals', 'x', '"abc', '"a\\q"', '"\\u12"', '"\\u12g4"', '"\\ud800"', '"\\ud800\\u0041"',
      '"\\udc00"', '"\\ud800x"', '"\\ud800\\udbff"', '[1] 2', '1 2', '- 1', '-', '-a', 'infx', 'nanx', '+', '.5',
      'Inf', 'NAN', 'nil', '\0a', 'a\0', '"a\0b"', '[1]\x01', '\xef\xbb\xbf[]', '{"a":1 "b":2}', '[[[]]', '"\\',
      '"\\', '[1,2', '{"a":1', '\x0b1', '1\f', 'true false', '[true,]', '{"a":1}}', '"\\u00', 'nan(123)', '-nan',
    ];
    await compare(bad.map((j) => `return cjson.decode(${luaString(j)})`));
    await compare([
      "cjson.decode_invalid_numbers(false) return cjson.decode('1'), cjson.decode('-0.5'), cjson.decode('0'), cjson.decode('-.5')",
      "cjson.decode_invalid_numbers(false) return cjson.decode('[0x10]')",
      "cjson.decode_invalid_numbers(false) return cjson.decode('01')",
      "cjson.decode_invalid_numbers(false) return cjson.decode('+1')",
      "cjson.decode_invalid_numbers(false) return cjson.decode('[NaN]')",
      "cjson.decode_invalid_numbers(false) return cjson.decode('-Infinity')",
      "cjson.decode_invalid_numbers(false) return cjson.decode('infinity')",
      "return cjson.decode_invalid_numbers('off'), cjson.decode_invalid_numbers()",
    ]);
  });

  it('limits decode nesting', async () => {
    await compare([
      'return #cjson.encode(cjson.decode(string.rep("[", 1000) .. string.rep("]", 1000)))',
      'return cjson.decode(string.rep("[", 1001) .. string.rep("]", 1001))',
      'return cjson.decode(string.rep("{\\"a\\":", 1001) .. "1" .. string.rep("}", 1001))',
      'cjson.decode_max_depth(2) return cjson.decode("[[1]]"), cjson.decode("[[[1]]]")',
      'cjson.decode_max_depth(2) return cjson.decode(\'{"a":{"b":{}}}\')',
      'cjson.decode_max_depth(100000) return cjson.decode(string.rep("[", 9000) .. string.rep("]", 9000))',
      'cjson.decode_max_depth(100000) return cjson.decode(string.rep("{\\"a\\":", 9000) .. "1" .. string.rep("}", 9000))',
    ]);
  });

  it('validates configuration arguments', async () => {
    await compare([
      'return cjson.encode_max_depth(0)',
      'return cjson.encode_max_depth(-1)',
      'return cjson.encode_max_depth("x")',
      'return cjson.encode_max_depth({})',
      'return cjson.encode_max_depth(5.9), cjson.encode_max_depth("7"), cjson.encode_max_depth(2^32 + 9)',
      'return cjson.encode_max_depth(1, 2)',
      'return cjson.encode_number_precision(15)',
      'return cjson.encode_number_precision(0)',
      'return cjson.encode_sparse_array(1)',
      'return cjson.encode_sparse_array("yes")',
      'return cjson.encode_sparse_array(true, -1)',
      'return cjson.encode_sparse_array(nil, nil, -1)',
      'return cjson.encode_sparse_array(true, 1, 2, 3)',
      'return cjson.encode_sparse_array(nil, 5), cjson.encode_sparse_array(nil, nil, 7)',
      'return cjson.encode_invalid_numbers("maybe")',
      'return cjson.encode_invalid_numbers(0)',
      'return cjson.encode_keep_buffer(false), cjson.encode_keep_buffer(), cjson.encode({1})',
      'return cjson.encode_keep_buffer(1)',
      'return cjson.encode()',
      'return cjson.encode(1, 2)',
      'return cjson.decode()',
      'return cjson.decode("1", 2)',
      'return cjson.decode({})',
      'return cjson.decode(nil)',
    ]);
  });

  it('decodes random and corrupted JSON texts identically (fixed seed)', async () => {
    const utf8 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
    const texts = fc.sample(fc.json({ maxDepth: 3 }).map(utf8), { seed: 5, numRuns: 80 });
    const cut = fc.sample(fc.tuple(fc.json({ maxDepth: 2 }).map(utf8), fc.nat(), fc.integer({ min: 0, max: 255 })), { seed: 6, numRuns: 80 });
    const corrupted = cut.flatMap(([t, at, byte]) => {
      const i = at % (t.length + 1);
      return [t.slice(0, i), t.slice(0, i) + String.fromCharCode(byte) + t.slice(i + 1)];
    });
    await compare([...texts, ...corrupted].map((t) => `return cjson.decode(${luaString(t)})`));
  });

  it('round-trips random values (fixed seed)', async () => {
    const luaString = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 12 });
    const luaNumber = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.1, 2 ** 53, -(2 ** 63), 1e-310));
    const lit = (s: string): string => '"' + [...s].map((c) => '\\' + c.charCodeAt(0)).join('') + '"';
    const num = (n: number): string => (Object.is(n, -0) ? '-0' : `(${n.toPrecision(17)})`);
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        luaString.map(lit),
        luaNumber.map(num),
        fc.constantFrom('true', 'false', 'cjson.null'),
        fc.array(tie('value'), { maxLength: 5 }).map((a) => `{${a.join(',')}}`),
        fc.tuple(luaString, tie('value')).map(([k, v]) => `{[${lit(k)}]=${v}}`),
        fc.array(fc.tuple(luaString, tie('value')), { maxLength: 4 }).map((kv) => `{${kv.map(([k, v]) => `[${lit(k)}]=${v}`).join(',')}}`),
      ),
    }));
    const samples = fc.sample(value, { seed: 42, numRuns: 100 });
    await compare(samples.map((v) => `local v = ${v} local s = cjson.encode(v) return cjson.decode(s), #s`));
    // Byte-identical text where pair order cannot differ: no table with two or more keys.
    await compare(samples.filter((v) => !/\]=.*\]=/.test(v)).map((v) => `return cjson.encode(${v})`));
  });
});
