// ferrous-lua: lua5.1's command line (lua.c): `[options] [script [args]]` with -e -l -i -v - --,
// LUA_INIT, the `arg` table, exit status and error reports as lua5.1 prints them. The process
// around it (streams, exit code) is cli.ts's.
import { formatNumber, LuaError, LuaState, LuaSyntaxError, LuaTable, type LuaFunction, type LuaValue } from './index';

const PROGNAME = 'ferrous-lua';

/** stdout through one buffer: print-heavy programs must not pay a syscall per line. */
class Output {
  private parts: string[] = [];
  private size = 0;
  constructor(readonly host: CliHost) {}
  write = (s: string): void => {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) this.flush();
  };
  flush(): void {
    if (this.size === 0) return;
    const data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.host.write(1, data);
  }
}

/** lua.c's report(): `progname: message` on stderr; a nil error prints nothing. */
function report(out: Output, e: unknown, progname = `${PROGNAME}: `): void {
  const host = out.host;
  out.flush();
  let msg: string;
  if (e instanceof LuaError) {
    const v = e.value;
    if (v === undefined) return;
    // Only string (and number) errors get a traceback, as lua.c's traceback handler does.
    if (typeof v === 'string' || typeof v === 'number') {
      msg = typeof v === 'string' ? v : formatNumber(v);
      if (e.luaTraceback && !(e instanceof LuaSyntaxError)) msg += '\n' + e.luaTraceback;
    } else {
      msg = '(error object is not a string)';
    }
  } else {
    msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  host.write(2, `${progname}${msg}\n`);
}

const VERSION = 'Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio';

/** Runs one step of lua.c (a chunk, a -e, a -l); false when it failed (already reported). */
function attempt(out: Output, step: () => void): boolean {
  try {
    step();
    return true;
  } catch (e) {
    report(out, e);
    return false;
  }
}

interface Options {
  /** Index of the script in argv, or -1 for none; -2 for invalid arguments (usage). */
  script: number;
  interactive: boolean;
  version: boolean;
  execute: boolean;
}

/** collectargs: options up to the script; `-i` implies `-v`; `-e`/`-l` take the next argument. */
function collectArgs(argv: string[]): Options {
  const o: Options = { script: -1, interactive: false, version: false, execute: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a[0] !== '-') return { ...o, script: i };
    const opt = a[1] ?? '';
    if (opt === '') return { ...o, script: i };
    if (opt === '-') {
      if (a.length > 2) return { ...o, script: -2 };
      return { ...o, script: i + 1 < argv.length ? i + 1 : -1 };
    }
    if (opt === 'i' || opt === 'v') {
      if (a.length > 2) return { ...o, script: -2 };
      if (opt === 'i') o.interactive = true;
      o.version = true;
    } else if (opt === 'e' || opt === 'l') {
      if (opt === 'e') o.execute = true;
      if (a.length === 2 && ++i >= argv.length) return { ...o, script: -2 };
    } else {
      return { ...o, script: -2 };
    }
  }
  return o;
}

/** What the command line needs from its process (tests run it in-process with captured I/O). */
export interface CliHost {
  /** Writes bytes (latin1) to stdout (1) or stderr (2). */
  write(fd: 1 | 2, s: string): void;
  env: Record<string, string | undefined>;
  stdinIsTty(): boolean;
  /** The next line of stdin without its newline; undefined at its end. */
  readStdinLine(): string | undefined;
  /** The rest of stdin. */
  readStdinAll(): string;
  /** Registers a flush to run if Lua ends the process (os.exit). */
  onExit(flush: () => void): void;
}

/** Runs `ferrous-lua argv…` like lua5.1; returns the exit status. */
export function runCli(argv: string[], host: CliHost): number {
  const out = new Output(host);
  host.onExit(() => out.flush());
  const lua = new LuaState({ stdout: out.write });
  const ok = run(lua, out, argv);
  // lua_close: finalizers of live userdata (open files are flushed and closed).
  const closed = attempt(out, () => lua.close());
  out.flush();
  return ok && closed ? 0 : 1;
}

