// The one error class of Ferrous and the catalogue of Redis's exact error texts. The server's
// dispatcher catches RedisError once and writes `-` + message, so texts here must match Redis 7.0.

/** An error reply. `message` is the full wire text including its code (`ERR …`, `WRONGTYPE …`). */
export class RedisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisError';
  }
  /** The first word of the message: `ERR`, `WRONGTYPE`, `OOM`, … */
  get code(): string {
    const space = this.message.indexOf(' ');
    return space === -1 ? this.message : this.message.slice(0, space);
  }
}

/** Redis's error texts, verbatim. */
export const ErrorText = {
  wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  notInteger: 'ERR value is not an integer or out of range',
  notFloat: 'ERR value is not a valid float',
  overflow: 'ERR increment or decrement would overflow',
  nanOrInfinity: 'ERR increment would produce NaN or Infinity',
  hashNotInteger: 'ERR hash value is not an integer',
  hashNotFloat: 'ERR hash value is not a float',
  noSuchKey: 'ERR no such key',
  indexOutOfRange: 'ERR index out of range',
  syntax: 'ERR syntax error',
  dbIndexOutOfRange: 'ERR DB index is out of range',
  sameObject: 'ERR source and destination objects are the same',
  scoreNaN: 'ERR resulting score is not a number (NaN)',
  minMaxNotFloat: 'ERR min or max is not a float',
  minMaxNotLex: 'ERR min or max not valid string range item',
  invalidCursor: 'ERR invalid cursor',
  oom: "OOM command not allowed when used memory > 'maxmemory'.",
  stringTooLong: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
} as const;

/** Shorthand: `throw redisError('wrongType')`. */
export function redisError(name: keyof typeof ErrorText): RedisError {
  return new RedisError(ErrorText[name]);
}
