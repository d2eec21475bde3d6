// C number conversions the bundled C libraries rely on, as glibc on x86-64 performs them.
// strtod and %.<p>g are lua-vm's (one implementation, checked against lua5.1), the casts from
// double to 64-bit integers the store's (geo decodes scores with them). Byte strings are latin1;
// a NUL byte ends a C string.
import { strtod as luaStrtod } from '@ferrous/lua-vm';

export { formatG, str2number } from '@ferrous/lua-vm';
export { toInt64, toUint64 } from '@ferrous/store';

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** Value of a hex digit byte, or -1. */
export const hexValue = (c: number): number => (isDigit(c) ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1);

/** glibc strtod from index `start`: [value, end]; `end === start` when nothing was parsed. */
export function strtod(s: string, start: number): [number, number] {
  return luaStrtod(s, start) ?? [0, start];
}

/** C conversion of an int64 to int: the low 32 bits, signed. */
export const toInt32 = (n: bigint): number => Number(BigInt.asIntN(32, n));
