#!/usr/bin/env node
// ferrous-lua: a lua5.1-compatible command line (`script args…`, `-e stat`, `-l mod`, `-v`, `-`).
import { readFileSync, writeSync } from 'node:fs';
import { LuaError, LuaState, LuaTable, type LuaValue } from './index';

const PROGNAME = 'ferrous-lua';

/** stdout through one buffer: print-heavy programs must not pay a syscall per line. */
class Output {
  private parts: string[] = [];
  private size = 0;
  write = (s: string): void => {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) this.flush();
  };
  flush(): void {
    if (this.size === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'latin1');
    this.parts = [];
    this.size = 0;
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(1, buf, off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      }
    }
  }
}

function report(out: Output, e: unknown): void {
  out.flush();
  let msg: string;
  if (e instanceof LuaError) {
    const v = e.value;
    msg = typeof v === 'string' || typeof v === 'number' ? String(v) : e.message;
    if (e.luaTraceback) msg += '\n' + e.luaTraceback;
  } else {
    msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  writeSync(2, Buffer.from(`${PROGNAME}: ${msg}\n`, 'latin1'));
}

function main(argv: string[]): number {
  const out = new Output();
  process.on('exit', () => out.flush()); // os.exit() must not lose buffered output
  const lua = new LuaState({ stdout: out.write });
  let scriptIndex = -1;
  const actions: (() => void)[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-e') {
      const code = argv[++i];
      if (code === undefined) return usage(`'-e' needs argument`);
      actions.push(() => void lua.execute(code, '=(command line)'));
    } else if (a === '-l') {
      const mod = argv[++i];
      if (mod === undefined) return usage(`'-l' needs argument`);
      actions.push(() => void lua.call(lua.getGlobal('require'), mod));
    } else if (a === '-i') {
      actions.push(() => repl(lua, out));
    } else if (a === '-v') {
      out.write('Lua 5.1.5 (ferrous-lua)  Copyright (C) 1994-2012 Lua.org, PUC-Rio\n');
    } else if (a === '--') {
      i++;
      break;
    } else if (a === '-' || !a.startsWith('-')) {
      break;
    } else {
      return usage(`unrecognized option '${a}'`);
    }
  }
  if (i < argv.length) scriptIndex = i;
  if (scriptIndex >= 0) {
    // arg[0] is the script, arg[1..] its arguments, negative indices the interpreter and options.
    const arg = new LuaTable();
    arg.set(-scriptIndex - 1, PROGNAME);
    argv.forEach((a, k) => arg.set(k - scriptIndex, a));
    lua.setGlobal('arg', arg);
  }
  try {
    for (const act of actions) act();
    if (scriptIndex >= 0) {
      const path = argv[scriptIndex];
      const src = path === '-' ? readFileSync(0, 'latin1') : readFileSync(path, 'latin1');
      const fn = lua.load(src, path === '-' ? '=stdin' : `@${path}`);
      lua.call(fn, ...(argv.slice(scriptIndex + 1) as LuaValue[]));
    }
  } catch (e) {
    report(out, e);
    return 1;
  }
  out.flush();
  return 0;
}

/** -i: read-eval-print over stdin lines; `= expr` and plain expressions print their values. */
function repl(lua: LuaState, out: Output): void {
  const input = readFileSync(0, 'latin1').split('\n');
  let pending = '';
  for (const line of input) {
    const src = pending + line.replace(/^=/, 'return ');
    let fn;
    try {
      fn = lua.load(`return ${src}`, '=stdin');
    } catch {
      try {
        fn = lua.load(src, '=stdin');
      } catch (e) {
        // An unfinished statement continues on the next line, as lua.c's incomplete() does.
        if (e instanceof LuaError && /<eof>'$/.test(String(e.value))) {
          pending = src + '\n';
          continue;
        }
        report(out, e);
        pending = '';
        continue;
      }
    }
    pending = '';
    try {
      const values = lua.call(fn);
      if (values.length > 0) lua.call(lua.getGlobal('print'), ...values);
    } catch (e) {
      report(out, e);
    }
  }
  out.flush();
}

function usage(msg: string): number {
  writeSync(2, `${PROGNAME}: ${msg}\nusage: ${PROGNAME} [options] [script [args]].\n`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
