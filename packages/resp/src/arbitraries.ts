// Test support (not exported): fast-check generators of valid replies and commands, shared by
// the round-trip property tests and the fuzzer.
import fc from 'fast-check';
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

const toLatin1 = (bytes: Uint8Array): string => Buffer.from(bytes).latin1Slice();

/** Any byte string, biased towards short ones. */
export const byteString = (maxLength = 40): fc.Arbitrary<string> => fc.uint8Array({ maxLength }).map(toLatin1);

/** A byte string without CR or LF (status and error lines). */
const lineString = fc.uint8Array({ maxLength: 30 }).map((b) => toLatin1(b.filter((c) => c !== 13 && c !== 10)));

const unsafeBigint = fc
  .bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
  .filter((n) => n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER));

/** Replies whose RESP2 encoding parses back to an equal value. */
export const resp2Reply: fc.Arbitrary<Reply> = fc.letrec<{ reply: Reply }>((tie) => ({
  reply: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    byteString(),
    fc.maxSafeInteger(),
    unsafeBigint,
    fc.constant(null),
    fc.constant(NullArrayReply.instance),
    lineString.map((s) => new SimpleString(s)),
    lineString.map((s) => new ErrorReply(s)),
    fc.array(tie('reply'), { maxLength: 5 }),
  ),
})).reply;

/** Replies whose RESP3 encoding parses back to an equal value. */
export const resp3Reply: fc.Arbitrary<Reply> = fc.letrec<{ reply: Reply; plain: Reply; pairs: Reply[] }>((tie) => ({
  plain: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    byteString(),
    fc.maxSafeInteger(),
    unsafeBigint,
    fc.constant(null),
    lineString.map((s) => new SimpleString(s)),
    lineString.map((s) => new ErrorReply(s)),
    fc.double().map((d) => new DoubleReply(d)),
    fc.boolean().map((b) => new BooleanReply(b)),
    fc.bigInt().map((n) => new BigNumberReply(n)),
    fc.tuple(byteString(3).filter((f) => f.length === 3), byteString()).map(([f, t]) => new VerbatimReply(f, t)),
    fc.array(tie('reply'), { maxLength: 5 }),
    tie('pairs').map((entries) => new MapReply(entries)),
    fc.array(tie('reply'), { maxLength: 4 }).map((items) => new SetReply(items)),
    fc.array(tie('reply'), { maxLength: 4 }).map((items) => new PushReply(items)),
  ),
  pairs: fc.array(fc.tuple(tie('reply'), tie('reply')), { maxLength: 3 }).map((kv) => kv.flat()),
  reply: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('plain'),
    fc.tuple(tie('pairs'), tie('plain')).map(([attributes, reply]) => new AttributeReply(attributes, reply)),
  ),
})).reply;

/** A client command: 1..8 byte-string arguments. */
export const argv: fc.Arbitrary<string[]> = fc.array(byteString(), { minLength: 1, maxLength: 8 });

/** Cuts `bytes` at the given fractions into pieces (empty pieces included). */
export function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = cuts.map((c) => Math.floor(c * bytes.length)).sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    pieces.push(bytes.subarray(last, p));
    last = p;
  }
  pieces.push(bytes.subarray(last));
  return pieces;
}

/** Split points as fractions of the input length. */
export const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });
