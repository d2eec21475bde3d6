// Base library (lbaselib.c): print, type, pairs, pcall, error, metatables, environments, load.
import { call, first, mr, pcallCore, pcallTwin, EMPTY } from '../runtime/call';
import { ctx } from '../runtime/context';
import { LuaError, luaError, where } from '../runtime/errors';
import { ipairsAux, luaNext } from '../runtime/iter';
import { callable, getMetatable, rawSet, toStringMeta } from '../runtime/ops';
import { fullGc, heapKb } from '../runtime/gc';
import { LuaTable } from '../runtime/table';
import { LuaUserdata, toStr, typeName, type LuaFunction, type LuaValue } from '../runtime/value';
import { setTableMetatable } from '../runtime/weak-table';
import { parseIntBase, str2number } from './number';
import {
  argError, checkAny, checkInt, checkString, checkTable, optInt, optString, register, typeError, type Lib,
} from './lib';

/** What the base library needs from its LuaState. */
export interface Host {
  globals: LuaTable;
  /** Compiles a chunk (throws LuaSyntaxError). */
  load(source: string, chunkname: string): LuaFunction;
  write(s: string): void;
  readFile(path: string): string;
  /** luaL_loadfile: a file (stdin when undefined); LuaError `cannot open x: …` or a syntax error. */
  loadFile(path: string | undefined): LuaFunction;
}

/** Plain decimal / hex digit strings (exact as doubles): the common tonumber cases, no strtod. */
const DIGITS = /^\d{1,15}$/;
const HEX_DIGITS = /^[\da-fA-F]{1,12}$/;

/** getfenv/setfenv's function argument: a function, or a level (1 = the caller). */
function envTarget(v: LuaValue, fname: string, nargs: number): LuaFunction | null {
  if (typeof v === 'function') return v as LuaFunction;
  const level = v === undefined && nargs === 0 ? 1 : checkInt(v, 1, fname);
  if (level < 0) argError(1, fname, 'level must be non-negative');
  if (level === 0) return null;
  // The compiler records the calling Lua function for calls to getfenv/setfenv (level 1).
  return ctx.fnForEnv;
}

