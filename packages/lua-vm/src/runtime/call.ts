// Calling convention of compiled code: a function returns one Lua value as itself, and 0 or
// 2+ values as an array (Lua values are never JS arrays). Deep chains of tail calls return a
// TailCall marker (an array subclass, so the one `Array.isArray` check catches both) that the
// nearest non-tail call site runs in a loop: tail recursion does not grow the JS stack.
import { ctx } from './context';
import { LuaError, luaFrames, toLuaError } from './errors';
import { callable, type Site } from './ops';
import type { LuaTable } from './table';
import type { LuaFunction, LuaValue } from './value';

export const EMPTY: LuaValue[] = Object.freeze([]) as unknown as LuaValue[];

/** Tail calls nested deeper than this return a marker instead of calling directly. */
const TAIL_DEPTH = 64;

export class TailCall extends Array<LuaValue> {
  constructor(readonly fn: LuaFunction, readonly args: LuaValue[]) {
    super();
  }
}

function runTail(r: unknown): unknown {
  while (r instanceof TailCall) r = r.fn(...r.args);
  return r;
}

/** First result (adjust to one value). */
export function first(r: unknown): LuaValue {
  if (Array.isArray(r)) return r instanceof TailCall ? first(runTail(r)) : r[0];
  return r as LuaValue;
}

/** All results as an array (never mutate it: it may be shared). */
export function mr(r: unknown): LuaValue[] {
  if (Array.isArray(r)) return r instanceof TailCall ? mr(runTail(r)) : r;
  return [r as LuaValue];
}

/** Results of a call statement: only a pending tail call matters. */
export function drop(r: unknown): void {
  if (r instanceof TailCall) runTail(r);
}

/** `return f(...)` in a plain function. */
export function tailCall(f: unknown, s: Site, args: LuaValue[]): unknown {
  const fn = callable(f, s);
  const c = ctx;
  if (c.tcDepth > TAIL_DEPTH) return new TailCall(fn, args);
  c.tcDepth++;
  const r = fn(...args);
  c.tcDepth--;
  return r;
}

/** `return f(a)`, `return f(a, b)`, …: tailCall without an argument array. */
export function tcall1(f: unknown, s: Site, a: LuaValue): unknown {
  const fn = callable(f, s);
  const c = ctx;
  if (c.tcDepth > TAIL_DEPTH) return new TailCall(fn, [a]);
  c.tcDepth++;
  const r = fn(a);
  c.tcDepth--;
  return r;
}

export function tcall2(f: unknown, s: Site, a: LuaValue, b: LuaValue): unknown {
  const fn = callable(f, s);
  const c = ctx;
  if (c.tcDepth > TAIL_DEPTH) return new TailCall(fn, [a, b]);
  c.tcDepth++;
  const r = fn(a, b);
  c.tcDepth--;
  return r;
}

export function tcall3(f: unknown, s: Site, a: LuaValue, b: LuaValue, d: LuaValue): unknown {
  const fn = callable(f, s);
  const c = ctx;
  if (c.tcDepth > TAIL_DEPTH) return new TailCall(fn, [a, b, d]);
  c.tcDepth++;
  const r = fn(a, b, d);
  c.tcDepth--;
  return r;
}

/** Calls from natives: all results as an array. */
export function call(f: unknown, ...args: unknown[]): LuaValue[] {
  return mr(callable(f, null)(...(args as LuaValue[])));
}

export function call1(f: unknown, ...args: unknown[]): LuaValue {
  return first(callable(f, null)(...(args as LuaValue[])));
}

// ---- function objects ----

/** A Lua closure created by plain code: its JS function, resumable twin and environment. */
export function mkfn(f: LuaFunction, g: LuaFunction['G'], e: LuaTable): LuaFunction {
  f.G = g;
  f.e = e;
  const twin = g as unknown as LuaFunction & { P?: LuaFunction };
  twin.e = e;
  twin.P = f;
  return f;
}

/** Marker a resumable function yields when its step budget runs out. */
export const HOOK = Symbol('lua-hook');

export const yieldAcrossError = (): LuaError => new LuaError('attempt to yield across metamethod/C-call boundary');

/**
 * Runs a resumable generator to completion from plain code: the hook cannot suspend it (a
 * HOOK it yields is resumed at once); a coroutine.yield cannot cross this boundary and fails
 * at the yield point, as it does in 5.1.
 */
export function drive(gen: Gen): unknown {
  let r = gen.next();
  while (!r.done) r = r.value === HOOK ? gen.next() : gen.throw(yieldAcrossError());
  return r.value;
}

type Gen = Generator<unknown, unknown, unknown>;

/**
 * drive() for resumable code (a native's twin): a hook's request to suspend passes up to the
 * run, while a coroutine.yield still fails at this C boundary, as in 5.1. `suspended`: `gen`
 * has just yielded HOOK.
 */
