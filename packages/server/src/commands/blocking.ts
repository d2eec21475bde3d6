// The shared path of the blocking list/zset commands (BLPOP, BLMOVE, BZPOPMIN, …). A command
// builds a BlockRequest whose serve() is Redis's immediate attempt; when it cannot be served the
// client would block on the request's keys. The server has no blocking mechanism yet
// (see blockClient), so for now only immediately servable calls, and calls from contexts that
// may not block (MULTI), behave like Redis.
import { parseFloat } from '@ferrous/store';
import type { Reply } from '@ferrous/resp';
import type { Client } from '../client';
import { RedisError } from '../errors';

export interface BlockRequest {
  /** Keys whose modification may make the request servable, in argument order. */
  keys: string[];
  /** Absolute deadline in ms, 0 = wait forever. */
  deadline: number;
  /** The reply on timeout, and immediately when the client may not block. */
  timeoutReply: Reply;
  /** Serves the request if the data allows it now: the reply, or undefined to keep waiting. */
  serve(c: Client): Reply | undefined;
}

const NOT_FLOAT = 'ERR timeout is not a float or out of range';
const OVERFLOWING = /^[+-]?(?:inf(?:inity)?|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i;

/**
 * getTimeoutFromObjectOrReply(UNIT_SECONDS): seconds as a (long double) float → absolute ms
 * deadline (0 = forever). Values whose ms overflow a long long wrap negative, as in Redis.
 */
export function timeoutArg(text: string): number {
  let seconds = parseFloat(text);
  if (seconds === null) {
    if (!OVERFLOWING.test(text)) throw new RedisError(NOT_FLOAT);
    seconds = text.startsWith('-') ? -Infinity : Infinity;
  }
  const ms = seconds * 1000;
  if (!(ms < 2 ** 63)) throw new RedisError('ERR timeout is negative');
  const whole = Math.trunc(ms);
  if (whole < 0) throw new RedisError('ERR timeout is negative');
  return whole > 0 ? Date.now() + whole : 0;
}

/** Whether the client may block (Redis's CLIENT_DENY_BLOCKING: MULTI, scripts). */
function canBlock(c: Client): boolean {
  return !c.flags.multi;
}

/** Runs a blocking command: serve now, else time out at once when blocking is denied, else block. */
export function blockingCommand(c: Client, request: BlockRequest): Reply {
  const reply = request.serve(c);
  if (reply !== undefined) return reply;
  if (!canBlock(c)) return request.timeoutReply;
  return blockClient(c, request);
}

/**
 * Parks the client until serve() succeeds after a write to one of the keys, the deadline passes
 * (timeoutReply) or CLIENT UNBLOCK. Needs the server core (see the helper report): until then the
 * command fails instead of waiting.
 */
function blockClient(_c: Client, _request: BlockRequest): Reply {
  throw new RedisError('ERR blocking commands cannot wait yet: the key is empty');
}
