// Per-server scripting state: the EVAL engine (one Lua state, the script cache keyed by SHA1,
// each body compiled once), the FUNCTION engine, the script client that runs their commands, and
// the run in progress (BUSY, SCRIPT KILL / FUNCTION KILL).
import net from 'node:net';
import { ErrorReply, type Reply } from '@ferrous/resp';
import { LuaSyntaxError, LuaTable, type LuaFunction, type LuaValue } from '@ferrous/lua-vm';
import { Client } from '../client';
import { RedisError, ServerError } from '../errors';
import type { Server } from '../server';
import { perServer } from '../per-server';
import { createLuaEnv, protectGlobals, type LuaEnv } from './lua-env';
import { stringTable } from './convert';
import { installCommonApi, installRunApi, sha1hex } from './redis-api';
import { ScriptRunner, type ActiveRun } from './runner';
import type { RunContext } from './script-call';
import { parseShebang, type ScriptFlags } from './shebang';
import { FunctionEngine } from './functions';
import { RedisRandom } from './redis-random';

export interface CachedScript {
  readonly body: string;
  readonly fn: LuaFunction;
  readonly flags: ScriptFlags;
}

const OOM_ERROR = "OOM command not allowed when used memory > 'maxmemory'.";
const BUSY_FUNCTION = 'BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.';

export class Scripting {
  readonly scripts = new Map<string, CachedScript>();
  /** Body → SHA1 of every cached script, so a repeated EVAL does not hash its body again. */
  private readonly shaByBody = new Map<string, string>();
  /** The `lua` client: commands of scripts run as this client (own db and protocol). */
  readonly client: Client;
  readonly functions: FunctionEngine;
  /** math.random's generator, shared by both engines like Redis's static one. */
  readonly random = new RedisRandom();
  private env!: LuaEnv;
  private runner!: ScriptRunner;

  constructor(private readonly server: Server) {
    this.client = new Client(server, new net.Socket(), 0);
    // MONITOR shows the script's commands as coming from `lua`.
    this.client.flags.unixSocket = false;
    (this.client as { addr: string }).addr = 'lua';
    this.client.isScript = true;
    // Blocking commands inside a script answer at once, as inside EXEC (CLIENT_DENY_BLOCKING).
    this.client.flags.multi = true;
    this.client.authenticated = true;
    this.resetEvalEngine();
    this.functions = new FunctionEngine(server, this);
  }

  /** A fresh EVAL Lua state (at startup and on SCRIPT FLUSH, which also resets cjson's settings). */
  private resetEvalEngine(): void {
    this.env = createLuaEnv(this.random);
    installCommonApi(this.env.redis, this.server);
    installRunApi(this.env.redis, () => this.runContext());
    this.env.lua.globals.setStr('KEYS', new LuaTable());
    this.env.lua.globals.setStr('ARGV', new LuaTable());
    protectGlobals(this.env);
    this.runner = new ScriptRunner(this.server, this.env.lua, this.env.tostring, '@user_script');
  }

  /** The run in progress in either engine. */
  get active(): ActiveRun | null {
    return this.runner.active ?? this.functions.runner.active;
  }

  /** The BUSY error for the engine that is running (SCRIPT KILL vs FUNCTION KILL). */
  get busyError(): string {
    return this.active?.ctx.isEval === false ? BUSY_FUNCTION : ServerError.busy;
  }

  /** SCRIPT KILL (`isEval`) / FUNCTION KILL. */
  kill(isEval: boolean): void {
    const run = this.active;
    if (run === null || !run.busy) throw new RedisError('NOTBUSY No scripts in execution right now.');
    if (run.ctx.caller.flags.master) throw new RedisError('UNKILLABLE The busy script was sent by a master instance in the context of replication and cannot be killed.');
    if (run.ctx.wrote) {
      throw new RedisError('UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.');
    }
    if (isEval && !run.ctx.isEval) throw new RedisError(BUSY_FUNCTION);
    if (!isEval && run.ctx.isEval) throw new RedisError(ServerError.busy);
    run.ctx.killed = true;
  }

  /** Compiles and caches an EVAL body (SCRIPT LOAD, first EVAL); throws the compile error reply. */
  load(body: string, sha = sha1hex(body)): CachedScript {
    const cached = this.scripts.get(sha);
    if (cached !== undefined) return cached;
    const parsed = parseShebang(body);
    if (typeof parsed === 'string') throw new RedisError(parsed);
    let fn: LuaFunction;
    try {
      fn = this.env.lua.load(parsed.skip === 0 ? body : body.slice(parsed.skip), '@user_script');
    } catch (e) {
      if (e instanceof LuaSyntaxError) throw new RedisError(`ERR Error compiling script (new function): ${e.message}`);
      throw e;
    }
    const script = { body, fn, flags: parsed.flags };
    this.scripts.set(sha, script);
    this.shaByBody.set(body, sha);
    return script;
  }

