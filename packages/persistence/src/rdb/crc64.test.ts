import { describe, it, expect } from 'vitest';
import { crc64, Crc64 } from './crc64';

describe('crc64', () => {
  it('has the CRC-64/Jones check value', () => {
    expect(crc64(Buffer.from('123456789')).toString(16)).toBe('e9c6d914c4b8d9ca');
  });

  it('is 0 for empty input and matches a bitwise reference on random data', () => {
    expect(crc64(Buffer.alloc(0))).toBe(0n);
    const poly = 0x95ac9329ac4bc9b5n;
    const reference = (buf: Uint8Array) => {
      let crc = 0n;
      for (const byte of buf) {
        crc ^= BigInt(byte);
        for (let i = 0; i < 8; i++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
      }
      return crc;
    };
    let seed = 7;
    for (const len of [1, 7, 8, 9, 15, 16, 100, 1001]) {
      const buf = Buffer.alloc(len);
      for (let i = 0; i < len; i++) buf[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      expect(crc64(buf)).toBe(reference(buf));
      for (let off = 1; off < 8 && off < len; off++) expect(crc64(buf.subarray(off)), `offset ${off}`).toBe(reference(buf.subarray(off)));
    }
  });

  it('is incremental across chunk boundaries', () => {
    const buf = Buffer.from('The quick brown fox jumps over the lazy dog, twice over.');
    const c = new Crc64().update(buf, 0, 5).update(buf, 5, 30).update(buf, 30);
    expect(c.value).toBe(crc64(buf));
    expect(c.bytes().readBigUInt64LE(0)).toBe(crc64(buf));
  });
});
