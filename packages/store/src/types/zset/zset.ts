// Sorted set values: `listpack` (member, score pairs in (score, member) order, packed in one
// string) until zset-max-listpack-entries / zset-max-listpack-value is exceeded, then `skiplist`
// (Redis's pair: a skiplist for order and rank, plus a DenseSet member -> slot with parallel
// scores for O(1) ZSCORE, random picks and ZSCAN). Score ranges reduce to two rank bounds found
// in O(log n) (countBelow) and access by rank; lex ranges follow Redis's search-then-walk.
import { RedisError, ErrorText } from '../../errors';
import { globMatch } from '../../glob';
import { DenseSet, distinctIndices } from '../dense';
import { detach, flat, lpDecode, lpEntry, lpIndexOf, lpValueOf } from '../listpack';
import { SetValue } from '../set/set';
import { NIL, SkipList } from './skiplist';
import {
  belowLexMin,
  belowScoreMin,
  withinLexMax,
  withinScoreMax,
  type LexRange,
  type ScoreRange,
} from './ranges';
import type { TypeContext } from '../context';

export { parseScoreRange, parseLexRange } from './ranges';
export type { ScoreRange, LexRange, LexBound } from './ranges';

/** A member with its score. */
export type ZPair = [member: string, score: number];

export interface ZAddFlags {
  nx?: boolean;
  xx?: boolean;
  gt?: boolean;
  lt?: boolean;
  /** ZADD INCR / ZINCRBY: `score` is an increment. */
  incr?: boolean;
}

/** Outcome of ZADD for one member; null when NX/XX/GT/LT prevented the change. */
export interface ZAddResult {
  added: boolean;
  updated: boolean;
  score: number;
}

export type Aggregate = 'sum' | 'min' | 'max';

const SKIPLIST_OVERHEAD = 150; // per member: node, level arrays, Map entry, slots

/** Sorted (score, member) access shared by both encodings. */
interface Sorted {
  readonly length: number;
  countBelow(below: (score: number, member: string) => boolean): number;
  /** `count` pairs from rank `first` on, ascending (descending ranks when `reverse`). */
  pairs(first: number, count: number, reverse: boolean): ZPair[];
  /** Visits pairs from rank `first` on (descending when `reverse`) while `visit` returns true. */
  walk(first: number, reverse: boolean, visit: (member: string, score: number) => boolean): void;
  member(rank: number): string;
  /**
   * Where Redis's search for the first element >= the lex min (last element <= the lex max when
   * `last`) lands, as a rank: a linear walk in a listpack, the skiplist descent otherwise. With
   * mixed scores the lex bounds are not monotone, so the walk order matters to match Redis.
   */
  lexSearch(range: LexRange, last: boolean): number;
}

/** Redis's "always empty" test of a lex range (min > max, or equal with an exclusive end). */
function lexRangeEmpty(range: LexRange): boolean {
  const { min, max } = range;
  if (min === '+' || max === '-') return true;
  if (min === '-' || max === '+') return false;
  return min.value > max.value || (min.value === max.value && (min.exclusive || max.exclusive));
}

function packEntry(member: string, score: number): string {
  // String(-0) is "0", and that is right: Redis 7.0's listpack also turns a -0 score into 0
  // (ZADD z -0 a; ZSCORE z a -> "0"), while its skiplist keeps -0 (so does ours).
  return lpEntry(member) + lpEntry(String(score));
}

