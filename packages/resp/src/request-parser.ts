// Server-side request parser: socket chunks in, one argv per command out, byte-compatible with
// Redis 7.0's processMultibulkBuffer/processInlineBuffer (same limits, same error texts).
// Invariant: `pending` only ever holds an incomplete header or inline line; bulk data is sliced
// out of the chunk it arrives in, so a large argument is never re-copied or preallocated.
import { expectedDollarError, PROTOCOL_ERRORS, ProtocolError } from './errors.js';
import { latin1 } from './latin1.js';

const CR = 13;
const LF = 10;
const STAR = 42;
const DOLLAR = 36;
/** Redis's PROTO_INLINE_MAX_SIZE: also bounds an unterminated `*`/`$` header. */
const INLINE_MAX = 64 * 1024;

export interface RequestParserOptions {
  /** proto-max-bulk-len: longest accepted argument. Default 512 MB. */
  maxBulkLen?: number;
  /** Most arguments in one multibulk request. Default INT_MAX, Redis 7.0's limit. */
  maxMultibulkLen?: number;
  /** Longest inline request line. Default 64 KB (PROTO_INLINE_MAX_SIZE). */
  maxInlineLen?: number;
}

export type CommandHandler = (argv: string[]) => void;

export class RequestParser {
  private readonly maxBulkLen: number;
  private readonly maxMultibulkLen: number;
  private readonly maxInlineLen: number;
  /** Unparsed bytes of an incomplete header or inline line. */
  private pending: Buffer | null = null;
  private argv: string[] = [];
  /** Arguments of the current request received so far (argv is preallocated to its count). */
  private argc = 0;
  private argvBytes = 0;
  /** Bulks still expected by the current multibulk request. */
  private remaining = 0;
  /** Length of the bulk being received across chunks; -1 while a `$` header is expected. */
  private bulkLen = -1;
  /** Data of that bulk received so far, and bytes of it (CRLF included) consumed. */
  private partial = '';
  private partialLen = 0;
  private error: ProtocolError | null = null;
  /** The previous request's argv[0]: a pipeline mostly repeats one command, and reusing the string
   *  saves an allocation and lets the command lookup use the hash V8 cached in it. */
  private lastName = '';

  constructor(options: RequestParserOptions = {}) {
    this.maxBulkLen = options.maxBulkLen ?? 512 * 1024 * 1024;
    this.maxMultibulkLen = options.maxMultibulkLen ?? 2147483647;
    this.maxInlineLen = options.maxInlineLen ?? INLINE_MAX;
  }

  /** Bytes held for an incomplete command (for client-query-buffer-limit). */
  get bufferedBytes(): number {
    return (this.pending === null ? 0 : this.pending.length) + this.argvBytes + this.partialLen;
  }

  /**
   * Parses `chunk`, calling `onCommand` for every complete command in order (an empty inline line
   * or `*0`/`*-1` is skipped like Redis does). Returns the protocol error on bad input; from then
   * on the parser returns that same error and parses nothing more.
   */
  feed(chunk: Buffer, onCommand: CommandHandler): ProtocolError | null {
    if (this.error !== null) return this.error;
    let pos = 0;
    if (this.bulkLen >= 0) {
      pos = this.continueBulk(chunk);
      if (this.bulkLen >= 0) return null;
      if (this.remaining === 0) this.emit(onCommand);
    } else if (this.pending !== null) {
      pos = this.joinPending(chunk, onCommand);
      if (pos < 0) return this.error;
      if (pos >= chunk.length) return null;
      if (this.bulkLen >= 0) return this.feed(chunk.subarray(pos), onCommand);
    }
    return this.parse(chunk, pos, chunk.length, onCommand) < 0 ? this.error : null;
  }

  /**
   * Finishes the line left incomplete by the last chunk without copying the new chunk: parses
   * `pending` plus a small head of `chunk` up to the first resumable point past the join.
   * Returns how much of `chunk` was consumed, or -1 after a protocol error.
   */
  private joinPending(chunk: Buffer, onCommand: CommandHandler): number {
    const pending = this.pending!;
    this.pending = null;
    for (let head = Math.min(chunk.length, 1024); ; head = Math.min(chunk.length, head * 8)) {
      const joined = Buffer.concat([pending, chunk.subarray(0, head)]);
      const reached = this.parse(joined, 0, pending.length, onCommand);
      if (reached < 0) return -1;
      // Still inside the pending line (a long inline request): retry with a longer head.
      if (this.pending === null || head === chunk.length) return reached - pending.length;
      this.pending = null;
    }
  }

