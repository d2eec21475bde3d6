// Round-trip properties: random valid messages -> encode -> split at random points -> parse -> equal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argv, byteString, cuts, resp2Reply, resp3Reply, splitAt } from './arbitraries.js';
import { encodeCommand, encodeReply } from './encoder.js';
import { ReplyParser } from './reply-parser.js';
import { RequestParser } from './request-parser.js';
import type { ProtocolVersion, Reply } from './types.js';

const SEED = 20240611;

function parseReplies(pieces: Buffer[]): Reply[] {
  const replies: Reply[] = [];
  const parser = new ReplyParser({ onReply: (r) => replies.push(r) });
  for (const piece of pieces) expect(parser.feed(piece)).toBeNull();
  expect(parser.bufferedBytes).toBe(0);
  return replies;
}

function roundTrip(proto: ProtocolVersion, arbitrary: fc.Arbitrary<Reply>): void {
  fc.assert(
    fc.property(fc.array(arbitrary, { minLength: 1, maxLength: 6 }), cuts, (replies, at) => {
      const bytes = Buffer.concat(replies.map((r) => encodeReply(r, proto)));
      expect(parseReplies(splitAt(bytes, at))).toEqual(replies);
    }),
    { seed: SEED, numRuns: 400 },
  );
}

describe('round trip', () => {
  it('RESP2 replies', () => roundTrip(2, resp2Reply));
  it('RESP3 replies', () => roundTrip(3, resp3Reply));

  it('commands through encodeCommand and RequestParser', () => {
    fc.assert(
      fc.property(fc.array(argv, { minLength: 1, maxLength: 6 }), cuts, (commands, at) => {
        const bytes = Buffer.concat(commands.map((c) => encodeCommand(c)));
        const parser = new RequestParser();
        const parsed: string[][] = [];
        for (const piece of splitAt(bytes, at)) expect(parser.feed(piece, (a) => parsed.push(a))).toBeNull();
        expect(parsed).toEqual(commands);
        expect(parser.bufferedBytes).toBe(0);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('inline commands quoted with \\xHH escapes', () => {
    const hex = (s: string): string => [...s].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    fc.assert(
      fc.property(fc.array(byteString(12), { minLength: 1, maxLength: 6 }), cuts, (args, at) => {
        const line = `${args.map((a) => `"${hex(a)}"`).join(' \t')}\r\n`;
        const parser = new RequestParser();
        const parsed: string[][] = [];
        for (const piece of splitAt(Buffer.from(line, 'latin1'), at)) parser.feed(piece, (a) => parsed.push(a));
        expect(parsed).toEqual([args]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
