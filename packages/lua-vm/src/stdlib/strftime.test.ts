import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeWithOracle, runLuaOracle } from '@ferrous/oracle';
import { osDate, osTime } from './strftime';

/** A Lua string literal for the byte string `s`. */
function luaStr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += '\\' + s.charCodeAt(i);
  return out + '"';
}

const FIELDS = ['year', 'month', 'day', 'hour', 'min', 'sec', 'wday', 'yday', 'isdst'];

/** One output line per expression: a string's hex, a table's fields, or nil. */
const PRELUDE = `
local function emit(v)
  if type(v) == 'table' then
    local t = {}
    for i, k in ipairs{${FIELDS.map((f) => `'${f}'`).join(',')}} do t[i] = tostring(v[k]) end
    io.write('T', table.concat(t, ','), '\\n')
  elseif v == nil then io.write('nil\\n')
  else io.write('S', (tostring(v):gsub('.', function(c) return string.format('%02x', c:byte()) end)), '\\n') end
end
`;

function show(v: string | number | Record<string, number | boolean> | null): string {
  if (v === null) return 'nil';
  if (typeof v === 'object') return 'T' + FIELDS.map((f) => String(v[f])).join(',');
  return 'S' + Buffer.from(String(v), 'latin1').toString('hex');
}

function luaEval(exprs: string[]): string[] {
  const r = runLuaOracle(PRELUDE + exprs.map((e) => `emit(${e})`).join('\n'));
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').slice(0, exprs.length);
}

function expectSame(rows: [string, string, string][]): void {
  expect(rows.filter(([, a, b]) => a !== b).slice(0, 10)).toEqual([]);
}

/** Every printable byte as a conversion, plus composite formats. */
const FORMATS = [
  ...Array.from({ length: 95 }, (_, i) => '%' + String.fromCharCode(32 + i)),
  '*t', '', '%', 'a%', 'a\0b%Y', '%Y-%m-%dT%H:%M:%S%z', 'week %U %W %V %G %g %j', '%%Y', '*t\0x',
];

const savedTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = savedTz;
});

for (const tz of ['UTC', 'America/New_York']) {
  describeWithOracle(['lua5.1'], `os.date/os.time against lua5.1 (TZ=${tz})`, () => {
    it('formats every conversion at edge and random times', () => {
      process.env.TZ = tz;
      // DST edges in New York, year boundaries for week numbers, negative and huge years (UTC).
      const local = [0, 1700000000, 1710054000 - 1, 1710054000, 1730613600 - 1, 1730613600, 1735689599, 1704067200,
        1609459200, 1262304000, -2208988800, 4102444800, 951782400, 946684799, 1230768000, 1293753600];
      const utcOnly = [-62198755200, -30610224000, -62135596800 - 86400 * 400, 2 ** 40, 2 ** 55, -(2 ** 40), 1e300,
        -1e300, NaN, 1e17, 67767976233532790, -67768040609740800, -67768040609740800 - 8, 1.5, -1.5];
      const random = fc.sample(fc.integer({ min: -2208988800, max: 7258118400 }), { seed: 21, numRuns: 40 });
      const cases: [string, number][] = [];
      for (const t of [...local, ...random]) for (const f of FORMATS) cases.push([f, t], ['!' + f, t]);
      // Only in UTC: '!%s' in New York would need its pre-1883 offset to the second (-4:56:02).
      if (tz === 'UTC') for (const t of utcOnly) for (const f of FORMATS) cases.push(['!' + f, t]);
      const expected = luaEval(cases.map(([f, t]) => `os.date(${luaStr(f)}, ${t !== t ? '0/0' : String(t)})`));
      expectSame(cases.map(([f, t], k) => [JSON.stringify([f, t]), show(osDate(f, t)), expected[k]]));
    });

    it('normalises os.time fields like mktime', () => {
      process.env.TZ = tz;
      const field = (min: number, max: number) => fc.integer({ min, max });
      const tables = fc.sample(
        fc.record({
          year: field(1900, 2100), month: field(-14, 26), day: field(-40, 70), hour: fc.option(field(-30, 50)),
          min: fc.option(field(-100, 100)), sec: fc.option(field(-4000, 4000)), isdst: fc.option(fc.boolean()),
        }),
        { seed: 22, numRuns: 1500 },
      );
      const edge = [
        { year: 1969, month: 12, day: 31, hour: 23, min: 59, sec: 59 }, { year: 2024, month: 3, day: 10, hour: 2, min: 30 },
        { year: 2024, month: 11, day: 3, hour: 1, min: 30, isdst: true }, { year: 2024, month: 11, day: 3, hour: 1, min: 30, isdst: false },
        { year: 2020.7, month: 1.9, day: 1.5 }, { year: 2020, month: 1, day: 1 },
      ];
      const all = [...edge, ...tables.map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== null)))] as
        Parameters<typeof osTime>[0][];
      const expected = luaEval(all.map((t) => `os.time{${Object.entries(t).map(([k, v]) => `${k}=${v}`).join(',')}}`));
      expectSame(all.map((t, k) => [JSON.stringify(t), show(osTime(t)), expected[k]]));
    });
  });
}

describe('osDate', () => {
  it('returns the *t table in UTC', () => {
    expect(osDate('!*t', 0)).toEqual({ year: 1970, month: 1, day: 1, hour: 0, min: 0, sec: 0, wday: 5, yday: 1, isdst: false });
    expect(osDate('!%c', 1700000000)).toBe('Tue Nov 14 22:13:20 2023');
  });
});
