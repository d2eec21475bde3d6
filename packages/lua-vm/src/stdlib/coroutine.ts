// Coroutine library (lbaselib.c's co_funcs) over runtime/coroutine.ts.
import { ctx } from '../runtime/context';
import { Coroutine, yieldPlain, yieldTwin } from '../runtime/coroutine';
import { LuaError, where } from '../runtime/errors';
import { LuaTable } from '../runtime/table';
import type { LuaFunction, LuaValue } from '../runtime/value';
import { argError, checkFunction, native, register } from './lib';

function checkCo(v: LuaValue, fname: string): Coroutine {
  if (!(v instanceof Coroutine)) argError(1, fname, 'coroutine expected');
  return v;
}

/** coroutine.resume's results for what the body yielded or returned. */
function resumed(r: unknown): LuaValue[] {
  if (!Array.isArray(r)) return [true, r as LuaValue];
  return r.length === 1 ? [true, r[0]] : [true, ...(r as LuaValue[])];
}

function resumeFailed(e: unknown): LuaValue[] {
  if (e instanceof LuaError) return [false, e.value];
  throw e;
}

/** A wrapped coroutine's error, positioned at the wrapper's caller as auxwrap does. */
function wrapError(e: unknown): unknown {
  return e instanceof LuaError && typeof e.value === 'string' ? new LuaError(where(1) + e.value) : e;
}

export function openCoroutine(G: LuaTable): void {
  const co = new LuaTable();
  const yieldFn = function yield_(): never {
    yieldPlain();
  } as LuaFunction;
  yieldFn.G = yieldTwin;
  register(co, {
    create(...a) {
      const f = checkFunction(a[0], 1, 'create', a.length);
      if (f.e === undefined) argError(1, 'create', 'Lua function expected');
      return new Coroutine(f);
    },
    resume(co, ...args) {
      const c = checkCo(co, 'resume');
      try {
        return resumed(c.resumeWith(args.length === 1 ? args[0] : args));
      } catch (e) {
        return resumeFailed(e);
      }
    },
    status(...a) {
      return checkCo(a[0], 'status').status;
    },
    running() {
      return ctx.co === null ? undefined : (ctx.co as LuaValue);
    },
    wrap(...a) {
      const f = checkFunction(a[0], 1, 'wrap', a.length);
      if (f.e === undefined) argError(1, 'wrap', 'Lua function expected');
      const c = new Coroutine(f);
      const wrapped = native(function wrapped(...args: LuaValue[]): unknown {
        try {
          return c.resumeWith(args.length === 1 ? args[0] : args);
        } catch (e) {
          throw wrapError(e);
        }
      }) as LuaFunction;
      wrapped.G = function* wrapped(...args) {
        try {
          return yield* c.resumeTwin(args.length === 1 ? args[0] : args);
        } catch (e) {
          throw wrapError(e);
        }
      };
      return wrapped;
    },
  });
  // In resumable code the hook can suspend a run inside a coroutine's body.
  (co.getStr('resume') as LuaFunction).G = function* resume(co, ...args) {
    const c = checkCo(co, 'resume');
    try {
      return resumed(yield* c.resumeTwin(args.length === 1 ? args[0] : args));
    } catch (e) {
      return resumeFailed(e);
    }
  };
  co.setStr('yield', native(yieldFn));
  G.setStr('coroutine', co);
}
