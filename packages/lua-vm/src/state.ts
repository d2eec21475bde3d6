// LuaState: the embedding API — globals, loading, calling, JS↔Lua values, hooks, read-only tables.
import { readFileSync } from 'node:fs';
import { compileChunk } from './compiler/load';
import { keepLibrariesFast } from './runtime/access';
import { HOOK, mr, yieldAcrossError } from './runtime/call';
import { newCtx, setCtx, type Ctx, type Hook } from './runtime/context';
import { formatTraceback, luaFrames, LuaError, nativeNames, toLuaError } from './runtime/errors';
import { finalizeAll, hasPendingFinalizers, runFinalizers } from './runtime/finalizer';
import { LuaTable } from './runtime/table';
import type { LuaFunction, LuaValue } from './runtime/value';
import { openBase, openPackage, type Host } from './stdlib/base';
import { openBit } from './stdlib/bit';
import { openCoroutine } from './stdlib/coroutine';
import { openDebug } from './stdlib/debug';
import { recordChunk, undumpSource } from './stdlib/dump';
import { SysError } from './stdlib/errno';
import { openIo } from './stdlib/io';
import { openMath } from './stdlib/math';
import { openOs } from './stdlib/os';
import { openString } from './stdlib/string';
import { openTable } from './stdlib/table';

export interface LuaStateOptions {
  /** Where print/io.write go (latin1 byte strings). Default: process.stdout. */
  stdout?: (s: string) => void;
  /** Libraries to open; default all. */
  libs?: ('base' | 'coroutine' | 'string' | 'table' | 'math' | 'os' | 'io' | 'debug')[];
}

/** A JS function callable from Lua: receives Lua values, returns one value or an array of them. */
export type JsFunction = (...args: LuaValue[]) => LuaValue | LuaValue[] | void;

/** A resumable run (see LuaState.start): step it until `done`. */
export interface ResumableRun {
  /** Runs until the chunk finishes or the hook asks to suspend. */
  resume(): { done: true; values: LuaValue[] } | { done: false };
  /** Abandons a suspended run. */
  cancel(): void;
}

export class LuaState {
  readonly globals = new LuaTable();
  readonly ctx: Ctx = newCtx();
  private readonly host: Host;

  constructor(options: LuaStateOptions = {}) {
    const write = options.stdout ?? ((s: string) => process.stdout.write(Buffer.from(s, 'latin1')));
    this.host = {
      globals: this.globals,
      load: (source, chunkname) => this.load(source, chunkname),
      write,
      readFile: (path) => readFileSync(path, 'latin1'),
      loadFile: (path) => this.loadFile(path),
    };
    const libs = new Set(options.libs ?? ['base', 'coroutine', 'string', 'table', 'math', 'os', 'io', 'debug']);
    const prev = setCtx(this.ctx);
    try {
      if (libs.has('base')) openBase(this.host);
      if (libs.has('coroutine')) openCoroutine(this.globals);
      if (libs.has('string')) openString(this.globals, this.ctx);
      if (libs.has('table')) openTable(this.globals);
      if (libs.has('math')) openMath(this.globals);
      if (libs.has('os')) openOs(this.globals);
      if (libs.has('io')) openIo(this.globals, write);
      if (libs.has('debug')) openDebug(this.globals, (source, chunkname) => this.load(source, chunkname));
      if (libs.has('base')) {
        openPackage(this.host);
        // `require 'bit'` finds LuaBitOp, as it does for lua5.1 with lua-bitop installed.
        const preload = (this.globals.getStr('package') as LuaTable).getStr('preload') as LuaTable;
        // Like luaL_register, loading it also sets the global `bit`.
        preload.setStr('bit', (() => {
          openBit(this.globals);
          return this.globals.getStr('bit');
        }) as LuaFunction);
      }
      keepLibrariesFast(this.globals);
    } finally {
      setCtx(prev);
    }
  }

  /** Compiles a chunk; throws LuaSyntaxError. `chunkname` as in lua_load (`=name`, `@file`, or source). */
  load(source: string, chunkname: string = source): LuaFunction {
    if (source.charCodeAt(0) === 27) {
      // A binary chunk: string.dump output (see stdlib/dump.ts).
      const d = undumpSource(source);
      const main = this.load(d.source, d.chunkname);
      return d.returnsFunction ? (this.call(main)[0] as LuaFunction) : main;
    }
    const main = compileChunk(source, chunkname, this.globals, this.ctx);
    recordChunk(main, source, chunkname);
    return main;
  }

