// Client-side reply parser: every RESP2/RESP3 type, fed socket chunks, including streamed
// strings/aggregates and attributes. Aggregates resume through an explicit stack (no recursion),
// and bulk data is sliced from the chunk it arrives in, so neither deep nesting nor a huge
// announced length costs memory before the bytes are there.
import { ProtocolError, REPLY_ERRORS, unknownTypeError } from './errors.js';
import { latin1 } from './latin1.js';
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
  type Reply,
} from './types.js';

// Type bytes, RESP2 then RESP3.
const PLUS = 43; // + simple string
const MINUS = 45; // - error
const COLON = 58; // : integer
const DOLLAR = 36; // $ bulk string ($-1 null, $? streamed)
const STAR = 42; // * array (*-1 null array, *? streamed)
const UNDERSCORE = 95; // _ null
const COMMA = 44; // , double
const HASH = 35; // # boolean
const BANG = 33; // ! blob error
const EQUAL = 61; // = verbatim string
const LPAREN = 40; // ( big number
const PERCENT = 37; // % map
const TILDE = 126; // ~ set
const GT = 62; // > push
const PIPE = 124; // | attribute
const SEMICOLON = 59; // ; streamed string chunk
const DOT = 46; // . end of a streamed aggregate

const CR = 13;
const LF = 10;

// header() results besides a length >= -1.
const STREAMED = -2;
const WAIT = -3;
const BAD = -4;

/** complete()'s answer when the resumable path must take over. */
const SLOW = Symbol('slow');

/** Size of a string window, and the longest bulk cut from one (longer ones pay the copy anyway). */
const WINDOW_BYTES = 4096;
const WINDOW_MAX_BULK = 256;

const OK = new SimpleString('OK');
const QUEUED = new SimpleString('QUEUED');
const PONG = new SimpleString('PONG');

export interface ReplyParserOptions {
  /** Called with every complete top-level reply, in order. */
  onReply(reply: Reply): void;
  /** Called once with the error when the input is not RESP; the parser then stops. */
  onError?(error: ProtocolError): void;
  /** Longest accepted bulk string. Default 512 MB. */
  maxBulkLen?: number;
}

/** An aggregate being received. */
class Frame {
  readonly items: Reply[] = [];
  /** Attributes (`|`) that arrived for the next item. */
  attributes: Reply[] | null = null;
  constructor(
    readonly type: number,
    /** Items still expected; -1 for a streamed aggregate (closed by `.` or `;0`). */
    public remaining: number,
  ) {}
}

export class ReplyParser {
  private readonly onReply: (reply: Reply) => void;
  private readonly onError: ((error: ProtocolError) => void) | undefined;
  private readonly maxBulkLen: number;
  private readonly stack: Frame[] = [];
  private topAttributes: Reply[] | null = null;
  /** Unparsed bytes of an incomplete line. */
  private pending: Buffer | null = null;
  /** A bulk received across chunks: its type byte, length, data so far, bytes consumed. */
  private bulkType = 0;
  private bulkLen = -1;
  private partial = '';
  private partialLen = 0;
  /** Position after the line that header() parsed. */
  private next = 0;
  private error: ProtocolError | null = null;
  /**
   * Latin1 copy of winBuf[winStart, winEnd): small bulks are cut from it with String#slice, which
   * V8 answers with a sliced string (no copy, no native call) from 13 chars on. One latin1Slice
   * per window instead of one per bulk; a kept bulk keeps its window (≤ WINDOW_BYTES) alive.
   * Only valid during one feed(): the caller may refill the same Buffer afterwards.
   */
  private win = '';
  private winBuf: Buffer | null = null;
  private winStart = 0;
  private winEnd = 0;

  constructor(options: ReplyParserOptions) {
    this.onReply = options.onReply;
    this.onError = options.onError;
    this.maxBulkLen = options.maxBulkLen ?? 512 * 1024 * 1024;
  }

  /** Bytes held for an incomplete reply (excluding items of unfinished aggregates). */
  get bufferedBytes(): number {
    return (this.pending === null ? 0 : this.pending.length) + this.partialLen;
  }

  /**
   * Parses `chunk`, calling `onReply` for each complete reply. Returns the protocol error if the
   * bytes are not RESP (also passed to `onError`); after that every call returns the same error.
   */
  feed(chunk: Buffer): ProtocolError | null {
    const result = this.feedChunk(chunk);
    this.winBuf = null;
    this.win = '';
    return result;
  }

