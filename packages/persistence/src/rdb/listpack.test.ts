import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decodeListpack, encodeListpack, listpackEntrySize } from './listpack';
import { decodeIntset, encodeIntset } from './intset';
import { RdbError } from './bytes';

describe('listpack', () => {
  it('encodes integers and strings with the encodings of the listpack spec', () => {
    // "1" as 7-bit uint, "-1" as 13-bit int, "hi" as 6-bit string.
    expect(encodeListpack(['1', '-1', 'hi']).toString('hex')).toBe('10000000' + '0300' + '0101' + 'dfff02' + '826869' + '03' + 'ff');
  });

  it('round-trips every integer width, long strings and non-canonical integers', () => {
    const values = ['0', '127', '128', '-4096', '4095', '-32768', '32767', '-8388608', '8388607', '-2147483648', '2147483647', '9223372036854775807', '-9223372036854775808', '9223372036854775808', '01', '-0', '+1', '', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(4095), 'w'.repeat(4096), 'v'.repeat(20000)];
    const blob = encodeListpack(values);
    expect(decodeListpack(blob)).toEqual(values);
    expect(blob.length).toBe(7 + values.reduce((n, v) => n + listpackEntrySize(v), 0));
  });

  it('round-trips arbitrary byte strings (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 80 }).map((s) => Buffer.from(s).latin1Slice()), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String))), (values) => {
        expect(decodeListpack(encodeListpack(values))).toEqual(values);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('rejects damaged blobs with the offset', () => {
    const blob = encodeListpack(['abc', '1000']);
    const bad = Buffer.from(blob);
    bad[bad.length - 2] ^= 1; // backlen of the last entry
    expect(() => decodeListpack(bad, 100)).toThrow(RdbError);
    expect(() => decodeListpack(blob.subarray(0, 8))).toThrow(/header says/);
  });
});

describe('intset', () => {
  it('uses the narrowest width and round-trips', () => {
    expect(encodeIntset(['3', '-1', '2']).toString('hex')).toBe('02000000' + '03000000' + 'ffff' + '0200' + '0300');
    const wide = ['-9223372036854775808', '0', '9223372036854775807'];
    expect(encodeIntset(wide).readUInt32LE(0)).toBe(8);
    expect(decodeIntset(encodeIntset(wide))).toEqual(wide);
    expect(decodeIntset(encodeIntset(['70000', '1']))).toEqual(['1', '70000']);
  });

  it('rejects bad widths, sizes and order', () => {
    expect(() => decodeIntset(Buffer.from('0300000001000000ff', 'hex'))).toThrow(/invalid intset encoding 3/);
    expect(() => decodeIntset(Buffer.from('020000000200000001', 'hex'))).toThrow(/intset of 2 x 2 bytes/);
    expect(() => decodeIntset(Buffer.from('02000000020000000200' + '0100', 'hex'))).toThrow(/not sorted/);
  });
});
