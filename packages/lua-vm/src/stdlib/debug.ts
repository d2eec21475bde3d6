// Debug library (ldblib.c) as far as compiled code allows: tracebacks, getinfo (S l n f u) for
// levels and functions, raw metatables and environments, the registry. Locals and upvalues are
// JS variables out of reach: getlocal/getupvalue find none. Hooks are recorded, not called
// (the embedder's step hook, LuaState.setHook, must stay in charge).
import { chunkId } from '../compiler/load';
import { Coroutine } from '../runtime/coroutine';
import { ctx } from '../runtime/context';
import { writeSync } from 'node:fs';
import { call, EMPTY } from '../runtime/call';
import { formatTraceback, luaError, luaFrames, toLuaError, type Frame } from '../runtime/errors';
import { getMetatable } from '../runtime/ops';
import { LuaTable } from '../runtime/table';
import { LuaUserdata, toNumber, toStr, typeName, type LuaFunction, type LuaValue } from '../runtime/value';
import { setTableMetatable } from '../runtime/weak-table';
import { chunknameOf, functionOrigin, lastLineOf } from './dump';
import { processStdin } from './file';
import { argError, checkInt, checkTable, checkAny, optInt, optString, register, typeError, type Lib } from './lib';

/** Environments of userdata and threads (debug.setfenv), which have no field for one. */
const envs = new WeakMap<object, LuaTable>();

/** The function name a frame's JS name encodes (`name$L12` → name, '' for anonymous). */
function frameName(f: Frame): string {
  const sep = f.name.lastIndexOf('$');
  return sep >= 0 ? f.name.slice(0, sep) : f.name;
}