  private feedChunk(chunk: Buffer): ProtocolError | null {
    if (this.error !== null) return this.error;
    let pos = 0;
    if (this.bulkLen >= 0) {
      pos = this.continueBulk(chunk);
      if (pos < 0) return this.error;
      if (this.bulkLen >= 0) return null;
    } else if (this.pending !== null) {
      pos = this.joinPending(chunk);
      if (pos < 0) return this.error;
      if (pos >= chunk.length) return null;
      if (this.bulkLen >= 0) return this.feedChunk(chunk.subarray(pos));
    }
    return this.parse(chunk, pos, chunk.length) < 0 ? this.error : null;
  }

  /**
   * Finishes the line left incomplete by the last chunk. Only the line's tail is copied, not the
   * new chunk: `pending` plus a small head of `chunk` is parsed up to the first value boundary
   * past the join. Returns how much of `chunk` was consumed, or -1 after a protocol error.
   */
  private joinPending(chunk: Buffer): number {
    const pending = this.pending!;
    this.pending = null;
    for (let head = Math.min(chunk.length, 1024); ; head = Math.min(chunk.length, head * 8)) {
      const joined = Buffer.concat([pending, chunk.subarray(0, head)]);
      const reached = this.parse(joined, 0, pending.length);
      if (reached < 0) return -1;
      // Still inside the pending line: retry with a longer head (a bulk's data may follow).
      if (this.pending === null || head === chunk.length) return reached - pending.length;
      this.pending = null;
    }
  }

