// Byte sizes of listpack elements (listpack.c's encodings), so stream nodes fill up and split at
// the same entries as Redis's (stream-node-max-bytes).
import { parseInt64 } from '../../numbers';

/** Bytes of an integer element: encoding + backlen. */
export function lpIntSize(v: number | bigint): number {
  const n = typeof v === 'bigint' ? v : BigInt(v);
  let enc: number;
  if (n >= 0n && n <= 127n) enc = 1;
  else if (n >= -4096n && n <= 4095n) enc = 2;
  else if (n >= -32768n && n <= 32767n) enc = 3;
  else if (n >= -8388608n && n <= 8388607n) enc = 4;
  else if (n >= -2147483648n && n <= 2147483647n) enc = 5;
  else enc = 9;
  return enc + backlenSize(enc);
}

/** Bytes of a string element; strings that read as integers are stored as integers. */
export function lpElementSize(s: string): number {
  if (s.length <= 20) {
    const n = parseInt64(s);
    if (n !== null) return lpIntSize(n);
  }
  const len = s.length;
  const enc = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
  return enc + backlenSize(enc);
}

function backlenSize(l: number): number {
  return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
}
