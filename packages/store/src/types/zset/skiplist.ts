// Redis's zskiplist: nodes ordered by (score, member) with per-level spans, so rank lookups,
// "how many nodes are below a bound" and access by rank are O(log n). Levels are drawn with
// p = 1/4 up to 32, from the injected random source.

const MAX_LEVEL = 32;
const P = 0.25;

export class SkipNode {
  readonly forward: Array<SkipNode | null>;
  readonly span: number[];
  backward: SkipNode | null = null;
  constructor(
    readonly member: string,
    readonly score: number,
    level: number,
  ) {
    this.forward = new Array<SkipNode | null>(level).fill(null);
    this.span = new Array<number>(level).fill(0);
  }
}

/** Strict (score, member) order as Redis compares with sdscmp (bytewise = latin1 code units). */
function before(score: number, member: string, node: SkipNode): boolean {
  return node.score < score || (node.score === score && node.member < member);
}

export class SkipList {
  readonly head = new SkipNode('', -Infinity, MAX_LEVEL);
  tail: SkipNode | null = null;
  length = 0;
  private level = 1;

  constructor(private readonly random: () => number) {}

  private randomLevel(): number {
    let level = 1;
    while (level < MAX_LEVEL && this.random() < P) level++;
    return level;
  }

  /** Inserts a (score, member) pair known to be absent. */
  insert(score: number, member: string): SkipNode {
    const update = new Array<SkipNode>(MAX_LEVEL);
    const rank = new Array<number>(MAX_LEVEL);
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      rank[i] = i === this.level - 1 ? 0 : rank[i + 1];
      let next = x.forward[i];
      while (next !== null && before(score, member, next)) {
        rank[i] += x.span[i];
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    const level = this.randomLevel();
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rank[i] = 0;
        update[i] = this.head;
        this.head.span[i] = this.length;
      }
      this.level = level;
    }
    const node = new SkipNode(member, score, level);
    for (let i = 0; i < level; i++) {
      node.forward[i] = update[i].forward[i];
      update[i].forward[i] = node;
      node.span[i] = update[i].span[i] - (rank[0] - rank[i]);
      update[i].span[i] = rank[0] - rank[i] + 1;
    }
    for (let i = level; i < this.level; i++) update[i].span[i]++;
    node.backward = update[0] === this.head ? null : update[0];
    if (node.forward[0] !== null) node.forward[0].backward = node;
    else this.tail = node;
    this.length++;
    return node;
  }

  /** Removes the node with this exact (score, member); returns whether it was found. */
  delete(score: number, member: string): boolean {
    const update = new Array<SkipNode>(MAX_LEVEL);
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next !== null && before(score, member, next)) {
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    const node = x.forward[0];
    if (node === null || node.score !== score || node.member !== member) return false;
    for (let i = 0; i < this.level; i++) {
      if (update[i].forward[i] === node) {
        update[i].span[i] += node.span[i] - 1;
        update[i].forward[i] = node.forward[i];
      } else {
        update[i].span[i]--;
      }
    }
    if (node.forward[0] !== null) node.forward[0].backward = node.backward;
    else this.tail = node.backward;
    while (this.level > 1 && this.head.forward[this.level - 1] === null) this.level--;
    this.length--;
    return true;
  }

  /**
   * Number of leading nodes for which `below(node)` holds; `below` must be true on a prefix of
   * the order (a monotone bound). This is both the 0-based rank of a member and a range start.
   */
  countBelow(below: (node: SkipNode) => boolean): number {
    let x = this.head;
    let rank = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next !== null && below(next)) {
        rank += x.span[i];
        x = next;
        next = x.forward[i];
      }
    }
    return rank;
  }

  /** The node at 0-based `rank`, or null. */
  at(rank: number): SkipNode | null {
    if (rank < 0 || rank >= this.length) return null;
    const target = rank + 1;
    let x = this.head;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next !== null && traversed + x.span[i] <= target) {
        traversed += x.span[i];
        x = next;
        next = x.forward[i];
      }
      if (traversed === target) return x;
    }
    return null;
  }
}