  /**
   * Parses buf[pos, end) until the position passes `stop` (a value boundary there is a
   * consistent state to resume from) or the bytes run out. Returns the position reached, or -1
   * after a protocol error.
   */
  private parse(buf: Buffer, pos: number, stop: number): number {
    const end = buf.length;
    while (pos < stop) {
      if (this.stack.length === 0) {
        if (this.topAttributes === null) {
          pos = this.topLevel(buf, pos, stop);
          if (pos >= stop) return pos;
        }
      } else if (this.stack[this.stack.length - 1]!.type !== DOLLAR) {
        const v = this.complete(buf, pos, end, 0);
        if (v !== SLOW) {
          pos = this.next;
          this.deliver(v);
          continue;
        }
      }
      const type = buf[pos]!;
      let value: Reply;
      // Inside a streamed string only `;` chunks may come.
      if (type !== SEMICOLON && this.stack.length !== 0 && this.stack[this.stack.length - 1]!.type === DOLLAR) {
        return this.failAt(REPLY_ERRORS.unexpectedChunk);
      }
      switch (type) {
        case PLUS: {
          const cr = lineEnd(buf, pos + 1, end);
          if (cr < 0) return cr === WAIT ? this.wait(buf, pos) : this.failAt(REPLY_ERRORS.expectedCRLF);
          value = new SimpleString(latin1(buf, pos + 1, cr));
          pos = cr + 2;
          break;
        }
        case MINUS: {
          const cr = lineEnd(buf, pos + 1, end);
          if (cr < 0) return cr === WAIT ? this.wait(buf, pos) : this.failAt(REPLY_ERRORS.expectedCRLF);
          value = new ErrorReply(latin1(buf, pos + 1, cr));
          pos = cr + 2;
          break;
        }
        case COLON: {
          const cr = lineEnd(buf, pos + 1, end);
          if (cr < 0) return cr === WAIT ? this.wait(buf, pos) : this.failAt(REPLY_ERRORS.expectedCRLF);
          const big = parseBigInt(latin1(buf, pos + 1, cr));
          if (big === null) return this.failAt(REPLY_ERRORS.invalidInteger);
          value = big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
          pos = cr + 2;
          break;
        }
        case DOLLAR:
        case BANG:
        case EQUAL:
        case SEMICOLON: {
          const len = this.header(buf, pos, end);
          if (len === WAIT) return this.wait(buf, pos);
          if (len === BAD) return this.failAt(REPLY_ERRORS.invalidLength);
          pos = this.next;
          const top = this.stack.length === 0 ? null : this.stack[this.stack.length - 1]!;
          if (type === SEMICOLON && (top === null || top.type !== DOLLAR)) return this.failAt(REPLY_ERRORS.unexpectedChunk);
          if (len === STREAMED) {
            if (type !== DOLLAR) return this.failAt(REPLY_ERRORS.invalidLength);
            this.stack.push(new Frame(DOLLAR, -1));
            continue;
          }
          if (len === -1 && type === DOLLAR) {
            value = null;
            break;
          }
          if (len < 0 || len > this.maxBulkLen) return this.failAt(REPLY_ERRORS.invalidLength);
          if (type === SEMICOLON && len === 0) {
            this.stack.pop();
            value = top!.items.join('');
            break;
          }
          if (end - pos >= len + 2) {
            if (buf[pos + len] !== CR || buf[pos + len + 1] !== LF) return this.failAt(REPLY_ERRORS.expectedCRLF);
            const text = latin1(buf, pos, pos + len);
            pos += len + 2;
            if (type === DOLLAR || type === SEMICOLON) {
              value = text;
              break;
            }
            const v = bulkValue(type, text);
            if (v === undefined) return this.failAt(REPLY_ERRORS.invalidVerbatim);
            value = v;
            break;
          }
          this.bulkType = type;
          this.bulkLen = len;
          this.partial = buf.latin1Slice(pos, Math.min(end, pos + len));
          this.partialLen = 0;
          if (this.checkTrailer(buf, pos + len, end, 0) === null) return -1;
          this.partialLen = end - pos;
          return end;
        }
        case STAR:
        case PERCENT:
        case TILDE:
        case GT:
        case PIPE: {
          const len = this.header(buf, pos, end);
          if (len === WAIT) return this.wait(buf, pos);
          if (len === BAD) return this.failAt(REPLY_ERRORS.invalidLength);
          pos = this.next;
          if (len === -1) {
            if (type !== STAR) return this.failAt(REPLY_ERRORS.invalidLength);
            value = NullArrayReply.instance;
            break;
          }
          if (len === STREAMED && type === PIPE) return this.failAt(REPLY_ERRORS.invalidLength);
          if (len === 0) {
            if (type === PIPE) {
              this.setAttributes([]);
              continue;
            }
            value = wrapAggregate(type, []);
            break;
          }
          const perItem = type === PERCENT || type === PIPE ? 2 : 1;
          this.stack.push(new Frame(type, len === STREAMED ? -1 : len * perItem));
          continue;
        }
        case DOT: {
          const top = this.stack.length === 0 ? null : this.stack[this.stack.length - 1]!;
          if (top === null || top.remaining !== -1 || top.type === DOLLAR) return this.failAt(REPLY_ERRORS.unexpectedEnd);
          const cr = lineEnd(buf, pos + 1, end);
          if (cr < 0) return cr === WAIT ? this.wait(buf, pos) : this.failAt(REPLY_ERRORS.expectedCRLF);
          if (cr !== pos + 1) return this.failAt(REPLY_ERRORS.unexpectedEnd);
          if (top.type === PERCENT && top.items.length % 2 !== 0) return this.failAt(REPLY_ERRORS.unexpectedEnd);
          pos = cr + 2;
          this.stack.pop();
          value = wrapAggregate(top.type, top.items);
          break;
        }
        case UNDERSCORE:
        case COMMA:
        case HASH:
        case LPAREN: {
          const cr = lineEnd(buf, pos + 1, end);
          if (cr < 0) return cr === WAIT ? this.wait(buf, pos) : this.failAt(REPLY_ERRORS.expectedCRLF);
          const text = latin1(buf, pos + 1, cr);
          pos = cr + 2;
          const v = lineValue(type, text);
          if (v instanceof ProtocolError) return this.failAt(v.message);
          value = v;
          break;
        }
        default:
          return this.failAt(unknownTypeError(type));
      }
      if (this.stack.length === 0 && this.topAttributes === null) this.onReply(value);
      else this.deliver(value);
    }
    return pos;
  }

  /**
   * Fast path for a value that lies complete in buf[pos, end) and uses only the common types:
   * parsed recursively (depth-bounded) with no frames. Returns SLOW, having changed nothing, when
   * the value is incomplete, malformed or unusual; the resumable state machine then takes it.
   * Sets `next` past the value.
   */
  private complete(buf: Buffer, pos: number, end: number, depth: number): Reply | typeof SLOW {
    const type = buf[pos];
    switch (type) {
      case PLUS: {
        if (pos + 4 < end && buf[pos + 1] === 79 && buf[pos + 2] === 75 && buf[pos + 3] === CR && buf[pos + 4] === LF) {
          this.next = pos + 5;
          return OK;
        }
        const cr = lineEnd(buf, pos + 1, end);
        if (cr < 0) return SLOW;
        this.next = cr + 2;
        const text = latin1(buf, pos + 1, cr);
        return text === 'QUEUED' ? QUEUED : text === 'PONG' ? PONG : new SimpleString(text);
      }
      case COLON: {
        const n = this.integer(buf, pos, end);
        return n === n ? n : SLOW;
      }
      case DOLLAR:
        return this.bulk(buf, pos, end);
      case MINUS: {
        const cr = lineEnd(buf, pos + 1, end);
        if (cr < 0) return SLOW;
        this.next = cr + 2;
        return new ErrorReply(latin1(buf, pos + 1, cr));
      }
      case STAR:
      case PERCENT:
      case TILDE:
      case GT:
        return depth < 32 ? this.aggregate(type, buf, pos, end, depth) : SLOW;
      default:
        return SLOW;
    }
  }

