// Lua 5.1 pattern matching (lstrlib.c's matcher) over byte strings (latin1 JS strings).
// Patterns are interpreted lazily, exactly like the C code, so a malformed item that is never
// reached raises no error; a pattern ends at its first NUL byte, as C strings do in 5.1.
// Two shortcuts skip only attempts that would fail without side effects or errors: scans jump
// to positions where the first item can match, expansions to positions where the next byte fits.

/** A pattern error; `message` is Lua 5.1's exact text. */
export class LuaPatternError extends Error {
  override name = 'LuaPatternError';
}

/**
 * One successful match. `start`/`end` are 0-based, end exclusive. `captures` holds strings and
 * position captures (1-based numbers, as Lua returns them); it is empty when the pattern has no
 * captures (callers then use the whole match). Reading a capture that was still open when the
 * match ended throws `unfinished capture`, as pushing it does in Lua.
 */
export interface PatternMatch {
  start: number;
  end: number;
  captures: (string | number)[];
}

const MAXCAPTURES = 32;
const CAP_UNFINISHED = -1;
const CAP_POSITION = -2;
const ESC = 0x25; // '%'

/** Characters whose presence makes string.find use the matcher instead of a plain search. */
const SPECIALS = '^$*+?.([%-';

/** C-locale <ctype.h> classes for bytes 0–255 (bytes >= 0x80 belong to none). */
const ALPHA = 1, DIGIT = 2, LOWER = 4, UPPER = 8, SPACE = 16, CNTRL = 32, PUNCT = 64, XDIGIT = 128;
const CTYPE = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  let f = 0;
  if (c >= 0x61 && c <= 0x7a) f |= ALPHA | LOWER;
  if (c >= 0x41 && c <= 0x5a) f |= ALPHA | UPPER;
  if (c >= 0x30 && c <= 0x39) f |= DIGIT;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) f |= XDIGIT;
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) f |= SPACE;
  if (c < 0x20 || c === 0x7f) f |= CNTRL;
  if (c > 0x20 && c < 0x7f && !(f & (ALPHA | DIGIT))) f |= PUNCT;
  CTYPE[c] = f;
}

/** match_class: does byte `c` belong to class letter `cl` (the char after '%')? */
function matchClass(c: number, cl: number): boolean {
  let res: boolean;
  switch (cl | 0x20) {
    case 0x61: res = (CTYPE[c] & ALPHA) !== 0; break; // a
    case 0x63: res = (CTYPE[c] & CNTRL) !== 0; break; // c
    case 0x64: res = (CTYPE[c] & DIGIT) !== 0; break; // d
    case 0x6c: res = (CTYPE[c] & LOWER) !== 0; break; // l
    case 0x70: res = (CTYPE[c] & PUNCT) !== 0; break; // p
    case 0x73: res = (CTYPE[c] & SPACE) !== 0; break; // s
    case 0x75: res = (CTYPE[c] & UPPER) !== 0; break; // u
    case 0x77: res = (CTYPE[c] & (ALPHA | DIGIT)) !== 0; break; // w
    case 0x78: res = (CTYPE[c] & XDIGIT) !== 0; break; // x
    case 0x7a: res = c === 0; break; // z
    default: return cl === c;
  }
  // Only ASCII letters reach here; a lower-case class letter means the class itself.
  return (CTYPE[cl] & LOWER) !== 0 ? res : !res;
}

/** Whether string.find must use the matcher (C strpbrk: looks only up to the first NUL). */
export function isPlainPattern(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 0) return true;
    if (SPECIALS.indexOf(p[i]) >= 0) return false;
  }
  return true;
}

/** The matcher's state for one subject/pattern pair (MatchState in lstrlib.c). */
class Matcher {
  // Plain small-integer arrays: typed-array allocation costs more than a whole short match.
  readonly capInit: number[] = new Array<number>(MAXCAPTURES).fill(0);
  readonly capLen: number[] = new Array<number>(MAXCAPTURES).fill(0);
  level = 0;
  s = '';
  p = '';
  slen = 0;
  plen = 0;

  reset(s: string, p: string): this {
    this.fpi = this.fep = -1;
    this.flit = '';
    this.s = s;
    this.p = p;
    this.slen = s.length;
    const nul = p.indexOf('\0');
    this.plen = nul < 0 ? p.length : nul;
    return this;
  }