export function* relayHooks(gen: Gen, suspended = false): Gen {
  let r = suspended ? HOOK_STOP : gen.next();
  try {
    while (!r.done) {
      if (r.value === HOOK) {
        yield HOOK;
        r = gen.next();
      } else {
        r = gen.throw(yieldAcrossError());
      }
    }
  } finally {
    // A cancelled run unwinds `gen` too (a coroutine it is inside stops running).
    if (!r.done) gen.return(undefined);
  }
  return r.value;
}

const HOOK_STOP: IteratorResult<unknown, unknown> = { done: false, value: HOOK };

/** How a native calls a Lua function (raw results in the call convention). */
export type Invoke = (f: LuaFunction, ...args: LuaValue[]) => unknown;

/** Thrown through a native algorithm that `replaying` abandons. */
export const ABANDON = new Error('abandoned for a hook suspension');

/**
 * Runs `algo`, a deterministic native algorithm that calls Lua functions through the Invoke it
 * receives (sort's comparator, gsub's replacement), from resumable code. Its JS frames cannot
 * be suspended: when the hook asks to suspend inside a callback, the algorithm is abandoned,
 * the suspension passes up, and once that callback finishes the algorithm starts over with the
 * callbacks' earlier results replayed, which brings it back to the same point without running
 * Lua again. `algo` must leave no trace when abandoned. A suspension is declined while the
 * attempt has made fewer calls than it replayed, so replays cost at most the work itself
 * (a long sort suspends less and less often).
 */
export function* replaying<R>(algo: (invoke: Invoke) => R): Generator<unknown, R, unknown> {
  const results: unknown[] = [];
  for (;;) {
    let k = 0;
    const replayed = results.length;
    let pending: Gen | null = null;
    const invoke: Invoke = (f, ...args) => {
      if (k < results.length) return results[k++];
      let r: unknown;
      if (f.G === undefined) {
        r = f(...args);
      } else {
        const gen = f.G(...args);
        let step = gen.next();
        while (!step.done) {
          if (step.value !== HOOK) {
            step = gen.throw(yieldAcrossError());
          } else if (results.length - replayed < replayed) {
            step = gen.next(); // a restart would replay more than this attempt has done: not yet
          } else {
            pending = gen;
            throw ABANDON;
          }
        }
        r = step.value;
      }
      results.push(r);
      k++;
      return r;
    };
    try {
      return algo(invoke);
    } catch (e) {
      if (e !== ABANDON) throw e;
    }
    // `pending` stopped for the hook: pass the suspension up, then finish it.
    results.push(yield* relayHooks(pending!, true));
  }
}

/** A native's twin calling a Lua value: its twin under relayHooks, or a plain call. */
export function* callTwin(f: unknown, args: LuaValue[]): Gen {
  const fn = callable(f, null);
  return fn.G === undefined ? fn(...args) : yield* relayHooks(fn.G(...args));
}

/** Called when the step budget is exhausted; returns whether the hook asked to suspend. */
export function runHook(): boolean {
  const c = ctx;
  const h = c.hook;
  if (h === null) {
    c.steps = Number.MAX_SAFE_INTEGER;
    return false;
  }
  c.steps = h.count;
  return h.callback() === 'suspend';
}

/** A Lua closure created inside resumable code: only a twin exists; plain calls drive it. */
export function mkgen(g: NonNullable<LuaFunction['G']>, e: LuaTable): LuaFunction {
  const f = ((...args: LuaValue[]) => drive(g(...args))) as LuaFunction;
  f.G = g;
  f.e = e;
  const twin = g as unknown as LuaFunction & { P?: LuaFunction };
  twin.e = e;
  twin.P = f;
  return f;
}

/** Calls `f` protected (pcall's core): [true, ...results] or [false, error value]. */
export function pcallCore(f: unknown, args: LuaValue[], handler: ((e: LuaError) => LuaValue) | null): LuaValue[] {
  const c = ctx;
  const depth = c.tcDepth;
  try {
    return [true, ...mr(callable(f, null)(...args))];
  } catch (e) {
    c.tcDepth = depth;
    const le = toLuaError(e);
    if (handler === null) return [false, le.value];
    // The handler runs after unwinding; tracebacks it takes show where the error was raised.
    const saved = c.errorFrames;
    c.errorFrames = luaFrames(100, e as object);
    try {
      return [false, handler(le)];
    } finally {
      c.errorFrames = saved;
    }
  }
}

/**
 * pcallCore's twin (pcall/xpcall in resumable code): `f` and the handler run as twins, so a
 * resumable run can suspend inside them.
 */
export function* pcallTwin(f: unknown, args: LuaValue[], handler: LuaValue | null): Gen {
  const c = ctx;
  const depth = c.tcDepth;
  try {
    return [true, ...mr(yield* callTwin(f, args))];
  } catch (e) {
    c.tcDepth = depth;
    const le = toLuaError(e);
    if (handler === null) return [false, le.value];
    const saved = c.errorFrames;
    c.errorFrames = luaFrames(100, e as object);
    try {
      return [false, first(yield* callTwin(handler, [le.value]))];
    } finally {
      c.errorFrames = saved;
    }
  }
}