  /**
   * Delivers the top-level replies that lie complete in buf[pos, end), in a tight loop kept
   * small so that V8 inlines the per-type readers; returns where the first other reply starts.
   */
  private topLevel(buf: Buffer, pos: number, stop: number): number {
    const end = buf.length;
    const onReply = this.onReply;
    while (pos < stop) {
      // One branch per common type, so that integers stay unboxed and strings need no checks.
      const type = buf[pos];
      if (type === COLON) {
        // The hottest reply of all, a small non-negative integer, is parsed right here.
        // Four, then two digits per step shorten the multiply chain; at most 8 digits stay in int32.
        let p = pos + 1;
        let n = 0;
        if (p + 4 < end) {
          const a = buf[p]! - 48;
          const b = buf[p + 1]! - 48;
          const c = buf[p + 2]! - 48;
          const d = buf[p + 3]! - 48;
          if (a >>> 0 <= 9 && b >>> 0 <= 9 && c >>> 0 <= 9 && d >>> 0 <= 9) {
            n = a * 1000 + b * 100 + c * 10 + d;
            p += 4;
          }
        }
        const pairsEnd = pos + 8 < end ? pos + 8 : end - 1;
        while (p < pairsEnd) {
          const hi = buf[p]! - 48;
          const lo = buf[p + 1]! - 48;
          if (hi >>> 0 > 9) break;
          if (lo >>> 0 > 9) {
            n = n * 10 + hi;
            p++;
            break;
          }
          n = n * 100 + hi * 10 + lo;
          p += 2;
        }
        if (p > pos + 1 && p + 1 < end && buf[p] === CR && buf[p + 1] === LF) {
          pos = p + 2;
          onReply(n);
          continue;
        }
        n = this.integer(buf, pos, end);
        if (n !== n) break;
        pos = this.next;
        onReply(n);
      } else if (type === DOLLAR) {
        const s = this.bulk(buf, pos, end);
        if (s === SLOW) break;
        pos = this.next;
        onReply(s);
      } else {
        const v = this.complete(buf, pos, end, 0);
        if (v === SLOW) break;
        pos = this.next;
        onReply(v);
      }
    }
    return pos;
  }

  /** complete() for an array, map, set or push. */
  private aggregate(type: number, buf: Buffer, pos: number, end: number, depth: number): Reply | typeof SLOW {
    let n = this.header(buf, pos, end);
    if (n <= 0) {
      if (n === 0) return wrapAggregate(type, []);
      return n === -1 && type === STAR ? NullArrayReply.instance : SLOW;
    }
    if (type === PERCENT) n *= 2;
    let p = this.next;
    // Every item takes at least 3 bytes: never allocate for items that are not there.
    if (n * 3 > end - p) return SLOW;
    const items: Reply[] = new Array<Reply>(n);
    for (let i = 0; i < n; i++) {
      const t = buf[p];
      let v: Reply | typeof SLOW;
      if (t === COLON) {
        const n = this.integer(buf, p, end);
        v = n === n ? n : SLOW;
      } else {
        v = t === DOLLAR ? this.bulk(buf, p, end) : t === STAR && depth < 31 ? this.aggregate(STAR, buf, p, end, depth + 1) : this.complete(buf, p, end, depth + 1);
      }
      if (v === SLOW) return SLOW;
      items[i] = v;
      p = this.next;
    }
    this.next = p;
    return type === STAR ? items : wrapAggregate(type, items);
  }

