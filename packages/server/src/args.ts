// Argument parsing for command handlers. Single values parse with intArg/floatArg (throwing
// Redis's error); option lists use ArgReader, which latches the first error so a handler parses
// everything and checks once — Redis reports the first problem in argument order.
import { parseFloat, parseInteger, parseInt64 } from '@ferrous/store';
import { ErrorText, RedisError } from './errors';

/** An integer argument by string2ll rules (±2^53 exact), or throw `error`. */
export function intArg(text: string, error: string = ErrorText.notInteger): number {
  const n = parseInteger(text);
  if (n === null) throw new RedisError(error);
  return n;
}

/**
 * getIntFromObjectOrReply: an integer that must fit a C int. `error` replaces both messages
 * when given (SWAPDB's), else Redis's two defaults.
 */
export function int32Arg(text: string, error?: string): number {
  const n = intArg(text, error);
  if (n < -2147483648 || n > 2147483647) throw new RedisError(error ?? 'ERR value is out of range, value must between -2147483648 and 2147483647');
  return n;
}

/** A 64-bit integer argument as bigint, or throw `error`. */
export function int64Arg(text: string, error: string = ErrorText.notInteger): bigint {
  const n = parseInt64(text);
  if (n === null) throw new RedisError(error);
  return n;
}

/** A double argument by strtod rules, or throw `error`. */
export function floatArg(text: string, error: string = ErrorText.notFloat): number {
  const n = parseFloat(text);
  if (n === null) throw new RedisError(error);
  return n;
}

/** Reads trailing options (`EX 10 NX GET …`) left to right, latching the first error. */
export class ArgReader {
  private pos: number;
  private error: string | null = null;

  constructor(
    private readonly argv: string[],
    start: number,
  ) {
    this.pos = start;
  }

  /** Whether unread arguments remain and no error has been latched. */
  get more(): boolean {
    return this.error === null && this.pos < this.argv.length;
  }

  /** Remaining argument count. */
  get left(): number {
    return this.argv.length - this.pos;
  }

  /** The next argument uppercased (an option keyword), consuming it. */
  token(): string {
    return this.argv[this.pos++].toUpperCase();
  }

  /** The next raw argument; latches a syntax error when there is none. */
  value(): string {
    if (this.pos >= this.argv.length) {
      this.fail(ErrorText.syntax);
      return '';
    }
    return this.argv[this.pos++];
  }

  /** The next argument as an integer (latching `error` when invalid or outside [min, max]). */
  int(error: string = ErrorText.notInteger, min = -Infinity, max = Infinity): number {
    const text = this.value();
    if (this.error !== null) return 0;
    const n = parseInteger(text);
    if (n === null || n < min || n > max) {
      this.fail(error);
      return 0;
    }
    return n;
  }

  /** Latches `message` unless an earlier error is latched. */
  fail(message: string): void {
    if (this.error === null) this.error = message;
  }

  /** Throws the latched error, if any. */
  check(): void {
    if (this.error !== null) throw new RedisError(this.error);
  }
}
