// Differential tests: every corpus program and a batch of generated ones run in-process and
// under lua5.1; stdout must match byte for byte (and the top-level error message, if any).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithOracle, runLuaOracle } from '@ferrous/oracle';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { LuaError, LuaState, LuaTable } from '../index';

const corpus = join(import.meta.dirname, 'corpus');

interface Outcome {
  stdout: string;
  error: string | null;
}

/** Runs `source` as file `name` in a fresh LuaState, capturing print/io.write. */
function runHere(source: string, name: string): Outcome {
  let stdout = '';
  const lua = new LuaState({ stdout: (s) => (stdout += s) });
  const arg = new LuaTable();
  arg.set(0, name);
  lua.setGlobal('arg', arg);
  try {
    lua.execute(source, `@${name}`);
    return { stdout, error: null };
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    return { stdout, error: String(e.value) };
  }
}

function runOracle(source: string, name: string): Outcome {
  const r = runLuaOracle(source, { chunkname: name });
  const first = r.stderr.split('\n')[0];
  return { stdout: r.stdout, error: r.status === 0 ? null : first.replace(/^lua5\.1: /, '') };
}

describeWithOracle(['lua5.1'], 'lua-vm vs lua5.1', () => {
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.lua')).sort()) {
    it(`corpus/${file}`, () => {
      const source = readFileSync(join(corpus, file), 'latin1');
      expect(runHere(source, file)).toEqual(runOracle(source, file));
    });
  }

  it('generated expressions over numbers, strings, tables with metamethods', () => {
    // Each generated expression is printed through pcall, so runtime errors are compared too.
    const atom = fc.oneof(
      fc.integer({ min: -20, max: 20 }).map(String),
      fc.constantFrom('0.5', '1e3', '-0', '"7"', '"0x10"', '"abc"', '""', 'nil', 'true', 'false', 'n', 's', 'v', 'w', 'x.y', 't[1]', '#t'),
    );
    const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '^', '..', '==', '~=', '<', '<=', '>', '>=', 'and', 'or'), tie('e'))
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(fc.constantFrom('-', 'not ', '#'), tie('e')).map(([op, a]) => `(${op}${a})`),
        fc.tuple(fc.constantFrom('tostring', 'tonumber', 'type', 'math.floor', 'string.len'), tie('e')).map(([f, a]) => `${f}(${a})`),
      ),
    })).e;
    const exprs = fc.sample(expr, { seed: 20240601, numRuns: 400 });
    const prelude = [
      'local n, s, t = 3, "12", {5, 6, 7}',
      'local M = {}',
      'M.__add = function(a, b) return "add" end',
      'M.__concat = function(a, b) return "cat" end',
      'M.__eq = function(a, b) return true end',
      'M.__lt = function(a, b) return false end',
      'M.__le = function(a, b) return true end',
      'M.__unm = function(a) return "unm" end',
      'M.__index = function(t, k) return k end',
      'local v, w = setmetatable({}, M), setmetatable({}, M)',
      'local x = {y = 2.5}',
      'local function show(ok, ...) local r = {} for i = 1, select("#", ...) do local a = select(i, ...) r[i] = type(a) == "table" and "<table>" or tostring(a) end print(ok, table.concat(r, ",")) end',
    ];
    const source = [...prelude, ...exprs.map((e) => `show(pcall(function() return ${e} end))`)].join('\n') + '\n';
    expect(runHere(source, 'gen.lua')).toEqual(runOracle(source, 'gen.lua'));
  });

  it('generated statements: locals, multiple assignment, loops, closures, varargs', () => {
    // Programs over a fixed set of locals; every value printed is a number, string or boolean.
    const v = fc.constantFrom('a', 'b', 'c');
    const num = fc.integer({ min: -9, max: 9 }).map(String);
    const e: fc.Arbitrary<string> = fc.letrec((tie) => ({
      x: fc.oneof(
        { depthSize: 'small' },
        v, num,
        fc.tuple(tie('x'), fc.constantFrom('+', '-', '*', '%'), tie('x')).map(([l, op, r]) => `(${l} ${op} ${r})`),
        fc.tuple(v, tie('x')).map(([f, x]) => `fns.${f}(${x})`),
        fc.tuple(tie('x'), tie('x')).map(([x, y]) => `select(2, ${x}, ${y}, 7)`),
        fc.tuple(tie('x'), tie('x')).map(([x, y]) => `(${x} < ${y} and ${x} or ${y})`),
        tie('x').map((x) => `t[(${x}) % 3 + 1]`),
      ),
    })).x;
    const stat: fc.Arbitrary<string> = fc.letrec((tie) => ({
      s: fc.oneof(
        { depthSize: 'small' },
        fc.tuple(v, e).map(([n, x]) => `${n} = ${x}`),
        fc.tuple(v, v, e, e).map(([n, m, x, y]) => `${n}, ${m} = ${x}, ${y}`),
        fc.tuple(v, v).map(([n, m]) => `${n}, ${m} = ${m}, ${n}`),
        fc.tuple(e, e).map(([k, x]) => `t[(${k}) % 3 + 1] = ${x}`),
        e.map((x) => `out(${x})`),
        fc.tuple(e, fc.array(tie('s'), { maxLength: 3 })).map(([x, b]) => `if ${x} > 0 then ${b.join('; ')} end`),
        fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(tie('s'), { maxLength: 3 })).map(([n, b]) => `for i = 1, ${n} do local a = a + i; ${b.join('; ')} end`),
        fc.tuple(v, e).map(([n, x]) => `do local k = ${x}; fns.${n} = function(y) return (y or 0) + k end end`),
        fc.array(e, { maxLength: 3 }).map((xs) => `out(va(${xs.join(', ')}))`),
      ),
    })).s;
    const programs = fc.sample(fc.array(stat, { minLength: 3, maxLength: 12 }), { seed: 4242, numRuns: 60 });
    const prelude = [
      'local a, b, c = 1, 2, 3',
      'local t = {10, 20, 30}',
      'local fns = {a = function(x) return x + 1 end, b = function(x) return x * 2 end, c = function(x) return -x end}',
      'local function out(...) local r = {} for i = 1, select("#", ...) do r[i] = tostring((select(i, ...))) end print(table.concat(r, " ")) end',
      'local function va(...) return select("#", ...), ... end',
    ].join('\n');
    const source = programs
      .map((p, i) => `print("program ${i}", pcall(function()\n${prelude}\n${p.join('\n')}\nout(a, b, c, t[1], t[2], t[3])\nend))`)
      .join('\n') + '\n';
    const here = runHere(source, 'stat.lua');
    expect(here).toEqual(runOracle(source, 'stat.lua'));
    // Most programs run to the end (the rest stop on a Lua error, compared too).
    expect(here.stdout.match(/^program \d+\ttrue/gm)?.length ?? 0).toBeGreaterThan(30);
  });
});
