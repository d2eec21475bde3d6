// A minimal io library: io.write/io.read on the process streams and io.stdout/io.stderr
// objects with :write (files are out of scope for the embedded VM).
import { readSync, writeSync } from 'node:fs';
import { EMPTY } from '../runtime/call';
import { LuaTable } from '../runtime/table';
import { LuaUserdata, type LuaValue } from '../runtime/value';
import { checkString, register, type Lib } from './lib';

let stdinBuf = '';
let stdinEof = false;

/** Reads more of stdin (synchronously); false at end of input. */
function fill(): boolean {
  if (stdinEof) return false;
  const b = Buffer.alloc(65536);
  let n: number;
  try {
    n = readSync(0, b, 0, b.length, null);
  } catch {
    n = 0;
  }
  if (n === 0) {
    stdinEof = true;
    return false;
  }
  stdinBuf += b.toString('latin1', 0, n);
  return true;
}

function readLine(): string | undefined {
  for (;;) {
    const i = stdinBuf.indexOf('\n');
    if (i >= 0) {
      const line = stdinBuf.slice(0, i);
      stdinBuf = stdinBuf.slice(i + 1);
      return line;
    }
    if (!fill()) {
      if (stdinBuf === '') return undefined;
      const line = stdinBuf;
      stdinBuf = '';
      return line;
    }
  }
}

function read(fmt: LuaValue): LuaValue {
  const f = fmt === undefined ? '*l' : typeof fmt === 'number' ? fmt : checkString(fmt, 1, 'read');
  if (typeof f === 'number') {
    while (stdinBuf.length < f && fill());
    if (stdinBuf.length === 0 && f > 0) return undefined;
    const s = stdinBuf.slice(0, f);
    stdinBuf = stdinBuf.slice(f);
    return s;
  }
  if (f.startsWith('*a')) {
    while (fill());
    const s = stdinBuf;
    stdinBuf = '';
    return s;
  }
  if (f.startsWith('*n')) {
    while (!/\S/.test(stdinBuf) && fill());
    const m = /^\s*[-+]?(0x[0-9a-f]+|\d*\.?\d*(e[-+]?\d+)?)/i.exec(stdinBuf);
    if (!m || m[0].trim() === '') return undefined;
    stdinBuf = stdinBuf.slice(m[0].length);
    return Number(m[0]);
  }
  return readLine();
}

export function openIo(G: LuaTable, write: (s: string) => void): void {
  const toText = (v: LuaValue, i: number): string => checkString(v, i, 'write');
  const fileMeta = new LuaTable();
  const stdout = new LuaUserdata('stdout');
  const stderr = new LuaUserdata('stderr');
  stdout.mt = fileMeta;
  stderr.mt = fileMeta;
  const methods: Lib = {
    write(...a) {
      const out = a.slice(1).map((v, i) => toText(v, i + 1)).join('');
      if (a[0] === stderr) writeSync(2, Buffer.from(out, 'latin1'));
      else write(out);
      return a[0];
    },
    read(...a) {
      return read(a[1]);
    },
    lines() {
      return () => readLine();
    },
    close() {
      return true;
    },
    flush(...a) {
      return a[0];
    },
    setvbuf() {
      return true;
    },
  };
  fileMeta.setStr('__index', register(new LuaTable(), methods));
  fileMeta.setStr('__tostring', (() => 'file (0x0)') as never);
  const lib: Lib = {
    write(...a) {
      write(a.map((v, i) => toText(v, i + 1)).join(''));
      return stdout;
    },
    read(...a) {
      return a.length === 0 ? read(undefined) : a.map((f) => read(f));
    },
    lines() {
      return () => readLine();
    },
    flush() {
      return EMPTY;
    },
  };
  const io = register(new LuaTable(), lib);
  io.setStr('stdout', stdout);
  io.setStr('stderr', stderr);
  G.setStr('io', io);
}
