// Generic `for` iteration. `pairs`/`next` and `ipairs` over a table are recognised and walked
// directly (no result arrays per step); anything else calls the iterator function each step.
import { mr, relayHooks } from './call';
import { LuaError } from './errors';
import { callable, type Site } from './ops';
import { LuaTable, TableKeyError } from './table';
import type { LuaFunction, LuaValue } from './value';

/** next(t, k) as a Lua function (base library `next`). */
export function luaNext(t: LuaValue, k?: LuaValue): unknown {
  if (!(t instanceof LuaTable)) throw new LuaError(`bad argument #1 to 'next' (table expected, got ${t === undefined ? 'no value' : typeof t})`);
  const nk = tableNext(t, k);
  return nk === undefined ? undefined : [nk, t.nextValue];
}

export function tableNext(t: LuaTable, k: LuaValue): LuaValue {
  try {
    return t.next(k);
  } catch (e) {
    if (e instanceof TableKeyError) throw new LuaError(e.message);
    throw e;
  }
}

/** The iterator function ipairs returns. */
export function ipairsAux(t: LuaValue, i: LuaValue): unknown {
  const n = (i as number) + 1;
  const v = (t as LuaTable).getInt(n);
  return v === undefined ? undefined : [n, v];
}

export interface ForIter {
  /** Advances; false when the loop ends. */
  step(): boolean;
  k: LuaValue;
  v: LuaValue;
  /** Loop variable i (0-based) for loops with 3+ variables. */
  var(i: number): LuaValue;
  /** An iterator function's twin: resumable code steps with stepTwin() instead. */
  readonly g?: LuaFunction['G'];
  stepTwin?(): Generator<unknown, boolean, unknown>;
}

class NextIter implements ForIter {
  k: LuaValue = undefined;
  v: LuaValue = undefined;
  constructor(private readonly t: LuaTable) {}
  step(): boolean {
    const k = tableNext(this.t, this.k);
    if (k === undefined) return false;
    this.k = k;
    this.v = this.t.nextValue;
    return true;
  }
  var(i: number): LuaValue {
    return i === 0 ? this.k : i === 1 ? this.v : undefined;
  }
}

class IpairsIter implements ForIter {
  k: LuaValue = 0;
  v: LuaValue = undefined;
  constructor(private readonly t: LuaTable) {}
  step(): boolean {
    const n = (this.k as number) + 1;
    const v = this.t.getInt(n);
    if (v === undefined) return false;
    this.k = n;
    this.v = v;
    return true;
  }
  var(i: number): LuaValue {
    return i === 0 ? this.k : i === 1 ? this.v : undefined;
  }
}

class CallIter implements ForIter {
  k: LuaValue = undefined;
  v: LuaValue = undefined;
  /** The iterator's resumable twin, if it has one. */
  readonly g: LuaFunction['G'];
  private r: LuaValue[] | null = null;
  constructor(private readonly f: LuaFunction, private readonly s: LuaValue, private ctl: LuaValue) {
    this.g = f.G;
  }
  step(): boolean {
    return this.take(this.f(this.s, this.ctl));
  }
  /** step() in resumable code (when `g` is set): the iterator runs as its twin. */
  *stepTwin(): Generator<unknown, boolean, unknown> {
    return this.take(yield* relayHooks(this.g!(this.s, this.ctl)));
  }
  private take(r: unknown): boolean {
    if (Array.isArray(r)) {
      r = mr(r);
      const a = r as LuaValue[];
      this.r = a;
      this.k = a[0];
      this.v = a[1];
    } else {
      this.r = null;
      this.k = r as LuaValue;
      this.v = undefined;
    }
    if (this.k === undefined) return false;
    this.ctl = this.k;
    return true;
  }
  var(i: number): LuaValue {
    return this.r === null ? (i === 0 ? this.k : undefined) : this.r[i];
  }
}

/** `for vars in f, s, ctl do`: picks the iteration strategy. */
export function forIter(f: LuaValue, s: LuaValue, ctl: LuaValue, site: Site): ForIter {
  if (s instanceof LuaTable) {
    if (f === luaNext && ctl === undefined) return new NextIter(s);
    if (f === ipairsAux && ctl === 0) return new IpairsIter(s);
  }
  // The iterator is called by stepping, never through a deferring site.
  return new CallIter(typeof f === 'function' ? (f as LuaFunction) : callable(f, { ...site, r: false }), s, ctl);
}
