// Reply and command encoder. Handlers return meaning (types.ts); this writes RESP2 or RESP3 per
// connection. Small replies are coalesced into shared chunks, hot ones copied from pre-encoded
// bytes, and large Buffers are passed through by reference, never copied.
import {
  AttributeReply,
  BigNumberReply,
  BooleanReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NullArrayReply,
  PushReply,
  SetReply,
  SimpleString,
  VerbatimReply,
  type ProtocolVersion,
  type Reply,
} from './types.js';

/** Size of the chunks small replies are coalesced into. */
const CHUNK_SIZE = 16 * 1024;
/** Buffers (values and raw messages) at least this long are handed on by reference. */
const PASS_THROUGH = 4 * 1024;

const CR = 13;
const LF = 10;

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const OK = bytes('+OK\r\n');
const QUEUED = bytes('+QUEUED\r\n');
const PONG = bytes('+PONG\r\n');
const NULL_BULK = bytes('$-1\r\n');
const NULL_ARRAY = bytes('*-1\r\n');
const NULL3 = bytes('_\r\n');
const EMPTY_ARRAY = bytes('*0\r\n');
const TRUE3 = bytes('#t\r\n');
const FALSE3 = bytes('#f\r\n');
/** `:n\r\n` for the small integers replies are made of most (counts, flags, lengths). */
const SMALL_INTEGERS = Array.from({ length: 1025 }, (_, i) => bytes(`:${i - 1}\r\n`));

/** Shared status replies: handlers may return these (any equal SimpleString works too). */
export const OK_REPLY = new SimpleString('OK');
export const QUEUED_REPLY = new SimpleString('QUEUED');
export const PONG_REPLY = new SimpleString('PONG');

/**
 * A client's pending output: replies of a pipeline are appended, then `flush()` hands the chunks
 * to one `socket.cork()`/`write()` batch. Chunks returned by `flush()` are never written again.
 */
export class ReplyBuffer {
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  private buf: Buffer = Buffer.allocUnsafe(0);
  /** buf[start, pos) holds encoded bytes not yet sealed into `chunks`. */
  private start = 0;
  private pos = 0;

