// Resumable runs (LuaState.start + setHook) of endless loops in every kind of frame a script can
// enter: the hook is called, can suspend the run and resume it, and can abort it with an error
// that carries the Lua position of the loop, as a runtime error raised there would.
import { describe, expect, it } from 'vitest';
import { LuaError, LuaState, LuaTable } from './index';

const SHAPES: Record<string, string> = {
  'a pcall body': 'return pcall(function()\n while true do end end)',
  'an xpcall body': 'return xpcall(function()\n while true do end end, function(m) return "handled " .. m end)',
  'an xpcall error handler': 'return xpcall(error, function()\n while true do end end)',
  'an __index metamethod': 'local t = setmetatable({}, {__index = function()\n while true do end end}) return t.x',
  'an __add metamethod': 'local t = setmetatable({}, {__add = function()\n while true do end end}) return t + 1',
  'an __eq metamethod': 'local mt = {__eq = function()\n while true do end end} return setmetatable({}, mt) == setmetatable({}, mt)',
  'an __lt metamethod': 'local mt = {__lt = function()\n while true do end end} return setmetatable({}, mt) < setmetatable({}, mt)',
  'an __le metamethod': 'local mt = {__lt = function()\n while true do end end} return setmetatable({}, mt) <= setmetatable({}, mt)',
  'an __concat metamethod': 'local t = setmetatable({}, {__concat = function()\n while true do end end}) return t .. "x"',
  'an __unm metamethod': 'local t = setmetatable({}, {__unm = function()\n while true do end end}) return -t',
  'a __newindex metamethod': 'local t = setmetatable({}, {__newindex = function()\n while true do end end}) t.x = 1',
  'a __call metamethod': 'local t = setmetatable({}, {__call = function()\n while true do end end}) t()',
  'a global lookup through the environment': 'setmetatable(_G, {__index = function()\n while true do end end}) return y',
  'a generic for iterator': 'for x in function()\n while true do end end do end',
  'a table.sort comparator': 'table.sort({3, 2, 1}, function(a, b)\n while true do end end)',
  'a string.gsub replacement function': 'string.gsub("abc", "%w", function()\n while true do end end)',
  'nested pcalls': 'return pcall(pcall, pcall, function()\n while true do end end)',
};

/** Starts `script` with a hook that suspends every time; returns the run and the hook count. */
function startSpinning(script: string): { lua: LuaState; run: ReturnType<LuaState['start']>; calls: () => number; kill: () => void } {
  const lua = new LuaState({ stdout: () => undefined });
  let calls = 0;
  let killed = false;
  lua.setHook(1000, () => {
    calls++;
    // (a frame that cannot suspend would spin forever: end it)
    if (killed || calls > 20) throw new LuaError('killed');
    return 'suspend';
  });
  const run = lua.start(lua.load(script, '@user_script'));
  return { lua, run, calls: () => calls, kill: () => (killed = true) };
}

describe('resumable runs suspend and abort inside', () => {
  for (const [shape, script] of Object.entries(SHAPES)) {
    it(shape, () => {
      const { run, calls, kill } = startSpinning(script);
      for (let i = 0; i < 5; i++) expect(run.resume()).toEqual({ done: false });
      expect(calls()).toBe(5);
      kill();
      let error: unknown;
      let values: unknown[] | undefined;
      try {
        for (let i = 0; i < 10 && values === undefined; i++) {
          const r = run.resume();
          if (r.done) values = r.values;
        }
      } catch (e) {
        error = e;
      }
      if (values !== undefined) {
        // A pcall around the loop catches the abort, as Redis's pcall catches a kill.
        expect(script).toMatch(/^return x?pcall/);
        expect(values.slice(-2)).toEqual([false, script.includes('handled') ? 'handled killed' : 'killed']);
        return;
      }
      expect(error).toBeInstanceOf(LuaError);
      expect((error as LuaError).value).toBe('killed');
      // Raised at the loop (line 2), as a runtime error raised there would be.
      expect((error as LuaError).luaTraceback).toMatch(/^stack traceback:\n\tuser_script:2: in function <user_script:1>/);
    });
  }
});