  /** Pattern byte at `i`, 0 past the end (the C terminator). */
  private pc(i: number): number {
    return i < this.plen ? this.p.charCodeAt(i) : 0;
  }

  /** classEnd: index just past the single-char class starting at `pi`. */
  private classEnd(pi: number): number {
    const c = this.pc(pi++);
    if (c === ESC) {
      if (pi >= this.plen) throw new LuaPatternError("malformed pattern (ends with '%')");
      return pi + 1;
    }
    if (c === 0x5b) { // '['
      if (this.pc(pi) === 0x5e) pi++; // '^'
      do {
        if (pi >= this.plen) throw new LuaPatternError("malformed pattern (missing ']')");
        if (this.pc(pi++) === ESC && pi < this.plen) pi++;
      } while (this.pc(pi) !== 0x5d);
      return pi + 1;
    }
    return pi;
  }

  /** matchbracketclass: `pi` at '[', `ec` at the closing ']'. */
  private matchBracketClass(c: number, pi: number, ec: number): boolean {
    let sig = true;
    if (this.pc(pi + 1) === 0x5e) {
      sig = false;
      pi++;
    }
    while (++pi < ec) {
      const pch = this.pc(pi);
      if (pch === ESC) {
        pi++;
        if (matchClass(c, this.pc(pi))) return sig;
      } else if (this.pc(pi + 1) === 0x2d && pi + 2 < ec) {
        pi += 2;
        if (pch <= c && c <= this.pc(pi)) return sig;
      } else if (pch === c) return sig;
    }
    return !sig;
  }

  private singleMatch(c: number, pi: number, ep: number): boolean {
    // classEnd has validated the item, so these reads are inside the pattern.
    const pch = this.p.charCodeAt(pi);
    switch (pch) {
      case 0x2e: return true; // '.'
      case ESC: return matchClass(c, this.p.charCodeAt(pi + 1));
      case 0x5b: return this.matchBracketClass(c, pi, ep - 1);
      default: return pch === c;
    }
  }

  /** match: end index of a match of pattern[pi..] at subject[si..], or -1. */
  match(si: number, pi: number): number {
    const s = this.s;
    const p = this.p;
    const plen = this.plen;
    for (;;) {
      const pch = pi < plen ? p.charCodeAt(pi) : 0;
      switch (pch) {
        case 0x28: // '(' start capture
          if (this.pc(pi + 1) === 0x29) return this.startCapture(si, pi + 2, CAP_POSITION);
          return this.startCapture(si, pi + 1, CAP_UNFINISHED);
        case 0x29: // ')' end capture
          return this.endCapture(si, pi + 1);
        case 0: // end of pattern
          return si;
        case 0x24: // '$'
          if (pi + 1 >= this.plen) return si === this.slen ? si : -1;
          break;
        case ESC: {
          const next = this.pc(pi + 1);
          if (next === 0x62) { // %b
            si = this.matchBalance(si, pi + 2);
            if (si < 0) return -1;
            pi += 4;
            continue;
          }
          if (next === 0x66) { // %f
            pi += 2;
            if (this.pc(pi) !== 0x5b) throw new LuaPatternError("missing '[' after '%f' in pattern");
            const ep = this.classEnd(pi);
            const prev = si === 0 ? 0 : s.charCodeAt(si - 1);
            const cur = si < this.slen ? s.charCodeAt(si) : 0;
            if (this.matchBracketClass(prev, pi, ep - 1) || !this.matchBracketClass(cur, pi, ep - 1)) return -1;
            pi = ep;
            continue;
          }
          if (next >= 0x30 && next <= 0x39) { // back-reference %0-%9
            si = this.matchCapture(si, next);
            if (si < 0) return -1;
            pi += 2;
            continue;
          }
          break;
        }
      }
      // A single-char class, possibly followed by a quantifier.
      const ep = this.classEnd(pi);
      const m = si < this.slen && this.singleMatch(s.charCodeAt(si), pi, ep);
      switch (ep < plen ? p.charCodeAt(ep) : 0) {
        case 0x3f: { // '?'
          if (m) {
            const res = this.match(si + 1, ep + 1);
            if (res >= 0) return res;
          }
          pi = ep + 1;
          continue;
        }
        case 0x2a: // '*'
          return this.maxExpand(si, pi, ep);
        case 0x2b: // '+'
          return m ? this.maxExpand(si + 1, pi, ep) : -1;
        case 0x2d: // '-'
          return this.minExpand(si, pi, ep);
        default:
          if (!m) return -1;
          si++;
          pi = ep;
      }
    }
  }

