// A listpack-like compact encoding: a sequence of byte strings packed into ONE latin1 JS string,
// each entry as a length header followed by its bytes. A small hash/zset/list costs one string
// instead of an array of strings. Header: 1 char if length < 128, else 0x80 | bits 24..30 and
// three more chars. Mutations rebuild the string (O(n), like Redis's memmove).

/** Encodes one entry. */
export function lpEntry(value: string): string {
  const n = value.length;
  if (n < 128) return String.fromCharCode(n) + value;
  return String.fromCharCode(0x80 | (n >>> 24), (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff) + value;
}

/** Encodes a whole sequence. */
export function lpEncode(values: readonly string[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = lpEntry(values[i]);
  return parts.join('');
}

/** Decodes every entry. */
export function lpDecode(lp: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < lp.length) {
    const h = lp.charCodeAt(pos);
    let len = h;
    let start = pos + 1;
    if (h >= 128) {
      len = ((h & 0x7f) << 24) | (lp.charCodeAt(pos + 1) << 16) | (lp.charCodeAt(pos + 2) << 8) | lp.charCodeAt(pos + 3);
      start = pos + 4;
    }
    out.push(lp.slice(start, start + len));
    pos = start + len;
  }
  return out;
}

/**
 * Index of the first entry equal to `value` among entries 0, step, 2*step…, or -1
 * (step 2 searches the fields of a field/value sequence).
 */
export function lpIndexOf(lp: string, value: string, step: number): number {
  let pos = 0;
  let index = 0;
  const n = value.length;
  while (pos < lp.length) {
    const h = lp.charCodeAt(pos);
    let len = h;
    let start = pos + 1;
    if (h >= 128) {
      len = ((h & 0x7f) << 24) | (lp.charCodeAt(pos + 1) << 16) | (lp.charCodeAt(pos + 2) << 8) | lp.charCodeAt(pos + 3);
      start = pos + 4;
    }
    if (index % step === 0 && len === n && lp.startsWith(value, start)) return index;
    pos = start + len;
    index++;
  }
  return -1;
}

/** In a field/value sequence, the value after the first field equal to `field`, or undefined. */
export function lpValueOf(lp: string, field: string): string | undefined {
  let pos = 0;
  let isField = true;
  let found = false;
  const n = field.length;
  while (pos < lp.length) {
    const h = lp.charCodeAt(pos);
    let len = h;
    let start = pos + 1;
    if (h >= 128) {
      len = ((h & 0x7f) << 24) | (lp.charCodeAt(pos + 1) << 16) | (lp.charCodeAt(pos + 2) << 8) | lp.charCodeAt(pos + 3);
      start = pos + 4;
    }
    if (found) return lp.slice(start, start + len);
    if (isField && len === n && lp.startsWith(field, start)) found = true;
    isField = !isField;
    pos = start + len;
  }
  return undefined;
}

/**
 * Forces a string built by concatenation into one flat sequential string, so a stored listpack
 * does not keep a rope of fragments alive (V8 flattens in place on indexed access).
 */
export function flat(s: string): string {
  if (s.length > 0) s.charCodeAt(0);
  return s;
}

/**
 * A copy of `s` that does not share storage with a larger string. Values sliced out of a
 * listpack are V8 sliced strings that would keep the whole listpack alive once stored elsewhere.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'latin1').toString('latin1');
}
