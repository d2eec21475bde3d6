// The shared path of the blocking list/zset commands (BLPOP, BLMOVE, BZPOPMIN, …). A command
// builds a BlockRequest whose serve() is Redis's immediate attempt; when it cannot be served the
// client blocks on the request's keys (see blocking/blocked-clients.ts) and serve() runs again
// after each write to one of them.
import { parseFloat } from '@ferrous/store';
import type { Reply } from '@ferrous/resp';
import type { Client } from '../client';
import { RedisError } from '../errors';
import { BlockedReply } from '../blocking/blocked-clients';
import { servedArgv } from '../blocking/served-argv';

export interface BlockRequest {
  /** The type a ready key must hold to serve this request (Redis serves list, zset and stream waiters apart). */
  type: 'list' | 'zset' | 'stream';
  /** Keys whose modification may make the request servable, in argument order. */
  keys: string[];
  /** Absolute deadline in ms, 0 = wait forever. */
  deadline: number;
  /**
   * The reply when the client may not block (MULTI). A client that did block gets a null array on
   * timeout whatever the command, as Redis's replyToBlockedClientTimedOut does (BLMOVE included).
   */
  timeoutReply: Reply;
  /**
   * Serves the request from the first of `from` holding data: the reply, or undefined to keep
   * waiting. The immediate attempt passes every key in argument order; a wake-up passes only the
   * key that became ready (Redis 7.0 serves a waiter from that key, not from its first key), and
   * only when it holds `type`. An error thrown on a wake-up (BLMOVE's destination of the wrong
   * type) is the waiter's reply.
   */
  serve(c: Client, from: readonly string[]): Reply | undefined;
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
  const reply = request.serve(c, request.keys);
  if (reply !== undefined) {
    // Replicas and the AOF get the non-blocking command, which can never block on replay.
    c.propagateAs = (argv) => servedArgv(argv, reply);
    return reply;
  }
  if (!canBlock(c)) return request.timeoutReply;
  // Parks the client: the dispatcher sends nothing and registers the waiter with the command.
  return new BlockedReply(request);
}
