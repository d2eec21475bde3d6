import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeWithOracle, runLuaOracle } from '@ferrous/oracle';
import { formatNumber } from './format';
import { expandReplacement, gmatchIterator, gsub, isPlainPattern, LuaPatternError, patternFind, type PatternMatch } from './pattern';

/** A Lua string literal for the byte string `s`. */
function luaStr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += '\\' + s.charCodeAt(i);
  return out + '"';
}

/** Serialises returned values the way the Lua side below does. */
function ser(vals: (string | number | null)[]): string {
  return vals
    .map((v) => (v === null ? 'nil' : typeof v === 'number' ? 'n' + v : 's' + Buffer.from(v, 'latin1').toString('hex')))
    .join(',');
}

/** Runs `op` and serialises its values, or "E"+message for a pattern error. */
function guard(op: () => (string | number | null)[]): string {
  try {
    return ser(op());
  } catch (e) {
    if (e instanceof LuaPatternError) return 'E' + e.message;
    throw e;
  }
}

function capturesOrWhole(s: string, m: PatternMatch): (string | number)[] {
  return m.captures.length > 0 ? m.captures : [s.slice(m.start, m.end)];
}

function find(s: string, p: string, init: number): (string | number | null)[] {
  const i = Math.min(Math.max(init - 1, 0), s.length);
  if (isPlainPattern(p)) {
    const k = s.indexOf(p, i);
    return k < 0 ? [null] : [k + 1, k + p.length];
  }
  const m = patternFind(s, p, i);
  return m ? [m.start + 1, m.end, ...m.captures] : [null];
}

function match(s: string, p: string, init: number): (string | number | null)[] {
  const m = patternFind(s, p, Math.min(Math.max(init - 1, 0), s.length));
  return m ? capturesOrWhole(s, m) : [null];
}

function gmatchAll(s: string, p: string): (string | number | null)[] {
  const next = gmatchIterator(s, p);
  const out: (string | number | null)[] = [];
  for (let k = 0; k < 30; k++) {
    const m = next();
    if (!m) break;
    out.push(...capturesOrWhole(s, m), '|');
  }
  return out;
}

function gsubString(s: string, p: string, repl: string, max: number): (string | number | null)[] {
  return gsub(s, p, (m, whole) => expandReplacement(repl, m, whole, s), max);
}

/** A function replacement: every second match is kept (nil), others show their captures. */
function gsubFunction(s: string, p: string): (string | number | null)[] {
  let count = 0;
  return gsub(
    s,
    p,
    (m, whole) => {
      count++;
      if (count % 2 === 0) return null;
      const caps = m.captures.length > 0 ? m.captures : [whole];
      return '<' + caps.map((c) => (typeof c === 'number' ? formatNumber(c) : c)).join(',') + '>';
    },
    s.length + 1,
  );
}

const LUA_PRELUDE = `
local function ser(...)
  local t = {}
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    if v == nil then t[i] = 'nil'
    elseif type(v) == 'number' then t[i] = 'n' .. string.format('%d', v)
    else t[i] = 's' .. v:gsub('.', function(c) return string.format('%02x', c:byte()) end) end
  end
  return table.concat(t, ',')
end
local function emit(ok, ...)
  if ok then io.write(ser(...), '\\n') else io.write('E', tostring((...)), '\\n') end
end
local function gmatchAll(s, p)
  local out, k = {}, 0
  local function collect(...)
    if (...) == nil then return false end
    for i = 1, select('#', ...) do out[#out + 1] = (select(i, ...)) end
    out[#out + 1] = '|'
    return true
  end
  local it = string.gmatch(s, p)
  repeat k = k + 1 until k > 30 or not collect(it())
  return unpack(out)
end
local function gsubFunction(s, p)
  local count = 0
  return string.gsub(s, p, function(...)
    count = count + 1
    if count % 2 == 0 then return nil end
    return '<' .. table.concat({...}, ',') .. '>'
  end)
end
`;