  /** How many bytes from si match the single-char class at pi (the greedy run). */
  private run(si: number, pi: number, ep: number): number {
    const s = this.s;
    const slen = this.slen;
    const pch = this.p.charCodeAt(pi);
    let i = si;
    if (pch === 0x2e) return slen - si; // '.'
    if (pch === ESC) {
      const cl = this.p.charCodeAt(pi + 1);
      while (i < slen && matchClass(s.charCodeAt(i), cl)) i++;
    } else if (pch === 0x5b) {
      while (i < slen && this.matchBracketClass(s.charCodeAt(i), pi, ep - 1)) i++;
    } else {
      while (i < slen && s.charCodeAt(i) === pch) i++;
    }
    return i - si;
  }

  /**
   * The byte that must come next when pattern[pi..] continues with capture closes and then a
   * plain byte that has to occur, else -1. Trying the rest elsewhere fails without side effects
   * (the closes are valid: enough captures are open), so the expansions skip those positions.
   */
  private followingLiteral(pi: number): number {
    const p = this.p;
    let k = pi;
    while (k < this.plen && p.charCodeAt(k) === 0x29) k++;
    if (k > pi) {
      let open = 0;
      for (let l = 0; l < this.level; l++) if (this.capLen[l] === CAP_UNFINISHED) open++;
      if (open < k - pi) return -1;
    }
    if (k >= this.plen) return -1;
    const c = p.charCodeAt(k);
    if (c === 0x28 || c === 0x29 || c === ESC || c === 0x5b || c === 0x2e || (c === 0x24 && k + 1 === this.plen)) return -1;
    const q = k + 1 < this.plen ? p.charCodeAt(k + 1) : 0;
    return q === 0x2a || q === 0x3f || q === 0x2d ? -1 : c;
  }

  private maxExpand(si: number, pi: number, ep: number): number {
    let i = this.run(si, pi, ep);
    const lit = this.followingLiteral(ep + 1);
    for (; i >= 0; i--) {
      if (lit >= 0 && this.s.charCodeAt(si + i) !== lit) continue;
      const res = this.match(si + i, ep + 1);
      if (res >= 0) return res;
    }
    return -1;
  }

  private minExpand(si: number, pi: number, ep: number): number {
    const lit = this.followingLiteral(ep + 1);
    for (;;) {
      const res = lit >= 0 && this.s.charCodeAt(si) !== lit ? -1 : this.match(si, ep + 1);
      if (res >= 0) return res;
      if (si < this.slen && this.singleMatch(this.s.charCodeAt(si), pi, ep)) si++;
      else return -1;
    }
  }

  private startCapture(si: number, pi: number, what: number): number {
    const level = this.level;
    if (level >= MAXCAPTURES) throw new LuaPatternError('too many captures');
    this.capInit[level] = si;
    this.capLen[level] = what;
    this.level = level + 1;
    const res = this.match(si, pi);
    if (res < 0) this.level--;
    return res;
  }

  private endCapture(si: number, pi: number): number {
    const l = this.captureToClose();
    this.capLen[l] = si - this.capInit[l];
    const res = this.match(si, pi);
    if (res < 0) this.capLen[l] = CAP_UNFINISHED;
    return res;
  }

  private captureToClose(): number {
    for (let level = this.level - 1; level >= 0; level--) {
      if (this.capLen[level] === CAP_UNFINISHED) return level;
    }
    throw new LuaPatternError('invalid pattern capture');
  }

  private matchBalance(si: number, pi: number): number {
    if (pi + 1 >= this.plen) throw new LuaPatternError('unbalanced pattern');
    const s = this.s;
    const b = this.pc(pi);
    if (si >= this.slen || s.charCodeAt(si) !== b) return -1;
    const e = this.pc(pi + 1);
    let cont = 1;
    while (++si < this.slen) {
      const c = s.charCodeAt(si);
      if (c === e) {
        if (--cont === 0) return si + 1;
      } else if (c === b) cont++;
    }
    return -1;
  }

