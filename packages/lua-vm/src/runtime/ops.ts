// Slow paths of Lua operations (lvm.c): coercions, metamethods with 5.1's lookup rules, and
// runtime errors worded as PUC words them. Compiled code inlines the fast paths and passes a
// Site (chunk, line, operand names) that is only read when an error is raised.
import { ctx } from './context';
import { LuaError } from './errors';
import { LuaTable, TableKeyError } from './table';
import { LuaUserdata, rawToString, toNumber, toStr, typeName, type LuaFunction, type LuaValue } from './value';
import { first, relayHooks } from './call';

/** Where an operation is in the source, and how PUC names its operands (`local 'x'`, …). */
export interface Site {
  chunk: string;
  line: number;
  /** Description of the first operand (or the indexed/called object), '' when unnamed. */
  a: string;
  /** Description of the second operand. */
  b: string;
  /** A site of resumable code: Lua metamethods are deferred to it (see callMeta). */
  r: boolean;
}

export function site(chunk: string, line: number, a = '', b = '', r = false): Site {
  return { chunk, line, a, b, r };
}

export function siteError(s: Site | null, msg: string): never {
  throw new LuaError(s ? `${s.chunk}:${s.line}: ${msg}` : msg);
}

function typeError(s: Site | null, v: unknown, op: string, desc: string): never {
  const t = typeName(v);
  siteError(s, desc ? `attempt to ${op} ${desc} (a ${t} value)` : `attempt to ${op} a ${t} value`);
}

// ---- metatables ----

/** What an operation at a resumable site returns when its metamethod is deferred. */
export const DEFER = Symbol('lua-defer');
/** How a deferred metamethod's results become the operation's value. */
const FIRST = 0, TRUTHY = 1, FALSY = 2, ALL = 3;

/**
 * Calls metamethod `h` with `args`. At a site of resumable code a Lua metamethod is not run
 * here: it is recorded and DEFER returned, and the compiled code runs it as its twin
 * (runDeferred), so the step hook can suspend the run inside it.
 */
function callMeta(h: LuaValue, s: Site | null, adjust: number, ...args: unknown[]): unknown {
  if (s !== null && s.r && typeof h === 'function' && (h as LuaFunction).G !== undefined) {
    ctx.deferred = { fn: h as LuaFunction, args: args as LuaValue[], adjust };
    return DEFER;
  }
  const r = callable(h, null)(...(args as LuaValue[]));
  switch (adjust) {
    case FIRST: return first(r);
    case TRUTHY: return truthy(first(r));
    case FALSY: return !truthy(first(r));
    default: return r;
  }
}

const truthy = (v: LuaValue): boolean => v !== undefined && v !== false;

/** Runs the metamethod callMeta deferred, as a twin; returns the operation's value. */
export function* runDeferred(): Generator<unknown, unknown, unknown> {
  const d = ctx.deferred!;
  ctx.deferred = null;
  const r = yield* relayHooks(d.fn.G!(...d.args));
  switch (d.adjust) {
    case FIRST: return first(r);
    case TRUTHY: return truthy(first(r));
    case FALSY: return !truthy(first(r));
    default: return r;
  }
}

export function getMetatable(v: unknown): LuaTable | null {
  if (v instanceof LuaTable || v instanceof LuaUserdata) return v.mt;
  if (typeof v === 'string') return ctx.strMeta;
  return null;
}

export function metaOf(v: unknown, event: string): LuaValue {
  const mt = getMetatable(v);
  return mt === null ? undefined : mt.getStr(event);
}

// ---- indexing ----

/** v[k] with __index (luaV_gettable). */
export function index(o: unknown, k: LuaValue, s: Site | null): LuaValue {
  if (o instanceof LuaTable) {
    const v = o.get(k);
    if (v !== undefined || o.mt === null) return v;
  }
  return indexSlow(o, k, s);
}

function indexSlow(o: unknown, k: LuaValue, s: Site | null): LuaValue {
  for (let loop = 0; loop < 100; loop++) {
    let h: LuaValue;
    if (o instanceof LuaTable) {
      const v = o.get(k);
      if (v !== undefined) return v;
      h = o.mt === null ? undefined : o.mt.getStr('__index');
      if (h === undefined) return undefined;
    } else {
      h = metaOf(o, '__index');
      if (h === undefined) typeError(loop === 0 ? s : null, o, 'index', loop === 0 && s ? s.a : '');
    }
    if (typeof h === 'function') return callMeta(h, s, FIRST, o, k) as LuaValue;
    o = h;
  }
  siteError(s, 'loop in gettable');
}