describe('resumable runs keep 5.1 semantics', () => {
  it('return the same results as a plain call', () => {
    const script = `
      local mt = {__index = function(t, k) return k .. "!" end, __add = function(a, b) return 42 end,
                  __lt = function() return true end, __concat = function(a, b) return "cat" end}
      local t = setmetatable({}, mt)
      local s = {}
      for i, v in ipairs({5, 3, 4}) do s[i] = v end
      table.sort(s, function(a, b) return a > b end)
      local ok, e = pcall(error, {code = 1})
      local g = string.gsub("ab", "%w", function(c) return c:upper() end)
      local ok2, h = xpcall(function() error("x") end, function(m) return "handled " .. m end)
      return t.key, t + 1, t < t, t .. 1, table.concat(s, ","), ok, e.code, g, ok2, h
    `;
    const plain = new LuaState().execute(script, '@s');
    const lua = new LuaState();
    lua.setHook(1, () => 'suspend');
    const run = lua.start(lua.load(script, '@s'));
    let r = run.resume();
    let suspensions = 0;
    while (!r.done) {
      suspensions++;
      r = run.resume();
    }
    expect(suspensions).toBeGreaterThan(5);
    expect(r.values.map((v) => (v instanceof LuaTable ? 'table' : v))).toEqual(plain.map((v) => (v instanceof LuaTable ? 'table' : v)));
  });

  it('restart table.sort and string.gsub without calling the Lua callbacks again', () => {
    const script = `
      local calls, t = 0, {}
      for i = 1, 300 do t[i] = (i * 7919) % 301 end
      table.sort(t, function(a, b) calls = calls + 1 for _ = 1, 3 do end return a > b end)
      local s = string.gsub(string.rep("ab", 200), "%w", function(c) calls = calls + 1 return c:upper() end)
      return calls, table.concat(t, " "), s
    `;
    const plain = new LuaState().execute(script);
    const lua = new LuaState();
    lua.setHook(7, () => 'suspend');
    const run = lua.start(lua.load(script));
    let suspensions = 0;
    let r = run.resume();
    while (!r.done) {
      suspensions++;
      r = run.resume();
    }
    expect(suspensions).toBeGreaterThan(20);
    expect(r.values).toEqual(plain);
  });

  it('coroutine.yield still cannot cross pcall, metamethods or iterators inside a run', () => {
    const lua = new LuaState();
    lua.setHook(1, () => 'suspend');
    const run = lua.start(
      lua.load(`
        local co = coroutine.wrap(function()
          local a = {pcall(coroutine.yield, 1)}
          local t = setmetatable({}, {__index = function() coroutine.yield(2) end})
          local b = {pcall(function() return t.x end)}
          local c = {pcall(function() for x in function() coroutine.yield(3) end do end end)}
          return a[2], b[2], c[2]
        end)
        return co()
      `, '=s'),
    );
    let r = run.resume();
    while (!r.done) r = run.resume();
    expect(r.values).toEqual([
      'attempt to yield across metamethod/C-call boundary',
      'attempt to yield across metamethod/C-call boundary',
      'attempt to yield across metamethod/C-call boundary',
    ]);
  });
});

describe('resumable runs inside coroutines', () => {
  it('suspend inside a coroutine body (resume and wrap), which stays running meanwhile', () => {
    const lua = new LuaState();
    let ticks = 0;
    lua.setHook(100, () => (++ticks % 3 === 0 ? 'suspend' : 'continue'));
    const run = lua.start(
      lua.load(`
        local co = coroutine.create(function(n)
          local s = 0
          for i = 1, n do s = s + i end
          local got = coroutine.yield(s, coroutine.status(coroutine.running()))
          for i = 1, n do s = s - i end
          return s + got
        end)
        local w = coroutine.wrap(function() for i = 1, 20000 do end return "wrapped" end)
        local ok1, s, status = coroutine.resume(co, 20000)
        local ok2, r = coroutine.resume(co, 5)
        return ok1, s, status, ok2, r, coroutine.status(co), w()
      `, '=s'),
    );
    let suspensions = 0;
    let r = run.resume();
    while (!r.done) {
      suspensions++;
      r = run.resume();
    }
    expect(suspensions).toBeGreaterThan(10);
    expect(r.values).toEqual([true, 200010000, 'running', true, 5, 'dead', 'wrapped']);
  });

  it('abort an endless loop in a coroutine, positioned at the loop', () => {
    const { run, kill } = startSpinning('local co = coroutine.wrap(function()\n while true do end end)\nco()');
    expect(run.resume()).toEqual({ done: false });
    kill();
    expect(() => run.resume()).toThrow(LuaError);
  });

  it('leave no coroutine running when a suspended run is cancelled', () => {
    const lua = new LuaState();
    for (const script of [
      'coroutine.resume(coroutine.create(function() while true do end end))',
      'coroutine.wrap(function() pcall(function() while true do end end) end)()',
      'table.sort({1, 2, 3}, function() return coroutine.wrap(function() while true do end end)() end)',
    ]) {
      lua.setHook(100, () => 'suspend');
      const run = lua.start(lua.load(script));
      expect(run.resume()).toEqual({ done: false });
      run.cancel();
      lua.clearHook();
      expect(lua.execute('return coroutine.running()')).toEqual([undefined]);
    }
  });
});
