// Scripting: EVAL EVALSHA EVAL_RO EVALSHA_RO, SCRIPT …, FUNCTION …, FCALL FCALL_RO. The engine
// lives in ../scripting; these handlers parse arguments and reply as Redis 7.0 does.
import { MapReply, SetReply, SimpleString, type Reply } from '@ferrous/resp';
import { globMatch, parseInt64 } from '@ferrous/store';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { ErrorText, RedisError } from '../errors';
import { helpReply, OK } from '../reply';
import { scriptingOf } from '../scripting/scripting';
import { sha1hex } from '../scripting/redis-api';
import { dumpFunctions, restoreFunctions } from '../scripting/function-dump';
import { SCRIPT_FLAGS } from '../scripting/shebang';
import type { Library } from '../scripting/functions';

const NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.';

/** numkeys of EVAL-like commands; `badNumber` is the text for a non-integer. */
function numKeys(argv: string[], badNumber: string): number {
  const n = parseInt64(argv[2]);
  if (n === null) throw new RedisError(badNumber);
  if (n > BigInt(argv.length - 3)) throw new RedisError("ERR Number of keys can't be greater than number of args");
  if (n < 0n) throw new RedisError("ERR Number of keys can't be negative");
  return Number(n);
}

/** EVAL and FCALL are `skip_monitor`: MONITOR sees them before the commands they run. */
function feedMonitors(c: Client, argv: string[]): void {
  if (c.server.monitors.size > 0) c.server.feedMonitors(c, argv);
}

function evalGeneric(c: Client, argv: string[], bySha: boolean, ro: boolean): Reply {
  feedMonitors(c, argv);
  const n = numKeys(argv, ErrorText.notInteger);
  const scripting = scriptingOf(c.server);
  let sha: string;
  let script;
  if (bySha) {
    sha = argv[1].toLowerCase();
    script = sha.length === 40 ? scripting.scripts.get(sha) : undefined;
    if (script === undefined) throw new RedisError(NOSCRIPT);
  } else {
    sha = scripting.shaOf(argv[1]);
    script = scripting.load(argv[1], sha);
  }
  return scripting.eval(c, argv, sha, script, argv.slice(3, 3 + n), argv.slice(3 + n), ro);
}

function fcallGeneric(c: Client, argv: string[], ro: boolean): Reply {
  feedMonitors(c, argv);
  const engine = scriptingOf(c.server).functions;
  const f = engine.functions.get(argv[1].toLowerCase());
  if (f === undefined) throw new RedisError('ERR Function not found');
  const n = numKeys(argv, 'ERR Bad number of keys provided');
  return engine.call(c, argv, f, argv.slice(3, 3 + n), argv.slice(3 + n), ro);
}

/** EVAL-family key positions: numkeys at argv[2], keys after it. */
function evalKeys(argv: string[]): number[] {
  const n = Number(argv[2]);
  if (!Number.isInteger(n) || n < 0 || n > argv.length - 3) return [];
  return Array.from({ length: n }, (_, i) => 3 + i);
}

// ---- SCRIPT -------------------------------------------------------------------------------------

function scriptLoad(c: Client, argv: string[]): Reply {
  const sha = sha1hex(argv[2]);
  scriptingOf(c.server).load(argv[2], sha);
  return sha;
}

function scriptExists(c: Client, argv: string[]): Reply {
  const scripts = scriptingOf(c.server).scripts;
  return argv.slice(2).map((sha) => (scripts.has(sha.toLowerCase()) ? 1 : 0));
}

function flushMode(argv: string[], error: string): void {
  if (argv.length === 3 && ['sync', 'async'].includes(argv[2].toLowerCase())) return;
  if (argv.length !== 2) throw new RedisError(error);
}

function scriptFlush(c: Client, argv: string[]): Reply {
  flushMode(argv, 'ERR SCRIPT FLUSH only support SYNC|ASYNC option');
  scriptingOf(c.server).flush();
  return OK;
}

function scriptKill(c: Client): Reply {
  scriptingOf(c.server).kill(true);
  return OK;
}

function scriptDebug(c: Client, argv: string[]): Reply {
  // Replies of a pipeline's earlier commands are still pending (clientHasPendingReplies).
  if (c.outputSize > 0) throw new RedisError('ERR SCRIPT DEBUG must be called outside a pipeline');
  const mode = argv[2].toLowerCase();
  if (mode === 'no') return OK;
  if (mode === 'yes' || mode === 'sync') throw new RedisError('ERR The Lua debugger is not supported by this server');
  throw new RedisError('ERR Use SCRIPT DEBUG YES/SYNC/NO');
}

