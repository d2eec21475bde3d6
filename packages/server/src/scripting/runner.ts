// Runs one script or function to completion: resumable execution with a step hook, so a script
// that outlives busy-reply-threshold yields to the event loop (other clients get BUSY, SCRIPT KILL
// and SHUTDOWN NOSAVE get through), Redis's error formatting, the result conversion, and effects
// propagation (the commands the script ran, wrapped in MULTI/EXEC when there are several).
import { ErrorReply, SimpleString, type Reply } from '@ferrous/resp';
import { LuaError, LuaTable, type LuaFunction, type LuaState, type LuaValue, type ResumableRun } from '@ferrous/lua-vm';
import { handleClientsBlockedOnKeys } from '../blocking/blocked-clients';
import { persistenceOf } from '../persistence/persistence';
import { PropagationBlock } from '../dispatch/propagation-block';
import type { Server } from '../server';
import { CountedErrorReply, errorTableReply, fieldTable, luaToReply, oneLine } from './convert';
import { REPL } from './redis-api';
import type { RunContext } from './script-call';

/** What a handler returns when its script went on in the background: the reply comes later. */
export const DEFERRED_REPLY = new SimpleString('');

const SUSPENDED = Symbol('suspended');
/** Steps of resumable Lua between two looks at the clock. */
const HOOK_STEPS = 10_000;
/** Once busy, how long the script runs before letting the event loop answer others (ms). */
const BUSY_SLICE_MS = 20;

/** The run in progress (one at a time per server) and how it started. */
export interface ActiveRun {
  readonly ctx: RunContext;
  readonly startedAt: number;
  /** Busy: the script went past the threshold and yields to the event loop. */
  busy: boolean;
}

export class ScriptRunner {
  active: ActiveRun | null = null;

  constructor(
    private readonly server: Server,
    private readonly lua: LuaState,
    private readonly tostring: LuaFunction,
    /** `@user_script` / `@user_function`. */
    private readonly source: string,
  ) {}

  /**
   * Runs `fn(...args)` for `ctx`. Returns the reply, or DEFERRED_REPLY when the script keeps
   * running past busy-reply-threshold (the caller's input is held until it replies).
   */
  run(ctx: RunContext, fn: LuaFunction, args: LuaValue[]): Reply {
    const server = this.server;
    // Effects: the script's writes propagate as one block (none under REPL_NONE); inside EXEC they
    // join the transaction's block.
    const propagation = new PropagationBlock(server, { skip: () => ctx.repl === REPL.NONE, nested: ctx.caller.flags.multi });
    const active: ActiveRun = { ctx, startedAt: performance.now(), busy: false };
    // Only a connected client outside MULTI can wait: scripts in EXEC, from a master or the AOF never yield.
    const caller = ctx.caller;
    const mayYield = server.clients.get(caller.id) === caller && !caller.flags.multi && !caller.flags.master;
    const threshold = server.config.int('busy-reply-threshold');
    let sliceStart = active.startedAt;
    this.lua.setHook(HOOK_STEPS, () => {
      if (ctx.killed) {
        // Raised at every step from now on, so a pcall in the script cannot swallow it.
        this.lua.setHook(1, () => this.killError());
        this.killError();
      }
      if (!mayYield) return 'continue';
      const now = performance.now();
      if (!active.busy) return now - active.startedAt >= threshold ? 'suspend' : 'continue';
      return now - sliceStart >= BUSY_SLICE_MS ? 'suspend' : 'continue';
    });
    this.active = active;
    const handle = this.lua.start(fn, ...args);
    // Keys expire against the script's start time for its whole run, slices included (finish releases it).
    server.store.fixScriptTime();
    const first = this.step(ctx, handle, propagation);
    if (first !== SUSPENDED) return first;
    active.busy = true;
    server.busy = true;
    caller.postponed ??= [];
    caller.pauseReading();
    const resume = (): void => {
      if (server.shuttingDown) {
        handle.cancel();
        this.finish(propagation);
        return;
      }
      sliceStart = performance.now();
      const reply = this.step(ctx, handle, propagation);
      if (reply === SUSPENDED) {
        setImmediate(resume);
        return;
      }
      if (reply instanceof ErrorReply && !(reply instanceof CountedErrorReply)) server.countError(reply.message);
      caller.reply(reply);
      handleClientsBlockedOnKeys(server);
      caller.resume();
      persistenceOf(server).flushReplies(caller);
    };
    setImmediate(resume);
    return DEFERRED_REPLY;
  }

  /** Resumes the script once; SUSPENDED while it is not finished. */
  private step(ctx: RunContext, handle: ResumableRun, propagation: PropagationBlock): Reply | typeof SUSPENDED {
    let suspended = false;
    try {
      const r = handle.resume();
      if (!r.done) {
        suspended = true;
        return SUSPENDED;
      }
      return luaToReply(r.values[0], ctx.client.resp);
    } catch (e) {
      return this.errorReply(ctx, e);
    } finally {
      // Also when errorReply rethrows a bug: the run must not stay active with time fixed.
      if (!suspended) this.finish(propagation);
    }
  }

  private finish(propagation: PropagationBlock): void {
    this.lua.clearHook();
    this.active = null;
    this.server.busy = false;
    this.server.store.releaseScriptTime();
    propagation.end();
  }

  /** Redis 7.0 names SCRIPT KILL in this error even for FUNCTION KILL. */
  private killError(): never {
    throw new LuaError(fieldTable('err', 'ERR Script killed by user with SCRIPT KILL...'));
  }

  /** An uncaught Lua error as Redis replies it: `<err> script: <name>, on @user_script:<line>.` */
  private errorReply(ctx: RunContext, e: unknown): ErrorReply {
    if (!(e instanceof LuaError)) throw e;
    const v = e.value;
    const line = errorLine(e.luaTraceback, this.source.slice(1));
    const where = line === null ? '' : ` script: ${ctx.name}, on ${this.source}:${line}.`;
    if (!(v instanceof LuaTable)) return new ErrorReply(oneLine(`ERR ${this.renderValue(v)}${where}`));
    const err = v.getStr('err');
    return errorTableReply(v, oneLine((typeof err === 'string' ? err : '(null)') + where));
  }

  private renderValue(v: LuaValue): string {
    if (typeof v === 'string') return v;
    return String(this.lua.call(this.tostring, v)[0]);
  }
}

/** The line of the innermost Lua frame of `chunk` in a traceback (Redis's error handler). */
function errorLine(traceback: string | undefined, chunk: string): string | null {
  if (traceback === undefined) return null;
  for (const frame of traceback.split('\n\t').slice(1)) {
    if (frame.startsWith('[C]')) continue;
    if (!frame.startsWith(chunk + ':')) return null;
    const end = frame.indexOf(':', chunk.length + 1);
    return frame.slice(chunk.length + 1, end);
  }
  return null;
}