/** lua.c's pmain: LUA_INIT, options, -e/-l in order, the script, then -i or stdin. */
function run(lua: LuaState, out: Output, argv: string[]): boolean {
  const host = out.host;
  const init = host.env.LUA_INIT;
  if (init !== undefined) {
    const ok = attempt(out, () => void lua.call(init.startsWith('@') ? lua.loadFile(init.slice(1)) : lua.load(init, '=LUA_INIT')));
    if (!ok) return false;
  }
  const o = collectArgs(argv);
  if (o.script === -2) {
    host.write(2, usage());
    return false;
  }
  if (o.version) host.write(2, VERSION + '\n');
  const end = o.script >= 0 ? o.script : argv.length;
  for (let i = 0; i < end; i++) {
    const a = argv[i];
    if (a[1] !== 'e' && a[1] !== 'l') continue;
    const value = a.length > 2 ? a.slice(2) : argv[++i];
    const step = a[1] === 'e' ? () => void lua.execute(value, '=(command line)') : () => void lua.call(lua.getGlobal('require'), value);
    if (!attempt(out, step)) return false;
  }
  if (o.script >= 0) {
    // arg[0] is the script, arg[1..] its arguments, negative indices the interpreter and options.
    const arg = new LuaTable();
    arg.set(-o.script - 1, PROGNAME);
    argv.forEach((a, k) => arg.set(k - o.script, a));
    lua.setGlobal('arg', arg);
    const path = argv[o.script];
    const stdin = path === '-' && argv[o.script - 1] !== '--';
    const ok = attempt(out, () => void lua.call(stdin ? loadStdin(lua, host) : lua.loadFile(path), ...(argv.slice(o.script + 1) as LuaValue[])));
    if (!ok) return false;
  }
  if (o.interactive) {
    repl(lua, out);
  } else if (o.script < 0 && !o.execute && !o.version) {
    if (host.stdinIsTty()) {
      host.write(2, VERSION + '\n');
      repl(lua, out);
    } else {
      return attempt(out, () => void lua.call(loadStdin(lua, host)));
    }
  }
  return true;
}

/** luaL_loadfile(NULL): all of stdin as chunk `=stdin`. */
function loadStdin(lua: LuaState, host: CliHost): LuaFunction {
  return lua.load(host.readStdinAll(), '=stdin');
}

/**
 * -i: lua.c's dotty. Prompts `> ` (`>> ` inside an unfinished statement), `=expr` prints its
 * values, and errors are reported without the program name.
 */
function repl(lua: LuaState, out: Output): void {
  const host = out.host;
  const prompt = (p: string): void => {
    out.write(p);
    out.flush();
  };
  for (;;) {
    prompt('> ');
    let line = host.readStdinLine();
    if (line === undefined) break;
    let src = line.startsWith('=') ? 'return ' + line.slice(1) : line;
    let fn: LuaFunction | null = null;
    for (;;) {
      try {
        fn = lua.load(src, '=stdin');
        break;
      } catch (e) {
        // An unfinished statement continues on the next line (lua.c's incomplete()).
        if (e instanceof LuaError && /'<eof>'$/.test(String(e.value))) {
          prompt('>> ');
          line = host.readStdinLine();
          if (line === undefined) break; // end of input inside a statement: lua.c just stops
          src += '\n' + line;
          continue;
        }
        report(out, e, '');
        break;
      }
    }
    if (line === undefined) break;
    if (fn === null) continue;
    try {
      const values = lua.call(fn);
      if (values.length > 0) lua.call(lua.getGlobal('print'), ...values);
    } catch (e) {
      report(out, e, '');
    }
  }
  out.write('\n');
  out.flush();
}

/** print_usage, word for word. */
function usage(): string {
  return `usage: ${PROGNAME} [options] [script [args]].
Available options are:
  -e stat  execute string 'stat'
  -l name  require library 'name'
  -i       enter interactive mode after executing 'script'
  -v       show version information
  --       stop handling options
  -        execute stdin and stop handling options
`;
}