function pairOrder(a: ZPair, b: ZPair): number {
  return a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

export class ZSetValue {
  readonly type = 'zset' as const;
  private lp: string | null = '';
  private count = 0;
  private list: SkipList | null = null;
  private dense: DenseSet | null = null;
  private scores: number[] | null = null;
  private bytes = 0;

  constructor(private readonly ctx: TypeContext) {}

  /** A zset of `pairs` (members assumed distinct), encoded by its final size like ZUNIONSTORE's result. */
  static fromPairs(ctx: TypeContext, pairs: readonly ZPair[]): ZSetValue {
    const z = new ZSetValue(ctx);
    const maxLen = pairs.reduce((m, p) => Math.max(m, p[0].length), 0);
    if (pairs.length > ctx.config['zset-max-listpack-entries'] || maxLen > ctx.config['zset-max-listpack-value']) z.toSkiplist();
    for (const [member, score] of pairs) z.add(member, score);
    return z;
  }

  get encoding(): 'listpack' | 'skiplist' {
    return this.lp === null ? 'skiplist' : 'listpack';
  }

  get size(): number {
    return this.count;
  }

  memoryUsage(): number {
    if (this.lp !== null) return 112 + this.lp.length;
    return 96 + this.bytes + this.count * SKIPLIST_OVERHEAD;
  }

  clone(): ZSetValue {
    if (this.lp !== null) {
      const copy = new ZSetValue(this.ctx);
      copy.lp = this.lp;
      copy.count = this.count;
      copy.bytes = this.bytes;
      return copy;
    }
    const copy = new ZSetValue(this.ctx);
    copy.toSkiplist();
    for (const [m, s] of this.entries()) copy.add(m, s);
    return copy;
  }

  /** ZSCORE: the score, or undefined. */
  score(member: string): number | undefined {
    if (this.lp !== null) {
      const text = lpValueOf(this.lp, member);
      return text === undefined ? undefined : Number(text);
    }
    const slot = this.dense!.find(member);
    return slot < 0 ? undefined : this.scores![slot];
  }

  /**
   * ZADD/ZINCRBY for one member. Returns null when NX/XX/GT/LT prevented it. Throws
   * `ERR resulting score is not a number (NaN)` when an increment gives NaN.
   */
  add(member: string, score: number, flags: ZAddFlags = {}): ZAddResult | null {
    // One member lookup per call: the skiplist slot is reused for a score change.
    const slot = this.lp === null ? this.dense!.find(member) : -1;
    const current = this.lp === null ? (slot < 0 ? undefined : this.scores![slot]) : this.score(member);
    if (current !== undefined) {
      if (flags.nx) return null;
      let next = score;
      if (flags.incr) {
        next = current + score;
        if (Number.isNaN(next)) throw new RedisError(ErrorText.scoreNaN);
      }
      if ((flags.lt && next >= current) || (flags.gt && next <= current)) return null;
      if (next === current) return { added: false, updated: false, score: current };
      this.changeScore(member, current, next, slot);
      return { added: false, updated: true, score: next };
    }
    if (flags.xx) return null;
    this.insertNew(member, score);
    return { added: true, updated: false, score };
  }

  /** ZREM one member; returns whether it was present. */
  remove(member: string): boolean {
    const current = this.score(member);
    if (current === undefined) return false;
    this.removeExisting(member, current);
    return true;
  }

  /** ZRANK/ZREVRANK: 0-based rank, or undefined when absent. O(log n) for skiplists. */
  rank(member: string, reverse = false): number | undefined {
    const score = this.score(member);
    if (score === undefined) return undefined;
    const r = this.list !== null ? this.list.rank(score, member) : this.sorted().countBelow((s, m) => s < score || (s === score && m < member));
    return reverse ? this.count - 1 - r : r;
  }

  /** All pairs in ascending order. */
  entries(): ZPair[] {
    return this.rangeByRank(0, -1);
  }

  /** ZRANGE by rank with Redis's index rules; `reverse` counts ranks from the highest score. */
  rangeByRank(start: number, stop: number, reverse = false): ZPair[] {
    const n = this.count;
    if (start < 0) start += n;
    if (stop < 0) stop += n;
    if (start < 0) start = 0;
    if (start > stop || start >= n) return [];
    if (stop >= n) stop = n - 1;
    return this.sorted().pairs(reverse ? n - 1 - start : start, stop - start + 1, reverse);
  }

  /** [first rank, end rank) of a score range. */
  private scoreBounds(sorted: Sorted, range: ScoreRange): [number, number] {
    const lo = sorted.countBelow((s) => belowScoreMin(s, range));
    const hi = sorted.countBelow((s) => withinScoreMax(s, range));
    return [lo, Math.max(lo, hi)];
  }

  /**
   * Rank of Redis's first (last when `reverse`) element in a lex range, or -1: zsl/zzl
   * FirstInLexRange and LastInLexRange, including their "range can't match" precheck on the
   * first and last elements. Results past it are a run walked from there (see rangeByLex).
   */
  private lexAnchor(sorted: Sorted, range: LexRange, reverse: boolean): number {
    const n = sorted.length;
    if (n === 0 || lexRangeEmpty(range) || belowLexMin(sorted.member(n - 1), range) || !withinLexMax(sorted.member(0), range)) return -1;
    const r = sorted.lexSearch(range, reverse);
    if (r < 0 || r >= n) return -1;
    const m = sorted.member(r);
    return (reverse ? !belowLexMin(m, range) : withinLexMax(m, range)) ? r : -1;
  }

  /** The run of pairs from rank `start` that stay within the range's far end (max, or min when `reverse`). */
  private lexRun(sorted: Sorted, range: LexRange, start: number, reverse: boolean, limit = -1): ZPair[] {
    const out: ZPair[] = [];
    if (start < 0 || start >= sorted.length || limit === 0) return out;
    sorted.walk(start, reverse, (m, s) => {
      if (reverse ? belowLexMin(m, range) : !withinLexMax(m, range)) return false;
      out.push([m, s]);
      return limit < 0 || out.length < limit;
    });
    return out;
  }

  private slice(sorted: Sorted, lo: number, hi: number, reverse: boolean, offset: number, limit: number): ZPair[] {
    if (offset < 0) return [];
    const n = hi - lo - offset;
    const take = limit < 0 ? n : Math.min(limit, n);
    if (take <= 0) return [];
    return sorted.pairs(reverse ? hi - 1 - offset : lo + offset, take, reverse);
  }

  /** ZRANGEBYSCORE (reverse = ZREVRANGEBYSCORE, still given as min/max); limit < 0 = all. */
  rangeByScore(range: ScoreRange, reverse = false, offset = 0, limit = -1): ZPair[] {
    const sorted = this.sorted();
    const [lo, hi] = this.scoreBounds(sorted, range);
    return this.slice(sorted, lo, hi, reverse, offset, limit);
  }

  /**
   * ZRANGEBYLEX (meaningful when all scores are equal). With mixed scores it returns what Redis
   * does: from the first in-range element found by Redis's search, skip `offset` elements
   * unchecked, then take elements while they are within the other end.
   */
  rangeByLex(range: LexRange, reverse = false, offset = 0, limit = -1): ZPair[] {
    if (offset < 0) return [];
    const sorted = this.sorted();
    const anchor = this.lexAnchor(sorted, range, reverse);
    if (anchor < 0) return [];
    return this.lexRun(sorted, range, reverse ? anchor - offset : anchor + offset, reverse, limit);
  }

  /** ZCOUNT in O(log n). */
  countByScore(range: ScoreRange): number {
    const [lo, hi] = this.scoreBounds(this.sorted(), range);
    return hi - lo;
  }

  /** ZLEXCOUNT, O(log n) for skiplists: Redis's rank arithmetic (a run count for listpacks). */
  countByLex(range: LexRange): number {
    const sorted = this.sorted();
    const first = this.lexAnchor(sorted, range, false);
    if (first < 0) return 0;
    if (this.lp !== null) return this.lexRun(sorted, range, first, false).length;
    const n = sorted.length;
    const last = this.lexAnchor(sorted, range, true);
    return n - first - (last >= 0 ? n - 1 - last : 0);
  }

  /** ZREMRANGEBYRANK; returns the number removed. */
  removeRangeByRank(start: number, stop: number): number {
    return this.removePairs(this.rangeByRank(start, stop));
  }

  /** ZREMRANGEBYSCORE. */
  removeRangeByScore(range: ScoreRange): number {
    return this.removePairs(this.rangeByScore(range));
  }

  /** ZREMRANGEBYLEX (Redis's skiplist variant skips the "can't match" precheck). */
  removeRangeByLex(range: LexRange): number {
    const sorted = this.sorted();
    const first = this.lp !== null ? this.lexAnchor(sorted, range, false) : sorted.lexSearch(range, false);
    return this.removePairs(this.lexRun(sorted, range, first, false));
  }

  /** ZPOPMIN/ZPOPMAX: removes and returns up to `count` pairs, lowest (or highest) first. */
  pop(count: number, max = false): ZPair[] {
    const n = Math.min(count, this.count);
    const picked = max ? this.rangeByRank(0, n - 1, true) : this.rangeByRank(0, n - 1);
    this.removePairs(picked);
    return picked;
  }

  /** ZRANDMEMBER with a count: count >= 0 distinct (all when >= size), count < 0 with repetition. */
  randomMembers(count: number): ZPair[] {
    const n = this.count;
    if (n === 0) return [];
    const random = this.ctx.random;
    const pairAt = this.pairAtRandomIndex();
    if (count < 0) return Array.from({ length: -count }, () => pairAt(Math.floor(random() * n)));
    if (count >= n) return this.entries();
    return distinctIndices(n, count, random).map(pairAt);
  }

  /** Index -> pair over an arbitrary but stable order (dense slots for skiplists). */
  private pairAtRandomIndex(): (i: number) => ZPair {
    if (this.lp !== null) {
      const all = lpDecode(this.lp);
      return (i) => [all[2 * i], Number(all[2 * i + 1])];
    }
    const members = this.dense!.members;
    const scores = this.scores!;
    return (i) => [members[i], scores[i]];
  }

  /** ZSCAN step: [nextCursor, pairs]. A listpack returns everything with cursor 0. */
  scan(cursor: number, count = 10, match?: string): [number, ZPair[]] {
    const keep = (m: string) => match === undefined || match === '*' || globMatch(match, m);
    if (this.lp !== null) return [0, this.entries().filter((p) => keep(p[0]))];
    const out: ZPair[] = [];
    const members = this.dense!.members;
    const scores = this.scores!;
    const next = this.dense!.scan(cursor, count, (slot) => {
      if (keep(members[slot])) out.push([members[slot], scores[slot]]);
    });
    return [next, out];
  }

  // ---- internals -----------------------------------------------------------------------------

  private sorted(): Sorted {
    if (this.lp !== null) {
      const all = lpDecode(this.lp);
      const n = all.length / 2;
      return {
        length: n,
        countBelow(below) {
          let lo = 0;
          let hi = n;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (below(Number(all[2 * mid + 1]), all[2 * mid])) lo = mid + 1;
            else hi = mid;
          }
          return lo;
        },
        pairs(first, count, reverse) {
          const out: ZPair[] = [];
          const step = reverse ? -1 : 1;
          for (let i = 0, r = first; i < count; i++, r += step) out.push([all[2 * r], Number(all[2 * r + 1])]);
          return out;
        },
        walk(first, reverse, visit) {
          const step = reverse ? -1 : 1;
          for (let r = first; r >= 0 && r < n && visit(all[2 * r], Number(all[2 * r + 1])); r += step);
        },
        member: (r) => all[2 * r],
        lexSearch(range, last) {
          if (!last) {
            let r = 0;
            while (r < n && belowLexMin(all[2 * r], range)) r++;
            return r;
          }
          let r = n - 1;
          while (r >= 0 && !withinLexMax(all[2 * r], range)) r--;
          return r;
        },
      };
    }
    const list = this.list!;
    return {
      length: list.length,
      countBelow: (below) => list.countBelow(below),
      pairs(first, count, reverse) {
        const out: ZPair[] = [];
        for (let id = list.at(first); id !== NIL && out.length < count; id = reverse ? list.prev(id) : list.next(id)) {
          out.push([list.member(id), list.score(id)]);
        }
        return out;
      },
      walk(first, reverse, visit) {
        for (let id = list.at(first); id !== NIL && visit(list.member(id), list.score(id)); id = reverse ? list.prev(id) : list.next(id));
      },
      member: (r) => list.member(list.at(r)),
      lexSearch: (range, last) =>
        last ? list.countBelow((_, m) => withinLexMax(m, range)) - 1 : list.countBelow((_, m) => belowLexMin(m, range)),
    };
  }

  private insertNew(member: string, score: number): void {
    // Like Redis's ZADD on a new key: a skiplist from the start when the first member is too long
    // or listpacks are disabled (which matters for -0, which a listpack stores as 0).
    const { config } = this.ctx;
    if (this.lp !== null && (member.length > config['zset-max-listpack-value'] || (this.count === 0 && config['zset-max-listpack-entries'] === 0))) this.toSkiplist();
    this.count++;
    this.bytes += member.length;
    if (this.lp !== null) {
      const all = lpDecode(this.lp);
      let lo = 0;
      let hi = all.length / 2;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const s = Number(all[2 * mid + 1]);
        if (s < score || (s === score && all[2 * mid] < member)) lo = mid + 1;
        else hi = mid;
      }
      // Splice the new pair into the packed string at the position of pair `lo`.
      let pos = 0;
      for (let i = 0; i < 2 * lo; i++) pos += headerLength(this.lp, pos) + all[i].length;
      this.lp = flat(this.lp.slice(0, pos) + packEntry(member, score) + this.lp.slice(pos));
      if (this.count > config['zset-max-listpack-entries']) this.toSkiplist();
      return;
    }
    this.list!.insert(score, member);
    this.dense!.push(member);
    this.scores!.push(score);
  }

  /** Moves `member` from score `current` to `next`; `slot` is its dense slot (skiplist only). */
  private changeScore(member: string, current: number, next: number, slot: number): void {
    if (this.lp !== null) {
      this.removeExisting(member, current);
      this.insertNew(member, next);
      return;
    }
    this.list!.updateScore(current, member, next);
    this.scores![slot] = next;
  }

  private removeExisting(member: string, score: number): void {
    this.count--;
    this.bytes -= member.length;
    if (this.lp !== null) {
      const all = lpDecode(this.lp);
      const i = lpIndexOf(this.lp, member, 2);
      let pos = 0;
      for (let k = 0; k < i; k++) pos += headerLength(this.lp, pos) + all[k].length;
      let end = pos;
      for (let k = i; k < i + 2; k++) end += headerLength(this.lp, end) + all[k].length;
      this.lp = flat(this.lp.slice(0, pos) + this.lp.slice(end));
      return;
    }
    this.list!.delete(score, member);
    const slot = this.dense!.find(member);
    const last = this.dense!.removeAt(slot);
    const scores = this.scores!;
    scores[slot] = scores[last];
    scores.pop();
  }

  private removePairs(pairs: readonly ZPair[]): number {
    for (const [m, s] of pairs) this.removeExisting(m, s);
    return pairs.length;
  }

  /**
   * SORT's zsetConvert: a listpack becomes a skiplist for good, as in Redis. The key's memory
   * estimate is refreshed by its next write.
   */
  convertToSkiplist(): void {
    if (this.lp !== null) this.toSkiplist();
  }

  private toSkiplist(): void {
    const all = this.lp === null ? [] : lpDecode(this.lp);
    this.list = new SkipList(this.ctx.random);
    this.dense = new DenseSet();
    this.scores = [];
    this.lp = null;
    for (let i = 0; i < all.length; i += 2) {
      const member = detach(all[i]);
      const score = Number(all[i + 1]);
      this.list.insert(score, member);
      this.dense.push(member);
      this.scores.push(score);
    }
  }
}