  private matchCapture(si: number, digit: number): number {
    const l = digit - 0x31;
    if (l < 0 || l >= this.level || this.capLen[l] === CAP_UNFINISHED) throw new LuaPatternError('invalid capture index');
    const len = this.capLen[l];
    // A position capture has a negative length: the C size_t comparison always fails.
    if (len < 0 || this.slen - si < len) return -1;
    const init = this.capInit[l];
    for (let k = 0; k < len; k++) {
      if (this.s.charCodeAt(init + k) !== this.s.charCodeAt(si + k)) return -1;
    }
    return si + len;
  }

  /** The first item every match must begin with (see prefilter); -1 when there is none. */
  private fpi = -1;
  private fep = -1;
  /** That item as a one-char string when it is a plain byte (scanned with indexOf). */
  private flit = '';

  /**
   * Finds the single-char item at the start of pattern[pi..] (after any opening captures) that
   * must match the first subject byte, so scanning can skip positions where it cannot. Only
   * items that need a byte qualify (no '*', '?' or '-'); anything unusual disables the filter
   * and leaves errors to match() as Lua raises them.
   */
  prefilter(pi: number): this {
    this.fpi = this.fep = -1;
    this.flit = '';
    const p = this.p;
    let k = pi;
    let opened = 0;
    while (k < this.plen && p.charCodeAt(k) === 0x28) {
      k += p.charCodeAt(k + 1) === 0x29 ? 2 : 1;
      opened++;
    }
    if (k >= this.plen || opened >= MAXCAPTURES) return this; // too many captures must still fail
    const c = p.charCodeAt(k);
    if (c === 0x29 || c === 0x2e || (c === 0x24 && k + 1 === this.plen)) return this;
    if (c === ESC) {
      const next = k + 1 < this.plen ? p.charCodeAt(k + 1) : 0;
      if (next === 0 || next === 0x62 || next === 0x66 || (next >= 0x30 && next <= 0x39)) return this;
    }
    let ep: number;
    try {
      ep = this.classEnd(k);
    } catch {
      return this;
    }
    const q = ep < this.plen ? p.charCodeAt(ep) : 0;
    if (q === 0x2a || q === 0x3f || q === 0x2d) return this;
    if (c !== ESC && c !== 0x5b) this.flit = p[k];
    else {
      this.fpi = k;
      this.fep = ep;
    }
    return this;
  }

  /** The first position >= si where a match may start, or -1 (see prefilter). */
  skip(si: number): number {
    if (this.flit !== '') return this.s.indexOf(this.flit, si);
    if (this.fpi < 0) return si;
    for (; si < this.slen; si++) if (this.singleMatch(this.s.charCodeAt(si), this.fpi, this.fep)) return si;
    return -1;
  }

  /** Runs match(), turning JS stack exhaustion on huge patterns into a Lua error. */
  tryMatch(si: number, pi: number): number {
    this.level = 0;
    try {
      return this.match(si, pi);
    } catch (e) {
      if (e instanceof RangeError) throw new LuaPatternError('pattern too complex');
      throw e;
    }
  }

  /** The match result; captures as push_captures would produce them (none = empty array). */
  result(start: number, end: number): PatternMatch {
    const n = this.level;
    if (n === 0) return { start, end, captures: [] };
    const captures: (string | number)[] = new Array<string | number>(n);
    for (let i = 0; i < n; i++) {
      const len = this.capLen[i];
      if (len === CAP_UNFINISHED) {
        // Lua fails only when this capture is pushed, so reading the element throws.
        Object.defineProperty(captures, i, { get: unfinishedCapture, enumerable: true });
        continue;
      }
      const init = this.capInit[i];
      captures[i] = len === CAP_POSITION ? init + 1 : this.s.slice(init, init + len);
    }
    return { start, end, captures };
  }
}

/** Idle matchers, so a call allocates none. Re-entrant use (a gsub callback that matches
 * again) simply takes another one. */
const pool: Matcher[] = [];

function acquire(s: string, p: string): Matcher {
  return (pool.pop() ?? new Matcher()).reset(s, p);
}

