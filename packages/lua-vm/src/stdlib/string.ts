// String library (lstrlib.c) over latin1 byte strings; patterns and format live in
// pattern.ts / format.ts. Strings share one metatable whose __index is this library.
import { EMPTY, first, replaying, type Invoke } from '../runtime/call';
import type { Ctx } from '../runtime/context';
import { luaError } from '../runtime/errors';
import { LuaTable } from '../runtime/table';
import { rawToString, typeName, type LuaFunction, type LuaValue } from '../runtime/value';
import { callable } from '../runtime/ops';
import { dumpFunction } from './dump';
import { LuaFormatError, luaFormat } from './format';
import {
  argError, checkFunction, checkInt, checkNumber, checkString, native, optInt, register, type Lib,
} from './lib';
import { expandReplacement, gmatchIterator, gsub, isPlainPattern, LuaPatternError, patternFind, type PatternMatch } from './pattern';

/** posrelat: a negative position counts from the end. */
function posrelat(pos: number, len: number): number {
  if (pos < 0) pos += len + 1;
  return pos >= 0 ? pos : 0;
}

const NON_ASCII = /[\u0080-\u00ff]/;

function upperAscii(s: string): string {
  // C toupper in the C locale only maps a-z; JS would also map latin1 letters.
  return NON_ASCII.test(s) ? s.replace(/[a-z]+/g, (m) => m.toUpperCase()) : s.toUpperCase();
}

function lowerAscii(s: string): string {
  return NON_ASCII.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s.toLowerCase();
}

/** Turns a pattern error into a positioned Lua error; rethrows anything else. */
function patternError(e: unknown): never {
  if (e instanceof LuaPatternError) luaError(e.message);
  throw e;
}

/** string.gsub; `invoke` calls a replacement function (see runtime/call.ts replaying). */
function gsubWith(a: LuaValue[], invoke: Invoke): unknown {
  const s = checkString(a[0], 1, 'gsub', a.length);
  const p = checkString(a[1], 2, 'gsub', a.length);
  const repl = a[2];
  const maxN = a[3] === undefined ? s.length + 1 : checkInt(a[3], 4, 'gsub');
  const tr = typeof repl;
  if (tr !== 'string' && tr !== 'number' && tr !== 'function' && !(repl instanceof LuaTable)) {
    argError(3, 'gsub', 'string/function/table expected');
  }
  const replace = (m: PatternMatch, whole: string): string | null => {
    if (tr === 'string' || tr === 'number') return expandReplacement(rawToString(repl), m, whole, s);
    const key = m.captures.length === 0 ? whole : m.captures[0];
    const v = repl instanceof LuaTable ? repl.get(key) : first(invoke(repl as LuaFunction, ...(m.captures.length === 0 ? [whole] : m.captures)));
    if (v === undefined || v === false) return null;
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return rawToString(v);
    luaError(`invalid replacement value (a ${typeName(v)})`);
  };
  try {
    return gsub(s, p, replace, maxN);
  } catch (e) {
    patternError(e);
  }
}

const invokePlain: Invoke = (f, ...args) => callable(f, null)(...args);

/** What a match produces: its captures, or the whole match when there are none (one value or an array). */
function matchResult(s: string, m: PatternMatch): unknown {
  const c = m.captures;
  if (c.length === 0) return s.slice(m.start, m.end);
  return c.length === 1 ? c[0] : c;
}

function strFind(a: LuaValue[], find: boolean): unknown {
  const fname = find ? 'find' : 'match';
  const s = checkString(a[0], 1, fname, a.length);
  const p = checkString(a[1], 2, fname, a.length);
  let init = posrelat(optInt(a[2], 3, fname, 1), s.length) - 1;
  if (init < 0) init = 0;
  else if (init > s.length) init = s.length;
  if (find && ((a[3] !== undefined && a[3] !== false) || isPlainPattern(p))) {
    const i = s.indexOf(p, init);
    return i < 0 ? undefined : [i + 1, i + p.length];
  }
  try {
    const m = patternFind(s, p, init);
    if (m === null) return undefined;
    return find ? [m.start + 1, m.end, ...m.captures] : matchResult(s, m);
  } catch (e) {
    patternError(e);
  }
}

