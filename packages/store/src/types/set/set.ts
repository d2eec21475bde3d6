// Set values: `intset` (a sorted array of integers, numbers when safe and bigints beyond ±2^53)
// while every member is an integer and there are at most set-max-intset-entries of them, then
// `hashtable` (a DenseSet). Like Redis 7.0 there is no listpack for sets and no conversion back.
import { globMatch } from '../../glob';
import { parseInt64 } from '../../numbers';
import { DenseSet, distinctIndices } from '../dense';
import type { TypeContext } from '../context';

type IntMember = number | bigint;

const DENSE_OVERHEAD = 95;

/** The canonical intset element of a member, or null when the member is not an integer. */
function toInt(member: string): IntMember | null {
  const v = parseInt64(member);
  if (v === null) return null;
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Index of `v` in the sorted intset, or -(insertion point) - 1. */
function intSearch(ints: IntMember[], v: IntMember): number {
  let lo = 0;
  let hi = ints.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = ints[mid];
    if (m < v) lo = mid + 1;
    else if (m > v) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}

export class SetValue {
  readonly type = 'set' as const;
  private ints: IntMember[] | null = [];
  private dense: DenseSet | null = null;
  private bytes = 0;

  constructor(private readonly ctx: TypeContext) {}

  /** A set of `members` (duplicates ignored), encoded as Redis would encode it. */
  static fromMembers(ctx: TypeContext, members: Iterable<string>): SetValue {
    const set = new SetValue(ctx);
    for (const m of members) set.add(m);
    return set;
  }

  get encoding(): 'intset' | 'hashtable' {
    return this.ints === null ? 'hashtable' : 'intset';
  }

  get size(): number {
    return this.ints !== null ? this.ints.length : this.dense!.size;
  }

  memoryUsage(): number {
    if (this.ints !== null) return 48 + this.ints.length * 8;
    return 64 + this.bytes + this.dense!.size * DENSE_OVERHEAD;
  }

  clone(): SetValue {
    const copy = new SetValue(this.ctx);
    copy.ints = this.ints === null ? null : [...this.ints];
    if (this.dense !== null) {
      copy.dense = new DenseSet();
      for (const m of this.dense.members) copy.dense.push(m);
    }
    copy.bytes = this.bytes;
    return copy;
  }

  has(member: string): boolean {
    if (this.ints !== null) {
      const v = toInt(member);
      return v !== null && String(v) === member && intSearch(this.ints, v) >= 0;
    }
    return this.dense!.has(member);
  }

  /** SADD one member; returns whether it was added. */
  add(member: string): boolean {
    if (this.ints !== null) {
      const v = toInt(member);
      if (v !== null) {
        const i = intSearch(this.ints, v);
        if (i >= 0) return false;
        this.ints.splice(-i - 1, 0, v);
        this.bytes += member.length;
        if (this.ints.length > this.ctx.config['set-max-intset-entries']) this.toHashtable();
        return true;
      }
      this.toHashtable();
    }
    const dense = this.dense!;
    if (dense.has(member)) return false;
    dense.push(member);
    this.bytes += member.length;
    return true;
  }

  /** SREM one member; returns whether it was present. */
  remove(member: string): boolean {
    if (this.ints !== null) {
      const v = toInt(member);
      if (v === null) return false;
      const i = intSearch(this.ints, v);
      if (i < 0) return false;
      this.ints.splice(i, 1);
      this.bytes -= member.length;
      return true;
    }
    const slot = this.dense!.find(member);
    if (slot < 0) return false;
    this.dense!.removeAt(slot);
    this.bytes -= member.length;
    return true;
  }

  /** SMEMBERS (intsets in ascending order, like Redis). */
  members(): string[] {
    if (this.ints !== null) return this.ints.map(String);
    return [...this.dense!.members];
  }

  private at(i: number): string {
    return this.ints !== null ? String(this.ints[i]) : this.dense!.members[i];
  }

  /** SRANDMEMBER without count: a random member, or undefined when empty. */
  randomMember(): string | undefined {
    const n = this.size;
    return n === 0 ? undefined : this.at(Math.floor(this.ctx.random() * n));
  }

  /** SRANDMEMBER with count: count >= 0 distinct (all when >= size), count < 0 with repetition. */
  randomMembers(count: number): string[] {
    const n = this.size;
    if (n === 0) return [];
    const random = this.ctx.random;
    if (count < 0) return Array.from({ length: -count }, () => this.at(Math.floor(random() * n)));
    if (count >= n) return this.members();
    return distinctIndices(n, count, random).map((i) => this.at(i));
  }

  /** SPOP count: removes and returns up to `count` distinct random members. */
  pop(count: number): string[] {
    const picked = this.randomMembers(Math.min(count, this.size));
    for (const m of picked) this.remove(m);
    return picked;
  }

  /** SSCAN step: [nextCursor, members]. An intset returns everything with cursor 0. */
  scan(cursor: number, count = 10, match?: string): [number, string[]] {
    const keep = (m: string) => match === undefined || match === '*' || globMatch(match, m);
    if (this.ints !== null) return [0, this.members().filter(keep)];
    const out: string[] = [];
    const members = this.dense!.members;
    const next = this.dense!.scan(cursor, count, (slot) => {
      if (keep(members[slot])) out.push(members[slot]);
    });
    return [next, out];
  }

  private toHashtable(): void {
    const dense = new DenseSet();
    for (const v of this.ints!) dense.push(String(v));
    this.dense = dense;
    this.ints = null;
  }
}

/** SINTER over `sets` (a missing key is an empty set): the members in all of them. Stops at `limit` (> 0) members. */
export function setIntersection(sets: ReadonlyArray<SetValue | undefined>, limit = 0): string[] {
  if (sets.length === 0 || sets.some((s) => s === undefined || s.size === 0)) return [];
  const sorted = [...(sets as SetValue[])].sort((a, b) => a.size - b.size);
  const out: string[] = [];
  for (const m of sorted[0].members()) {
    let inAll = true;
    for (let i = 1; i < sorted.length && inAll; i++) inAll = sorted[i].has(m);
    if (inAll) {
      out.push(m);
      if (limit > 0 && out.length >= limit) break;
    }
  }
  return out;
}

/** SUNION over `sets`. */
export function setUnion(sets: ReadonlyArray<SetValue | undefined>): string[] {
  const seen = new Set<string>();
  for (const s of sets) if (s !== undefined) for (const m of s.members()) seen.add(m);
  return [...seen];
}

/** SDIFF: members of the first set that are in none of the others. */
export function setDifference(sets: ReadonlyArray<SetValue | undefined>): string[] {
  const [first, ...rest] = sets;
  if (first === undefined) return [];
  return first.members().filter((m) => !rest.some((s) => s !== undefined && s.has(m)));
}
