// The hashtable encoding of hashes, sets and big zsets: a dense array of members plus a SlotIndex
// member -> slot, swap-removed, so random picks are O(1) and SCAN uses the same top-down cursor
// as the keyspace (see scan.ts).
import { scanCursor } from '../scan';
import { SlotIndex } from '../slot-index';

export class DenseSet {
  readonly members: string[] = [];
  private readonly slotOf = new SlotIndex(this.members, 1);

  get size(): number {
    return this.members.length;
  }

  has(member: string): boolean {
    return this.slotOf.find(member) >= 0;
  }

  /** Slot of `member`, or -1. */
  find(member: string): number {
    return this.slotOf.find(member);
  }

  /** Appends a member known to be absent; returns its slot. */
  push(member: string): number {
    const slot = this.members.length;
    this.members.push(member);
    this.slotOf.add(member, slot);
    return slot;
  }

  /**
   * Removes the member in `slot`; the last member moves into it. Returns the index that moved
   * (== the old last index) so callers can move their parallel arrays the same way.
   */
  removeAt(slot: number): number {
    const last = this.members.length - 1;
    this.slotOf.remove(this.members[slot]);
    if (slot !== last) {
      const moved = this.members[last];
      this.members[slot] = moved;
      this.slotOf.move(moved, slot);
    }
    this.members.pop();
    return last;
  }

  /** One SCAN step over the slots; returns the next cursor and calls `visit` per slot. */
  scan(cursor: number, count: number, visit: (slot: number) => void): number {
    return scanCursor(this.members.length, cursor, count, visit);
  }
}

/** Distinct random indices in [0, n): `count` of them (count < n), by partial Fisher-Yates. */
export function distinctIndices(n: number, count: number, random: () => number): number[] {
  if (count * 4 < n) {
    const picked = new Set<number>();
    while (picked.size < count) picked.add(Math.floor(random() * n));
    return [...picked];
  }
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count);
}