function scriptHelp(): Reply {
  return helpReply('script', [
    'DEBUG (YES|SYNC|NO)',
    '    Set the debug mode for subsequent scripts executed.',
    'EXISTS <sha1> [<sha1> ...]',
    '    Return information about the existence of the scripts in the script cache.',
    'FLUSH [ASYNC|SYNC]',
    '    Flush the Lua scripts cache. Very dangerous on replicas.',
    '    When called without the optional mode argument, the behavior is determined by the',
    '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
    '    * ASYNC: Asynchronously flush the scripts cache.',
    '    * SYNC: Synchronously flush the scripts cache.',
    'KILL',
    '    Kill the currently executing Lua script.',
    'LOAD <script>',
    '    Load a script into the scripts cache without executing it.',
  ]);
}

// ---- FUNCTION -----------------------------------------------------------------------------------

const syntaxError = (argv: string[]): RedisError =>
  new RedisError(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try ${argv[0].toUpperCase()} HELP.`);

function functionLoad(c: Client, argv: string[]): Reply {
  let replace = false;
  let i = 2;
  for (; i < argv.length - 1; i++) {
    if (argv[i].toLowerCase() !== 'replace') throw new RedisError(`ERR Unknown option given: ${argv[i]}`);
    replace = true;
  }
  if (i !== argv.length - 1) throw new RedisError('ERR Function code was not given');
  const name = scriptingOf(c.server).functions.load(argv[argv.length - 1], replace);
  c.server.dirty++;
  return name;
}

function functionDelete(c: Client, argv: string[]): Reply {
  scriptingOf(c.server).functions.delete(argv[2]);
  c.server.dirty++;
  return OK;
}

function functionFlush(c: Client, argv: string[]): Reply {
  if (argv.length > 3) throw syntaxError(argv);
  flushMode(argv, 'ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
  scriptingOf(c.server).functions.flush();
  c.server.dirty++;
  return OK;
}

function functionList(c: Client, argv: string[]): Reply {
  let withCode = false;
  let pattern: string | null = null;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i].toLowerCase();
    if (!withCode && arg === 'withcode') {
      withCode = true;
      continue;
    }
    if (pattern === null && arg === 'libraryname') {
      if (i >= argv.length - 1) throw new RedisError('ERR library name argument was not given');
      pattern = argv[++i];
      continue;
    }
    throw new RedisError(`ERR Unknown argument ${argv[i]}`);
  }
  const out: Reply[] = [];
  for (const lib of scriptingOf(c.server).functions.libraries.values()) {
    if (pattern !== null && !globMatch(pattern, lib.name, true)) continue;
    out.push(libraryReply(lib, withCode));
  }
  return out;
}

function libraryReply(lib: Library, withCode: boolean): Reply {
  const functions = [...lib.functions.values()].map(
    (f) => new MapReply(['name', f.name, 'description', f.description, 'flags', new SetReply(SCRIPT_FLAGS.filter((fl) => f.flags.has(fl)).map((fl) => new SimpleString(fl)))]),
  );
  const entries: Reply[] = ['library_name', lib.name, 'engine', 'LUA', 'functions', functions];
  if (withCode) entries.push('library_code', lib.code);
  return new MapReply(entries);
}

function functionDump(c: Client): Reply {
  return dumpFunctions([...scriptingOf(c.server).functions.libraries.values()].map((l) => l.code));
}

function functionRestore(c: Client, argv: string[]): Reply {
  if (argv.length > 4) throw syntaxError(argv);
  let policy: 'flush' | 'append' | 'replace' = 'append';
  if (argv.length === 4) {
    const p = argv[3].toLowerCase();
    if (p !== 'flush' && p !== 'append' && p !== 'replace') {
      throw new RedisError('ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.');
    }
    policy = p;
  }
  const engine = scriptingOf(c.server).functions;
  const codes = restoreFunctions(Buffer.from(argv[2], 'latin1'));
  // Everything is built (and checked) before anything is installed: a failing payload changes nothing.
  const fresh = new Map<string, Library>();
  const freshFunctions = new Map();
  for (const code of codes) {
    const lib = engine.create(code, 'append', fresh, freshFunctions);
    fresh.set(lib.name, lib);
    for (const [n, f] of lib.functions) freshFunctions.set(n, f);
  }
  if (policy === 'flush') engine.flush();
  else {
    for (const lib of fresh.values()) {
      if (engine.libraries.has(lib.name) && policy === 'append') throw new RedisError(`ERR Library ${lib.name} already exists`);
    }
    for (const lib of fresh.values()) {
      for (const f of lib.functions.keys()) {
        const existing = engine.functions.get(f);
        if (existing !== undefined && !(policy === 'replace' && existing.library.name === lib.name)) throw new RedisError(`ERR Function ${lib.functions.get(f)!.name} already exists`);
      }
    }
  }
  for (const lib of fresh.values()) engine.install(lib);
  c.server.dirty++;
  return OK;
}

function functionStats(c: Client): Reply {
  const scripting = scriptingOf(c.server);
  const engine = scripting.functions;
  const run = scripting.active;
  const running =
    run === null || !run.busy
      ? null
      : new MapReply(['name', run.ctx.name, 'command', run.ctx.argv, 'duration_ms', Math.floor(performance.now() - run.startedAt)]);
  return new MapReply([
    'running_script',
    running,
    'engines',
    new MapReply(['LUA', new MapReply(['libraries_count', engine.libraries.size, 'functions_count', engine.functions.size])]),
  ]);
}

function functionKill(c: Client): Reply {
  scriptingOf(c.server).kill(false);
  return OK;
}

function functionHelp(): Reply {
  return helpReply('function', [
    'LOAD [REPLACE] <FUNCTION CODE>',
    '    Create a new library with the given library name and code.',
    'DELETE <LIBRARY NAME>',
    '    Delete the given library.',
    'LIST [LIBRARYNAME PATTERN] [WITHCODE]',
    '    Return general information on all the libraries:',
    '    * Library name',
    '    * The engine used to run the Library',
    '    * Library description',
    '    * Functions list',
    '    * Library code (if WITHCODE is given)',
    '    It also possible to get only function that matches a pattern using LIBRARYNAME argument.',
    'STATS',
    '    Return information about the current function running:',
    '    * Function name',
    '    * Command used to run the function',
    '    * Duration in MS that the function is running',
    '    If no function is running, return nil',
    '    In addition, returns a list of available engines.',
    'KILL',
    '    Kill the current running function.',
    'FLUSH [ASYNC|SYNC]',
    '    Delete all the libraries.',
    '    When called without the optional mode argument, the behavior is determined by the',
    '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
    '    * ASYNC: Asynchronously flush the libraries.',
    '    * SYNC: Synchronously flush the libraries.',
    'DUMP',
    '    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command',
    'RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]',
    '    Restore the libraries represented by the given payload, it is possible to give a restore policy to',
    '    control how to handle existing libraries (default APPEND):',
    '    * FLUSH: delete all existing libraries.',
    '    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.',
    '    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old',
    '      libraries with the new libraries (notice that even on this option there is a chance of failure',
    '      in case of functions name collision with another library).',
  ]);
}

// ---- table --------------------------------------------------------------------------------------

const EVAL_FLAGS: CommandSpec['flags'] = ['noscript', 'stale', 'skip_monitor', 'no_mandatory_keys'];
const EVAL_RO_FLAGS: CommandSpec['flags'] = ['readonly', ...EVAL_FLAGS];
const SCRIPTING: CommandSpec['acl'] = ['scripting'];
const KEYS = { first: 0, last: 0, step: 0 };

export const scriptingCommands: CommandSpec[] = [
  { name: 'eval', arity: -3, flags: EVAL_FLAGS, keys: KEYS, getKeys: evalKeys, acl: SCRIPTING, summary: 'Execute a Lua script server side', since: '2.6.0', complexity: 'Depends on the script that is executed.', run: (c, a) => evalGeneric(c, a, false, false) },
  { name: 'evalsha', arity: -3, flags: EVAL_FLAGS, keys: KEYS, getKeys: evalKeys, acl: SCRIPTING, summary: 'Execute a Lua script server side', since: '2.6.0', complexity: 'Depends on the script that is executed.', run: (c, a) => evalGeneric(c, a, true, false) },
  { name: 'eval_ro', arity: -3, flags: EVAL_RO_FLAGS, keys: KEYS, getKeys: evalKeys, acl: SCRIPTING, summary: 'Execute a read-only Lua script server side', since: '7.0.0', complexity: 'Depends on the script that is executed.', run: (c, a) => evalGeneric(c, a, false, true) },
  { name: 'evalsha_ro', arity: -3, flags: EVAL_RO_FLAGS, keys: KEYS, getKeys: evalKeys, acl: SCRIPTING, summary: 'Execute a read-only Lua script server side', since: '7.0.0', complexity: 'Depends on the script that is executed.', run: (c, a) => evalGeneric(c, a, true, true) },
  { name: 'fcall', arity: -3, flags: EVAL_FLAGS, keys: KEYS, getKeys: evalKeys, acl: SCRIPTING, summary: 'Invoke a function', since: '7.0.0', complexity: 'Depends on the function that is executed.', run: (c, a) => fcallGeneric(c, a, false) },
  { name: 'fcall_ro', arity: -3, flags: EVAL_RO_FLAGS, keys: KEYS, getKeys: evalKeys, acl: SCRIPTING, summary: 'Invoke a read-only function', since: '7.0.0', complexity: 'Depends on the function that is executed.', run: (c, a) => fcallGeneric(c, a, true) },
  {
    name: 'script',
    arity: -2,
    flags: [],
    summary: 'A container for Lua scripts management commands',
    since: '2.6.0',
    subcommands: [
      { name: 'load', arity: 3, flags: ['noscript', 'stale'], acl: SCRIPTING, summary: 'Load the specified Lua script into the script cache.', since: '2.6.0', run: scriptLoad },
      { name: 'exists', arity: -3, flags: ['noscript'], acl: SCRIPTING, summary: 'Check existence of scripts in the script cache.', since: '2.6.0', run: scriptExists },
      { name: 'flush', arity: -2, flags: ['noscript'], acl: SCRIPTING, summary: 'Remove all the scripts from the script cache.', since: '2.6.0', run: scriptFlush },
      { name: 'kill', arity: 2, flags: ['noscript', 'allow_busy'], acl: SCRIPTING, summary: 'Kill the script currently in execution.', since: '2.6.0', run: scriptKill },
      { name: 'debug', arity: 3, flags: ['noscript'], acl: SCRIPTING, summary: 'Set the debug mode for executed scripts.', since: '3.2.0', run: scriptDebug },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], acl: SCRIPTING, summary: 'Show helpful text about the different subcommands', since: '5.0.0', run: scriptHelp },
    ],
  },
  {
    name: 'function',
    arity: -2,
    flags: [],
    summary: 'A container for function commands',
    since: '7.0.0',
    subcommands: [
      { name: 'load', arity: -3, flags: ['write', 'denyoom', 'noscript'], acl: SCRIPTING, summary: 'Create a function with the given arguments (name, code, description)', since: '7.0.0', run: functionLoad },
      { name: 'delete', arity: 3, flags: ['write', 'noscript'], acl: SCRIPTING, summary: 'Delete a function by name', since: '7.0.0', run: functionDelete },
      { name: 'flush', arity: -2, flags: ['write', 'noscript'], acl: SCRIPTING, summary: 'Deleting all functions', since: '7.0.0', run: functionFlush },
      { name: 'list', arity: -2, flags: ['noscript'], acl: SCRIPTING, summary: 'List information about all the functions', since: '7.0.0', run: functionList },
      { name: 'dump', arity: 2, flags: ['noscript'], acl: SCRIPTING, summary: 'Dump all functions into a serialized binary payload', since: '7.0.0', run: functionDump },
      { name: 'restore', arity: -3, flags: ['write', 'denyoom', 'noscript'], acl: SCRIPTING, summary: 'Restore all the functions on the given payload', since: '7.0.0', run: functionRestore },
      { name: 'stats', arity: 2, flags: ['noscript', 'allow_busy'], acl: SCRIPTING, summary: 'Return information about the function currently running (name, description, duration)', since: '7.0.0', run: functionStats },
      { name: 'kill', arity: 2, flags: ['noscript', 'allow_busy'], acl: SCRIPTING, summary: 'Kill the function currently in execution.', since: '7.0.0', run: functionKill },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], acl: SCRIPTING, summary: 'Show helpful text about the different subcommands', since: '7.0.0', run: functionHelp },
    ],
  },
];