  /** Bytes pending (for client-output-buffer-limit). */
  get size(): number {
    return this.chunkBytes + this.pos - this.start;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  append(reply: Reply, proto: ProtocolVersion): void {
    this.write(reply, proto);
  }

  /**
   * Appends an already encoded message, e.g. one pub/sub message shared by many subscribers.
   * Large ones are kept by reference; small ones are copied into the current chunk, which is
   * cheaper than one more write vector.
   */
  appendRaw(raw: Buffer): void {
    if (raw.length >= PASS_THROUGH) {
      this.seal();
      this.chunks.push(raw);
      this.chunkBytes += raw.length;
    } else {
      this.ensure(raw.length);
      this.pos += raw.copy(this.buf, this.pos);
    }
  }

  /** Everything pending, in order; the buffer is empty afterwards. */
  flush(): Buffer[] {
    this.seal();
    const chunks = this.chunks;
    this.chunks = [];
    this.chunkBytes = 0;
    return chunks;
  }

  private write(reply: Reply, proto: ProtocolVersion): void {
    if (typeof reply === 'string') {
      this.writeBulk(reply);
    } else if (typeof reply === 'number') {
      if (reply >= -1 && reply < 1024 && Number.isInteger(reply)) this.copy(SMALL_INTEGERS[reply + 1]!);
      else if (Number.isSafeInteger(reply)) this.writeInteger(reply);
      else this.writeLine(COLON, String(reply));
    } else if (reply === null) {
      this.copy(proto === 3 ? NULL3 : NULL_BULK);
    } else if (reply instanceof SimpleString) {
      const v = reply.value;
      if (v === 'OK') this.copy(OK);
      else if (v === 'QUEUED') this.copy(QUEUED);
      else if (v === 'PONG') this.copy(PONG);
      else this.writeLine(PLUS, singleLine(v));
    } else if (Array.isArray(reply)) {
      this.writeAggregate(STAR, reply, proto);
    } else if (reply instanceof Uint8Array) {
      this.writeBuffer(reply);
    } else if (typeof reply === 'bigint') {
      this.writeLine(COLON, reply.toString());
    } else if (reply instanceof ErrorReply) {
      this.writeLine(MINUS, singleLine(reply.message));
    } else if (reply instanceof NullArrayReply) {
      this.copy(proto === 3 ? NULL3 : NULL_ARRAY);
    } else if (reply instanceof MapReply) {
      if (proto === 3) this.writeAggregate(PERCENT, reply.entries, proto, reply.entries.length >> 1);
      else this.writeAggregate(STAR, reply.entries, proto);
    } else if (reply instanceof DoubleReply) {
      const text = reply.text ?? formatDouble(reply.value);
      if (proto === 3) this.writeLine(COMMA, text);
      else this.writeBulk(text);
    } else if (reply instanceof SetReply) {
      this.writeAggregate(proto === 3 ? TILDE : STAR, reply.items, proto);
    } else if (reply instanceof PushReply) {
      this.writeAggregate(proto === 3 ? GT : STAR, reply.items, proto);
    } else if (reply instanceof BooleanReply) {
      if (proto === 3) this.copy(reply.value ? TRUE3 : FALSE3);
      else this.copy(SMALL_INTEGERS[reply.value ? 2 : 1]!);
    } else if (reply instanceof BigNumberReply) {
      if (proto === 3) this.writeLine(LPAREN, reply.value.toString());
      else this.writeBulk(reply.value.toString());
    } else if (reply instanceof VerbatimReply) {
      if (proto === 3) this.writeBulk(`${reply.format}:${reply.text}`, EQUAL);
      else this.writeBulk(reply.text);
    } else if (reply instanceof AttributeReply) {
      if (proto === 3) this.writeAggregate(PIPE, reply.attributes, proto, reply.attributes.length >> 1);
      this.write(reply.reply, proto);
    } else {
      throw new TypeError(`not a reply: ${String(reply)}`);
    }
  }

  private writeAggregate(type: number, items: Reply[], proto: ProtocolVersion, count = items.length): void {
    if (count === 0 && type === STAR) this.copy(EMPTY_ARRAY);
    else this.writeLine(type, String(count));
    for (let i = 0; i < items.length; i++) this.write(items[i]!, proto);
  }

  /** `<type><text>\r\n`; text is latin1 with no CR/LF. */
  private writeLine(type: number, text: string): void {
    this.ensure(text.length + 3);
    const buf = this.buf;
    buf[this.pos++] = type;
    this.pos += text.length < 32 ? writeShort(buf, this.pos, text) : buf.latin1Write(text, this.pos);
    buf[this.pos++] = CR;
    buf[this.pos++] = LF;
  }

  /** `:<n>\r\n` for a safe integer, digits written in place (no String(n) per reply). */
  private writeInteger(n: number): void {
    this.ensure(24);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = COLON;
    if (n < 0) {
      buf[pos++] = MINUS;
      n = -n;
    }
    pos = writeDigits(buf, pos, n);
    buf[pos++] = CR;
    buf[pos++] = LF;
    this.pos = pos;
  }

  private writeBulk(text: string, type = DOLLAR): void {
    const len = text.length;
    this.ensure(len + 16);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = type;
    pos = writeDigits(buf, pos, len);
    buf[pos++] = CR;
    buf[pos++] = LF;
    pos += len < 32 ? writeShort(buf, pos, text) : buf.latin1Write(text, pos);
    buf[pos++] = CR;
    buf[pos++] = LF;
    this.pos = pos;
  }

  private writeBuffer(value: Uint8Array): void {
    const len = value.length;
    if (len < PASS_THROUGH) {
      this.ensure(len + 16);
      const buf = this.buf;
      buf[this.pos++] = DOLLAR;
      this.pos = writeDigits(buf, this.pos, len);
      buf[this.pos++] = CR;
      buf[this.pos++] = LF;
      buf.set(value, this.pos);
      this.pos += len;
      buf[this.pos++] = CR;
      buf[this.pos++] = LF;
      return;
    }
    this.writeLine(DOLLAR, String(len));
    this.seal();
    this.chunks.push(Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, len));
    this.chunkBytes += len;
    this.ensure(2);
    this.buf[this.pos++] = CR;
    this.buf[this.pos++] = LF;
  }

  private copy(encoded: Buffer): void {
    const len = encoded.length;
    if (this.buf.length - this.pos < len) this.ensure(len);
    const buf = this.buf;
    for (let i = 0; i < len; i++) buf[this.pos + i] = encoded[i]!;
    this.pos += len;
  }