  /**
   * complete() for `:`. Up to 8 digits stay in int32 arithmetic (no boxing, and `0 - x` never
   * makes -0); longer ones take longInteger(). NaN means: take the slow way.
   */
  private integer(buf: Buffer, pos: number, end: number): number {
    let p = pos + 1;
    const negative = p < end && buf[p] === MINUS;
    if (negative) p++;
    const first = p;
    const smallEnd = first + 9 < end ? first + 9 : end;
    let n = 0;
    while (p < smallEnd) {
      const d = buf[p]! - 48;
      if (d >>> 0 > 9) break;
      n = n * 10 + d;
      p++;
    }
    if (p === smallEnd) return this.longInteger(buf, first, end, negative);
    if (p + 1 >= end || buf[p] !== CR || buf[p + 1] !== LF || p === first) return NaN;
    this.next = p + 2;
    return negative ? 0 - n : n;
  }

  /** integer() for 9 to 15 digits from `first`; NaN for more, or when the line is incomplete. */
  private longInteger(buf: Buffer, first: number, end: number, negative: boolean): number {
    let p = first;
    let n = 0;
    while (p < end) {
      const d = buf[p]! - 48;
      if (d >>> 0 > 9) break;
      n = n * 10 + d;
      p++;
    }
    if (p + 1 >= end || buf[p] !== CR || buf[p + 1] !== LF || p - first > 15) return NaN;
    this.next = p + 2;
    return negative ? 0 - n : n;
  }

  /** complete() for `$`. */
  private bulk(buf: Buffer, pos: number, end: number): string | null | typeof SLOW {
    const len = this.header(buf, pos, end);
    if (len < 0) return len === -1 ? null : SLOW;
    const p = this.next;
    if (len > this.maxBulkLen || end - p < len + 2 || buf[p + len] !== CR || buf[p + len + 1] !== LF) return SLOW;
    this.next = p + len + 2;
    if (len <= 16 || len > WINDOW_MAX_BULK) return latin1(buf, p, p + len);
    if (buf !== this.winBuf || p < this.winStart || p + len > this.winEnd) {
      this.winBuf = buf;
      this.winStart = p;
      this.winEnd = end - p > WINDOW_BYTES ? p + WINDOW_BYTES : end;
      this.win = buf.latin1Slice(p, this.winEnd);
    }
    return this.win.slice(p - this.winStart, p + len - this.winStart);
  }

  /**
   * Parses the `<type><length>\r\n` line at `pos`: returns the length (>= -1), STREAMED for `?`,
   * WAIT when the line is incomplete, BAD when it is not a length. Sets `next` past the line.
   */
  private header(buf: Buffer, pos: number, end: number): number {
    let p = pos + 1;
    if (p >= end) return WAIT;
    let c = buf[p]!;
    // One digit: the usual length inside aggregates.
    if ((c - 48) >>> 0 <= 9 && p + 2 < end && buf[p + 1] === CR && buf[p + 2] === LF) {
      this.next = p + 3;
      return c - 48;
    }
    let n = 0;
    if (c === 63 /* ? */) {
      n = STREAMED;
      p++;
    } else if (c === MINUS) {
      if (p + 1 >= end) return WAIT;
      if (buf[p + 1] !== 49) return BAD;
      n = -1;
      p += 2;
    } else {
      const first = p;
      while (p < end) {
        c = buf[p]!;
        if (c < 48 || c > 57) break;
        n = n * 10 + (c - 48);
        p++;
      }
      if (p - first > 15) return BAD;
      if (p === first && p < end) return BAD;
    }
    if (p >= end) return WAIT;
    if (buf[p] !== CR) return BAD;
    if (p + 1 >= end) return WAIT;
    if (buf[p + 1] !== LF) return BAD;
    this.next = p + 2;
    return n;
  }

  /** Consumes the next part of a bulk that spans chunks; returns the position after it or -1. */
  private continueBulk(chunk: Buffer): number {
    const need = this.bulkLen + 2 - this.partialLen;
    const dataLeft = Math.max(0, this.bulkLen - this.partialLen);
    const take = Math.min(need, chunk.length);
    if (dataLeft > 0) this.partial += chunk.latin1Slice(0, Math.min(dataLeft, take));
    if (this.checkTrailer(chunk, dataLeft, take, this.partialLen + dataLeft - this.bulkLen) === null) return -1;
    this.partialLen += take;
    if (take < need) return take;
    const text = this.partial;
    this.partial = '';
    this.partialLen = 0;
    this.bulkLen = -1;
    let value: Reply;
    if (this.bulkType === DOLLAR) {
      value = text;
    } else if (this.bulkType === SEMICOLON) {
      this.stack[this.stack.length - 1]!.items.push(text);
      return take;
    } else {
      const v = bulkValue(this.bulkType, text);
      if (v === undefined) {
        this.fail(REPLY_ERRORS.invalidVerbatim);
        return -1;
      }
      value = v;
    }
    if (this.stack.length === 0 && this.topAttributes === null) this.onReply(value);
    else this.deliver(value);
    return take;
  }