  /**
   * Parses buf[pos, end) until the position passes `stop` at a resumable point (between
   * commands or arguments) or the bytes run out. Returns the position reached, or -1 after a
   * protocol error.
   */
  private parse(buf: Buffer, pos: number, stop: number, onCommand: CommandHandler): number {
    const end = buf.length;
    while (pos < stop) {
      if (this.remaining === 0) {
        if (buf[pos] !== STAR) {
          const next = this.parseInline(buf, pos, end, onCommand);
          if (next < 0) return next === WAIT ? this.wait(buf, pos) : -1;
          pos = next;
          continue;
        }
        // Fast path: `*<1-9 digits>\r` and one more byte.
        let count = pos + 11 < end ? buf[pos + 1]! - 48 : NaN;
        let p = pos + 2;
        if (count >= 1 && count <= 9) {
          let c = buf[p]!;
          while (c >= 48 && c <= 57 && p - pos < 10) {
            count = count * 10 + (c - 48);
            c = buf[++p]!;
          }
          if (c !== CR) count = NaN;
        } else {
          count = NaN;
        }
        if (count === count) {
          pos = p + 2;
        } else {
          const cr = findCR(buf, pos + 1, end);
          if (cr < 0) {
            if (end - pos > INLINE_MAX) return this.failAt(PROTOCOL_ERRORS.tooBigMbulkCountString);
            return this.wait(buf, pos);
          }
          // Like Redis, the byte after CR is skipped unchecked.
          if (cr + 1 >= end) return this.wait(buf, pos);
          count = parseLongLong(buf, pos + 1, cr);
          pos = cr + 2;
        }
        if (!(count <= this.maxMultibulkLen)) return this.failAt(PROTOCOL_ERRORS.invalidMultibulkLength);
        if (count <= 0) continue;
        this.remaining = count;
        // Sized once instead of grown by push; a huge announced count must not preallocate.
        if (count <= PREALLOC_MAX) this.argv = new Array<string>(count);
        if (pos >= stop) return pos;
      }
      while (this.remaining > 0) {
        let len: number;
        // Fast path: `$<digits>\r?` with a valid string2ll number of at most 15 digits.
        let p = pos + 1;
        let c = p + 16 < end ? buf[p]! : 0;
        if (c >= 49 && c <= 57 && buf[pos] === DOLLAR) {
          len = c - 48;
          c = buf[++p]!;
          while (c >= 48 && c <= 57 && p - pos < 16) {
            len = len * 10 + (c - 48);
            c = buf[++p]!;
          }
        } else {
          c = -1;
          len = 0;
        }
        if (c === CR) {
          if (len > this.maxBulkLen) return this.failAt(PROTOCOL_ERRORS.invalidBulkLength);
          pos = p + 2;
        } else {
          const cr = findCR(buf, pos, end);
          if (cr < 0) {
            if (end - pos > INLINE_MAX) return this.failAt(PROTOCOL_ERRORS.tooBigBulkCountString);
            return this.wait(buf, pos);
          }
          if (cr + 1 >= end) return this.wait(buf, pos);
          if (buf[pos] !== DOLLAR) return this.failAt(expectedDollarError(buf[pos]!));
          len = parseLongLong(buf, pos + 1, cr);
          if (!(len >= 0 && len <= this.maxBulkLen)) return this.failAt(PROTOCOL_ERRORS.invalidBulkLength);
          pos = cr + 2;
        }
        if (end - pos >= len + 2) {
          this.argv[this.argc] = this.argc === 0 ? this.commandName(buf, pos, len) : latin1(buf, pos, pos + len);
          this.argc++;
          this.argvBytes += len;
          pos += len + 2; // the two bytes after the data are skipped unchecked, as Redis does
          this.remaining--;
          if (pos >= stop && this.remaining > 0) return pos;
        } else {
          this.bulkLen = len;
          this.partial = buf.latin1Slice(pos, Math.min(end, pos + len));
          this.partialLen = end - pos;
          return end;
        }
      }
      this.emit(onCommand);
    }
    return pos;
  }

  /** argv[0] from buf[pos, pos + len): the previous request's name when the bytes are the same. */
  private commandName(buf: Buffer, pos: number, len: number): string {
    const last = this.lastName;
    if (len === last.length) {
      let i = 0;
      while (i < len && buf[pos + i] === last.charCodeAt(i)) i++;
      if (i === len) return last;
    }
    return len > 32 ? latin1(buf, pos, pos + len) : (this.lastName = latin1(buf, pos, pos + len));
  }

  /** Consumes the next part of a bulk that spans chunks; returns the position after it. */
  private continueBulk(chunk: Buffer): number {
    const need = this.bulkLen + 2 - this.partialLen;
    const dataLeft = Math.max(0, this.bulkLen - this.partialLen);
    if (chunk.length < need) {
      if (dataLeft > 0) this.partial += chunk.latin1Slice(0, Math.min(dataLeft, chunk.length));
      this.partialLen += chunk.length;
      return chunk.length;
    }
    const arg = dataLeft > 0 ? this.partial + chunk.latin1Slice(0, dataLeft) : this.partial;
    this.argv[this.argc++] = arg;
    this.argvBytes += this.bulkLen;
    this.partial = '';
    this.partialLen = 0;
    this.bulkLen = -1;
    this.remaining--;
    return need;
  }

  private emit(onCommand: CommandHandler): void {
    const argv = this.argv;
    this.argv = [];
    this.argc = 0;
    this.argvBytes = 0;
    onCommand(argv);
  }

