// Argument parsing shared by the stream commands (t_stream.c): IDs in their strict, lax and
// interval forms, XADD/XTRIM trimming options, and the reply shape of stream entries.
import {
  formatId,
  nextId,
  parseInt64,
  parseStreamId,
  prevId,
  type ParsedId,
  type StreamEntry,
  type StreamId,
  type StreamValue,
  type TrimArgs,
  U64_MAX,
} from '@ferrous/store';
import type { Reply } from '@ferrous/resp';
import type { Client } from '../../client';
import { ErrorText, RedisError } from '../../errors';

export const INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';

/** streamParseStrictIDOrReply / streamParseIDOrReply: an ID, `-`/`+` only when not strict. */
export function idArg(text: string, strict: boolean, missingSeq = 0n): StreamId {
  const parsed = parseStreamId(text, missingSeq, strict);
  if (parsed === null) throw new RedisError(INVALID_ID);
  return parsed.id;
}

/** streamParseIntervalIDOrReply: `(id` is exclusive (and strict); returns the ID and whether it was. */
export function intervalArg(text: string, missingSeq: bigint): { id: StreamId; exclusive: boolean } {
  const exclusive = text.length > 1 && text[0] === '(';
  return { id: idArg(exclusive ? text.slice(1) : text, exclusive, missingSeq), exclusive };
}

/** An inclusive range start from an interval argument (XRANGE, XPENDING, XAUTOCLAIM). */
export function rangeStartArg(text: string): StreamId {
  const { id, exclusive } = intervalArg(text, 0n);
  if (!exclusive) return id;
  const next = nextId(id);
  if (next === null) throw new RedisError('ERR invalid start ID for the interval');
  return next;
}

/** An inclusive range end from an interval argument. */
export function rangeEndArg(text: string): StreamId {
  const { id, exclusive } = intervalArg(text, U64_MAX);
  if (!exclusive) return id;
  const prev = prevId(id);
  if (prev === null) throw new RedisError('ERR invalid end ID for the interval');
  return prev;
}

/** getLongLongFromObjectOrReply as a JS number (values past 2^53 only matter as "huge"). */
export function longLongArg(text: string, error: string = ErrorText.notInteger): number {
  const n = parseInt64(text);
  if (n === null) throw new RedisError(error);
  return Number(n);
}

/** Parsed XADD/XTRIM options (streamParseAddOrTrimArgsOrReply). */
export interface AddTrimArgs {
  trim: TrimArgs | null;
  /** argv index of the MAXLEN/MINID value (its `~`/`=` is just before it when given). */
  trimArgIndex: number;
  noMkstream: boolean;
  /** XADD: argv index of the ID argument, and the ID (null for `*`). */
  idIndex: number;
  id: ParsedId | null;
}

/**
 * XADD's options up to the ID (`xadd`) or XTRIM's whole tail. Errors in Redis's order; LIMIT
 * defaults to 100 * stream-node-max-entries for `~` (10000 when that is out of range).
 */
export function parseAddTrimArgs(c: Client, argv: string[], xadd: boolean): AddTrimArgs {
  let strategy: 'maxlen' | 'minid' | null = null;
  let approx = false;
  let maxlen = 0;
  let minid: StreamId = 0n;
  let limit = 0;
  let limitGiven = false;
  let noMkstream = false;
  let trimArgIndex = 0;
  let id: ParsedId | null = null;
  let i = 2;
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const opt = argv[i];
    if (xadd && opt === '*') break;
    const upper = opt.toUpperCase();
    if ((upper === 'MAXLEN' || upper === 'MINID') && more > 0) {
      if (strategy !== null) throw new RedisError('ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
      approx = false;
      const next = argv[i + 1];
      if (more >= 2 && next === '~') {
        approx = true;
        i++;
      } else if (more >= 2 && next === '=') {
        i++;
      }
      if (upper === 'MAXLEN') {
        maxlen = longLongArg(argv[i + 1]);
        if (maxlen < 0) throw new RedisError('ERR The MAXLEN argument must be >= 0.');
      } else {
        minid = idArg(argv[i + 1], true);
      }
      i++;
      strategy = upper === 'MAXLEN' ? 'maxlen' : 'minid';
      trimArgIndex = i;
    } else if (upper === 'LIMIT' && more > 0) {
      limit = longLongArg(argv[i + 1]);
      if (limit < 0) throw new RedisError('ERR The LIMIT argument must be >= 0.');
      limitGiven = true;
      i++;
    } else if (xadd && upper === 'NOMKSTREAM') {
      noMkstream = true;
    } else if (xadd) {
      id = parseStreamId(opt, 0n, true, true);
      if (id === null) throw new RedisError(INVALID_ID);
      break;
    } else {
      throw new RedisError(ErrorText.syntax);
    }
  }
  if (limitGiven && strategy === null) throw new RedisError('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
  if (!xadd && strategy === null) throw new RedisError('ERR syntax error, XTRIM must be called with a trimming strategy');
  if (c.flags.master) {
    // A master's (or the AOF's) trim was rewritten to be exact: never limit it.
    limit = 0;
  } else if (limitGiven) {
    if (!approx) throw new RedisError('ERR syntax error, LIMIT cannot be used without the special ~ option');
  } else if (approx) {
    limit = 100 * c.server.config.int('stream-node-max-entries');
    if (limit <= 0 || limit > 1_000_000) limit = 10_000;
  }
  const trim = strategy === null ? null : { strategy, maxlen, minid, approx, limit };
  return { trim, trimArgIndex, noMkstream, idIndex: i, id };
}

/**
 * The argv to propagate after an approximate trim (streamRewriteApproxSpecifier +
 * streamRewriteTrimArgument): `=` and the exact length or first ID reached, and no LIMIT.
 */
export function exactTrimArgv(argv: string[], args: AddTrimArgs, s: StreamValue): string[] {
  const out = argv.slice();
  out[args.trimArgIndex - 1] = '=';
  out[args.trimArgIndex] = args.trim!.strategy === 'maxlen' ? String(s.size) : formatId(s.edgeId(false) ?? 0n);
  for (let i = 2; i < out.length && (args.idIndex === 0 || i < args.idIndex); i++) {
    if (out[i].toUpperCase() === 'LIMIT' && i !== args.trimArgIndex) {
      out.splice(i, 2);
      break;
    }
  }
  return out;
}

/** One entry as replies carry it: [id, [field, value, …]]. */
export function entryReply(e: StreamEntry): Reply {
  return [formatId(e.id), e.fields];
}

export function entriesReply(entries: StreamEntry[]): Reply[] {
  return entries.map(entryReply);
}
