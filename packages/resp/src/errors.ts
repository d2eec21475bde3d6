// Protocol errors: the one error class of this package, with Redis's exact texts.
import { ErrorReply } from './types.js';

/** Texts Redis 7.0 replies with (after `-ERR `) before closing a connection that sent bad bytes. */
export const PROTOCOL_ERRORS = {
  invalidMultibulkLength: 'Protocol error: invalid multibulk length',
  invalidBulkLength: 'Protocol error: invalid bulk length',
  tooBigInlineRequest: 'Protocol error: too big inline request',
  tooBigMbulkCountString: 'Protocol error: too big mbulk count string',
  tooBigBulkCountString: 'Protocol error: too big bulk count string',
  unbalancedQuotes: 'Protocol error: unbalanced quotes in request',
} as const;

/** `Protocol error: expected '$', got 'X'` where X is the offending byte. */
export function expectedDollarError(byte: number): string {
  return `Protocol error: expected '$', got '${String.fromCharCode(byte)}'`;
}

/**
 * Bad bytes on a connection. For requests `message` is Redis's exact text; the reply Redis sends
 * is `-ERR <message>\r\n` (see `reply`), after which the connection is closed.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  /** The error reply a server sends before closing the connection. */
  get reply(): ErrorReply {
    return new ErrorReply(`ERR ${this.message}`);
  }
}

/** Texts of the client-side reply parser's errors (servers never send these bytes). */
export const REPLY_ERRORS = {
  invalidLength: 'Protocol error: invalid length',
  invalidInteger: 'Protocol error: invalid integer',
  invalidDouble: 'Protocol error: invalid double',
  invalidBoolean: 'Protocol error: invalid boolean',
  invalidBigNumber: 'Protocol error: invalid big number',
  invalidNull: 'Protocol error: invalid null',
  invalidVerbatim: 'Protocol error: invalid verbatim string',
  expectedCRLF: 'Protocol error: expected CRLF',
  unexpectedChunk: 'Protocol error: unexpected streamed string chunk',
  unexpectedEnd: "Protocol error: '.' outside a streamed aggregate",
} as const;

/** `Protocol error, got "X" as reply type byte` for an unknown type byte. */
export function unknownTypeError(byte: number): string {
  return `Protocol error, got ${JSON.stringify(String.fromCharCode(byte))} as reply type byte`;
}