interface Case {
  lua: string;
  ours: () => string;
}

function cases(s: string, p: string, repl: string, init: number): Case[] {
  const S = luaStr(s), P = luaStr(p), R = luaStr(repl);
  return [
    { lua: `emit(pcall(string.find, ${S}, ${P}, ${init}))`, ours: () => guard(() => find(s, p, init)) },
    { lua: `emit(pcall(string.match, ${S}, ${P}, ${init}))`, ours: () => guard(() => match(s, p, init)) },
    { lua: `emit(pcall(gmatchAll, ${S}, ${P}))`, ours: () => guard(() => gmatchAll(s, p)) },
    { lua: `emit(pcall(string.gsub, ${S}, ${P}, ${R}))`, ours: () => guard(() => gsubString(s, p, repl, s.length + 1)) },
    { lua: `emit(pcall(string.gsub, ${S}, ${P}, ${R}, 2))`, ours: () => guard(() => gsubString(s, p, repl, 2)) },
    { lua: `emit(pcall(gsubFunction, ${S}, ${P}))`, ours: () => guard(() => gsubFunction(s, p)) },
  ];
}

/** Runs the cases in lua5.1 (in chunks: the oracle buffers at most 1 MB of output) and compares. */
function compare(all: Case[]): void {
  const expected: string[] = [];
  for (let k = 0; k < all.length; k += 5000) {
    const chunk = all.slice(k, k + 5000);
    const r = runLuaOracle(LUA_PRELUDE + chunk.map((c) => c.lua).join('\n'));
    expect(r.stderr).toBe('');
    // Errors raised under a Lua helper carry its line; positions are the VM's business.
    expected.push(...r.stdout.split('\n').slice(0, chunk.length).map((l) => l.replace(/^Etest\.lua:\d+: /, 'E')));
  }
  const bad = all.map((c, k) => [c.lua, c.ours(), expected[k]]).filter(([, a, b]) => a !== b);
  expect(bad.slice(0, 8)).toEqual([]);
}

const TOKENS = ['a', 'b', '.', '%a', '%d', '%s', '%w', '%p', '%A', '%S', '%z', '%x', '%l', '%u', '%c', '%W', '%D',
  '[ab]', '[^a]', '[a-c]', '[%a_]', '[]]', '[^]a]', '[a-]', '[%]]', '[%', '%b()', '%bab', '%b', '%f[%w]', '%f[%W]',
  '%f[%z]', '%fa', '(', ')', '()', '%1', '%2', '%0', '*', '+', '-', '?', '^', '$', '%', '[', '\0', '\xe9', '%%',
  '%.', '%Q', '%é', ' '];