  /**
   * luaL_loadfile: compiles a file as chunk `@path` (stdin as `=stdin` when `path` is undefined).
   * Throws LuaError with lua5.1's text (`cannot open x.lua: No such file or directory`).
   */
  loadFile(path?: string): LuaFunction {
    let source: string;
    try {
      source = readFileSync(path ?? 0, 'latin1');
    } catch (e) {
      const what = (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'read' : 'open';
      throw new LuaError(`cannot ${what} ${path ?? 'stdin'}: ${SysError.from(e).text}`);
    }
    return this.load(source, path === undefined ? '=stdin' : '@' + path);
  }

  /** Calls a Lua value with arguments; returns all results. Throws LuaError. */
  call(fn: LuaValue, ...args: LuaValue[]): LuaValue[] {
    const prev = setCtx(this.ctx);
    const depth = this.ctx.tcDepth;
    try {
      if (typeof fn !== 'function') throw new LuaError(`attempt to call a ${fn === undefined ? 'nil' : typeof fn} value`);
      // __gc of userdata the JS GC collected since the last call (see runtime/finalizer.ts).
      if (hasPendingFinalizers()) runFinalizers();
      return this.enterLua(fn as LuaFunction, args);
    } catch (e) {
      this.ctx.tcDepth = depth;
      throw this.withTraceback(e);
    } finally {
      setCtx(prev);
    }
  }

  /** The host→Lua boundary; stack walks stop at this frame's name. */
  private enterLua(fn: LuaFunction, args: LuaValue[]): LuaValue[] {
    return [...mr(fn(...args))];
  }

  /**
   * lua_close: runs the `__gc` of every userdata of this state that is still alive (newest
   * first; open files are flushed and closed). The state stays usable.
   */
  close(): void {
    const prev = setCtx(this.ctx);
    try {
      finalizeAll(this.ctx);
    } catch (e) {
      throw this.withTraceback(e);
    } finally {
      setCtx(prev);
    }
  }

  /** Loads and runs a chunk. */
  execute(source: string, chunkname: string = source): LuaValue[] {
    return this.call(this.load(source, chunkname));
  }

  /**
   * Starts `fn` as a resumable run: it executes its resumable twin, which counts steps and,
   * when the hook callback returns 'suspend', returns control from resume() to the caller.
   */
  start(fn: LuaFunction, ...args: LuaValue[]): ResumableRun {
    const twin = fn.G;
    if (!twin) {
      let result: LuaValue[] | null = null;
      return {
        resume: () => ({ done: true, values: (result ??= this.call(fn, ...args)) }),
        cancel: () => undefined,
      };
    }
    const gen = twin(...args);
    let finished = false;
    // The host→Lua boundary of a run; stack walks stop at its name (see errors.ts luaFrames).
    const enterRun = (): ReturnType<ResumableRun['resume']> => {
      if (finished) throw new Error('run already finished');
      const prev = setCtx(this.ctx);
      try {
        if (hasPendingFinalizers()) runFinalizers();
        let r = gen.next();
        for (;;) {
          if (r.done) {
            finished = true;
            return { done: true, values: [...mr(r.value)] };
          }
          // A coroutine.yield that reaches the top of a run has no coroutine to leave.
          if (r.value !== HOOK) r = gen.throw(yieldAcrossError());
          else return { done: false }; // the hook, run inside the Lua frame, asked to suspend
        }
      } catch (e) {
        finished = true;
        throw this.withTraceback(e);
      } finally {
        setCtx(prev);
      }
    };
    return {
      resume: enterRun,
      cancel: () => {
        finished = true;
        const prev = setCtx(this.ctx);
        try {
          gen.return(undefined); // unwinds the run's frames (coroutines it was inside end)
        } finally {
          setCtx(prev);
        }
      },
    };
  }

  /**
   * Installs a step hook: `callback` runs every `count` steps of resumable code (loop
   * iterations and calls). It may throw to abort, or return 'suspend' (see start()).
   */
  setHook(count: number, callback: Hook['callback']): void {
    this.ctx.hook = { count, callback };
    this.ctx.steps = count;
  }

  clearHook(): void {
    this.ctx.hook = null;
    this.ctx.steps = Number.MAX_SAFE_INTEGER;
  }

  getGlobal(name: string): LuaValue {
    return this.globals.get(name);
  }

  setGlobal(name: string, v: LuaValue): void {
    this.globals.set(name, v);
  }

  /**
   * Registers a JS function as a Lua global (or a field of `table`). Named JS functions count
   * as `[C]` levels for error positions and tracebacks, like the standard library's.
   */
  register(name: string, fn: JsFunction, table: LuaTable = this.globals): void {
    if (fn.name) nativeNames.add(fn.name);
    table.set(name, fn as LuaFunction);
  }

  /** Makes writes to `t` (rawset included) raise `Attempt to modify a readonly table`. */
  setReadOnly(t: LuaTable, readonly = true): void {
    t.readonly = readonly;
  }

  /** JS value → Lua value: arrays and plain objects become tables (recursively). */
  toLua(v: unknown): LuaValue {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'function') return v as LuaValue;
    if (typeof v === 'bigint') return Number(v);
    if (Buffer.isBuffer(v)) return v.toString('latin1');
    if (v instanceof LuaTable) return v;
    const t = new LuaTable();
    if (Array.isArray(v)) v.forEach((x, i) => t.set(i + 1, this.toLua(x)));
    else for (const [k, x] of Object.entries(v as object)) t.set(k, this.toLua(x));
    return t;
  }

  /** Lua value → JS: tables become arrays (sequences) or plain objects; nil → undefined. */
  fromLua(v: LuaValue): unknown {
    if (!(v instanceof LuaTable)) return v;
    const entries: [LuaValue, LuaValue][] = [];
    for (let k = v.next(undefined); k !== undefined; k = v.next(k)) entries.push([k, v.nextValue]);
    const n = v.length();
    if (entries.every(([k]) => typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= n)) {
      return Array.from({ length: n }, (_, i) => this.fromLua(v.get(i + 1)));
    }
    const o: Record<string, unknown> = {};
    for (const [k, x] of entries) o[String(k)] = this.fromLua(x);
    return o;
  }

  private withTraceback(e: unknown): LuaError {
    const le = toLuaError(e);
    if (le.luaTraceback === undefined && e instanceof Error) le.luaTraceback = formatTraceback(luaFrames(100, e));
    return le;
  }
}
