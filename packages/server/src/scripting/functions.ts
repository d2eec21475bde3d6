// Redis Functions (function_lua.c + functions.c): libraries loaded with FUNCTION LOAD run their
// top level once, under a restricted environment offering only redis.register_function, redis.log
// and the version fields; the functions they register then run under the full (read-only)
// globals, through the same runner as EVAL scripts.
import { ErrorReply, type Reply } from '@ferrous/resp';
import { LuaError, LuaSyntaxError, LuaTable, type LuaFunction, type LuaValue } from '@ferrous/lua-vm';
import type { Client } from '../client';
import { RedisError } from '../errors';
import type { Server } from '../server';
import { fieldTable, stringTable } from './convert';
import { createLuaEnv, protectGlobals, protectRecursively, type LuaEnv } from './lua-env';
import { installCommonApi, installRunApi } from './redis-api';
import { ScriptRunner } from './runner';
import type { Scripting } from './scripting';
import { isScriptFlag, type ScriptFlag } from './shebang';

export interface FunctionInfo {
  readonly name: string;
  readonly fn: LuaFunction;
  readonly description: string | null;
  readonly flags: Set<ScriptFlag>;
  readonly library: Library;
}

export interface Library {
  readonly name: string;
  readonly code: string;
  /** By lower-cased name: function names are case-insensitive (library names are not). */
  readonly functions: Map<string, FunctionInfo>;
}

/** FUNCTION LOAD's time budget for a library's top level (Redis's LOAD_TIMEOUT_MS). */
const LOAD_TIMEOUT_MS = 500;
const NAME_RULE = 'Library names can only contain letters, numbers, or underscores(_) and must be at least one character long';
const validName = (s: string): boolean => /^[A-Za-z0-9_]+$/.test(s);

export class FunctionEngine {
  readonly env: LuaEnv;
  readonly runner: ScriptRunner;
  readonly libraries = new Map<string, Library>();
  /** Every library's functions, by lower-cased name. */
  readonly functions = new Map<string, FunctionInfo>();
  /** Every library's code runs with this table as its globals; its metatable's __index switches between the load API and the real globals. */
  private readonly libraryGlobals = new LuaTable();
  private readonly loadApi = new LuaTable();
  /** The library being loaded (redis.register_function adds to it). */
  private loading: Library | null = null;

  constructor(
    server: Server,
    private readonly scripting: Scripting,
  ) {
    const env = (this.env = createLuaEnv(scripting.random));
    const G = env.lua.globals;
    G.setStr('__redis__err__handler', undefined);
    installCommonApi(env.redis, server);
    installRunApi(env.redis, () => scripting.runContext());
    for (const name of ['replicate_commands', 'breakpoint', 'debug']) env.redis.setStr(name, undefined);
    protectGlobals(env);
    const loadRedis = new LuaTable();
    installCommonApi(loadRedis, server);
    loadRedis.setStr('register_function', (...a: LuaValue[]) => this.registerFunction(a));
    this.loadApi.setStr('redis', loadRedis);
    const missing = G.mt!;
    loadRedis.mt = missing;
    this.loadApi.mt = missing;
    protectRecursively(this.loadApi, new Set());
    const mt = new LuaTable();
    mt.setStr('__index', G);
    this.libraryGlobals.mt = mt;
    this.libraryGlobals.readonly = true;
    mt.readonly = true;
    this.runner = new ScriptRunner(server, env.lua, env.tostring, '@user_function');
  }

  /** FUNCTION LOAD: compiles and runs the library, then installs it. Returns its name. */
  load(code: string, replace: boolean): string {
    const lib = this.create(code, replace ? 'replace' : 'append');
    this.install(lib);
    return lib.name;
  }

  /** Builds a library from its code without installing it; `policy` says what an existing name means. */
  create(code: string, policy: 'append' | 'replace', against: Map<string, Library> = this.libraries, taken: Map<string, FunctionInfo> = this.functions): Library {
    const name = libraryName(code);
    if (against.has(name) && policy === 'append') throw new RedisError(`ERR Library '${name}' already exists`);
    let chunk: LuaFunction;
    try {
      chunk = this.env.lua.load(code.slice(code.indexOf('\n')), '@user_function');
    } catch (e) {
      if (e instanceof LuaSyntaxError) throw new RedisError(`ERR Error compiling function: ${e.message}`);
      throw e;
    }
    const lib: Library = { name, code, functions: new Map() };
    this.runLibraryCode(chunk, lib);
    if (lib.functions.size === 0) throw new RedisError('ERR No functions registered');
    const replaced = against.get(name);
    for (const [key, f] of lib.functions) {
      const existing = taken.get(key);
      if (existing !== undefined && existing.library !== replaced) throw new RedisError(`ERR Function ${f.name} already exists`);
    }
    return lib;
  }

  /** Adds `lib`, replacing a library of the same name. */
  install(lib: Library): void {
    const old = this.libraries.get(lib.name);
    if (old !== undefined) for (const f of old.functions.keys()) this.functions.delete(f);
    this.libraries.set(lib.name, lib);
    for (const [n, f] of lib.functions) this.functions.set(n, f);
  }

  delete(name: string): void {
    const lib = this.libraries.get(name);
    if (lib === undefined) throw new RedisError('ERR Library not found');
    for (const f of lib.functions.keys()) this.functions.delete(f);
    this.libraries.delete(name);
  }

  flush(): void {
    this.libraries.clear();
    this.functions.clear();
  }

