// io library (liolib.c): file handles are userdata over CFile (file.ts) whose metatable is also
// their method table, with __gc (close) and __tostring; failures return `nil, msg, errno`.
import { openSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY } from '../runtime/call';
import { luaError } from '../runtime/errors';
import { childProcess, os } from '../runtime/lazy-node';
import { LuaTable } from '../runtime/table';
import { addressOf, LuaUserdata, toStr, type LuaValue } from '../runtime/value';
import { formatNumber } from './format';
import { CFile, processStdin } from './file';
import { SysError } from './errno';
import { argError, checkAny, checkNumber, checkString, methodArgError, native, optString, register, typeError, type Lib } from './lib';

/** fopen's mode string → node open flags (undefined: EINVAL, as glibc). */
function openFlags(mode: string): { flags: string; readable: boolean; writable: boolean; append: boolean } | undefined {
  const kind = mode[0];
  if (kind !== 'r' && kind !== 'w' && kind !== 'a') return undefined;
  const update = mode.slice(1).includes('+');
  return {
    flags: kind + (update ? '+' : ''),
    readable: kind === 'r' || update,
    writable: kind !== 'r' || update,
    append: kind === 'a',
  };
}

function openFile(name: string, mode: string): CFile {
  const m = openFlags(mode);
  if (m === undefined) throw SysError.of('EINVAL');
  let fd: number;
  try {
    fd = openSync(name, m.flags);
  } catch (e) {
    throw SysError.from(e);
  }
  return new CFile({ fd, readable: m.readable, writable: m.writable, seekable: true, append: m.append });
}

/** Runs a CFile operation; a system call failure becomes the `nil, msg, errno` result. */
function attempt(op: () => unknown, name?: string): unknown {
  try {
    return op();
  } catch (e) {
    if (e instanceof SysError) return e.result(name);
    throw e;
  }
}

/** g_read: formats `*n *l *a` (and `*N…` prefixes) or byte counts; stops at the first failure. */
function readFormats(f: CFile, fmts: LuaValue[], badArg: typeof argError): unknown {
  if (fmts.length === 0) return f.readLine();
  const out: LuaValue[] = [];
  for (let i = 0; i < fmts.length; i++) {
    const fmt = fmts[i];
    let v: LuaValue;
    if (typeof fmt === 'number') {
      const n = Math.trunc(fmt);
      v = n === 0 ? f.testEof() : f.readChars(n < 0 ? Infinity : n);
    } else {
      const p = toStr(fmt);
      if (p === undefined || p[0] !== '*') badArg(i + 1, 'read', 'invalid option');
      if (p[1] === 'n') v = f.readNumber();
      else if (p[1] === 'l') v = f.readLine();
      else if (p[1] === 'a') v = f.readAll();
      else badArg(i + 1, 'read', 'invalid format');
    }
    out.push(v);
    if (v === undefined) break;
  }
  return out;
}

/** g_write: numbers as `%.14g`, strings as they are; `true` when all went out. */
function writeValues(f: CFile, values: LuaValue[]): unknown {
  return attempt(() => {
    values.forEach((v, i) => f.write(typeof v === 'number' ? formatNumber(v) : checkString(v, i + 1, 'write')));
    return true;
  });
}