function release(m: Matcher): void {
  m.reset('', '');
  pool.push(m);
}

function unfinishedCapture(): never {
  throw new LuaPatternError('unfinished capture');
}

/**
 * The matching loop of string.find/string.match (str_find_aux) from 0-based `init`, which is
 * clamped to [0, #s]. A leading '^' anchors the match. The caller does the plain-search case
 * (see isPlainPattern) itself.
 */
export function patternFind(s: string, p: string, init: number): PatternMatch | null {
  if (init < 0) init = 0;
  else if (init > s.length) init = s.length;
  const anchor = p.charCodeAt(0) === 0x5e;
  const m = acquire(s, p);
  try {
    const pi = anchor ? 1 : 0;
    if (!anchor) m.prefilter(pi);
    let si = init;
    do {
      si = m.skip(si);
      if (si < 0) return null;
      const e = m.tryMatch(si, pi);
      if (e >= 0) return m.result(si, e);
    } while (si++ < s.length && !anchor);
    return null;
  } finally {
    release(m);
  }
}

/**
 * string.gmatch's iterator (gmatch_aux): each call returns the next match or null. As in 5.1,
 * '^' is an ordinary character here, and an empty match advances the start by one.
 */
export function gmatchIterator(s: string, p: string): () => PatternMatch | null {
  const m = new Matcher().reset(s, p).prefilter(0);
  let pos = 0;
  return () => {
    for (let si = pos; si <= s.length; si++) {
      si = m.skip(si);
      if (si < 0) break;
      const e = m.tryMatch(si, 0);
      if (e >= 0) {
        pos = e === si ? e + 1 : e;
        return m.result(si, e);
      }
    }
    pos = s.length + 1;
    return null;
  };
}

/**
 * string.gsub's loop (str_gsub): replaces up to `maxN` matches (the caller passes #s + 1 when
 * the argument is absent). `replace` returns the replacement text, or null to keep the match.
 * Returns the new string and the number of matches.
 */
export function gsub(
  s: string,
  p: string,
  replace: (m: PatternMatch, whole: string) => string | null,
  maxN: number,
): [string, number] {
  const anchor = p.charCodeAt(0) === 0x5e;
  const pi = anchor ? 1 : 0;
  const m = acquire(s, p);
  const len = s.length;
  let out = '';
  let copied = 0; // s[copied..si) is pending verbatim output
  let si = 0;
  let n = 0;
  if (!anchor) m.prefilter(pi);
  try {
    while (n < maxN) {
      // Positions that cannot start a match are copied verbatim.
      const next = m.skip(si);
      if (next < 0) break;
      si = next;
      const e = m.tryMatch(si, pi);
      if (e >= 0) {
        n++;
        const whole = s.slice(si, e);
        const r = replace(m.result(si, e), whole);
        out += s.slice(copied, si) + (r === null ? whole : r);
        copied = e;
      }
      if (e > si) si = e;
      else if (si < len) si++;
      else break;
      if (anchor) break;
    }
  } finally {
    release(m);
  }
  return [out + s.slice(copied), n];
}

/**
 * A string replacement for gsub (add_s): `%0` is the whole match, `%1`–`%9` captures (`%1`
 * is the whole match when there are none), `%` before any other byte yields that byte, and a
 * trailing `%` yields a NUL byte (5.1 reads the terminator). Position captures are numbers.
 */
export function expandReplacement(repl: string, m: PatternMatch, whole: string, _s: string): string {
  if (repl.indexOf('%') < 0) return repl;
  let out = '';
  const len = repl.length;
  for (let i = 0; i < len; i++) {
    const c = repl.charCodeAt(i);
    if (c !== ESC) {
      out += repl[i];
      continue;
    }
    i++;
    const d = i < len ? repl.charCodeAt(i) : 0;
    if (d < 0x30 || d > 0x39) out += String.fromCharCode(d);
    else if (d === 0x30) out += whole;
    else {
      const caps = m.captures;
      const idx = d - 0x31;
      if (idx >= caps.length) {
        if (idx !== 0) throw new LuaPatternError('invalid capture index');
        out += whole;
      } else {
        const v = caps[idx];
        out += typeof v === 'number' ? String(v) : v;
      }
    }
  }
  return out;
}