  /** Checks the CRLF bytes after bulk data found in buf[from, end); `offset` is 0 or 1 into it. */
  private checkTrailer(buf: Buffer, from: number, end: number, offset: number): true | null {
    for (let p = from; p < end && offset < 2; p++, offset++) {
      if (buf[p] !== (offset === 0 ? CR : LF)) {
        this.fail(REPLY_ERRORS.expectedCRLF);
        return null;
      }
    }
    return true;
  }

  /** Adds a complete value to the innermost aggregate, closing every aggregate it completes. */
  private deliver(value: Reply): void {
    for (;;) {
      const top = this.stack.length === 0 ? null : this.stack[this.stack.length - 1]!;
      if (top === null) {
        if (this.topAttributes !== null) {
          value = new AttributeReply(this.topAttributes, value);
          this.topAttributes = null;
        }
        this.onReply(value);
        return;
      }
      if (top.attributes !== null) {
        value = new AttributeReply(top.attributes, value);
        top.attributes = null;
      }
      top.items.push(value);
      if (top.remaining < 0 || --top.remaining > 0) return;
      this.stack.pop();
      if (top.type === PIPE) {
        this.setAttributes(top.items);
        return;
      }
      value = wrapAggregate(top.type, top.items);
    }
  }

  /** Attributes apply to the next value at the current nesting level; consecutive maps merge. */
  private setAttributes(attributes: Reply[]): void {
    const top = this.stack.length === 0 ? null : this.stack[this.stack.length - 1]!;
    const pending = top === null ? this.topAttributes : top.attributes;
    const merged = pending === null ? attributes : pending.concat(attributes);
    if (top === null) this.topAttributes = merged;
    else top.attributes = merged;
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
    this.partial = '';
    this.stack.length = 0;
    this.error = new ProtocolError(message);
    this.onError?.(this.error);
    return this.error;
  }
}

/** Index of the CR of a CRLF at or after `from`; WAIT if the line is incomplete, BAD if CR lacks LF. */
function lineEnd(buf: Buffer, from: number, end: number): number {
  for (let p = from; p < end; p++) {
    if (buf[p] === CR) {
      if (p + 1 >= end) return WAIT;
      return buf[p + 1] === LF ? p : BAD;
    }
  }
  return WAIT;
}

/** The reply for a finished aggregate of `type`. */
function wrapAggregate(type: number, items: Reply[]): Reply {
  switch (type) {
    case PERCENT:
      return new MapReply(items);
    case TILDE:
      return new SetReply(items);
    case GT:
      return new PushReply(items);
    default:
      return items;
  }
}

/** Value of a `!` blob error or `=` verbatim string (`fmt:text`); undefined if malformed. */
function bulkValue(type: number, text: string): Reply | undefined {
  if (type === BANG) return new ErrorReply(text);
  if (text.length < 4 || text.charCodeAt(3) !== COLON) return undefined;
  return new VerbatimReply(text.slice(0, 3), text.slice(4));
}

/** Value of a `_`, `,`, `#` or `(` line, or the ProtocolError describing why it is malformed. */
function lineValue(type: number, text: string): Reply | ProtocolError {
  switch (type) {
    case UNDERSCORE:
      return text === '' ? null : new ProtocolError(REPLY_ERRORS.invalidNull);
    case HASH:
      return text === 't' ? TRUE : text === 'f' ? FALSE : new ProtocolError(REPLY_ERRORS.invalidBoolean);
    case LPAREN: {
      const big = parseBigInt(text);
      return big === null ? new ProtocolError(REPLY_ERRORS.invalidBigNumber) : new BigNumberReply(big);
    }
    default: {
      const d = parseDouble(text);
      return d === undefined ? new ProtocolError(REPLY_ERRORS.invalidDouble) : new DoubleReply(d);
    }
  }
}

const TRUE = new BooleanReply(true);
const FALSE = new BooleanReply(false);

/** `[+-]digits` as a bigint, or null. */
function parseBigInt(text: string): bigint | null {
  let i = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43 ? 1 : 0;
  if (i === text.length) return null;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return BigInt(text);
}

/** A RESP3 double: `inf`, `-inf`, `nan` (any case) or a decimal with optional exponent. */
function parseDouble(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan' || lower === '-nan') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) return undefined;
  return Number(text);
}