export function openIo(G: LuaTable, write: (s: string) => void): void {
  /** The `FILE*` metatable: methods, __index (itself), __gc, __tostring. */
  const meta = new LuaTable();
  const handle = (f: CFile): LuaUserdata => new LuaUserdata(f, meta);
  const std = new Set<CFile>();
  const stdFile = (f: CFile): LuaUserdata => {
    std.add(f);
    return handle(f);
  };
  const stdin = stdFile(processStdin());
  const stdout = stdFile(new CFile({ fd: null, readable: false, writable: true, seekable: false, sink: write, buffering: 'no' }));
  const stderr = stdFile(new CFile({ fd: 2, readable: false, writable: true, seekable: false, buffering: 'no' }));
  let input = stdin;
  let output = stdout;

  /** tofile: a `FILE*` argument that is still open. */
  const toFile = (v: LuaValue, fname: string, nargs: number): CFile => {
    if (!(v instanceof LuaUserdata) || v.mt !== meta) typeError(1, fname, 'FILE*', v, nargs);
    const f = v.data as CFile;
    if (f.closed) luaError('attempt to use a closed file');
    return f;
  };
  /** getiofile: the default input or output, which must be open. */
  const ioFile = (u: LuaUserdata, which: 'input' | 'output'): CFile => {
    const f = u.data as CFile;
    if (f.closed) luaError(`standard ${which} file is closed`);
    return f;
  };
  const close = (f: CFile): unknown => {
    if (std.has(f)) return [undefined, 'cannot close standard file'];
    return attempt(() => {
      f.close();
      return true;
    });
  };
  /** The iterator of file:lines() and io.lines(): io.lines closes the file at its end. */
  const lines = (f: CFile, closeAtEof: boolean) =>
    native(function lines() {
      if (f.closed) luaError('file is already closed');
      let line: string | undefined;
      try {
        line = f.readLine();
      } catch (e) {
        if (e instanceof SysError) luaError(e.text);
        throw e;
      }
      if (line !== undefined) return line;
      if (closeAtEof) f.close();
      return EMPTY;
    });
  /** io.input / io.output: set from a file name (opened with `mode`) or a handle; get. */
  const setDefault = (a: LuaValue[], fname: string, mode: string, current: LuaUserdata): LuaUserdata => {
    const v = a[0];
    if (v === undefined) return current;
    const name = toStr(v);
    if (name === undefined) {
      toFile(v, fname, a.length);
      return v as LuaUserdata;
    }
    try {
      return handle(openFile(name, mode));
    } catch (e) {
      if (e instanceof SysError) argError(1, fname, `${name}: ${e.text}`);
      throw e;
    }
  };

  const methods: Lib = {
    close(...a) {
      // Called with no file, PUC's method finds nil where io.close finds the default output.
      return close(toFile(a[0], 'close', Infinity));
    },
    flush(...a) {
      const f = toFile(a[0], 'flush', a.length);
      return attempt(() => {
        f.flush();
        return true;
      });
    },
    lines(...a) {
      return lines(toFile(a[0], 'lines', a.length), false);
    },
    read(...a) {
      const f = toFile(a[0], 'read', a.length);
      return attempt(() => readFormats(f, a.slice(1), methodArgError));
    },
    seek(...a) {
      const f = toFile(a[0], 'seek', a.length);
      const whence = optString(a[1], 1, 'seek', 'cur');
      if (whence !== 'set' && whence !== 'cur' && whence !== 'end') methodArgError(1, 'seek', `invalid option '${whence}'`);
      const offset = a[2] === undefined ? 0 : Math.trunc(checkNumber(a[2], 2, 'seek'));
      return attempt(() => f.seek(whence, offset));
    },
    setvbuf(...a) {
      const f = toFile(a[0], 'setvbuf', a.length);
      const mode = checkString(a[1], 1, 'setvbuf', a.length - 1);
      if (mode !== 'no' && mode !== 'full' && mode !== 'line') methodArgError(1, 'setvbuf', `invalid option '${mode}'`);
      return attempt(() => {
        f.flush();
        f.buffering = mode;
        return true;
      });
    },
    write(...a) {
      return writeValues(toFile(a[0], 'write', a.length), a.slice(1));
    },
    __gc(u) {
      const f = (u as LuaUserdata).data as CFile;
      if (!f.closed && !std.has(f)) attempt(() => f.close());
      return EMPTY;
    },
    __tostring(u) {
      const f = (u as LuaUserdata).data as CFile;
      return f.closed ? 'file (closed)' : `file (${addressOf(u as LuaUserdata)})`;
    },
  };
  register(meta, methods);
  meta.setStr('__index', meta);

  const lib: Lib = {
    close(...a) {
      return close(a.length === 0 ? ioFile(output, 'output') : toFile(a[0], 'close', a.length));
    },
    flush() {
      const f = ioFile(output, 'output');
      return attempt(() => {
        f.flush();
        return true;
      });
    },
    input(...a) {
      input = setDefault(a, 'input', 'r', input);
      return input;
    },
    output(...a) {
      output = setDefault(a, 'output', 'w', output);
      return output;
    },
    lines(...a) {
      if (a[0] === undefined) return lines(toFile(input, 'lines', 1), false);
      const name = checkString(a[0], 1, 'lines');
      try {
        return lines(openFile(name, 'r'), true);
      } catch (e) {
        if (e instanceof SysError) argError(1, 'lines', `${name}: ${e.text}`);
        throw e;
      }
    },
    open(...a) {
      const name = checkString(a[0], 1, 'open', a.length);
      const mode = optString(a[1], 2, 'open', 'r');
      return attempt(() => handle(openFile(name, mode)), name);
    },
    popen(...a) {
      const cmd = checkString(a[0], 1, 'popen', a.length);
      const mode = optString(a[1], 2, 'popen', 'r');
      if (mode[0] === 'w') {
        // The command runs when the pipe is closed, with everything written as its input.
        const input: string[] = [];
        return handle(new CFile({
          fd: null, readable: false, writable: true, seekable: false,
          sink: (s) => input.push(s),
          onClose: () => void runShell(cmd, input.join(''), 'inherit'),
        }));
      }
      return handle(new CFile({ fd: null, readable: true, writable: false, seekable: false, content: runShell(cmd, '', 'pipe') }));
    },
    read(...a) {
      const f = ioFile(input, 'input');
      return attempt(() => readFormats(f, a, argError));
    },
    tmpfile() {
      const path = join(os().tmpdir(), `lua_${process.pid}_${Math.random().toString(36).slice(2)}`);
      return attempt(() => {
        const f = openFile(path, 'w+');
        unlinkSync(path); // like tmpfile(3): gone once closed
        return handle(f);
      });
    },
    type(...a) {
      checkAny(a.length, 1, 'type');
      const v = a[0];
      if (!(v instanceof LuaUserdata) || v.mt !== meta) return undefined;
      return (v.data as CFile).closed ? 'closed file' : 'file';
    },
    write(...a) {
      return writeValues(ioFile(output, 'output'), a);
    },
  };
  const io = register(new LuaTable(), lib);
  io.setStr('stdin', stdin);
  io.setStr('stdout', stdout);
  io.setStr('stderr', stderr);
  G.setStr('io', io);
}

/** popen's command through /bin/sh: its output (read mode), whatever its exit status. */
function runShell(cmd: string, input: string, out: 'pipe' | 'inherit'): string {
  try {
    const r = childProcess().execSync(cmd, { input: Buffer.from(input, 'latin1'), stdio: ['pipe', out, 'inherit'], shell: '/bin/sh' });
    return r ? r.toString('latin1') : '';
  } catch (e) {
    const stdout = (e as { stdout?: Buffer | null }).stdout;
    return stdout ? stdout.toString('latin1') : '';
  }
}
