import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeWithOracle, runLuaOracle } from '@ferrous/oracle';
import { formatNumber, luaFormat, LuaFormatError } from './format';

/** A number whose sign bit and payload are exactly as given (for -nan vs nan). */
function fromBits(hi: number): number {
  const f = new Float64Array(1);
  new Uint32Array(f.buffer)[1] = hi;
  return f[0];
}
const NEG_NAN = fromBits(0xfff80000); // what x86 0/0 yields; lua5.1 prints it "-nan"
const POS_NAN = fromBits(0x7ff80000);

/** A Lua expression for exactly the double `x` (Z is a runtime 0, dodging constant folding). */
function luaNum(x: number): string {
  if (x !== x) return new Uint8Array(new Float64Array([x]).buffer)[7] >= 0x80 ? '(0/0)' : '(-(0/0))';
  if (x === Infinity) return '(1/0)';
  if (x === -Infinity) return '(-1/0)';
  if (Object.is(x, -0)) return '(-Z)';
  return `(${String(x)})`;
}

/** A Lua string literal for the byte string `s`. */
function luaStr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += '\\' + s.charCodeAt(i);
  return out + '"';
}

/**
 * Runs `exprs` (Lua expressions yielding one string each) in lua5.1, in chunks since the oracle
 * buffers at most 1 MB of output, and returns their values, or "E:"+error.
 */
function luaEval(exprs: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < exprs.length; k += 2000) {
    const chunk = exprs.slice(k, k + 2000);
    // Not a tail call, so C errors carry no position and name the function 'format'.
    const body = chunk.map((e) => `emit(pcall(function() local v = ${e}; return v end))`).join('\n');
    const src = `local Z = 0
local function emit(ok, v)
  if ok then v = tostring(v) else v = "E:" .. tostring(v) end
  io.write((v:gsub(".", function(c) return string.format("%02x", c:byte()) end)), "\\n")
end
${body}
`;
    const r = runLuaOracle(src);
    expect(r.stderr).toBe('');
    // luaL_error prefixes the calling Lua line; that prefix is the VM's job, not format's.
    out.push(...r.stdout.split('\n').slice(0, chunk.length)
      .map((h) => Buffer.from(h, 'hex').toString('latin1').replace(/^E:test\.lua:\d+: /, 'E:')));
  }
  return out;
}

/** Asserts every [label, ours, lua] triple agrees, listing the first disagreements. */
function expectSame(rows: [string, string, string][]): void {
  expect(rows.filter(([, a, b]) => a !== b).slice(0, 10)).toEqual([]);
}

type Arg = number | string;

function ours(fmt: string, args: Arg[]): string {
  try {
    return luaFormat(
      fmt,
      args.length + 1,
      (i) => {
        const v = args[i - 2];
        if (typeof v !== 'number') throw new Error('number expected');
        return v;
      },
      (i) => {
        const v = args[i - 2];
        return typeof v === 'number' ? formatNumber(v) : v;
      },
    );
  } catch (e) {
    if (e instanceof LuaFormatError) return 'E:' + e.message;
    throw e;
  }
}

function luaCall(fmt: string, args: Arg[]): string {
  return `string.format(${[luaStr(fmt), ...args.map((a) => (typeof a === 'number' ? luaNum(a) : luaStr(a)))].join(', ')})`;
}

const interesting = [
  0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 1.005, 3.14159, 1 / 3, 2 / 3, 1e-5, 1e-4, 9.9999e-5, 123456.5,
  1e15, 1e16, 1e17, 1e21, 1e22, 2 ** 53, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 2 ** 64, -(2 ** 64), 1.8e19, -1e19,
  1e300, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 255, 65, 321, -191, 65.9, 4294967296,
  2147483648, -2147483649, 0.1, 0.3, 100, 1e100, 25, 35, 0.05, 0.15, 0.25, 0.35, 999999.5, 9.5, 99.5,
  9.9999995, 99.999995, 0.000099999995, 9999995, 999.9999999, 0.95,
  Infinity, -Infinity, NEG_NAN, POS_NAN,
];