  /** The SHA1 of an EVAL body (cached for the bodies in the script cache). */
  shaOf(body: string): string {
    return this.shaByBody.get(body) ?? sha1hex(body);
  }

  flush(): void {
    this.scripts.clear();
    this.shaByBody.clear();
    this.resetEvalEngine();
  }

  /** EVAL / EVALSHA (and *_RO) once the script is known. */
  eval(caller: Client, argv: string[], sha: string, script: CachedScript, keys: string[], args: string[], ro: boolean): Reply {
    const prepared = this.prepare(caller, argv, sha, script.flags, ro, true);
    if (prepared instanceof ErrorReply) return prepared;
    const G = this.env.lua.globals;
    G.setStr('KEYS', stringTable(keys));
    G.setStr('ARGV', stringTable(args));
    return this.start(this.runner, prepared, script.fn, []);
  }

  /**
   * scriptPrepareForRun: the checks a script's declared flags call for, then a fresh run
   * context on the script client (the caller's db and user, RESP2). Returns an error reply instead.
   */
  prepare(caller: Client, argv: string[], name: string, flags: ScriptFlags, ro: boolean, isEval: boolean): RunContext | ErrorReply {
    const server = this.server;
    const declared = flags.declared;
    const noWrites = declared && flags.flags.has('no-writes');
    const oom = server.maxmemoryEnabled && !server.store.evictIfNeeded();
    if (declared) {
      if (!noWrites && !flags.flags.has('allow-oom') && oom && !caller.flags.master) return new ErrorReply(OOM_ERROR);
      if (!noWrites && ro) return new ErrorReply('ERR Can not execute a script with write flag using *_ro command.');
    }
    const client = this.client;
    client.db = caller.db;
    client.resp = 2;
    client.user = caller.user;
    return {
      server,
      caller,
      argv,
      client,
      name,
      isEval,
      readOnly: ro || noWrites,
      allowOom: declared && flags.flags.has('allow-oom'),
      oomAtStart: oom,
      wrote: false,
      repl: 3,
      killed: false,
    };
  }

  /** Runs `fn` for `ctx` on `runner`; the caller's EVAL/FCALL itself is never propagated. */
  start(runner: ScriptRunner, ctx: RunContext, fn: LuaFunction, args: LuaValue[]): Reply {
    ctx.caller.propagateAs = () => null;
    return runner.run(ctx, fn, args);
  }

  /** The running script's context (the redis.* functions of either engine). */
  runContext(): RunContext {
    return this.active!.ctx;
  }
}

const states = perServer((server) => new Scripting(server));

export function scriptingOf(server: Server): Scripting {
  return states.of(server);
}

/** The BUSY error text while a script runs (processCommand). */
export function busyErrorOf(server: Server): string {
  return states.peek(server)?.busyError ?? ServerError.busy;
}


/** What INFO memory reports of scripts: cached EVAL scripts and loaded function libraries. */
export function scriptingStats(server: Server): { scripts: number; scriptBytes: number; libraries: number; functions: number; functionBytes: number } {
  const s = states.peek(server);
  if (s === undefined) return { scripts: 0, scriptBytes: 0, libraries: 0, functions: 0, functionBytes: 0 };
  let scriptBytes = 0;
  for (const [sha, script] of s.scripts) scriptBytes += sha.length + script.body.length;
  let functionBytes = 0;
  for (const lib of s.functions.libraries.values()) functionBytes += lib.name.length + lib.code.length;
  return { scripts: s.scripts.size, scriptBytes, libraries: s.functions.libraries.size, functions: s.functions.functions.size, functionBytes };
}

/** RDB FUNCTION2 records: every library's code (Redis saves functions with the dataset). */
export function functionSources(server: Server): string[] {
  const libraries = states.peek(server)?.functions.libraries;
  return libraries === undefined ? [] : [...libraries.values()].map((l) => l.code);
}

/** The libraries of a loaded RDB file replace the current ones (startup, DEBUG RELOAD, AOF preamble). */
export function loadFunctionSources(server: Server, codes: readonly string[]): void {
  if (codes.length === 0 && states.peek(server) === undefined) return;
  const engine = scriptingOf(server).functions;
  engine.flush();
  for (const code of codes) engine.install(engine.create(code, 'append'));
}
