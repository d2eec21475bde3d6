// A C stdio FILE over node's synchronous fs calls: read-ahead and write buffers, one logical
// position for files opened for update (r+, w+, a+), setvbuf modes. System call failures are
// thrown as SysError; the io library turns them into `nil, message, errno` results.
import { closeSync, fstatSync, readSync, writeSync } from 'node:fs';
import { strtod } from './number';
import { SysError } from './errno';

const CHUNK = 65536;
/** Characters a number may span: read-ahead this far before parsing one (`*n`). */
const NUMBER_LOOKAHEAD = 200;

/** Files with buffered writes, flushed when the process exits (as C's exit() does). */
const unflushed = new Set<CFile>();
let exitHookInstalled = false;

export interface CFileOptions {
  fd: number | null;
  readable: boolean;
  writable: boolean;
  /** Regular files: reads and writes at an explicit offset (streams and pipes have none). */
  seekable: boolean;
  /** 'a' modes: every write goes to the end. */
  append?: boolean;
  /** Where writes go instead of a descriptor (the host's stdout, a popen'd command's input). */
  sink?: (s: string) => void;
  /** Content to read instead of a descriptor (a popen'd command's output). */
  content?: string;
  /** Runs after the descriptor is closed (popen 'w' starts its command here). */
  onClose?: () => void;
  buffering?: 'no' | 'full' | 'line';
}

export class CFile {
  closed = false;
  buffering: 'no' | 'full' | 'line';
  readonly readable: boolean;
  readonly writable: boolean;
  readonly seekable: boolean;
  private readonly fd: number | null;
  private readonly opts: CFileOptions;
  /** Offset of the next physical read/write (seekable files). */
  private fpos = 0;
  /** Read-ahead: rbuf[rpos..] is unread input. */
  private rbuf = '';
  private rpos = 0;
  private eof = false;
  private wbuf: string[] = [];
  private wsize = 0;

  constructor(opts: CFileOptions) {
    this.opts = opts;
    this.fd = opts.fd;
    this.readable = opts.readable;
    this.writable = opts.writable;
    this.seekable = opts.seekable;
    this.buffering = opts.buffering ?? 'full';
    if (opts.content !== undefined) {
      this.rbuf = opts.content;
      this.eof = true;
    }
  }

  // ---- reading ----

  /** Reads more input into rbuf; false at end of file. */
  private fill(): boolean {
    if (this.eof || this.fd === null) return false;
    const b = Buffer.allocUnsafe(CHUNK);
    let n: number;
    for (;;) {
      try {
        n = readSync(this.fd, b, 0, CHUNK, this.seekable ? this.fpos : null);
        break;
      } catch (e) {
        // A non-blocking stdin: wait for input rather than report a spurious error.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        else throw SysError.from(e);
      }
    }
    if (n === 0) {
      // Streams (a terminal) may deliver more after an end of file; files stay at the end.
      if (this.seekable) this.eof = true;
      return false;
    }
    this.fpos += n;
    this.rbuf = this.rbuf.slice(this.rpos) + b.toString('latin1', 0, n);
    this.rpos = 0;
    return true;
  }

  private beforeRead(): void {
    if (!this.readable) throw SysError.of('EBADF');
    if (this.wsize > 0) this.flush();
  }

  private take(n: number): string {
    const s = this.rbuf.slice(this.rpos, this.rpos + n);
    this.rpos += s.length;
    return s;
  }

  /** `*l`: a line without its newline; undefined at end of file. */
  readLine(): string | undefined {
    this.beforeRead();
    let scanFrom = this.rpos;
    for (;;) {
      const nl = this.rbuf.indexOf('\n', scanFrom);
      if (nl >= 0) {
        const line = this.rbuf.slice(this.rpos, nl);
        this.rpos = nl + 1;
        return line;
      }
      const scanned = this.rbuf.length - this.rpos;
      if (!this.fill()) return scanned > 0 ? this.take(Infinity) : undefined;
      scanFrom = this.rpos + scanned;
    }
  }

