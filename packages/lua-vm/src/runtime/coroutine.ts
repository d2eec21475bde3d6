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
  /** The resumer's tail-call depth, restored when the body fails. */
  private depth = 0;

  constructor(readonly fn: LuaFunction) {}

  /**
   * Resumes with `args` and returns the yielded or returned values, both in the call convention
   * (one value as itself, otherwise an array: the common single value allocates nothing); throws
   * the error.
   */
  resumeWith(args: unknown): unknown {
    const prev = this.enter();
    let r: IteratorResult<unknown, unknown>;
    try {
      r = this.step(args);
      // The hook already ran inside the body; plain code cannot pass its suspension on.
      while (!r.done && r.value === HOOK) r = this.gen!.next();
    } catch (e) {
      this.die(prev);
      throw toLuaError(e);
    }
    return this.settle(r, prev);
  }

  /**
   * resumeWith in resumable code (coroutine.resume's twin): a hook suspension inside the body
   * passes up to the run, the coroutine staying `running` until the run goes on.
   */
  *resumeTwin(args: unknown): Generator<unknown, unknown, unknown> {
    const prev = this.enter();
    let r: IteratorResult<unknown, unknown>;
    let settled = false;
    try {
      r = this.step(args);
      while (!r.done && r.value === HOOK) {
        yield HOOK;
        r = this.gen!.next();
      }
      settled = true;
    } catch (e) {
      settled = true;
      this.die(prev);
      throw toLuaError(e);
    } finally {
      // An abandoned run (ResumableRun.cancel) must not leave this coroutine running.
      if (!settled) this.die(prev);
    }
    return this.settle(r, prev);
  }

  private enter(): Coroutine | null {
    if (this.status !== 'suspended') throw new LuaError(`cannot resume ${this.status} coroutine`);
    const c = ctx;
    const prev = c.co as Coroutine | null;
    if (prev !== null) prev.status = 'normal';
    c.co = this;
    this.status = 'running';
    this.depth = c.tcDepth;
    return prev;
  }

  /** The body raised an error (or was abandoned): the coroutine is dead. */
  private die(prev: Coroutine | null): void {
    const c = ctx;
    c.tcDepth = this.depth;
    this.status = 'dead';
    this.gen = null;
    this.leave(c, prev);
  }

  /** The body yielded or returned: the values in the call convention. */
  private settle(r: IteratorResult<unknown, unknown>, prev: Coroutine | null): unknown {
    this.leave(ctx, prev);
    if (r.done) {
      this.status = 'dead';
      this.gen = null;
      return mr(r.value);
    }
    this.status = 'suspended';
    return r.value;
  }

  /** Starts or continues the body. */
  private step(args: unknown): IteratorResult<unknown, unknown> {
    let gen = this.gen;
    if (gen === null) {
      const g = this.fn.G!;
      // the first next() argument is ignored
      gen = this.gen = Array.isArray(args) ? g(...(args as LuaValue[])) : g(args as LuaValue);
    }
    return gen.next(args);
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
