import { describe, expect, it } from 'vitest';
import { LuaState, LuaTable } from '@ferrous/lua-vm';
import { CJSON_NULL, openCjson, openCmsgpack, openStruct } from './index';

describe('opening the Redis libraries on a LuaState', () => {
  const lua = new LuaState();
  const cjson = openCjson(lua);
  const cmsgpack = openCmsgpack(lua);
  const struct = openStruct(lua);

  it('registers the globals and returns their tables', () => {
    expect(lua.getGlobal('cjson')).toBe(cjson);
    expect(lua.getGlobal('cmsgpack')).toBe(cmsgpack);
    expect(lua.getGlobal('struct')).toBe(struct);
    expect(cjson.get('null')).toBe(CJSON_NULL);
  });

  it('runs from Lua with one or several results', () => {
    expect(lua.execute('return cjson.encode({1, "a/b", {x = false}})')).toEqual(['[1,"a\\/b",{"x":false}]']);
    expect(lua.execute('return cjson.decode("[null]")[1] == cjson.null')).toEqual([true]);
    expect(lua.execute('return cmsgpack.unpack(cmsgpack.pack(1, "two", 3.5))')).toEqual([1, 'two', 3.5]);
    expect(lua.execute('return cmsgpack.unpack("")')).toEqual([]);
    expect(lua.execute('return struct.unpack(">hB", struct.pack(">hB", -2, 255))')).toEqual([-2, 255, 4]);
    expect(lua.execute('return struct.size("!4bi")')).toEqual([8]);
  });

  it('raises Lua errors catchable with pcall', () => {
    expect(lua.execute('return pcall(cjson.decode, "[1,")')).toEqual([false, 'Expected value but found T_END at character 4']);
    expect(lua.execute('return pcall(cmsgpack.unpack, "\\193")')).toEqual([false, 'Bad data format in input.']);
    expect(lua.execute('return pcall(struct.pack, "i40", 1)')).toEqual([false, 'integral size 40 is larger than limit of 32']);
  });

  it('keeps one configuration per module table', () => {
    const other = new LuaState();
    openCjson(other);
    lua.execute('cjson.encode_number_precision(3)');
    expect(lua.execute('return cjson.encode(1/3)')).toEqual(['0.333']);
    expect(other.execute('return cjson.encode(1/3)')).toEqual(['0.33333333333333']);
    lua.execute('cjson.encode_number_precision(14)');
  });

  it('decodes JSON text into Lua tables', () => {
    const [t] = lua.execute('return cjson.decode(\'{"a":[1,2],"b":"\\\\u00e9"}\')');
    expect(t).toBeInstanceOf(LuaTable);
    expect(lua.fromLua(t)).toEqual({ a: [1, 2], b: '\xc3\xa9' });
  });
});
