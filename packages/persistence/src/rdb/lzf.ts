// LZF, the compressor Redis uses for RDB strings. Stream of control bytes: ctrl < 32 = literal
// run of ctrl+1 bytes; otherwise a back-reference of (ctrl >> 5) + 2 bytes (7 = one extra length
// byte follows) at offset ((ctrl & 31) << 8 | next) + 1 behind the output position.

const HLOG = 14;
const HSIZE = 1 << HLOG;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3); // 264 bytes per back-reference
const MAX_LIT = 32;

// Hash of 3 bytes -> position + `base`. Instead of clearing the 64 KB table on every call (which
// cost more than compressing a short string), each call raises `base` past every position stored
// before, so older entries read as negative positions and are ignored.
const table = new Int32Array(HSIZE);
let base = 0;
const BASE_LIMIT = 0x7fff_0000; // positions + base stay Int32

/**
 * Compresses `input` into at most `maxOut` bytes; returns null when it does not fit (the caller
 * then stores the string uncompressed, as Redis does).
 */
export function lzfCompress(input: Uint8Array, maxOut: number): Buffer | null {
  const out = Buffer.allocUnsafe(lzfOutputSpace(maxOut));
  const n = lzfCompressInto(input, maxOut, out);
  return n < 0 ? null : out.subarray(0, n);
}

/** The room lzfCompressInto needs for a result of at most `maxOut` bytes. */
export function lzfOutputSpace(maxOut: number): number {
  return Math.max(0, maxOut) + MAX_LIT + 4;
}

/**
 * lzfCompress of input's first `n` bytes into `out` (lzfOutputSpace(maxOut) bytes or more): the
 * compressed length, or -1.
 */
export function lzfCompressInto(input: Uint8Array, maxOut: number, out: Uint8Array, n = input.length): number {
  if (n < 4 || maxOut <= 0) return -1;
  if (base + n > BASE_LIMIT) {
    table.fill(0);
    base = 0;
  }
  const b = base + 1; // this call stores positions + b, above every earlier entry
  base = b + n;
  let ip = 0;
  let op = 1; // out[0] is the first literal run's control byte
  let litPos = 0;
  let lit = 0;
  while (ip < n - 2) {
    const h = (((input[ip] << 16) | (input[ip + 1] << 8) | input[ip + 2]) * 2654435761) >>> (32 - HLOG);
    const ref = table[h] - b;
    table[h] = ip + b;
    const off = ip - ref - 1;
    if (ref >= 0 && off < MAX_OFF && input[ref] === input[ip] && input[ref + 1] === input[ip + 1] && input[ref + 2] === input[ip + 2]) {
      const maxLen = Math.min(MAX_REF, n - ip);
      let len = 3;
      while (len < maxLen && input[ref + len] === input[ip + len]) len++;
      if (lit > 0) out[litPos] = lit - 1;
      else op--; // drop the empty literal placeholder
      const l = len - 2;
      if (l < 7) {
        out[op++] = (off >>> 8) | (l << 5);
      } else {
        out[op++] = (off >>> 8) | (7 << 5);
        out[op++] = l - 7;
      }
      out[op++] = off & 0xff;
      litPos = op++;
      lit = 0;
      if (op > maxOut) return -1;
      // Index the match's last two positions (as liblzf's default mode does): the next match is
      // most often found there, and indexing every position inside long matches costs ~3x the time.
      const stop = Math.min(ip + len, n - 2);
      for (let p = Math.max(ip + 1, ip + len - 2); p < stop; p++) {
        table[(((input[p] << 16) | (input[p + 1] << 8) | input[p + 2]) * 2654435761) >>> (32 - HLOG)] = p + b;
      }
      ip += len;
      continue;
    }
    out[op++] = input[ip++];
    if (++lit === MAX_LIT) {
      out[litPos] = MAX_LIT - 1;
      litPos = op++;
      lit = 0;
    }
    if (op > maxOut) return -1;
  }
  while (ip < n) {
    out[op++] = input[ip++];
    if (++lit === MAX_LIT) {
      out[litPos] = MAX_LIT - 1;
      litPos = op++;
      lit = 0;
    }
  }
  if (lit > 0) out[litPos] = lit - 1;
  else op--;
  return op > maxOut ? -1 : op;
}

/**
 * Decompresses `input` into exactly `outLen` bytes. Throws on a malformed stream (reference
 * before the start, overrun, or a size other than `outLen`).
 */
export function lzfDecompress(input: Uint8Array, outLen: number): Buffer {
  const out = Buffer.allocUnsafe(outLen);
  lzfDecompressInto(input, 0, input.length, out, outLen);
  return out;
}

/** lzfDecompress of input[start, end) into out[0, outLen) (`out` may be longer: a reused buffer). */
export function lzfDecompressInto(input: Uint8Array, start: number, end: number, out: Uint8Array, outLen: number): void {
  const n = end;
  let ip = start;
  let op = 0;
  while (ip < n) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      const len = ctrl + 1;
      if (op + len > outLen) throw new Error('LZF literal run overruns the output');
      if (ip + len > n) throw new Error('LZF literal run overruns the input');
      for (let i = 0; i < len; i++) out[op++] = input[ip++];
      continue;
    }
    let len = ctrl >>> 5;
    if (len === 7) {
      if (ip >= n) throw new Error('LZF stream truncated');
      len += input[ip++];
    }
    len += 2;
    if (ip >= n) throw new Error('LZF stream truncated');
    let ref = op - ((ctrl & 0x1f) << 8) - input[ip++] - 1;
    if (ref < 0) throw new Error('LZF back-reference before the start');
    if (op + len > outLen) throw new Error('LZF back-reference overruns the output');
    for (let i = 0; i < len; i++) out[op++] = out[ref++];
  }
  if (op !== outLen) throw new Error(`LZF output is ${op} bytes, expected ${outLen}`);
}
