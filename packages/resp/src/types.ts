// The semantic reply model: what a server handler returns and what the client-side parser yields.
// Common replies are plain JS values so the hot path allocates nothing:
//   string  -> bulk string (latin1, one char per byte)
//   Buffer  -> bulk string (large values, written without copying)
//   number  -> integer (a safe integer); bigint -> integer beyond 2^53
//   null    -> null bulk ($-1 / RESP3 _)
//   Array   -> array of replies
// Everything else is a small tagged class below.

/** `+text`: a status line (never contains CR or LF). */
export class SimpleString {
  constructor(readonly value: string) {}
}

/** `-CODE message`: an error reply. `message` includes the code, as on the wire (`ERR unknown command`). */
export class ErrorReply {
  constructor(readonly message: string) {}
  /** The first word: `ERR`, `WRONGTYPE`, `MOVED`, … */
  get code(): string {
    const space = this.message.indexOf(' ');
    return space === -1 ? this.message : this.message.slice(0, space);
  }
}

/**
 * RESP3 `,` double; RESP2 sends it as a bulk string formatted like Redis (`%.17g`). `text`, when
 * given, is sent instead of that formatting in both protocols (GEOPOS's `%.17Lf`-style coordinates).
 */
export class DoubleReply {
  constructor(
    readonly value: number,
    readonly text?: string,
  ) {}
}

/** RESP3 `#` boolean; RESP2 sends `:1` / `:0`. */
export class BooleanReply {
  constructor(readonly value: boolean) {}
}

/** RESP3 `(` big number; RESP2 sends it as a bulk string. */
export class BigNumberReply {
  constructor(readonly value: bigint) {}
}

/** RESP3 `=` verbatim string (`txt`, `mkd`); RESP2 sends the text as a bulk string. */
export class VerbatimReply {
  constructor(
    readonly format: string,
    readonly text: string,
  ) {}
}

/** RESP3 `%` map as a flat [k1, v1, k2, v2, …] list; RESP2 sends the flat array. */
export class MapReply {
  constructor(readonly entries: Reply[]) {}
}

/** RESP3 `~` set; RESP2 sends an array. */
export class SetReply {
  constructor(readonly items: Reply[]) {}
}

/** RESP3 `>` push (pub/sub messages, invalidations); RESP2 sends an array. */
export class PushReply {
  constructor(readonly items: Reply[]) {}
}

/** A null array: RESP2 `*-1`, RESP3 `_` (e.g. BLPOP timeout, EXEC aborted by WATCH). */
export class NullArrayReply {
  static readonly instance = new NullArrayReply();
  private constructor() {}
}

/** RESP3 `|` attribute map preceding a reply (client side only; servers rarely send them). */
export class AttributeReply {
  constructor(
    readonly attributes: Reply[],
    readonly reply: Reply,
  ) {}
}

export type Reply =
  | string
  | Buffer
  | number
  | bigint
  | null
  | Reply[]
  | SimpleString
  | ErrorReply
  | DoubleReply
  | BooleanReply
  | BigNumberReply
  | VerbatimReply
  | MapReply
  | SetReply
  | PushReply
  | NullArrayReply
  | AttributeReply;

/** Protocol version a connection speaks (HELLO switches it). */
export type ProtocolVersion = 2 | 3;

// Node's Buffer has fast latin1 slice/write methods that @types/node does not declare; byte
// strings (one char per byte) are made and written with them throughout Ferrous.
declare global {
  interface Buffer {
    latin1Slice(start?: number, end?: number): string;
    latin1Write(text: string, offset?: number, length?: number): number;
  }
}
