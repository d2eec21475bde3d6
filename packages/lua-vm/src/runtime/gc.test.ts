// GC semantics seen from the host: weak tables, __gc of host userdata, close(), light userdata,
// binary chunks. (Lua-visible behaviour is compared with lua5.1 in test/corpus/gc.lua.)
import { readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LuaLightUserdata, LuaState, LuaTable, LuaUserdata, setTableMetatable } from '../index';

function capture(): { lua: LuaState; out: () => string } {
  let text = '';
  const lua = new LuaState({ stdout: (s) => (text += s) });
  return { lua, out: () => text };
}

describe('garbage collection semantics', () => {
  it('drops weak entries made earlier in the same synchronous run', () => {
    const lua = new LuaState();
    const r = lua.execute(`
      local t = setmetatable({}, {__mode = 'k'}); t[{}] = 1
      local v = setmetatable({}, {__mode = 'v'}); v.x = {}; v.y = 'kept'
      collectgarbage()
      return next(t), v.x, v.y`);
    expect(r).toEqual([undefined, undefined, 'kept']);
  });

  it('weak tables made by the host with setTableMetatable', () => {
    const lua = new LuaState();
    const t = new LuaTable();
    const key = new LuaTable();
    t.set(key, 'strong key');
    setTableMetatable(t, lua.toLua({ __mode: 'k' }) as LuaTable);
    lua.call(lua.load('local t = ... t[{}] = "garbage" collectgarbage()'), t);
    expect(t.next(undefined)).toBe(key);
    expect(t.next(key)).toBeUndefined();
  });

  it("runs a host userdata's __gc with its data after it is collected", () => {
    const { lua, out } = capture();
    const mt = lua.toLua({}) as LuaTable;
    lua.setGlobal('mt', mt);
    lua.execute('mt.__gc = function(u) print("gc", type(u), getdata(u)) end');
    lua.register('getdata', (u) => ((u as LuaUserdata).data as { name: string }).name);
    lua.register('make', () => new LuaUserdata({ name: 'resource' }, mt));
    lua.execute('local u = make() u = nil collectgarbage() print("after")');
    expect(out()).toBe('gc\tuserdata\tresource\nafter\n');
  });

  it('close() finalizes live userdata newest first, once', () => {
    const { lua, out } = capture();
    lua.execute(`
      keep = {}
      for i = 1, 3 do
        local u = newproxy(true)
        getmetatable(u).__gc = function() print("closing", i) end
        keep[i] = u
      end`);
    lua.close();
    lua.close();
    expect(out()).toBe('closing\t3\nclosing\t2\nclosing\t1\n');
  });

  it('close() flushes and closes files left open', () => {
    const lua = new LuaState();
    const name = lua.execute('local n = os.tmpname() f = io.open(n, "w") f:write("unflushed") return n')[0] as string;
    try {
      expect(readFileSync(name, 'latin1')).toBe('');
      lua.close();
      expect(readFileSync(name, 'latin1')).toBe('unflushed');
      expect(lua.execute('return io.type(f)')).toEqual(['closed file']);
    } finally {
      rmSync(name, { force: true });
    }
  });
});

describe('light userdata', () => {
  it('is a userdata value compared by address, printed like C %p', () => {
    const { lua, out } = capture();
    const nul = LuaUserdata.light(0);
    expect(nul).toBeInstanceOf(LuaLightUserdata);
    expect(LuaUserdata.light(0)).toBe(nul);
    lua.setGlobal('null', nul);
    lua.setGlobal('p', LuaUserdata.light(0x1234));
    lua.execute('print(type(null), tostring(null), tostring(p), null == p, rawequal(null, null))');
    expect(out()).toBe('userdata\tuserdata: (nil)\tuserdata: 0x1234\tfalse\ttrue\n');
  });

  it('is never dropped from weak tables (it is not collectable)', () => {
    const lua = new LuaState();
    lua.setGlobal('null', LuaUserdata.light(0));
    expect(lua.execute('local t = setmetatable({}, {__mode = "kv"}) t[1] = null t[null] = 2 collectgarbage() return t[1] == null, t[null]')).toEqual([true, 2]);
  });
});

describe('binary chunks', () => {
  it('loads string.dump output and rejects PUC bytecode cleanly', () => {
    const lua = new LuaState();
    expect(lua.execute('return loadstring(string.dump(function(a) return a * 2 end))(21)')).toEqual([42]);
    expect(lua.execute('return loadstring("\\27LuaQ\\0\\1\\4\\8\\4\\8\\0")')).toEqual([
      undefined,
      'binary string: PUC Lua bytecode is not supported in precompiled chunk',
    ]);
    expect(lua.execute('return loadstring("\\27xyz")')).toEqual([undefined, 'binary string: bad header in precompiled chunk']);
  });
});