  /** Parses one inline line; returns the position after it, WAIT, or FAILED. */
  private parseInline(buf: Buffer, pos: number, end: number, onCommand: CommandHandler): number {
    // strchr semantics again: a NUL before the LF means "no line yet".
    let nl = pos;
    while (nl < end) {
      const c = buf[nl];
      if (c === LF) break;
      if (c === 0) nl = end;
      else nl++;
    }
    if (nl >= end) {
      if (end - pos > this.maxInlineLen) {
        this.fail(PROTOCOL_ERRORS.tooBigInlineRequest);
        return FAILED;
      }
      return WAIT;
    }
    const lineEnd = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
    const argv = splitArgs(buf, pos, lineEnd);
    if (argv === null) {
      this.fail(PROTOCOL_ERRORS.unbalancedQuotes);
      return FAILED;
    }
    if (argv.length > 0) onCommand(argv);
    return nl + 1;
  }

  /** Keeps the incomplete line at `pos` for the next chunk; returns the end of `buf`. */
  private wait(buf: Buffer, pos: number): number {
    this.pending = buf.subarray(pos);
    return buf.length;
  }

  private failAt(message: string): number {
    this.fail(message);
    return -1;
  }

  private fail(message: string): ProtocolError {
    this.pending = null;
    this.argv = [];
    this.argc = 0;
    this.partial = '';
    this.error = new ProtocolError(message);
    return this.error;
  }
}

/** Largest argument count whose argv is preallocated from the `*<count>` header. */
const PREALLOC_MAX = 1024;
const WAIT = -1;
const FAILED = -2;

/**
 * Redis's `string2ll` over buf[start, end): optional `-`, no `+`, no leading zeros (so `-0` and
 * `01` are invalid), under 21 characters, within int64. Returns NaN when invalid. Values beyond
 * 2^53 lose precision, which is harmless: callers only compare them with limits.
 */
function parseLongLong(buf: Buffer, start: number, end: number): number {
  const len = end - start;
  if (len <= 0 || len >= 21) return NaN;
  let p = start;
  let c = buf[p]!;
  if (len === 1 && c === 48) return 0;
  const negative = c === 45;
  if (negative && ++p === end) return NaN;
  c = buf[p]!;
  if (c < 49 || c > 57) return NaN;
  let v = c - 48;
  for (p++; p < end; p++) {
    c = buf[p]!;
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  if (v >= 1e18) {
    // 19+ digits may overflow int64: check exactly (rare, so BigInt is fine here).
    const exact = BigInt(buf.latin1Slice(start, end));
    if (exact > 9223372036854775807n || exact < -9223372036854775808n) return NaN;
  }
  return negative ? -v : v;
}

/**
 * Index of the first CR in buf[from, end), or -1 when there is none before a NUL byte: Redis
 * searches with strchr, which stops at NUL, so a NUL hides any later CR.
 */
function findCR(buf: Buffer, from: number, end: number): number {
  for (let p = from; p < end; p++) {
    const c = buf[p];
    if (c === CR) return p;
    if (c === 0) return -1;
  }
  return -1;
}

const BACKSLASH = 92;
const DQUOTE = 34;
const SQUOTE = 39;

/** C isspace() in the C locale. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/**
 * Redis's sdssplitargs over one inline line buf[p, end) (which holds no NUL): blanks separate
 * arguments; "double quotes" take \n \r \t \b \a \xHH and \<char> escapes; 'single quotes' take
 * only \'; a closing quote must be followed by a blank or the end. Returns null on unbalanced
 * quotes.
 */
export function splitArgs(buf: Buffer, p: number, end: number): string[] | null {
  const at = (i: number): number => (i < end ? buf[i]! : 0);
  const args: string[] = [];
  for (;;) {
    while (p < end && isSpace(buf[p]!)) p++;
    if (p >= end) return args;
    let inDouble = false;
    let inSingle = false;
    let current = '';
    for (let done = false; !done; ) {
      const c = at(p);
      if (inDouble) {
        if (c === BACKSLASH && at(p + 1) === 120 && isHex(at(p + 2)) && isHex(at(p + 3))) {
          current += String.fromCharCode(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === BACKSLASH && at(p + 1) !== 0) {
          p++;
          current += unescape(buf[p]!);
        } else if (c === DQUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current += String.fromCharCode(c);
        }
      } else if (inSingle) {
        if (c === BACKSLASH && at(p + 1) === SQUOTE) {
          p++;
          current += "'";
        } else if (c === SQUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current += String.fromCharCode(c);
        }
      } else if (c === 32 || c === LF || c === CR || c === 9 || c === 0) {
        done = true;
      } else if (c === DQUOTE) {
        inDouble = true;
      } else if (c === SQUOTE) {
        inSingle = true;
      } else {
        current += String.fromCharCode(c);
      }
      if (p < end) p++;
    }
    args.push(current);
  }
}

function unescape(c: number): string {
  switch (c) {
    case 110:
      return '\n';
    case 114:
      return '\r';
    case 116:
      return '\t';
    case 98:
      return '\b';
    case 97:
      return '\x07';
    default:
      return String.fromCharCode(c);
  }
}