describeWithOracle(['lua5.1'], 'patterns against lua5.1', () => {
  it('matches hand-picked cases', () => {
    const hand: [string, string, string][] = [
      ['abc', 'b', 'x%'], ['abc', 'b', '%2'], ['abc', 'b', '%1%q%%'], ['abc', '(a', 'x'], ['abc', '(a', '%1'],
      ['abc', 'x%', ''], ['abc', 'a%', ''], ['abc', '%f', ''], ['abc', '%fx', ''], ['abc', '%b', ''], ['abc', '[a', ''],
      ['abc', 'a)', ''], ['abc', '%1', ''], ['abc', '(a)%2', ''], ['abc', '(a%1)', ''], ['abc', '()a%1', ''],
      ['abc', '()'.repeat(33), ''], ['abc', '()'.repeat(32), '%9'], ['abc', '%f[%z]', ''], ['abc', '%f[%a]', ''],
      ['a\0b', 'a\0c', ''], ['a\0b', '%a\0c', ''], ['abc', 'a*', '-'], ['hello world', 'o', '0'], ['abc', '', '-'],
      ['abc', '^', '-'], ['k=v, x=y', '(%w+)=(%w+)', '%2=%1'], ['^a^b', '^%a', '[%0]'], ['THE (quick) fox', '%f[%a]%a+', '%0%0'],
      ['x = (a(b)c) (d)', '%b()', '[]'], ['  trim  ', '^%s*(.-)%s*$', '%1'], ['abcabc', '(a)(b)(c)%1%2%3', '%3%2%1'],
      ['aaa', 'a-', '.'], ['aaa', 'a-$', '.'], ['\xe9\xff\x80', '%a', 'x'], ['\xe9\xff\x80', '[\xe0-\xff]', 'x'],
      ['hello', '(h)(e)(l)(l)(o)', '%5%4%3%2%1'], ['hello', '()ll()', '%1-%2'], ['abc', '.-b', '%0'], ['a.b', '%.', '%%'],
      ['', '', 'x'], ['', '^$', 'x'], ['abc', '$', 'x'], ['a$b', 'a$b', 'x'], ['a+b', 'a+b', 'x'], ['[x]', '[[]', 'y'],
      ['f(a,b)', '%((.-)%)', '<%1>'], ['abc', '[%a-z]', '.'], ['a-z', '[a%-z]', '.'], ['abc', '[^%a]', '.'],
      // Shapes the scanning shortcuts (first item, byte after an expansion) must not change.
      ['abc=d', '%w+)=', 'x'], ['abc', 'a-)b', 'x'], ['aab', '((a+)b)', '%1|%2'], ['aab', '(a+))b', 'x'],
      ['k=v', '(%w+)=(%w+))', 'x'], ['x1y22z', '%d+', '<%0>'], ['a,b,,c', '[^,]*', '<%0>'], ['a,b,,c', '[^,]+', '<%0>'],
      ['xay', '(((a)))', '%1%2%3'], ['xay', '()a()', '%1-%2'], ['aXbX', 'X$', '!'], ['$a$', '$a', '!'], ['^a^', '^^', '!'],
      ['abab', 'b-b', '.'], ['a.b', 'a.-b', '.'], ['aaa', '(' + '('.repeat(32) + 'z', 'x'], ['aaa', '('.repeat(32) + 'z', 'x'],
    ];
    const all: Case[] = [];
    for (const [s, p, r] of hand) for (const init of [1, 2, 10]) all.push(...cases(s, p, r, init));
    compare(all);
  });

  it('matches random patterns over random subjects (fast-check, fixed seed)', () => {
    const subject = fc.string({ unit: fc.constantFrom(...'aabb()[]%.-_19 \t\n\0\xe9AZ'.split('')), maxLength: 12 });
    const pattern = fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }).map((t) => t.join(''));
    const repl = fc.constantFrom('', 'x', '%0', '%1', '%2', '[%1|%2]', '%%', '%a', 'z%', '%9');
    const samples = fc.sample(fc.tuple(subject, pattern, repl, fc.integer({ min: 1, max: 14 })), { seed: 11, numRuns: 1500 });
    compare(samples.flatMap(([s, p, r, init]) => cases(s, p, r, init)));
  });
});

describe('pattern engine', () => {
  it('handles long subjects in linear time for simple patterns', () => {
    const s = ' '.repeat(200_000) + 'key=value';
    const t = Date.now();
    expect(patternFind(s, '(%w+)=(%w+)', 0)?.captures).toEqual(['key', 'value']);
    expect(gsub(s, ' ', () => '', Infinity)).toEqual(['key=value', 200_000]);
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('turns JS stack exhaustion into a Lua error', () => {
    expect(() => patternFind('a'.repeat(100_000), 'a?'.repeat(50_000), 0)).toThrow(LuaPatternError);
  });

  it('defers unfinished-capture errors to reading the captures', () => {
    const m = patternFind('abc', '(a', 0)!;
    expect(m.start).toBe(0);
    expect(m.captures.length).toBe(1);
    expect(() => m.captures[0]).toThrow('unfinished capture');
  });
});
