import { describe, expect, it } from 'vitest';
import { LuaError, LuaState, LuaSyntaxError, LuaTable } from './index';

function capture(): { lua: LuaState; out: () => string } {
  let text = '';
  const lua = new LuaState({ stdout: (s) => (text += s) });
  return { lua, out: () => text };
}

describe('LuaState embedding API', () => {
  it('executes a chunk and returns its results', () => {
    const lua = new LuaState();
    expect(lua.execute('return 1 + 2, "x" .. 3, nil, {}')).toEqual([3, 'x3', undefined, expect.any(LuaTable)]);
  });

  it('calls a loaded function with arguments, and Lua functions from JS', () => {
    const lua = new LuaState();
    const fn = lua.load('local a, b = ... return a * b', '=mul');
    expect(lua.call(fn, 6, 7)).toEqual([42]);
    lua.execute('function add(a, b) return a + b end');
    expect(lua.call(lua.getGlobal('add'), 2, 3)).toEqual([5]);
  });

  it('registers JS functions visible to Lua (single and multiple results)', () => {
    const { lua, out } = capture();
    lua.register('twice', (x) => (x as number) * 2);
    lua.register('pair', () => ['a', 'b']);
    lua.execute('print(twice(21), pair())');
    expect(out()).toBe('42\ta\tb\n');
  });

  it('keeps strings as latin1 byte strings', () => {
    const lua = new LuaState();
    expect(lua.execute('return "\\255\\0\\128", #"\\255\\0\\128"')).toEqual(['\xff\x00\x80', 3]);
  });

  it('converts values both ways', () => {
    const lua = new LuaState();
    const t = lua.toLua({ name: 'x', list: [1, 2, 3] }) as LuaTable;
    lua.setGlobal('t', t);
    expect(lua.execute('return t.name, #t.list, t.list[3]')).toEqual(['x', 3, 3]);
    expect(lua.fromLua(lua.execute('return {1, 2, {3}}')[0])).toEqual([1, 2, [3]]);
    expect(lua.fromLua(lua.execute('return {a = 1}')[0])).toEqual({ a: 1 });
  });

  it('throws LuaSyntaxError with PUC messages', () => {
    const lua = new LuaState();
    expect(() => lua.load('x = = 1', 'x = = 1')).toThrow(LuaSyntaxError);
    expect(() => lua.load('local 1', 'local 1')).toThrow(`[string "local 1"]:1: '<name>' expected near '1'`);
  });

  it('throws LuaError carrying the Lua value and a traceback', () => {
    const lua = new LuaState();
    try {
      lua.execute('local function f() error({code = 7}) end\nf()', '@t.lua');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LuaError);
      const err = e as LuaError;
      expect((err.value as LuaTable).get('code')).toBe(7);
      expect(err.luaTraceback).toContain('stack traceback:');
      expect(err.luaTraceback).toContain('t.lua:1:');
    }
    expect(() => lua.execute('error("boom")', '@t.lua')).toThrow('t.lua:1: boom');
  });

  it('makes a table read-only, rawset included', () => {
    const lua = new LuaState();
    lua.setReadOnly(lua.globals);
    expect(() => lua.execute('x = 1')).toThrow('Attempt to modify a readonly table');
    expect(() => lua.execute('rawset(_G, "x", 1)')).toThrow('Attempt to modify a readonly table');
    expect(lua.execute('local t = {} t.x = 1 return t.x')).toEqual([1]);
  });

  it('reports stack overflow as a Lua error, not a host crash', () => {
    const lua = new LuaState();
    const [ok, msg] = lua.execute('local function f() return 1 + f() end return pcall(f)', '@s.lua');
    expect(ok).toBe(false);
    expect(msg).toMatch(/^s\.lua:1: stack overflow$/);
  });

  it('runs unbounded tail recursion without growing the stack', () => {
    const lua = new LuaState();
    expect(lua.execute('local function f(n) if n == 0 then return "done" end return f(n - 1) end return f(1e6)')).toEqual(['done']);
  });

  it('suspends a resumable run through the step hook and resumes it', () => {
    const lua = new LuaState();
    let ticks = 0;
    lua.setHook(1000, () => (++ticks % 2 === 0 ? 'suspend' : 'continue'));
    const run = lua.start(lua.load('local s = 0 for i = 1, 100000 do s = s + i end return s'));
    let r = run.resume();
    let suspensions = 0;
    while (!r.done) {
      suspensions++;
      r = run.resume();
    }
    expect(r.values).toEqual([5000050000]);
    expect(suspensions).toBeGreaterThan(10);
  });

  it('aborts a runaway script from the hook (SCRIPT KILL)', () => {
    const lua = new LuaState();
    lua.setHook(10000, () => {
      throw new LuaError('Script killed by user with SCRIPT KILL...');
    });
    const run = lua.start(lua.load('while true do end'));
    expect(() => run.resume()).toThrow('SCRIPT KILL');
  });

  it('suspends inside Lua functions the script calls; coroutines still work under the hook', () => {
    const lua = new LuaState();
    lua.setHook(100, () => 'suspend');
    const fn = lua.load(`
      local function work(n) local s = 0 for i = 1, n do s = s + i end return s end
      local co = coroutine.wrap(function() coroutine.yield(work(1000)) end)
      return work(5000), co()`);
    const run = lua.start(fn);
    let r = run.resume();
    let n = 0;
    while (!r.done) {
      n++;
      r = run.resume();
    }
    expect(r.values).toEqual([12502500, 500500]);
    expect(n).toBeGreaterThan(40);
  });
});

describe('host functions', () => {
  it('raise positioned Lua errors that pcall catches', async () => {
    const { luaError } = await import('./index');
    const lua = new LuaState();
    lua.register('hostcheck', function hostcheck(x) {
      if (typeof x !== 'number') luaError('number expected');
      return x;
    });
    expect(lua.execute('return pcall(hostcheck, 1)')).toEqual([true, 1]);
    expect(lua.execute('local ok, e = pcall(function() return hostcheck("x") end) return e', '@h.lua')).toEqual([
      'h.lua:1: number expected',
    ]);
  });
});
