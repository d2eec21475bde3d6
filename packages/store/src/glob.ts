// Redis's glob matching (stringmatchlen): `*`, `?`, `[abc]`, `[^a]`, `[a-z]` (reversed ranges
// allowed), `\x` escapes, optional ASCII case folding. Byte strings are latin1 JS strings.

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Whether `str` matches the glob `pattern`. */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  return matchAt(pattern, 0, str, 0, nocase, 0);
}

function matchAt(p: string, pi: number, s: string, si: number, nocase: boolean, depth: number): boolean {
  // Redis bounds recursion by nesting; a very deep pattern simply fails to match.
  if (depth > 1000) return false;
  const plen = p.length;
  const slen = s.length;
  while (pi < plen && si < slen) {
    const pc = p.charCodeAt(pi);
    if (pc === 42 /* * */) {
      while (pi + 1 < plen && p.charCodeAt(pi + 1) === 42) pi++;
      if (pi + 1 === plen) return true;
      for (let k = si; k < slen; k++) if (matchAt(p, pi + 1, s, k, nocase, depth + 1)) return true;
      return false;
    }
    const sc = s.charCodeAt(si);
    if (pc === 63 /* ? */) {
      si++;
      pi++;
      continue;
    }
    if (pc === 91 /* [ */) {
      pi++;
      const not = pi < plen && p.charCodeAt(pi) === 94; /* ^ */
      if (not) pi++;
      let match = false;
      for (;;) {
        if (pi >= plen) {
          pi--; // unterminated class: Redis treats the end of the pattern as its end
          break;
        }
        const c = p.charCodeAt(pi);
        if (c === 92 /* \ */ && pi + 1 < plen) {
          pi++;
          if (p.charCodeAt(pi) === sc) match = true;
        } else if (c === 93 /* ] */) {
          break;
        } else if (pi + 2 < plen && p.charCodeAt(pi + 1) === 45 /* - */) {
          let start = c;
          let end = p.charCodeAt(pi + 2);
          let ch = sc;
          if (start > end) [start, end] = [end, start];
          if (nocase) {
            start = lower(start);
            end = lower(end);
            ch = lower(ch);
          }
          pi += 2;
          if (ch >= start && ch <= end) match = true;
        } else if (nocase ? lower(c) === lower(sc) : c === sc) {
          match = true;
        }
        pi++;
      }
      if (not) match = !match;
      if (!match) return false;
      si++;
      pi++;
      continue;
    }
    let lit = pc;
    if (pc === 92 /* \ */ && pi + 1 < plen) lit = p.charCodeAt(++pi);
    if (nocase ? lower(lit) !== lower(sc) : lit !== sc) return false;
    si++;
    pi++;
  }
  // The string was consumed by the loop: trailing stars match nothing. (Like Redis, an empty
  // string never enters the loop, so "*" does not match it; callers special-case "*".)
  if (si === slen && slen > 0) {
    while (pi < plen && p.charCodeAt(pi) === 42) pi++;
  }
  return pi === plen && si === slen;
}
