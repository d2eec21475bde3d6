// C number conversions the bundled C libraries rely on, as glibc on x86-64 performs them.
// strtod and %.<p>g are lua-vm's (one implementation, checked against lua5.1); the casts from
// double to C integers live here. Byte strings are latin1; a NUL byte ends a C string.
import { strtod as luaStrtod } from '@ferrous/lua-vm';

export { formatG, str2number } from '@ferrous/lua-vm';

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** Value of a hex digit byte, or -1. */
export const hexValue = (c: number): number => (isDigit(c) ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1);

/** glibc strtod from index `start`: [value, end]; `end === start` when nothing was parsed. */
export function strtod(s: string, start: number): [number, number] {
  return luaStrtod(s, start) ?? [0, start];
}

const TWO63 = 2 ** 63;

/** C cast double → int64 (cvttsd2si): truncation; NaN and out-of-range give INT64_MIN. */
export function toInt64(x: number): bigint {
  if (!(x >= -TWO63 && x < TWO63)) return -(1n << 63n);
  return BigInt(Math.trunc(x));
}

/** C cast double → uint64 as gcc emits it on x86-64 (values ≥ 2^63 go through a bias). */
export function toUint64(x: number): bigint {
  if (x >= TWO63) return BigInt.asUintN(64, toInt64(x - TWO63) ^ (1n << 63n));
  return BigInt.asUintN(64, toInt64(x));
}

/** C conversion of an int64 to int: the low 32 bits, signed. */
export const toInt32 = (n: bigint): number => Number(BigInt.asIntN(32, n));