// string.format's argument getters read the current call's arguments (set just before
// luaFormat, which calls no Lua code): no closures per call.
let fmtArgs: LuaValue[] = EMPTY;
const fmtNumber = (i: number): number => checkNumber(fmtArgs[i - 1], i, 'format', fmtArgs.length);
const fmtString = (i: number): string => checkString(fmtArgs[i - 1], i, 'format', fmtArgs.length);

export function openString(G: LuaTable, ctx: Ctx): void {
  const lib: Lib = {
    len(...a) {
      return checkString(a[0], 1, 'len', a.length).length;
    },
    sub(s, i, j) {
      const str = checkString(s, 1, 'sub', arguments.length);
      const l = str.length;
      let start = posrelat(checkInt(i, 2, 'sub', arguments.length), l);
      let end = posrelat(optInt(j, 3, 'sub', -1), l);
      if (start < 1) start = 1;
      if (end > l) end = l;
      return start <= end ? str.slice(start - 1, end) : '';
    },
    upper(...a) {
      return upperAscii(checkString(a[0], 1, 'upper', a.length));
    },
    lower(...a) {
      return lowerAscii(checkString(a[0], 1, 'lower', a.length));
    },
    rep(s, n) {
      const str = checkString(s, 1, 'rep', arguments.length);
      const k = checkInt(n, 2, 'rep', arguments.length);
      return k <= 0 ? '' : str.repeat(k);
    },
    reverse(...a) {
      const s = checkString(a[0], 1, 'reverse', a.length);
      let out = '';
      for (let i = s.length - 1; i >= 0; i--) out += s[i];
      return out;
    },
    byte(s, i, j) {
      const str = checkString(s, 1, 'byte', arguments.length);
      const l = str.length;
      let posi = posrelat(optInt(i, 2, 'byte', 1), l);
      let pose = posrelat(j === undefined ? posi : checkInt(j, 3, 'byte'), l);
      if (posi <= 0) posi = 1;
      if (pose > l) pose = l;
      if (posi > pose) return EMPTY;
      if (posi === pose) return str.charCodeAt(posi - 1);
      const out: number[] = [];
      for (let k = posi; k <= pose; k++) out.push(str.charCodeAt(k - 1));
      return out;
    },
    char(...a) {
      let out = '';
      for (let i = 0; i < a.length; i++) {
        const c = checkInt(a[i], i + 1, 'char');
        if (c < 0 || c > 255) argError(i + 1, 'char', 'invalid value');
        out += String.fromCharCode(c);
      }
      return out;
    },
    format(...a) {
      const fmt = checkString(a[0], 1, 'format', a.length);
      fmtArgs = a;
      try {
        return luaFormat(fmt, a.length, fmtNumber, fmtString);
      } catch (e) {
        if (e instanceof LuaFormatError) {
          if (e.arg !== undefined) argError(e.arg, 'format', e.extraMsg ?? e.message);
          luaError(e.message);
        }
        throw e;
      } finally {
        fmtArgs = EMPTY; // hold no arguments alive
      }
    },
    find(...a) {
      return strFind(a, true);
    },
    match(...a) {
      return strFind(a, false);
    },
    gmatch(...a) {
      const s = checkString(a[0], 1, 'gmatch', a.length);
      const p = checkString(a[1], 2, 'gmatch', a.length);
      const next = gmatchIterator(s, p);
      return native(function gmatchIter(): unknown {
        try {
          const m = next();
          return m === null ? undefined : matchResult(s, m);
        } catch (e) {
          patternError(e);
        }
      });
    },
    gsub(...a) {
      return gsubWith(a, invokePlain);
    },
    dump(...a) {
      const text = dumpFunction(checkFunction(a[0], 1, 'dump', a.length));
      if (text === undefined) luaError('unable to dump given function');
      return text;
    },
  };
  const str = register(new LuaTable(), lib);
  // LUA_COMPAT_GFIND, as Debian's lua5.1 and Redis build it: the 5.0 name of gmatch.
  str.setStr('gfind', lib.gmatch as LuaFunction);
  // In resumable code the hook can suspend a run inside a replacement function.
  (lib.gsub as LuaFunction).G = function* gsub(...a) {
    return ctx.hook === null ? gsubWith(a, invokePlain) : yield* replaying((invoke) => gsubWith(a, invoke));
  };
  G.setStr('string', str);
  const meta = new LuaTable();
  meta.setStr('__index', str);
  ctx.strMeta = meta;
}
