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
});