export function openBase(host: Host): void {
  const G = host.globals;
  /** collectgarbage's tuning knobs: remembered and reported back (lgc.c's defaults). */
  const gcParams = { pause: 200, stepmul: 200 };
  /** Metatables made by newproxy(true): the ones newproxy(p) may share. */
  const proxyMetas = new WeakSet<LuaTable>();
  const lib: Lib = {
    print(...args) {
      let line = '';
      for (let i = 0; i < args.length; i++) line += (i ? '\t' : '') + toStringMeta(args[i]);
      host.write(line + '\n');
      return EMPTY;
    },
    type(...a) {
      checkAny(a.length, 1, 'type');
      return typeName(a[0]);
    },
    tostring(...a) {
      checkAny(a.length, 1, 'tostring');
      return toStringMeta(a[0]);
    },
    tonumber(v, base) {
      if (base === undefined) {
        if (typeof v === 'number') return v;
        if (typeof v === 'string') return DIGITS.test(v) ? +v : str2number(v);
        checkAny(arguments.length, 1, 'tonumber');
        return undefined;
      }
      const b = checkInt(base, 2, 'tonumber');
      if (b < 2 || b > 36) argError(2, 'tonumber', 'base out of range');
      if (b === 16 && typeof v === 'string' && HEX_DIGITS.test(v)) return parseInt(v, 16);
      return parseIntBase(checkString(v, 1, 'tonumber'), b);
    },
    ipairs(...a) {
      checkTable(a[0], 1, 'ipairs', a.length);
      return [ipairsAux, a[0], 0];
    },
    pairs(...a) {
      checkTable(a[0], 1, 'pairs', a.length);
      return [luaNext, a[0], undefined];
    },
    rawget(t, k) {
      return checkTable(t, 1, 'rawget').get(k);
    },
    rawset(t, k, v) {
      rawSet(checkTable(t, 1, 'rawset'), k, v, null);
      return t;
    },
    rawequal(a, b) {
      return a === b;
    },
    setmetatable(...a) {
      const t = checkTable(a[0], 1, 'setmetatable', a.length);
      const mt = a[1];
      if (mt !== undefined && !(mt instanceof LuaTable)) typeError(2, 'setmetatable', 'nil or table', mt, a.length);
      if (t.mt !== null && t.mt.getStr('__metatable') !== undefined) luaError('cannot change a protected metatable');
      setTableMetatable(t, (mt as LuaTable | undefined) ?? null);
      return t;
    },
    getmetatable(v) {
      const mt = getMetatable(v);
      if (mt === null) return undefined;
      const protectedMt = mt.getStr('__metatable');
      return protectedMt !== undefined ? protectedMt : mt;
    },
    select(...a) {
      const n = a[0];
      if (n === '#') return a.length - 1;
      let i = checkInt(n, 1, 'select', a.length);
      if (i < 0) i = a.length + i;
      else if (i > a.length) i = a.length;
      if (i < 1) argError(1, 'select', 'index out of range');
      return a.slice(i);
    },
    unpack(t, i, j) {
      const tt = checkTable(t, 1, 'unpack');
      const from = optInt(i, 2, 'unpack', 1);
      const to = j === undefined ? tt.length() : checkInt(j, 3, 'unpack');
      if (from > to) return EMPTY;
      if (to - from >= 8000) luaError('too many results to unpack');
      const out: LuaValue[] = new Array(to - from + 1);
      for (let k = from; k <= to; k++) out[k - from] = tt.get(k);
      return out;
    },
    error(msg, level) {
      const lv = optInt(level, 2, 'error', 1);
      // Numbers are strings to lua_isstring: they get the position too, and become strings.
      if ((typeof msg === 'string' || typeof msg === 'number') && lv > 0) msg = where(lv) + toStr(msg);
      throw new LuaError(msg);
    },
    assert(...a) {
      if (a[0] !== undefined && a[0] !== false) return a.length === 1 ? a[0] : a;
      if (a.length === 0) argError(1, 'assert', 'value expected');
      luaError(a[1] === undefined ? 'assertion failed!' : checkString(a[1], 2, 'assert'));
    },
    pcall(...a) {
      checkAny(a.length, 1, 'pcall');
      return pcallCore(a[0], a.slice(1), null);
    },
    xpcall(f, handler) {
      checkAny(arguments.length, 2, 'xpcall');
      return pcallCore(f, [], (e) => first(callable(handler, null)(e.value)));
    },
    next(t, k) {
      return luaNext(checkTable(t, 1, 'next'), k);
    },
    getfenv(...a) {
      const f = envTarget(a[0], 'getfenv', a.length);
      return f === null || f.e === undefined ? G : f.e;
    },
    setfenv(...a) {
      const t = checkTable(a[1], 2, 'setfenv', a.length);
      const f = envTarget(a[0], 'setfenv', a.length);
      if (f === null) return undefined;
      if (f.e === undefined) luaError("'setfenv' cannot change environment of given object");
      f.e = t;
      const twin = f.G as LuaFunction | undefined;
      if (twin) twin.e = t;
      const plain = (f as { P?: LuaFunction }).P;
      if (plain) plain.e = t;
      return f;
    },
    loadstring(s, name) {
      const src = checkString(s, 1, 'loadstring');
      try {
        return host.load(src, name === undefined ? src : checkString(name, 2, 'loadstring'));
      } catch (e) {
        if (e instanceof LuaError) return [undefined, e.value];
        throw e;
      }
    },
    load(fn, name) {
      let src = '';
      if (typeof fn === 'string') src = fn;
      else {
        for (;;) {
          const piece = call(fn)[0];
          if (piece === undefined || piece === '') break;
          if (typeof piece !== 'string') return [undefined, 'reader function must return a string'];
          src += piece;
        }
      }
      try {
        return host.load(src, name === undefined ? '=(load)' : checkString(name, 2, 'load'));
      } catch (e) {
        if (e instanceof LuaError) return [undefined, e.value];
        throw e;
      }
    },
    loadfile(path) {
      try {
        return host.loadFile(path === undefined ? undefined : checkString(path, 1, 'loadfile'));
      } catch (e) {
        if (e instanceof LuaError) return [undefined, e.value];
        throw e;
      }
    },
    dofile(path) {
      return mr(host.loadFile(path === undefined ? undefined : checkString(path, 1, 'dofile'))());
    },
    collectgarbage(opt, arg) {
      const o = optString(opt, 1, 'collectgarbage', 'collect');
      const ex = optInt(arg, 2, 'collectgarbage', 0);
      switch (o) {
        case 'collect':
          fullGc();
          return 0;
        case 'count':
          return heapKb();
        case 'step':
          // One "step" is a whole cycle here, so it always completes one (returns true).
          fullGc();
          return true;
        case 'setpause': {
          const prev = gcParams.pause;
          gcParams.pause = ex;
          return prev;
        }
        case 'setstepmul': {
          const prev = gcParams.stepmul;
          gcParams.stepmul = ex;
          return prev;
        }
        case 'stop':
        case 'restart':
          // The JS collector cannot be paused; explicit collections still run.
          return 0;
        default:
          argError(1, 'collectgarbage', `invalid option '${o}'`);
      }
    },
    gcinfo() {
      return Math.floor(heapKb());
    },
    newproxy(...a) {
      const u = new LuaUserdata(null);
      const arg = a[0];
      if (arg === undefined || arg === false) return u;
      if (arg === true) {
        const mt = new LuaTable();
        proxyMetas.add(mt);
        u.mt = mt;
        return u;
      }
      // newproxy(p): share the metatable of another proxy.
      const mt = arg instanceof LuaUserdata ? arg.mt : null;
      if (mt === null || !proxyMetas.has(mt)) argError(1, 'newproxy', 'boolean or proxy expected');
      u.mt = mt;
      return u;
    },
  };
  register(G, lib);
  // Resumable twins: a step hook can suspend a run inside a protected call.
  const twins: Record<string, LuaFunction['G']> = {
    *pcall(...a) {
      checkAny(a.length, 1, 'pcall');
      return yield* pcallTwin(a[0], a.slice(1), null);
    },
    *xpcall(...a) {
      checkAny(a.length, 2, 'xpcall');
      return yield* pcallTwin(a[0], [], a[1]);
    },
  };
  for (const [name, twin] of Object.entries(twins)) (lib[name] as LuaFunction).G = twin;
  ctx.select = lib.select as LuaFunction;
  G.setStr('_G', G);
  G.setStr('_VERSION', 'Lua 5.1');
}