export function openDebug(G: LuaTable, load: (source: string, chunkname: string) => LuaFunction): void {
  const registry = new LuaTable();
  let hook: LuaValue[] = [undefined, '', 0];

  /** getinfo's `S` fields for a chunk. */
  const setSource = (t: LuaTable, chunkname: string, shortSrc: string): void => {
    t.setStr('source', chunkname);
    t.setStr('short_src', shortSrc);
  };
  const cInfo = (t: LuaTable, what: string): void => {
    if (what.includes('S')) {
      setSource(t, '=[C]', '[C]');
      t.setStr('what', 'C');
      t.setStr('linedefined', -1);
      t.setStr('lastlinedefined', -1);
    }
    if (what.includes('l')) t.setStr('currentline', -1);
  };

  const lib: Lib = {
    traceback(...a) {
      // traceback([thread,] [message [, level]]): another coroutine's stack is not walkable.
      const co = a[0] instanceof Coroutine ? a.shift() : undefined;
      const [msg, level] = a;
      if (msg !== undefined && typeof msg !== 'string' && typeof msg !== 'number') return msg;
      // A level that is not a number stays in db_errorfb's concatenation (as text, or an error).
      const extra = level === undefined || toNumber(level) !== undefined ? '' : toStr(level);
      if (extra === undefined) luaError(`attempt to concatenate a ${typeName(level)} value`, 0);
      const lv = extra === '' && level !== undefined ? checkInt(level, 2, 'traceback') : co !== undefined ? 0 : 1;
      const frames = co !== undefined ? [] : ctx.errorFrames ? ctx.errorFrames.slice(lv - 1) : luaFrames(200).slice(lv);
      const text = formatTraceback(frames, co !== undefined || ctx.co !== null);
      const m = toStr(msg);
      return m === undefined ? text : `${m}${extra}\n${text}`;
    },
    getinfo(...a) {
      // getinfo([thread,] f or level, what): another coroutine's levels are not walkable.
      const thread = a[0] instanceof Coroutine ? a.shift() : undefined;
      const target = a[0];
      if (thread !== undefined && typeof target !== 'function') return undefined;
      const what = optString(a[1], 2, 'getinfo', 'flnSu');
      if (/[^SlnfuL]/.test(what)) argError(2, 'getinfo', 'invalid option');
      const t = new LuaTable();
      if (typeof target === 'function') {
        const f = target as LuaFunction;
        if (f.e === undefined) cInfo(t, what);
        else if (what.includes('S')) {
          const o = functionOrigin(f);
          const chunkname = o?.chunkname ?? '=?';
          setSource(t, chunkname, o ? chunkId(chunkname) : '?');
          t.setStr('what', o && o.lineDefined === 0 ? 'main' : 'Lua');
          t.setStr('linedefined', o?.lineDefined ?? -1);
          t.setStr('lastlinedefined', o?.lastLineDefined ?? -1);
        }
        if (f.e !== undefined && what.includes('l')) t.setStr('currentline', -1);
        // Which lines hold code is not kept: `activelines` is empty for Lua functions.
        if (f.e !== undefined && what.includes('L')) t.setStr('activelines', new LuaTable());
        if (what.includes('n')) t.setStr('namewhat', '');
        if (what.includes('f')) t.setStr('func', f);
        if (what.includes('u')) t.setStr('nups', 0);
        return t;
      }
      if (toNumber(target) === undefined) argError(1, 'getinfo', 'function or level expected');
      const level = checkInt(target, 1, 'getinfo');
      const frames = luaFrames(200);
      // Below the outermost Lua frame is the host's C call (traceback's `[C]: ?`).
      const frame = level < 0 ? undefined : level === frames.length && ctx.co === null ? null : frames[level];
      if (frame === undefined) return undefined;
      if (frame === null || frame.chunk === null) {
        cInfo(t, what);
        if (what.includes('n')) {
          if (frame !== null && level > 0) t.setStr('name', frame.name);
          t.setStr('namewhat', frame !== null && level > 0 ? 'field' : '');
        }
      } else {
        const defLine = Number(frame.name.slice(frame.name.lastIndexOf('$') + 2)) || 0;
        const name = defLine === 0 ? '' : frameName(frame);
        if (what.includes('S')) {
          setSource(t, chunknameOf(frame.chunk.id), frame.chunk.id);
          t.setStr('what', defLine === 0 ? 'main' : 'Lua');
          t.setStr('linedefined', defLine);
          t.setStr('lastlinedefined', lastLineOf(frame.chunk.id, defLine));
        }
        if (what.includes('l')) t.setStr('currentline', frame.line);
        if (what.includes('L')) t.setStr('activelines', new LuaTable());
        if (what.includes('n')) {
          if (name !== '') t.setStr('name', name);
          t.setStr('namewhat', name === '' ? '' : G.getStr(name) !== undefined ? 'global' : 'local');
        }
      }
      if (what.includes('u')) t.setStr('nups', 0);
      return t;
    },
    getlocal(...a) {
      // Locals live in JS variables that cannot be enumerated: there are none to report.
      checkLevel(a[0], 'getlocal', a.length);
      checkInt(a[1], 2, 'getlocal', a.length);
      return undefined;
    },
    setlocal(...a) {
      checkLevel(a[0], 'setlocal', a.length);
      checkInt(a[1], 2, 'setlocal', a.length);
      checkAny(a.length, 3, 'setlocal');
      return undefined;
    },
    getupvalue(...a) {
      checkInt(a[1], 2, 'getupvalue', a.length);
      if (typeof a[0] !== 'function') typeError(1, 'getupvalue', 'function', a[0], a.length);
      return undefined;
    },
    setupvalue(...a) {
      checkAny(a.length, 3, 'setupvalue');
      checkInt(a[1], 2, 'setupvalue', a.length);
      if (typeof a[0] !== 'function') typeError(1, 'setupvalue', 'function', a[0], a.length);
      return undefined;
    },
    getmetatable(...a) {
      checkAny(a.length, 1, 'getmetatable');
      return getMetatable(a[0]) ?? undefined;
    },
    setmetatable(...a) {
      const [v, mt] = a;
      if (mt !== undefined && !(mt instanceof LuaTable)) argError(2, 'setmetatable', 'nil or table expected');
      const m = (mt as LuaTable | undefined) ?? null;
      if (v instanceof LuaTable) setTableMetatable(v, m);
      else if (v instanceof LuaUserdata) v.mt = m;
      return true;
    },
    getfenv(...a) {
      checkAny(a.length, 1, 'getfenv');
      const o = a[0];
      if (typeof o === 'function') return (o as LuaFunction).e ?? G;
      if (o instanceof LuaUserdata || o instanceof Coroutine) return envs.get(o) ?? G;
      return undefined;
    },
    setfenv(...a) {
      const [o, env] = a;
      const t = checkTable(env, 2, 'setfenv', a.length);
      if (typeof o === 'function' && (o as LuaFunction).e !== undefined) {
        const f = o as LuaFunction & { P?: LuaFunction };
        f.e = t;
        if (f.G) (f.G as unknown as LuaFunction).e = t;
        if (f.P) f.P.e = t;
      } else if (o instanceof LuaUserdata || o instanceof Coroutine) {
        envs.set(o, t);
      } else {
        luaError("'setfenv' cannot change environment of given object");
      }
      return o;
    },
    debug() {
      // db_debug: lines from stdin run as `=(debug command)` until `cont` (or end of input).
      const stdin = processStdin();
      for (;;) {
        writeSync(2, 'lua_debug> ');
        const line = stdin.readLine();
        if (line === undefined || line === 'cont') return EMPTY;
        try {
          call(load(line + '\n', '=(debug command)'));
        } catch (e) {
          writeSync(2, Buffer.from(`${toStr(toLuaError(e).value) ?? '(error object is not a string)'}\n`, 'latin1'));
        }
      }
    },
    getregistry() {
      const pkg = G.getStr('package');
      if (pkg instanceof LuaTable && registry.getStr('_LOADED') === undefined) registry.setStr('_LOADED', pkg.getStr('loaded'));
      return registry;
    },
    sethook(...a) {
      // sethook([thread,] hook, mask [, count]): remembered for gethook only.
      if (a[0] instanceof Coroutine) a.shift();
      hook = a[0] === undefined ? [undefined, '', 0] : [a[0], optString(a[1], 2, 'sethook', ''), optInt(a[2], 3, 'sethook', 0)];
      return undefined;
    },
    gethook() {
      return hook[0] === undefined ? [undefined, '', 0] : hook;
    },
  };
  G.setStr('debug', register(new LuaTable(), lib));
}

/** The levels getlocal/setlocal accept: an existing stack level. */
function checkLevel(v: LuaValue, fname: string, nargs: number): void {
  const level = checkInt(v, 1, fname, nargs);
  if (level < 0 || !luaFrames(200)[level]) argError(1, fname, 'level out of range');
}
