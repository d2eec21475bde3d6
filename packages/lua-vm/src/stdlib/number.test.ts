import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeWithOracle, runLuaOracle } from '@ferrous/oracle';
import { luaFormat } from './format';
import { parseIntBase, str2number } from './number';

/** A Lua string literal for the byte string `s`. */
function luaStr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += '\\' + s.charCodeAt(i);
  return out + '"';
}

/** The exact text lua5.1 shows for a conversion result: nil or %.17g of the number. */
function show(v: number | undefined): string {
  return v === undefined ? 'nil' : luaFormat('%.17g', 2, () => v, () => '');
}

/** Evaluates `tonumber(<args>)` for each argument list in one lua5.1 run. */
function luaToNumber(argLists: string[]): string[] {
  const src = argLists
    .map((a) => `do local v = tonumber(${a}); io.write(v == nil and "nil" or string.format("%.17g", v), "\\n") end`)
    .join('\n');
  const r = runLuaOracle(src);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').slice(0, argLists.length);
}

function expectSame(rows: [string, string, string][]): void {
  expect(rows.filter(([, a, b]) => a !== b).slice(0, 10)).toEqual([]);
}

const handPicked = [
  'inf', 'nan', '-nan', 'NaN(123)', 'nan(', 'nan(1_a)x', 'nan()', '-inf', 'InFiNiTy', 'infinit', 'infx', ' +nan ',
  '0x10', ' 10 ', '1e', '0x', '', '1e500', '-1e500', '1e-500', '-0x10', '0x1p4', ' 0x10 ', '  ', '1.', '1.e5', '.5',
  '5.', '.', '-.5e1', '+5', '0x-1', '0xffffffff', '0x1ffffffffffffffff', 'infinity', '10\0', '10\0zz', '1 2',
  '\t\n12\v\f\r', '0X1A', '1E2', '0x+1', '- 1', '0x.8', '0x.', '0x1.8p1', '0x1P-2', '0xp1', '0x1p', '0x1p+', '-0x',
  '- 0', '1e+', '1e+5 ', '1..2', '0x1g', '-0', '0x1p-1074', '0x1p-1075', '0x1.8p-1074', '0x1p1023', '0x1p1024',
  '0x1.fffffffffffff8p1023', '0x123456789abcdef0123', '0x0.0000000000001p-1022', '4.9406564584124654e-324',
  '2.4703282292062327e-324', '2.4703282292062328e-324', '1.7976931348623158e308', '123456789012345678901234567890',
  '0.1e-5', '00012', '1e0001', '\xa012', '12\xa0', '0x1P+3', '1e+-5', '--1', '+-1',
];

describeWithOracle(['lua5.1'], 'number parsing against lua5.1', () => {
  it('str2number matches tonumber(s) on hand-picked and random strings', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefxXpP.eE+- \t\nInFNaAy()_\0'.split(''));
    const random = fc.sample(fc.string({ unit: alphabet, maxLength: 12 }), { seed: 1, numRuns: 3000 });
    const decimals = fc.sample(fc.double(), { seed: 2, numRuns: 1000 }).map((x) => String(x));
    const inputs = [...handPicked, ...random, ...decimals];
    const expected = luaToNumber(inputs.map(luaStr));
    expectSame(inputs.map((s, k) => [JSON.stringify(s), show(str2number(s)), expected[k]]));
  });

  it('parseIntBase matches tonumber(s, base)', () => {
    const strings = ['10', ' 11 ', '-11', '+11', 'zz', 'ZZ', 'ffffffff', '1ffffffffffffffff', '', ' ', '12a', '8',
      '0x10', '0X1f', '0x', '0xg', '-0', '99999999999999999999', '7fffffffffffffff', '-ffffffffffffffff',
      '-10000000000000000', '1.5', '1e5', '10\0', 'z\0z', '-', '+', ' -7', '18446744073709551615',
      '18446744073709551616', '1fffffffffffff', '20000000000001', '-1', 'inf'];
    const bases = [2, 8, 10, 16, 36];
    const random = fc.sample(
      fc.tuple(fc.string({ unit: fc.constantFrom(...'0123456789abzxXZ -+\t'.split('')), maxLength: 22 }), fc.integer({ min: 2, max: 36 })),
      { seed: 3, numRuns: 2000 },
    );
    const cases: [string, number][] = [...strings.flatMap((s) => bases.map((b): [string, number] => [s, b])), ...random];
    const expected = luaToNumber(cases.map(([s, b]) => `${luaStr(s)}, ${b}`));
    expectSame(cases.map(([s, b], k) => [JSON.stringify([s, b]), show(parseIntBase(s, b)), expected[k]]));
  });
});

describe('str2number', () => {
  it('reads glibc strtod forms', () => {
    expect(str2number(' 0x1p4 ')).toBe(16);
    expect(str2number('1e')).toBeUndefined();
    expect(str2number('10\0junk')).toBe(10);
    expect(str2number('0x1p-1074')).toBe(5e-324);
  });
});