  /** Makes room for `n` more bytes, starting a new chunk when the current one is full. */
  private ensure(n: number): void {
    if (this.buf.length - this.pos >= n) return;
    this.seal();
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_SIZE, n));
    this.start = 0;
    this.pos = 0;
  }

  private seal(): void {
    if (this.pos === this.start) return;
    this.chunks.push(this.buf.subarray(this.start, this.pos));
    this.chunkBytes += this.pos - this.start;
    this.start = this.pos;
  }
}

const DOLLAR = 36;
const STAR = 42;
const PLUS = 43;
const MINUS = 45;
const COLON = 58;
const COMMA = 44;
const LPAREN = 40;
const EQUAL = 61;
const PERCENT = 37;
const TILDE = 126;
const GT = 62;
const PIPE = 124;

/** Writes latin1 `text` at `pos` byte by byte (faster than a native call for short strings). */
function writeShort(buf: Buffer, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) buf[pos + i] = text.charCodeAt(i);
  return text.length;
}

/** Writes the decimal digits of a non-negative integer; returns the position after them. */
function writeDigits(buf: Buffer, pos: number, n: number): number {
  if (n < 10) {
    buf[pos] = 48 + n;
    return pos + 1;
  }
  let digits = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
  for (let i = pos + digits - 1; i >= pos; i--) {
    buf[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return pos + digits;
}

/** Status and error lines cannot carry CR/LF; Redis replaces them with spaces too. */
function singleLine(text: string): string {
  return text.includes('\r') || text.includes('\n') ? text.replace(/[\r\n]/g, ' ') : text;
}

const scratch = new ReplyBuffer();

/** Encodes one reply into one Buffer (which may share memory with other encoded replies). */
export function encodeReply(reply: Reply, proto: ProtocolVersion): Buffer {
  scratch.append(reply, proto);
  const chunks = scratch.flush();
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Encodes a command as a RESP array of bulk strings, as clients send it. */
export function encodeCommand(args: (string | Buffer)[]): Buffer {
  let size = 16;
  for (const arg of args) size += arg.length + 16;
  const buf = Buffer.allocUnsafe(size);
  buf[0] = STAR;
  let pos = writeDigits(buf, 1, args.length);
  buf[pos++] = CR;
  buf[pos++] = LF;
  for (const arg of args) {
    buf[pos++] = DOLLAR;
    pos = writeDigits(buf, pos, arg.length);
    buf[pos++] = CR;
    buf[pos++] = LF;
    if (typeof arg === 'string') pos += arg.length < 32 ? writeShort(buf, pos, arg) : buf.latin1Write(arg, pos);
    else pos += arg.copy(buf, pos);
    buf[pos++] = CR;
    buf[pos++] = LF;
  }
  return buf.subarray(0, pos);
}

/**
 * A double as Redis 7.0 prints it (`%.17g`): `1.1` -> `1.1000000000000001`, `1e+20`, `-0`,
 * `inf`/`-inf`, `nan`. Ties at the 18th digit round to even, as glibc's printf does.
 */
export function formatDouble(n: number): string {
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isNaN(n)) return 'nan';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // Integers below 1e17 print all their digits; beyond 2^53 String() would round them (found by fuzzing).
  if (Number.isInteger(n) && n < 1e17 && n > -1e17) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  const abs = Math.abs(n);
  const sci = abs.toExponential(16);
  const e = sci.indexOf('e');
  let digits = sci[0]! + sci.slice(2, e);
  const exp = Number(sci.slice(e + 1));
  // toExponential rounds exact ties up; printf rounds them to even. A tie shows as a final 5.
  if ((digits.charCodeAt(16) & 1) === 1 && abs.toExponential(17)[18] === '5') {
    const exact = abs.toExponential(100);
    if (/^50*e/.test(exact.slice(18))) digits = exact[0]! + exact.slice(2, 18);
  }
  const sign = n < 0 ? '-' : '';
  if (exp < -4 || exp >= 17) {
    const frac = stripZeros(digits.slice(1));
    const expText = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${digits[0]}${frac === '' ? '' : `.${frac}`}e${exp < 0 ? '-' : '+'}${expText}`;
  }
  if (exp >= 0) {
    const frac = stripZeros(digits.slice(exp + 1));
    return `${sign}${digits.slice(0, exp + 1)}${frac === '' ? '' : `.${frac}`}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${stripZeros(digits)}`;
}

function stripZeros(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 48) end--;
  return text.slice(0, end);
}
