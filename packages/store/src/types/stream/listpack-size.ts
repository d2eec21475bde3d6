// Byte sizes of listpack elements (listpack.c's encodings), so stream nodes fill up and split at
// the same entries as Redis's (stream-node-max-bytes).
import { parseInt64, parseInteger } from '../../numbers';

/** Bytes of an integer element: encoding + backlen (1 byte: every integer encoding is < 128). */
export function lpIntSize(v: number | bigint): number {
  const n = typeof v === 'bigint' ? (v >= -(2n ** 31n) && v < 2n ** 31n ? Number(v) : null) : v;
  if (n === null || n < -2147483648 || n > 2147483647) return 10;
  if (n >= 0 && n <= 127) return 2;
  if (n >= -4096 && n <= 4095) return 3;
  if (n >= -32768 && n <= 32767) return 4;
  if (n >= -8388608 && n <= 8388607) return 5;
  return 6;
}

/** Bytes of a string element; strings that read as integers are stored as integers. */
export function lpElementSize(s: string): number {
  const len = s.length;
  if (len <= 15) {
    const n = parseInteger(s);
    if (n !== null) return lpIntSize(n);
  } else if (len <= 20) {
    const n = parseInt64(s);
    if (n !== null) return lpIntSize(n);
  }
  const enc = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
  return enc + backlenSize(enc);
}

function backlenSize(l: number): number {
  return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
}