/** v[k] = x with __newindex (luaV_settable); DEFER when a resumable site defers __newindex. */
export function setIndex(o: unknown, k: LuaValue, v: LuaValue, s: Site | null): unknown {
  if (o instanceof LuaTable && o.mt === null && !o.readonly) {
    if (typeof k === 'number') {
      if ((k | 0) === k && k >= 1) o.setInt(k, v);
      else if (k !== k) siteError(s, 'table index is NaN');
      else o.setOther(k, v);
    } else if (typeof k === 'string') {
      o.setStr(k, v);
    } else {
      if (k === undefined) siteError(s, 'table index is nil');
      o.setOther(k, v);
    }
    return;
  }
  return setIndexSlow(o, k, v, s);
}

function setIndexSlow(o: unknown, k: LuaValue, v: LuaValue, s: Site | null): unknown {
  for (let loop = 0; loop < 100; loop++) {
    let h: LuaValue;
    if (o instanceof LuaTable) {
      h = o.mt === null ? undefined : o.mt.getStr('__newindex');
      if (h === undefined || o.get(k) !== undefined) {
        rawSet(o, k, v, s);
        return;
      }
    } else {
      h = metaOf(o, '__newindex');
      if (h === undefined) typeError(loop === 0 ? s : null, o, 'index', loop === 0 && s ? s.a : '');
    }
    if (typeof h === 'function') return callMeta(h, s, FIRST, o, k, v);
    o = h;
  }
  siteError(s, 'loop in settable');
}

export function rawSet(t: LuaTable, k: LuaValue, v: LuaValue, s: Site | null): void {
  if (t.readonly) siteError(s, 'Attempt to modify a readonly table');
  try {
    t.set(k, v);
  } catch (e) {
    if (e instanceof TableKeyError) siteError(s, e.message);
    throw e;
  }
}

// ---- arithmetic ----

const ARITH_EVENTS = ['__add', '__sub', '__mul', '__div', '__mod', '__pow', '__unm'] as const;
export const OP_ADD = 0, OP_SUB = 1, OP_MUL = 2, OP_DIV = 3, OP_MOD = 4, OP_POW = 5, OP_UNM = 6;

export function numArith(op: number, x: number, y: number): number {
  switch (op) {
    case OP_ADD: return x + y;
    case OP_SUB: return x - y;
    case OP_MUL: return x * y;
    case OP_DIV: return x / y;
    case OP_MOD: return x - Math.floor(x / y) * y;
    case OP_POW: return Math.pow(x, y);
    default: return -x;
  }
}

/** Arithmetic slow path (luaV_arith / Arith): coercion, then __add & co., then the error. */
export function arith(op: number, a: unknown, b: unknown, s: Site | null): LuaValue {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return numArith(op, x, y);
  const event = ARITH_EVENTS[op];
  let h = metaOf(a, event);
  if (h === undefined) h = metaOf(b, event);
  if (h !== undefined) return callMeta(h, s, FIRST, a, b) as LuaValue;
  // luaG_aritherror: blame the second operand when the first converts.
  if (x !== undefined) typeError(s, b, 'perform arithmetic on', s ? s.b : '');
  typeError(s, a, 'perform arithmetic on', s ? s.a : '');
}

export const add = (a: unknown, b: unknown, s: Site): LuaValue => arith(OP_ADD, a, b, s);
export const sub = (a: unknown, b: unknown, s: Site): LuaValue => arith(OP_SUB, a, b, s);
export const mul = (a: unknown, b: unknown, s: Site): LuaValue => arith(OP_MUL, a, b, s);
export const div = (a: unknown, b: unknown, s: Site): LuaValue => arith(OP_DIV, a, b, s);
export const mod = (a: unknown, b: unknown, s: Site): LuaValue => arith(OP_MOD, a, b, s);
export const pow = (a: unknown, b: unknown, s: Site): LuaValue => arith(OP_POW, a, b, s);
export const unm = (a: unknown, s: Site): LuaValue => arith(OP_UNM, a, a, s);

