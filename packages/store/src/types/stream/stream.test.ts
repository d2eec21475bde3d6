// StreamValue against a naive sorted-array model (ranges, deletes, exact trims keep the same
// entries whatever the node layout), and the ID parser's Redis quirks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatId, makeId, MAX_ID, parseStreamId, string2ull, U64_MAX } from './stream-id';
import { StreamValue } from './stream';

describe('stream IDs', () => {
  it('parses like streamGenericParseIDOrReply, including strtoull quirks', () => {
    const p = (t: string, strict = false) => {
      const r = parseStreamId(t, 0n, strict, true);
      return r === null ? null : `${formatId(r.id)}${r.seqGiven ? '' : ' auto'}`;
    };
    expect(p('5')).toBe('5-0');
    expect(p('5-3')).toBe('5-3');
    expect(p('5-*')).toBe('5-0 auto');
    expect(p('-')).toBe('0-0');
    expect(p('+')).toBe('18446744073709551615-18446744073709551615');
    expect(p('-', true)).toBeNull();
    expect(p('+', true)).toBeNull();
    expect(p('007')).toBe('7-0');
    expect(p('+7')).toBe('7-0');
    expect(p(' 7')).toBe('7-0');
    expect(p('-7')).toBeNull();
    expect(p('7-')).toBeNull();
    expect(p('7-x')).toBeNull();
    expect(p('18446744073709551615-18446744073709551615')).toBe('18446744073709551615-18446744073709551615');
    expect(p('18446744073709551616')).toBeNull();
    expect(p('1'.repeat(128))).toBeNull();
    expect(string2ull(' -1')).toBe(U64_MAX);
    expect(string2ull('-1')).toBeNull();
    expect(string2ull('')).toBeNull();
  });
});

describe('StreamValue', () => {
  const limits = { maxBytes: 120, maxEntries: 3 };
  const op = fc.oneof(
    fc.tuple(fc.constant('add' as const), fc.integer({ min: 1, max: 3 }), fc.constantFrom('a', 'b', '12', 'long value here')),
    fc.tuple(fc.constant('del' as const), fc.integer({ min: 0, max: 60 })),
    fc.tuple(fc.constant('maxlen' as const), fc.integer({ min: 0, max: 10 })),
    fc.tuple(fc.constant('minid' as const), fc.integer({ min: 0, max: 60 })),
  );

  it('keeps the entries of a naive model under adds, deletes and exact trims', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (ops, a, b) => {
        const s = new StreamValue();
        let model: bigint[] = [];
        let ms = 0n;
        for (const o of ops) {
          if (o[0] === 'add') {
            ms += BigInt(o[1]);
            const id = makeId(ms, BigInt(o[1] % 2));
            s.append(id, ['f', o[2]], limits);
            model.push(id);
          } else if (o[0] === 'del') {
            const id = model[o[1] % Math.max(1, model.length)] ?? makeId(BigInt(o[1]), 0n);
            expect(s.delete(id)).toBe(model.includes(id));
            model = model.filter((x) => x !== id);
          } else if (o[0] === 'maxlen') {
            s.trim({ strategy: 'maxlen', maxlen: o[1], minid: 0n, approx: false, limit: 0 });
            model = model.slice(Math.max(0, model.length - o[1]));
          } else {
            const min = makeId(BigInt(o[1]), 0n);
            s.trim({ strategy: 'minid', maxlen: 0, minid: min, approx: false, limit: 0 });
            model = model.filter((x) => x >= min);
          }
          expect(s.size).toBe(model.length);
        }
        const lo = makeId(BigInt(Math.min(a, b)), 0n);
        const hi = makeId(BigInt(Math.max(a, b)), U64_MAX);
        const inRange = model.filter((x) => x >= lo && x <= hi);
        expect(s.range(lo, hi).map((e) => e.id)).toEqual(inRange);
        expect(s.range(lo, hi, 2, true).map((e) => e.id)).toEqual(inRange.reverse().slice(0, 2));
        expect(s.range(0n, MAX_ID).map((e) => e.id)).toEqual(model);
        expect(s.edgeId(true)).toBe(model[model.length - 1]);
        // An approximate trim removes whole nodes only: never more than an exact one would.
        const approx = s.clone();
        const removed = approx.trim({ strategy: 'maxlen', maxlen: 2, minid: 0n, approx: true, limit: 0 });
        expect(removed).toBeLessThanOrEqual(Math.max(0, model.length - 2));
        expect(approx.range(0n, MAX_ID).map((e) => e.id)).toEqual(model.slice(removed));
      }),
      { seed: 77, numRuns: 300 },
    );
  });

  it('generates IDs like streamAppendItem/streamNextID', () => {
    const s = new StreamValue();
    expect(formatId(s.nextId(1000, null, true)!)).toBe('1000-0');
    s.append(makeId(1000n, 5n), ['a', 'b'], limits);
    expect(formatId(s.nextId(999, null, true)!)).toBe('1000-6');
    expect(formatId(s.nextId(1000, makeId(1000n, 0n), false)!)).toBe('1000-6');
    expect(formatId(s.nextId(1000, makeId(2000n, 0n), false)!)).toBe('2000-0');
    expect(s.nextId(1000, makeId(1000n, 5n), true)).toBeNull();
  });
});