  /** A count: up to n bytes; undefined at end of file. */
  readChars(n: number): string | undefined {
    this.beforeRead();
    while (this.rbuf.length - this.rpos < n && this.fill());
    const s = this.take(n);
    return s.length > 0 ? s : undefined;
  }

  /** `*a`: the rest of the file ('' at end of file). */
  readAll(): string {
    this.beforeRead();
    while (this.fill());
    return this.take(Infinity);
  }

  /** read(0): '' unless at end of file. */
  testEof(): string | undefined {
    this.beforeRead();
    return this.rpos < this.rbuf.length || this.fill() ? '' : undefined;
  }

  /** `*n`: fscanf("%lf"): skips white space, then the longest number prefix (strtod). */
  readNumber(): number | undefined {
    this.beforeRead();
    for (;;) {
      while (this.rpos < this.rbuf.length && /\s/.test(this.rbuf[this.rpos])) this.rpos++;
      if (this.rpos < this.rbuf.length || !this.fill()) break;
    }
    while (this.rbuf.length - this.rpos < NUMBER_LOOKAHEAD && this.fill());
    const r = strtod(this.rbuf, this.rpos);
    if (r === null) return undefined;
    this.rpos = r[1];
    return r[0];
  }

  // ---- writing ----

  write(s: string): void {
    if (!this.writable) throw SysError.of('EBADF');
    if (this.rpos < this.rbuf.length || this.rbuf !== '') this.dropReadAhead();
    this.wbuf.push(s);
    this.wsize += s.length;
    // A sink buffers on its own side (the host's stdout keeps print and io.write in order).
    if (this.opts.sink !== undefined || this.buffering === 'no' || this.wsize >= CHUNK || (this.buffering === 'line' && s.includes('\n'))) this.flush();
    else if (!unflushed.has(this)) trackUnflushed(this);
  }

  flush(): void {
    if (this.wsize === 0) return;
    const data = this.wbuf.join('');
    this.wbuf = [];
    this.wsize = 0;
    unflushed.delete(this);
    if (this.opts.sink) {
      this.opts.sink(data);
      return;
    }
    const buf = Buffer.from(data, 'latin1');
    try {
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd!, buf, off, buf.length - off, this.seekable && !this.opts.append ? this.fpos + off : null);
      if (this.opts.append) this.fpos = fstatSync(this.fd!).size;
      else if (this.seekable) this.fpos += buf.length;
    } catch (e) {
      throw SysError.from(e);
    }
  }

  // ---- positioning ----

  /** The logical position (pending writes and unread read-ahead accounted for). */
  private tell(): number {
    return this.fpos - (this.rbuf.length - this.rpos) + this.wsize;
  }

  private dropReadAhead(): void {
    this.fpos = this.tell();
    this.rbuf = '';
    this.rpos = 0;
    this.eof = false;
  }

  /** fseek + ftell; whence is 'set', 'cur' or 'end'. */
  seek(whence: 'set' | 'cur' | 'end', offset: number): number {
    if (!this.seekable) throw SysError.of('ESPIPE');
    this.flush();
    let base = 0;
    if (whence === 'cur') base = this.tell();
    else if (whence === 'end') base = fstatSync(this.fd!).size;
    const target = base + offset;
    if (target < 0) throw SysError.of('EINVAL');
    this.rbuf = '';
    this.rpos = 0;
    this.eof = false;
    this.fpos = target;
    return target;
  }

  close(): void {
    this.flush();
    this.closed = true;
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch (e) {
        throw SysError.from(e);
      }
    }
    this.opts.onClose?.();
  }
}

let stdin: CFile | null = null;

/** The process's stdin: one read-ahead buffer shared by every state (C has one `stdin`). */
export function processStdin(): CFile {
  return (stdin ??= new CFile({ fd: 0, readable: true, writable: false, seekable: false }));
}

function trackUnflushed(f: CFile): void {
  unflushed.add(f);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const file of unflushed) {
      try {
        file.flush();
      } catch {
        // Nothing can report it any more (C's exit() ignores it too).
      }
    }
  });
}