/** require and the package table (loaded, preload, path): Lua modules from files. */
export function openPackage(host: Host): void {
  const G = host.globals;
  const pkg = new LuaTable();
  const loaded = new LuaTable();
  pkg.setStr('loaded', loaded);
  pkg.setStr('preload', new LuaTable());
  pkg.setStr('path', process.env.LUA_PATH ?? './?.lua;./?/init.lua');
  pkg.setStr('cpath', '');
  for (const name of ['_G', 'string', 'table', 'math', 'os', 'io', 'coroutine', 'debug']) {
    const lib = G.getStr(name);
    if (lib !== undefined) loaded.setStr(name, lib);
  }
  register(G, {
    require(name) {
      const n = checkString(name, 1, 'require');
      const have = loaded.get(n);
      if (have !== undefined) return have;
      let loader: LuaValue = undefined;
      const preload = pkg.getStr('preload');
      if (preload instanceof LuaTable) loader = preload.get(n);
      const tried: string[] = [];
      if (loader === undefined) {
        const path = pkg.getStr('path');
        for (const pattern of (typeof path === 'string' ? path : '').split(';')) {
          const file = pattern.replaceAll('?', n.replaceAll('.', '/'));
          let src: string;
          try {
            src = host.readFile(file);
          } catch {
            tried.push(`\n\tno file '${file}'`);
            continue;
          }
          loader = host.load(src, '@' + file);
          break;
        }
      }
      if (loader === undefined) luaError(`module '${n}' not found:${tried.join('')}`);
      const r = call(loader, n)[0];
      if (r !== undefined) loaded.set(n, r);
      if (loaded.get(n) === undefined) loaded.set(n, true);
      return loaded.get(n);
    },
  });
  G.setStr('package', pkg);
}
