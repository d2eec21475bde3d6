// Fuzzing: random and mutated bytes, split at random points, into both parsers. The only
// acceptable failure is a documented ProtocolError; no other exception, hang, or buffering beyond
// the input. Fixed seed and bounded runs here; FUZZ_LONG=1 runs 100x more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argv, cuts, resp3Reply, splitAt } from './arbitraries.js';
import { encodeCommand, encodeReply } from './encoder.js';
import { PROTOCOL_ERRORS, ProtocolError, REPLY_ERRORS } from './errors.js';
import { ReplyParser } from './reply-parser.js';
import { RequestParser } from './request-parser.js';

const SEED = 424242;
const RUNS = process.env.FUZZ_LONG === '1' ? 100_000 : 1_000;

const requestMessages = new Set<string>(Object.values(PROTOCOL_ERRORS));
const replyMessages = new Set<string>(Object.values(REPLY_ERRORS));
const isRequestError = (m: string): boolean => requestMessages.has(m) || /^Protocol error: expected '\$', got '[\s\S]'$/.test(m);
const isReplyError = (m: string): boolean => replyMessages.has(m) || /^Protocol error, got "[\s\S]+" as reply type byte$/.test(m);

/** Random edits of a valid message: flip, insert, delete, duplicate, truncate. */
const mutated = (valid: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> =>
  fc
    .tuple(
      valid,
      fc.array(fc.tuple(fc.nat(4), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([bytes, edits]) => {
      let b = Buffer.from(bytes);
      for (const [kind, where, byte] of edits) {
        const i = Math.floor(where * b.length);
        if (kind === 0 && b.length > 0) b[Math.min(i, b.length - 1)] = byte;
        else if (kind === 1) b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
        else if (kind === 2) b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
        else if (kind === 3) b = Buffer.concat([b.subarray(0, i), b.subarray(Math.max(0, i - 8), i), b.subarray(i)]);
        else b = b.subarray(0, i);
      }
      return b;
    });

const randomBytes = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b));
/** Random bytes drawn mostly from RESP's own alphabet, which reaches deeper states. */
const respish = fc
  .array(fc.constantFrom(...'*$+-:_,#!=(%~>|;.?\r\n0123456789-abc'.split('')), { maxLength: 120 })
  .map((chars) => Buffer.from(chars.join(''), 'latin1'));
const validRequests = fc.array(argv, { minLength: 1, maxLength: 4 }).map((cs) => Buffer.concat(cs.map((c) => encodeCommand(c))));
const validReplies = fc.array(resp3Reply, { minLength: 1, maxLength: 4 }).map((rs) => Buffer.concat(rs.map((r) => encodeReply(r, 3))));

function fuzzRequests(input: Buffer, at: number[]): void {
  const parser = new RequestParser();
  let error: ProtocolError | null = null;
  for (const piece of splitAt(input, at)) {
    const result = parser.feed(piece, (a) => expect(Array.isArray(a)).toBe(true));
    if (result !== null) {
      error = result;
      expect(isRequestError(result.message)).toBe(true);
    } else {
      expect(error).toBeNull();
      expect(parser.bufferedBytes).toBeLessThanOrEqual(input.length);
    }
  }
}

function fuzzReplies(input: Buffer, at: number[]): void {
  const parser = new ReplyParser({ onReply: () => undefined });
  for (const piece of splitAt(input, at)) {
    const result = parser.feed(piece);
    if (result !== null) expect(isReplyError(result.message)).toBe(true);
    else expect(parser.bufferedBytes).toBeLessThanOrEqual(input.length);
  }
}

describe('fuzz', { timeout: process.env.FUZZ_LONG === '1' ? 3_600_000 : 30_000 }, () => {
  const sources = { 'random bytes': randomBytes, 'RESP alphabet': respish };
  for (const [name, bytes] of Object.entries(sources)) {
    it(`RequestParser: ${name}`, () => fc.assert(fc.property(bytes, cuts, fuzzRequests), { seed: SEED, numRuns: RUNS }));
    it(`ReplyParser: ${name}`, () => fc.assert(fc.property(bytes, cuts, fuzzReplies), { seed: SEED, numRuns: RUNS }));
  }
  it('RequestParser: mutated valid requests', () =>
    fc.assert(fc.property(mutated(validRequests), cuts, fuzzRequests), { seed: SEED, numRuns: RUNS }));
  it('ReplyParser: mutated valid replies', () =>
    fc.assert(fc.property(mutated(validReplies), cuts, fuzzReplies), { seed: SEED, numRuns: RUNS }));
  it('ReplyParser: mutated requests (arrays of bulks)', () =>
    fc.assert(fc.property(mutated(validRequests), cuts, fuzzReplies), { seed: SEED, numRuns: RUNS }));
});
