// Per-LuaState runtime context. Helpers are shared module functions, so the state that is
// running installs its context here on entry (execution is synchronous per state).
import type { Frame } from './errors';
import type { LuaTable } from './table';
import type { LuaFunction, LuaValue } from './value';

/** Minimal view of a coroutine that the context tracks (see coroutine.ts). */
export interface CoroutineLike {
  status: 'suspended' | 'running' | 'normal' | 'dead';
}

export interface Hook {
  /** Steps (loop iterations and calls in resumable code) between callbacks. */
  count: number;
  /** Called every `count` steps; may throw to abort. Returning 'suspend' asks the driver to yield. */
  callback: () => 'continue' | 'suspend' | void;
}

export interface Ctx {
  /** The metatable shared by all strings (its __index is the string library). */
  strMeta: LuaTable | null;
  /** The running coroutine, or null in the main thread. */
  co: CoroutineLike | null;
  /** Nesting of direct tail calls (beyond a bound they go through a trampoline). */
  tcDepth: number;
  /** Steps left before the hook fires (resumable code decrements it). */
  steps: number;
  hook: Hook | null;
  /** The Lua function that is calling getfenv/setfenv (their level 1), set by the call site. */
  fnForEnv: LuaFunction | null;
  /** The base library's `select`, so compiled `select('#', ...)` can skip the call. */
  select: LuaFunction | null;
  /** While an xpcall handler runs: the frames where the error was raised (for debug.traceback). */
  errorFrames: Frame[] | null;
  /** A metamethod call an operation of resumable code handed back to it (see ops.ts callMeta). */
  deferred: { fn: LuaFunction; args: LuaValue[]; adjust: number } | null;
}

export function newCtx(): Ctx {
  return { strMeta: null, co: null, tcDepth: 0, steps: Number.MAX_SAFE_INTEGER, hook: null, fnForEnv: null, select: null, errorFrames: null, deferred: null };
}

export let ctx: Ctx = newCtx();

export function setCtx(c: Ctx): Ctx {
  const prev = ctx;
  ctx = c;
  return prev;
}
