import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeWithOracle, runLuaOracle } from '@ferrous/oracle';
import { formatG, str2number, strtod, toInt64, toUint64 } from './c-number';

describeWithOracle(['lua5.1'], 'C number conversions against lua5.1 (glibc)', () => {
  it('formatG matches string.format("%.<p>g") for random and tie values', () => {
    const doubles = fc.sample(fc.double({ noNaN: true }), { seed: 3, numRuns: 400 });
    const ties = [0.5, 1.5, 2.5, 0.125, 0.375, 123456789012345, 2 ** 60, 1e15 + 0.5, 8.5, 9.5, 99.5, 0.0625, 1e21, 1e-7, 123e-20, 5e-324];
    const values = [...doubles, ...ties, ...ties.map((x) => -x), 0, -0, Infinity, -Infinity];
    const cases = values.flatMap((x) => [1, 2, 3, 6, 14, 17].map((p) => [x, p] as const));
    // Through tonumber at run time: the Lua compiler merges the constants 0 and -0.
    const lit = (x: number): string => `tonumber("${Object.is(x, -0) ? '-0' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : x.toPrecision(17)}")`;
    const src = cases.map(([x, p]) => `io.write(string.format("%.${p}g", ${lit(x)}), "\\n")`).join('\n');
    const expected = runLuaOracle(src).stdout.split('\n').slice(0, -1);
    expect(cases.map(([x, p]) => formatG(x, p))).toEqual(expected);
  });

  it('strtod and str2number follow tonumber (glibc strtod)', () => {
    const inputs = [
      '1', ' 1 ', '-1.5', '+2', '.5', '5.', '1e5', '1e', '1e+', '1.5e-3', '0x10', '0X1p4', '-0x1.8p1', '0x', '0x.8', '0xg',
      'inf', '-INF', 'infinity', 'Infinityx', 'nan', 'NaN(abc)', 'nan(', '1e400', '-1e400', '1e-400', '4.9e-324', '', ' ',
      '1 2', '\t\n1\v\f\r', '0x1P-1074', '0x1fffffffffffff', '123456789012345678901234567890', '1_0', '- 1', '--1', '1\0', '00012',
    ];
    const src = inputs.map((s) => `io.write(tostring(tonumber(${JSON.stringify(s).replace(/\\u0000/g, '\\0').replace(/\\u000b/g, '\\11')})), "\\n")`).join('\n');
    const expected = runLuaOracle(src).stdout.split('\n').slice(0, -1);
    // NaN's sign is not observable in JS: compare both as "nan".
    const got = inputs.map((s) => str2number(s)).map((n) => (n === undefined ? 'nil' : n !== n ? 'nan' : formatG(n, 14)));
    expect(got).toEqual(expected.map((e) => (e === '-nan' ? 'nan' : e)));
  });
});

it('strtod reports where parsing stopped', () => {
  expect(strtod('12abc', 0)).toEqual([12, 2]);
  expect(strtod('x-1.5e3]', 1)).toEqual([-1500, 7]);
  expect(strtod('1e+x', 0)).toEqual([1, 1]);
  expect(strtod('0xq', 0)).toEqual([0, 1]);
  expect(strtod('infinit', 0)).toEqual([Infinity, 3]);
  expect(strtod('abc', 0)).toEqual([0, 0]);
});

it('double to integer casts behave like x86-64', () => {
  expect(toInt64(-1.9)).toBe(-1n);
  expect(toInt64(2 ** 63)).toBe(-(2n ** 63n));
  expect(toInt64(NaN)).toBe(-(2n ** 63n));
  expect(toInt64(-(2 ** 63))).toBe(-(2n ** 63n));
  expect(toUint64(2 ** 63 + 2 ** 20)).toBe(2n ** 63n + 2n ** 20n);
  expect(toUint64(2 ** 64)).toBe(0n);
  expect(toUint64(NaN)).toBe(2n ** 63n);
  expect(toUint64(-1)).toBe(2n ** 64n - 1n);
});
