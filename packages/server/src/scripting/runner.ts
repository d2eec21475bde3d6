// Runs one script or function to completion: resumable execution with a step hook, so a script
// that outlives busy-reply-threshold yields to the event loop (other clients get BUSY, SCRIPT KILL
// and SHUTDOWN NOSAVE get through), Redis's error formatting, the result conversion, and effects
// propagation (the commands the script ran, wrapped in MULTI/EXEC when there are several).
import { ErrorReply, SimpleString, type Reply } from '@ferrous/resp';
import { LuaError, LuaTable, type LuaFunction, type LuaState, type LuaValue, type ResumableRun } from '@ferrous/lua-vm';
import { handleClientsBlockedOnKeys } from '../blocking/blocked-clients';
import { persistenceOf } from '../persistence/persistence';
import { propagatedArgv } from '../persistence/propagate-argv';
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
    const propagation = new EffectsPropagation(server, ctx);
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
    const first = this.step(ctx, handle, propagation);
    if (first !== SUSPENDED) return first;
    active.busy = true;
    server.busy = true;
    caller.postponed ??= [];
    caller.socket.pause();
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
  private step(ctx: RunContext, handle: ResumableRun, propagation: EffectsPropagation): Reply | typeof SUSPENDED {
    let reply: Reply;
    try {
      const r = handle.resume();
      if (!r.done) return SUSPENDED;
      reply = luaToReply(r.values[0], ctx.client.resp);
    } catch (e) {
      reply = this.errorReply(ctx, e);
    }
    this.finish(propagation);
    return reply;
  }

  private finish(propagation: EffectsPropagation): void {
    this.lua.clearHook();
    this.active = null;
    this.server.busy = false;
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

/**
 * Propagation by effects: while the script runs, the writes it makes are captured; one write goes
 * out as itself, several as MULTI … EXEC, none while redis.set_repl(REPL_NONE) is in force. Inside
 * EXEC they pass straight through: the transaction already wraps them.
 */
class EffectsPropagation {
  private readonly real: ((db: number, argv: string[]) => void) | undefined;
  private first: { db: number; argv: string[] } | null = null;
  private count = 0;
  private lastDb = 0;

  constructor(
    private readonly server: Server,
    ctx: RunContext,
  ) {
    const real = (this.real = server.hooks.propagate);
    if (real === undefined) return;
    const inExec = ctx.caller.flags.multi;
    server.hooks.propagate = (db, argv) => {
      if (ctx.repl === REPL.NONE) return;
      if (inExec) return real(db, argv);
      this.count++;
      this.lastDb = db;
      if (this.count === 1) {
        // Made absolute now: later commands of the script may change the key's TTL.
        this.first = { db, argv: propagatedArgv(server.store.db(db), argv) };
        return;
      }
      if (this.count === 2) {
        real(this.first!.db, ['MULTI']);
        real(this.first!.db, this.first!.argv);
      }
      real(db, argv);
    };
  }

  end(): void {
    const real = this.real;
    if (real === undefined) return;
    this.server.hooks.propagate = real;
    if (this.count === 1) real(this.first!.db, this.first!.argv);
    else if (this.count > 1) real(this.lastDb, ['EXEC']);
  }
}