function headerLength(lp: string, pos: number): number {
  return lp.charCodeAt(pos) >= 128 ? 4 : 1;
}

/** An input of ZUNION/ZINTER/ZDIFF: a zset, a plain set (scores 1) or a missing key. */
export interface ZSetInput {
  value: ZSetValue | SetValue | undefined;
  weight: number;
}

function inputPairs(input: ZSetInput): ZPair[] {
  const v = input.value;
  if (v === undefined) return [];
  if (v instanceof SetValue) return v.members().map((m) => [m, 1]);
  return v.entries();
}

function aggregate(a: number, b: number, how: Aggregate): number {
  // zunionInterAggregate's comparisons, not Math.min/max: on a tie (-0 vs 0) the accumulated
  // value `a` stays (found by fuzzing).
  if (how === 'min') return b < a ? b : a;
  if (how === 'max') return b > a ? b : a;
  const sum = a + b;
  return Number.isNaN(sum) ? 0 : sum; // inf + -inf
}

/**
 * ZUNION/ZINTER/ZDIFF (and their STORE forms): the result pairs sorted by (score, member).
 * Weights multiply scores (NaN from 0 * inf becomes 0, like Redis); ZDIFF ignores weights.
 */
export function zsetCombine(op: 'union' | 'inter' | 'diff', inputs: readonly ZSetInput[], how: Aggregate = 'sum'): ZPair[] {
  if (inputs.length === 0) return [];
  if (op === 'diff') {
    const [first, ...rest] = inputs;
    const others = rest.map((i) => i.value);
    const left = inputPairs(first).filter(([m]) => !others.some((o) => o !== undefined && (o instanceof SetValue ? o.has(m) : o.score(m) !== undefined)));
    // A zset's pairs are already ordered; a plain set's come in set order.
    return first.value instanceof SetValue ? left.sort(pairOrder) : left;
  }
  const bySize = [...inputs].sort((a, b) => (a.value?.size ?? 0) - (b.value?.size ?? 0));
  const weighted = (score: number, weight: number) => {
    const v = score * weight;
    return Number.isNaN(v) ? 0 : v;
  };
  const acc = new Map<string, number>();
  if (op === 'union') {
    for (const input of bySize) {
      for (const [m, s] of inputPairs(input)) {
        const v = weighted(s, input.weight);
        const prev = acc.get(m);
        acc.set(m, prev === undefined ? v : aggregate(prev, v, how));
      }
    }
  } else {
    if (bySize[0].value === undefined || bySize[0].value.size === 0) return [];
    const [smallest, ...rest] = bySize;
    outer: for (const [m, s] of inputPairs(smallest)) {
      let v = weighted(s, smallest.weight);
      for (const other of rest) {
        const o = other.value;
        if (o === undefined) continue outer;
        const os = o instanceof SetValue ? (o.has(m) ? 1 : undefined) : o.score(m);
        if (os === undefined) continue outer;
        v = aggregate(v, weighted(os, other.weight), how);
      }
      acc.set(m, v);
    }
  }
  return [...acc].sort(pairOrder);
}
