// List values. Redis 7.0 always reports `quicklist`; internally a short list of short elements
// is one packed listpack string (compact), a longer one a block Deque (O(1) at both ends
// and by index). The switch has hysteresis: back to packed only below half the limits.
import { detach, flat, lpDecode, lpEncode, lpEntry } from '../listpack';
import { Deque } from './deque';
import type { TypeContext } from '../context';

const PACKED_MAX_ENTRIES = 32;
const PACKED_MAX_BYTES = 1024;
const DEQUE_OVERHEAD = 40;

export class ListValue {
  readonly type = 'list' as const;
  private lp: string | null = '';
  private deque: Deque | null = null;
  private count = 0;
  private bytes = 0;

  // The context is kept for symmetry with the other types (list-max-listpack-size only shapes
  // Redis's node size, which is not observable).
  constructor(private readonly ctx: TypeContext) {}

  get encoding(): 'quicklist' {
    return 'quicklist';
  }

  get size(): number {
    return this.count;
  }

  memoryUsage(): number {
    if (this.lp !== null) return 112 + this.lp.length;
    return 64 + this.bytes + this.count * DEQUE_OVERHEAD;
  }

  clone(): ListValue {
    const copy = new ListValue(this.ctx);
    copy.lp = this.lp;
    copy.deque = this.deque === null ? null : new Deque(this.deque.toArray());
    copy.count = this.count;
    copy.bytes = this.bytes;
    return copy;
  }

  /** LPUSH/RPUSH one element. */
  push(value: string, head: boolean): void {
    this.count++;
    this.bytes += value.length;
    if (this.lp !== null) {
      if (this.count <= PACKED_MAX_ENTRIES && this.bytes <= PACKED_MAX_BYTES) {
        this.lp = flat(head ? lpEntry(value) + this.lp : this.lp + lpEntry(value));
        return;
      }
      this.deque = new Deque(lpDecode(this.lp).map(detach));
      this.lp = null;
    }
    if (head) this.deque!.pushHead(value);
    else this.deque!.pushTail(value);
  }

  /** LPOP/RPOP one element, or undefined when empty. */
  pop(head: boolean): string | undefined {
    if (this.count === 0) return undefined;
    let value: string;
    if (this.lp !== null) {
      const items = lpDecode(this.lp);
      value = head ? items.shift()! : items.pop()!;
      this.lp = flat(lpEncode(items));
    } else {
      value = head ? this.deque!.popHead() : this.deque!.popTail();
    }
    this.count--;
    this.bytes -= value.length;
    this.maybePack();
    return value;
  }

  /** LINDEX (negative from the tail); undefined when out of range. */
  index(i: number): string | undefined {
    if (i < 0) i += this.count;
    if (i < 0 || i >= this.count) return undefined;
    return this.lp !== null ? lpDecode(this.lp)[i] : this.deque!.at(i);
  }

  /** LSET; returns false when out of range (the caller replies `ERR index out of range`). */
  set(i: number, value: string): boolean {
    if (i < 0) i += this.count;
    if (i < 0 || i >= this.count) return false;
    if (this.lp !== null) {
      const items = lpDecode(this.lp);
      this.bytes += value.length - items[i].length;
      items[i] = value;
      this.replaceAll(items);
    } else {
      this.bytes += value.length - this.deque!.at(i).length;
      this.deque!.setAt(i, value);
    }
    return true;
  }

  /** LRANGE with Redis's index rules. */
  range(start: number, stop: number): string[] {
    const n = this.count;
    if (start < 0) start += n;
    if (stop < 0) stop += n;
    if (start < 0) start = 0;
    if (start > stop || start >= n) return [];
    if (stop >= n) stop = n - 1;
    if (this.lp !== null) return lpDecode(this.lp).slice(start, stop + 1);
    const out = new Array<string>(stop - start + 1);
    for (let i = start; i <= stop; i++) out[i - start] = this.deque!.at(i);
    return out;
  }

  /** All elements, head first. */
  toArray(): string[] {
    return this.lp !== null ? lpDecode(this.lp) : this.deque!.toArray();
  }

  /** LINSERT: returns the new length, or -1 when the pivot is missing. */
  insert(pivot: string, value: string, before: boolean): number {
    const items = this.toArray();
    const i = items.indexOf(pivot);
    if (i < 0) return -1;
    items.splice(before ? i : i + 1, 0, value);
    this.bytes += value.length;
    this.replaceAll(items);
    return this.count;
  }

  /** LREM: count > 0 from the head, < 0 from the tail, 0 all. Returns how many were removed. */
  remove(count: number, value: string): number {
    const items = this.toArray();
    let removed = 0;
    const limit = count === 0 ? Infinity : Math.abs(count);
    if (count >= 0) {
      for (let i = 0; i < items.length && removed < limit; i++) {
        if (items[i] === value) {
          items.splice(i--, 1);
          removed++;
        }
      }
    } else {
      for (let i = items.length - 1; i >= 0 && removed < limit; i--) {
        if (items[i] === value) {
          items.splice(i, 1);
          removed++;
        }
      }
    }
    if (removed > 0) {
      this.bytes -= removed * value.length;
      this.replaceAll(items);
    }
    return removed;
  }

  /** LTRIM with Redis's index rules (an empty range empties the list). */
  trim(start: number, stop: number): void {
    this.replaceAll(this.range(start, stop), true);
  }

  /**
   * LPOS: indices of matches. `rank` (≠ 0) picks the rank-th match, negative from the tail;
   * `count` 0 = all matches; `maxlen` 0 = unlimited comparisons.
   */
  pos(value: string, rank: number, count: number, maxlen: number): number[] {
    const out: number[] = [];
    const n = this.count;
    const items = this.lp !== null ? lpDecode(this.lp) : null;
    const at = (i: number) => (items !== null ? items[i] : this.deque!.at(i));
    let skip = Math.abs(rank) - 1;
    const want = count === 0 ? Infinity : count;
    for (let k = 0; k < n && (maxlen === 0 || k < maxlen) && out.length < want; k++) {
      const i = rank > 0 ? k : n - 1 - k;
      if (at(i) !== value) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      out.push(i);
    }
    return out;
  }

  private replaceAll(items: string[], recount = false): void {
    this.count = items.length;
    if (recount) this.bytes = items.reduce((sum, s) => sum + s.length, 0);
    if (this.count <= PACKED_MAX_ENTRIES && this.bytes <= PACKED_MAX_BYTES) {
      this.lp = flat(lpEncode(items));
      this.deque = null;
    } else {
      this.deque = new Deque(this.lp !== null ? items.map(detach) : items);
      this.lp = null;
    }
  }

  private maybePack(): void {
    if (this.deque !== null && this.count <= PACKED_MAX_ENTRIES / 2 && this.bytes <= PACKED_MAX_BYTES / 2) {
      this.lp = flat(lpEncode(this.deque.toArray()));
      this.deque = null;
    }
  }
}