describeWithOracle(['lua5.1'], 'string.format against lua5.1', () => {
  it('matches hand-picked specs on interesting numbers', () => {
    const specs = ['%d', '%i', '%5d', '%-5d|', '%05d', '%+d', '% d', '%.3d', '%.0d', '%+.0d', '%08.3d', '%u', '%o',
      '%#o', '%#.0o', '%x', '%X', '%#x', '%#X', '%.0x', '%+x', '%c', '%5c|', '%-5c|', '%e', '%E', '%.0e', '%#.0e',
      '%.3e', '%f', '%.0f', '%#.0f', '%.1f', '%.2f', '%.20f', '%99.99f', '%g', '%G', '%.0g', '%#.0g', '%#g', '%.3g',
      '%.10g', '%.17g', '%.14g', '%#.1g', '%#.2g', '%#.3g', '%.2g', '%010g', '%+g', '% g', '%-12g|', '%05f', '%+f', '% e', '%.99e', '%s', '%10s',
      '%.3s', '%-8s|', '%q'];
    const cases: [string, Arg[]][] = [];
    for (const s of specs) for (const x of interesting) cases.push([s, [x]]);
    const expected = luaEval(cases.map(([f, a]) => luaCall(f, a)));
    expectSame(cases.map(([f, a], k) => [JSON.stringify([f, a]), ours(f, a), expected[k]]));
  });

  it('matches strings, %q, errors and literal text', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    const cases: [string, Arg[]][] = [
      ['%q', [all]], ['%q', ['a\0b\r\n"\\\x01\xff']], ['%10q|', ['a']], ['%10.3q|', ['abcdef']],
      ['[%s]', ['a\0b']], ['[%5s]', ['a\0b']], ['[%.1s]', ['a\0b']], ['%s', ['a'.repeat(99) + '\0b']],
      ['%s', ['a'.repeat(100) + '\0b']], ['%5s', ['a'.repeat(100) + '\0b']], ['%.200s', ['a']], ['%5.2s|', ['abc']],
      ['%05s|%05c', ['ab', 65]], ['x%cy', [0]], ['%c%c%c', [76, 117, 97]], ['%s %s', [1.5, 10]], ['%%|%s%%', ['x']],
      ['no specs \0 here', []], ['%', []], ['%', [1]], ['%5%', [1]], ['%d', []], ['%s', []], ['%y', [1]],
      ['%123d', [1]], ['%10.123f', [1]], ['%--d', [1]], ['%#-+ 0d', [1]], ['%-+ #0-d', [1]], ['%a', [1]],
      ['%F', [1]], ['%ld', [1]], ['a%', [1]], ['%\0', [1]], ['%.f|%.e|%.g', [1.5, 2.5, 3.5]], ['%1$d', [1]],
      ['%s and %d and %5.1f', ['str', 42, 3.14159]],
    ];
    const expected = luaEval(cases.map(([f, a]) => luaCall(f, a)));
    expectSame(cases.map(([f, a], k) => [JSON.stringify([f, a]), ours(f, a), expected[k]]));
  });

  it('matches random specs and numbers (fast-check, fixed seed)', () => {
    const spec = fc.record({
      flags: fc.subarray(['-', '+', ' ', '#', '0']),
      width: fc.option(fc.integer({ min: 0, max: 99 })),
      prec: fc.option(fc.integer({ min: 0, max: 99 })),
      conv: fc.constantFrom(...'diouxXeEfgGc'),
    });
    const num = fc.oneof(
      fc.double(),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 8),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
      fc.constantFrom(...interesting),
    );
    const cases = fc.sample(fc.tuple(spec, num), { seed: 42, numRuns: 3000 }).map(([s, x]): [string, Arg[]] => [
      `%${s.flags.join('')}${s.width ?? ''}${s.prec === null ? '' : '.' + s.prec}${s.conv}`,
      [x],
    ]);
    const expected = luaEval(cases.map(([f, a]) => luaCall(f, a)));
    expectSame(cases.map(([f, a], k) => [JSON.stringify([f, a]), ours(f, a), expected[k]]));
  });

  it('formatNumber matches tostring', () => {
    const xs = [
      ...interesting,
      ...fc.sample(fc.double(), { seed: 7, numRuns: 3000 }),
      ...fc.sample(fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100), { seed: 8, numRuns: 500 }),
      ...fc.sample(fc.double({ min: 1e13, max: 1e16 }), { seed: 9, numRuns: 500 }),
      // 15 significant digits, many ending in 5: the shortest-digits shortcut must defer these.
      ...fc.sample(fc.tuple(fc.integer({ min: 1e14, max: 1e15 - 1 }), fc.integer({ min: -320, max: 300 })), { seed: 10, numRuns: 1500 })
        .map(([m, e]) => Number(`${m - (m % 10) + 5}e${e}`)),
      ...fc.sample(fc.double({ min: 0, max: 1e-300, noNaN: true }), { seed: 12, numRuns: 300 }),
    ];
    const expected = luaEval(xs.map((x) => `tostring(${luaNum(x)})`));
    expectSame(xs.map((x, k) => [String(x), formatNumber(x), expected[k]]));
  });
});

describe('formatNumber', () => {
  it('uses %.14g spellings', () => {
    expect(formatNumber(1e14)).toBe('1e+14');
    expect(formatNumber(123456789012345)).toBe('1.2345678901234e+14');
    expect(formatNumber(-0)).toBe('-0');
    expect(formatNumber(NEG_NAN)).toBe('-nan');
    expect(formatNumber(POS_NAN)).toBe('nan');
    expect(formatNumber(-Infinity)).toBe('-inf');
    expect(formatNumber(0.1)).toBe('0.1');
  });
});

describe('luaFormat', () => {
  it('reports a missing argument with its index', () => {
    try {
      luaFormat('%d %d', 2, () => 1, () => '');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LuaFormatError);
      expect((e as LuaFormatError).message).toBe("bad argument #3 to 'format' (no value)");
      expect((e as LuaFormatError).arg).toBe(3);
    }
  });
});