  /** FCALL / FCALL_RO once the function and key count are validated. */
  call(caller: Client, argv: string[], f: FunctionInfo, keys: string[], args: string[], ro: boolean): Reply {
    const ctx = this.scripting.prepare(caller, argv, f.name, { declared: true, flags: f.flags }, ro, false);
    if (ctx instanceof ErrorReply) return ctx;
    return this.scripting.start(this.runner, ctx, f.fn, [stringTable(keys), stringTable(args)]);
  }

  /** Runs a library's top level under the load API, with Redis's load timeout. */
  private runLibraryCode(chunk: LuaFunction, lib: Library): void {
    const lua = this.env.lua;
    lua.call(this.env.setfenv, chunk, this.libraryGlobals);
    const mt = this.libraryGlobals.mt!;
    mt.setStr('__index', this.loadApi);
    this.loading = lib;
    const started = performance.now();
    lua.setHook(10_000, () => {
      if (performance.now() - started > LOAD_TIMEOUT_MS) throw new LuaError(fieldTable('err', 'ERR FUNCTION LOAD timeout'));
      return 'continue';
    });
    try {
      const run = lua.start(chunk);
      run.resume();
    } catch (e) {
      if (!(e instanceof LuaError)) throw e;
      const v = e.value;
      const msg = v instanceof LuaTable ? String(v.getStr('err')) : `ERR ${typeof v === 'string' ? v : String(lua.call(this.env.tostring, v)[0])}`;
      throw new RedisError(`ERR Error registering functions: ${msg}`);
    } finally {
      lua.clearHook();
      this.loading = null;
      mt.setStr('__index', lua.globals);
    }
  }

  /** redis.register_function(name, callback) or redis.register_function{function_name=…, callback=…, flags=…, description=…}. */
  private registerFunction(a: LuaValue[]): void {
    const lib = this.loading;
    if (lib === null) fail('redis.register_function can only be called on FUNCTION LOAD command');
    if (a.length < 1 || a.length > 2) fail('wrong number of arguments to redis.register_function');
    let name: string | undefined;
    let fn: LuaFunction | undefined;
    let description: string | null = null;
    const flags = new Set<ScriptFlag>();
    if (a.length === 1) {
      const t = a[0];
      if (!(t instanceof LuaTable)) fail('calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).');
      for (let k = t.next(undefined); k !== undefined; k = t.next(k)) {
        const v = t.nextValue;
        if (typeof k !== 'string' && typeof k !== 'number') fail('named argument key given to redis.register_function is not a string');
        const key = String(k).toLowerCase();
        if (key === 'function_name') {
          name = luaString(v);
          if (name === undefined) fail('function_name argument given to redis.register_function must be a string');
        } else if (key === 'description') {
          const d = luaString(v);
          if (d === undefined) fail('description argument given to redis.register_function must be a string');
          description = d;
        } else if (key === 'callback') {
          if (typeof v !== 'function') fail('callback argument given to redis.register_function must be a function');
          fn = v as LuaFunction;
        } else if (key === 'flags') {
          if (!(v instanceof LuaTable)) fail('flags argument to redis.register_function must be a table representing function flags');
          for (let i = 1; ; i++) {
            const f = v.getInt(i);
            if (f === undefined) break;
            if (typeof f !== 'string' || !isScriptFlag(f)) fail('unknown flag given');
            flags.add(f);
          }
        } else {
          fail('unknown argument given to redis.register_function');
        }
      }
      if (name === undefined) fail('redis.register_function must get a function name argument');
      if (fn === undefined) fail('redis.register_function must get a callback argument');
    } else {
      name = luaString(a[0]);
      if (name === undefined) fail('first argument to redis.register_function must be a string');
      if (typeof a[1] !== 'function') fail('second argument to redis.register_function must be a function');
      fn = a[1] as LuaFunction;
    }
    if (!validName(name)) fail(NAME_RULE);
    const key = name.toLowerCase();
    if (lib.functions.has(key)) fail('Function already exists in the library');
    lib.functions.set(key, { name, fn, description, flags, library: lib });
  }
}

/** lua_isstring + tostring: strings, and numbers as Lua prints them. */
function luaString(v: LuaValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function fail(message: string): never {
  throw new LuaError(fieldTable('err', `ERR ${message}`));
}

/** functionExtractLibMetaData: `#!<engine> name=<lib>` on the first line. */
export function libraryName(code: string): string {
  if (!code.startsWith('#!')) throw new RedisError('ERR Missing library metadata');
  const end = code.indexOf('\n');
  if (end < 0) throw new RedisError('ERR Invalid library metadata');
  const parts = code.slice(0, end).split(/[ \t\r\n\v\f]+/).filter((p) => p !== '');
  if (parts.length === 0) throw new RedisError('ERR Invalid library metadata');
  const engine = parts[0].slice(2);
  let name: string | undefined;
  for (const part of parts.slice(1)) {
    if (part.slice(0, 5).toLowerCase() !== 'name=') throw new RedisError(`ERR Invalid metadata value given: ${part}`);
    if (name !== undefined) throw new RedisError('ERR Invalid metadata value, name argument was given multiple times');
    name = part.slice(5);
  }
  if (name === undefined) throw new RedisError('ERR Library name was not given');
  if (engine.toUpperCase() !== 'LUA') throw new RedisError(`ERR Engine '${engine}' not found`);
  if (!validName(name)) throw new RedisError(`ERR ${NAME_RULE}`);
  return name;
}