// ---- comparison ----

function orderError(s: Site | null, a: unknown, b: unknown): never {
  const t1 = typeName(a);
  const t2 = typeName(b);
  siteError(s, t1 === t2 ? `attempt to compare two ${t1} values` : `attempt to compare ${t1} with ${t2}`);
}

/** The metamethod both operands agree on (get_compTM / call_orderTM), or undefined. */
function compTM(a: unknown, b: unknown, event: string): LuaValue {
  const h1 = metaOf(a, event);
  if (h1 === undefined) return undefined;
  const mt1 = getMetatable(a);
  const mt2 = getMetatable(b);
  if (mt1 === mt2) return h1;
  const h2 = metaOf(b, event);
  return h1 === h2 ? h1 : undefined;
}

export function lt(a: unknown, b: unknown, s: Site | null): boolean {
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'number' || ta === 'string') return (a as number) < (b as number);
    if (typeName(a) === typeName(b)) {
      const h = compTM(a, b, '__lt');
      if (h !== undefined) return callMeta(h, s, TRUTHY, a, b) as boolean;
    }
  }
  orderError(s, a, b);
}

export function le(a: unknown, b: unknown, s: Site | null): boolean {
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'number' || ta === 'string') return (a as number) <= (b as number);
    if (typeName(a) === typeName(b)) {
      let h = compTM(a, b, '__le');
      if (h !== undefined) return callMeta(h, s, TRUTHY, a, b) as boolean;
      h = compTM(b, a, '__lt');
      if (h !== undefined) return callMeta(h, s, FALSY, b, a) as boolean;
    }
  }
  orderError(s, a, b);
}

/**
 * a == b for a !== b (the caller checked identity): only tables/userdata with __eq differ.
 * Resumable code passes its site (for deferral only).
 */
export function eq(a: unknown, b: unknown, s: Site | null = null): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (!((a instanceof LuaTable && b instanceof LuaTable) || (a instanceof LuaUserdata && b instanceof LuaUserdata))) return false;
  const h = compTM(a, b, '__eq');
  if (h === undefined) return false;
  return callMeta(h, s, TRUTHY, a, b) as boolean;
}

// ---- concat and length ----

export function concat(a: unknown, b: unknown, s: Site | null): LuaValue {
  const x = toStr(a);
  const y = toStr(b);
  if (x !== undefined && y !== undefined) return x + y;
  let h = metaOf(a, '__concat');
  if (h === undefined) h = metaOf(b, '__concat');
  if (h !== undefined) return callMeta(h, s, FIRST, a, b) as LuaValue;
  if (x !== undefined) typeError(s, b, 'concatenate', s ? s.b : '');
  typeError(s, a, 'concatenate', s ? s.a : '');
}

export function len(v: unknown, s: Site | null): LuaValue {
  if (typeof v === 'string') return v.length;
  if (v instanceof LuaTable) return v.length();
  const h = metaOf(v, '__len');
  if (h !== undefined && v instanceof LuaUserdata) return callMeta(h, s, FIRST, v) as LuaValue;
  typeError(s, v, 'get length of', s ? s.a : '');
}

// ---- calls ----

/** The JS function to call for `f` (__call handled); errors surface only when it is invoked. */
export function callable(f: unknown, s: Site | null): LuaFunction {
  return typeof f === 'function' ? (f as LuaFunction) : callableSlow(f, s);
}

function callableSlow(f: unknown, s: Site | null): LuaFunction {
  const h = metaOf(f, '__call');
  if (typeof h === 'function') return ((...args: LuaValue[]) => callMeta(h, s, ALL, f as LuaValue, ...args)) as LuaFunction;
  return (() => typeError(s, f, 'call', s ? s.a : '')) as LuaFunction;
}

/** tostring(v) with __tostring. */
export function toStringMeta(v: unknown): string {
  const h = metaOf(v, '__tostring');
  if (h !== undefined) {
    const r = first(callable(h, null)(v as LuaValue));
    if (typeof r !== 'string') {
      if (typeof r === 'number') return rawToString(r);
      throw new LuaError("'tostring' must return a string");
    }
    return r;
  }
  return rawToString(v);
}
