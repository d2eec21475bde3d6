import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { lzfCompress, lzfDecompress } from './lzf';

describe('lzf', () => {
  it('round-trips and compresses repetitive data', () => {
    const input = Buffer.from('abcabcabcabcabcabcabcabcabcabc'.repeat(100));
    const packed = lzfCompress(input, input.length - 4)!;
    expect(packed.length).toBeLessThan(input.length / 10);
    expect(lzfDecompress(packed, input.length)).toEqual(input);
  });

  it('returns null when the output would not be smaller', () => {
    const input = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
    expect(lzfCompress(input, input.length - 4)).toBeNull();
  });

  it('round-trips arbitrary bytes (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 40 }), (bytes, period) => {
        const input = Buffer.from(bytes.map((b, i) => (i % period === 0 ? b : bytes[i % period] ?? b)));
        const packed = lzfCompress(input, input.length * 2);
        if (input.length < 4) return packed === null;
        return packed !== null && lzfDecompress(packed, input.length).equals(input);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects malformed streams', () => {
    expect(() => lzfDecompress(Buffer.from([0x20, 0x05]), 10)).toThrow(/before the start/);
    expect(() => lzfDecompress(Buffer.from([0x05, 1, 2]), 6)).toThrow(/overruns the input/);
    expect(() => lzfDecompress(Buffer.from([0x01, 1, 2]), 3)).toThrow(/expected 3/);
  });
});
