// Hash values: `listpack` (fields and values alternating in one packed string) until
// hash-max-listpack-entries / hash-max-listpack-value is exceeded, then `hashtable` (a DenseSet
// of fields with a parallel array of values). Like Redis, it never converts back.
import { ErrorText } from '../../errors';
import { globMatch } from '../../glob';
import { DenseSet, distinctIndices } from '../dense';
import { detach, flat, lpDecode, lpEncode, lpEntry, lpIndexOf, lpValueOf } from '../listpack';
import { incrBy, incrByFloat } from '../string/string';
import type { TypeContext } from '../context';

const DENSE_OVERHEAD = 80; // per field: Map entry, two slots, two string headers

export class HashValue {
  readonly type = 'hash' as const;
  private lp: string | null = '';
  private count = 0;
  private dense: DenseSet | null = null;
  private vals: string[] | null = null;
  /** Sum of field and value lengths, for the memory estimate. */
  private bytes = 0;

  constructor(private readonly ctx: TypeContext) {}

  get encoding(): 'listpack' | 'hashtable' {
    return this.lp === null ? 'hashtable' : 'listpack';
  }

  get size(): number {
    return this.count;
  }

  memoryUsage(): number {
    if (this.lp !== null) return 112 + this.lp.length;
    return 64 + this.bytes + this.count * DENSE_OVERHEAD;
  }

  clone(): HashValue {
    const copy = new HashValue(this.ctx);
    copy.lp = this.lp;
    copy.count = this.count;
    copy.bytes = this.bytes;
    if (this.dense !== null) {
      copy.dense = new DenseSet();
      for (const f of this.dense.members) copy.dense.push(f);
      copy.vals = [...this.vals!];
    }
    return copy;
  }

  get(field: string): string | undefined {
    if (this.lp !== null) return lpValueOf(this.lp, field);
    const slot = this.dense!.find(field);
    return slot < 0 ? undefined : this.vals![slot];
  }

  has(field: string): boolean {
    return this.lp !== null ? lpIndexOf(this.lp, field, 2) >= 0 : this.dense!.has(field);
  }

  /** HSTRLEN. */
  strlen(field: string): number {
    return this.get(field)?.length ?? 0;
  }

  /** HSET one field; returns true when the field is new. */
  set(field: string, value: string): boolean {
    const maxValue = this.ctx.config['hash-max-listpack-value'];
    if (this.lp !== null && (field.length > maxValue || value.length > maxValue)) this.toHashtable();
    if (this.lp !== null) {
      const i = lpIndexOf(this.lp, field, 2);
      if (i >= 0) {
        const entries = lpDecode(this.lp);
        this.bytes += value.length - entries[i + 1].length;
        entries[i + 1] = value;
        this.lp = flat(lpEncode(entries));
        return false;
      }
      this.lp = flat(this.lp + lpEntry(field) + lpEntry(value));
      this.count++;
      this.bytes += field.length + value.length;
      if (this.count > this.ctx.config['hash-max-listpack-entries']) this.toHashtable();
      return true;
    }
    const dense = this.dense!;
    const slot = dense.find(field);
    if (slot >= 0) {
      this.bytes += value.length - this.vals![slot].length;
      this.vals![slot] = value;
      return false;
    }
    dense.push(field);
    this.vals!.push(value);
    this.count++;
    this.bytes += field.length + value.length;
    return true;
  }

  /** HSETNX: sets only a new field; returns whether it did. */
  setIfAbsent(field: string, value: string): boolean {
    if (this.has(field)) return false;
    return this.set(field, value);
  }

  /** HDEL one field; returns whether it existed. */
  delete(field: string): boolean {
    if (this.lp !== null) {
      const i = lpIndexOf(this.lp, field, 2);
      if (i < 0) return false;
      const entries = lpDecode(this.lp);
      this.bytes -= entries[i].length + entries[i + 1].length;
      entries.splice(i, 2);
      this.lp = flat(lpEncode(entries));
      this.count--;
      return true;
    }
    const slot = this.dense!.find(field);
    if (slot < 0) return false;
    const vals = this.vals!;
    this.bytes -= field.length + vals[slot].length;
    const last = this.dense!.removeAt(slot);
    vals[slot] = vals[last];
    vals.pop();
    this.count--;
    return true;
  }

  /** HINCRBY: returns the new value. Errors: `ERR hash value is not an integer`, overflow. */
  incrBy(field: string, delta: bigint): string {
    const next = incrBy(this.get(field), delta, ErrorText.hashNotInteger);
    this.set(field, next);
    return next;
  }

  /** HINCRBYFLOAT (long double, Redis formatting): returns the new value. */
  incrByFloat(field: string, increment: string): string {
    const next = incrByFloat(this.get(field), increment, ErrorText.hashNotFloat);
    this.set(field, next);
    return next;
  }

  /** HGETALL as [field, value, field, value, …]. */
  toArray(): string[] {
    if (this.lp !== null) return lpDecode(this.lp);
    const out: string[] = [];
    const fields = this.dense!.members;
    const vals = this.vals!;
    for (let i = 0; i < fields.length; i++) out.push(fields[i], vals[i]);
    return out;
  }

  /** HKEYS. */
  fields(): string[] {
    if (this.lp !== null) return lpDecode(this.lp).filter((_, i) => i % 2 === 0);
    return [...this.dense!.members];
  }

  /** HVALS. */
  values(): string[] {
    if (this.lp !== null) return lpDecode(this.lp).filter((_, i) => i % 2 === 1);
    return [...this.vals!];
  }

  /**
   * HRANDFIELD with a count: count >= 0 gives distinct fields (all when count >= size);
   * count < 0 gives |count| fields with repetition. Returns [field, value] pairs.
   */
  randomFields(count: number): Array<[string, string]> {
    const all = this.toArray();
    const n = this.count;
    const out: Array<[string, string]> = [];
    if (n === 0) return out;
    const random = this.ctx.random;
    if (count < 0) {
      for (let i = 0; i < -count; i++) {
        const j = Math.floor(random() * n);
        out.push([all[2 * j], all[2 * j + 1]]);
      }
      return out;
    }
    const indices = count >= n ? Array.from({ length: n }, (_, i) => i) : distinctIndices(n, count, random);
    for (const j of indices) out.push([all[2 * j], all[2 * j + 1]]);
    return out;
  }

  /** HSCAN step: [nextCursor, [field, value, …]]. A listpack returns everything with cursor 0. */
  scan(cursor: number, count = 10, match?: string, noValues = false): [number, string[]] {
    const out: string[] = [];
    const keep = (f: string) => match === undefined || match === '*' || globMatch(match, f);
    if (this.lp !== null) {
      const all = lpDecode(this.lp);
      for (let i = 0; i < all.length; i += 2) {
        if (!keep(all[i])) continue;
        out.push(all[i]);
        if (!noValues) out.push(all[i + 1]);
      }
      return [0, out];
    }
    const fields = this.dense!.members;
    const vals = this.vals!;
    const next = this.dense!.scan(cursor, count, (slot) => {
      if (!keep(fields[slot])) return;
      out.push(fields[slot]);
      if (!noValues) out.push(vals[slot]);
    });
    return [next, out];
  }

  private toHashtable(): void {
    const entries = lpDecode(this.lp!);
    this.dense = new DenseSet();
    this.vals = [];
    for (let i = 0; i < entries.length; i += 2) {
      this.dense.push(detach(entries[i]));
      this.vals.push(detach(entries[i + 1]));
    }
    this.lp = null;
  }
}
