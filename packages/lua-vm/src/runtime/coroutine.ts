// Coroutines over resumable twins: a coroutine body runs as a generator; coroutine.yield's twin
// is a bare `yield`, so a yield crosses any number of Lua frames (each a `yield*`) but no
// native frame (natives call plain functions, whose yield fails as 5.1's C-call boundary).
import { ctx } from './context';
import { HOOK, mr, yieldAcrossError } from './call';
import { LuaError, toLuaError } from './errors';
import type { LuaFunction, LuaValue } from './value';

type Gen = Generator<unknown, unknown, unknown>;

export class Coroutine {
  status: 'suspended' | 'running' | 'normal' | 'dead' = 'suspended';
  private gen: Gen | null = null;

  constructor(readonly fn: LuaFunction) {}

  /**
   * Resumes with `args` and returns the yielded or returned values, both in the call convention
   * (one value as itself, otherwise an array: the common single value allocates nothing); throws
   * the error.
   */
  resumeWith(args: unknown): unknown {
    if (this.status !== 'suspended') throw new LuaError(`cannot resume ${this.status} coroutine`);
    const c = ctx;
    const prev = c.co as Coroutine | null;
    if (prev !== null) prev.status = 'normal';
    c.co = this;
    this.status = 'running';
    const depth = c.tcDepth;
    let r: IteratorResult<unknown, unknown>;
    try {
      r = this.step(args);
    } catch (e) {
      c.tcDepth = depth;
      this.status = 'dead';
      this.gen = null;
      this.leave(c, prev);
      throw toLuaError(e);
    }
    this.leave(c, prev);
    if (r.done) {
      this.status = 'dead';
      this.gen = null;
      return mr(r.value);
    }
    this.status = 'suspended';
    return r.value;
  }

  /** Runs the body until it yields values or finishes. */
  private step(args: unknown): IteratorResult<unknown, unknown> {
    let gen = this.gen;
    if (gen === null) {
      const g = this.fn.G!;
      // the first next() argument is ignored
      gen = this.gen = Array.isArray(args) ? g(...(args as LuaValue[])) : g(args as LuaValue);
    }
    let r = gen.next(args);
    // The hook already ran inside the body; a coroutine is not suspended by it.
    while (!r.done && r.value === HOOK) r = gen.next();
    return r;
  }

  private leave(c: typeof ctx, prev: Coroutine | null): void {
    c.co = prev;
    if (prev !== null) prev.status = 'running';
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
