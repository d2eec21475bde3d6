// Coroutines over resumable twins: a coroutine body runs as a generator; coroutine.yield's twin
// is a bare `yield`, so a yield crosses any number of Lua frames (each a `yield*`) but no
// native frame (natives call plain functions, whose yield fails as 5.1's C-call boundary).
import { ctx } from './context';
import { HOOK, mr, runHook, yieldAcrossError } from './call';
import { LuaError, toLuaError } from './errors';
import type { LuaFunction, LuaValue } from './value';

type Gen = Generator<unknown, unknown, unknown>;

export class Coroutine {
  status: 'suspended' | 'running' | 'normal' | 'dead' = 'suspended';
  private gen: Gen | null = null;

  constructor(readonly fn: LuaFunction) {}

  /** Resumes with `args`; returns the yielded or returned values, throws the error. */
  resumeWith(args: LuaValue[]): LuaValue[] {
    if (this.status !== 'suspended') throw new LuaError(`cannot resume ${this.status} coroutine`);
    const c = ctx;
    const prev = c.co as Coroutine | null;
    const depth = c.tcDepth;
    if (prev) prev.status = 'normal';
    c.co = this;
    this.status = 'running';
    try {
      let r: IteratorResult<unknown, unknown>;
      if (this.gen === null) {
        const g = this.fn.G;
        if (g === undefined) {
          // A native body cannot yield: it simply runs to completion.
          const res = mr(this.fn(...args));
          this.status = 'dead';
          return res;
        }
        this.gen = g(...args);
        r = this.gen.next();
      } else {
        r = this.gen.next(args);
      }
      while (!r.done && r.value === HOOK) {
        runHook();
        r = this.gen.next();
      }
      if (r.done) {
        this.status = 'dead';
        this.gen = null;
        return mr(r.value);
      }
      this.status = 'suspended';
      return r.value as LuaValue[];
    } catch (e) {
      this.status = 'dead';
      this.gen = null;
      c.tcDepth = depth;
      throw toLuaError(e);
    } finally {
      c.co = prev;
      if (prev) prev.status = 'running';
    }
  }
}

/** coroutine.yield from plain code: always an error (5.1 words every case as a C-call boundary). */
export function yieldPlain(): never {
  throw yieldAcrossError();
}

/** coroutine.yield's resumable twin: suspends the whole generator chain up to resume(). */
export function* yieldTwin(...args: LuaValue[]): Generator<unknown, unknown, unknown> {
  if (ctx.co === null) throw yieldAcrossError();
  return yield args;
}
