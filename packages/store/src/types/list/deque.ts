// A growable ring buffer of strings: O(1) push/pop at both ends and O(1) indexing.

export class Deque {
  private buf: Array<string | undefined>;
  private head = 0;
  length = 0;

  constructor(items: readonly string[] = []) {
    let cap = 16;
    while (cap < items.length * 2) cap *= 2;
    this.buf = new Array<string | undefined>(cap);
    for (const item of items) this.buf[this.length++] = item;
  }

  at(i: number): string {
    return this.buf[(this.head + i) & (this.buf.length - 1)]!;
  }

  setAt(i: number, value: string): void {
    this.buf[(this.head + i) & (this.buf.length - 1)] = value;
  }

  pushTail(value: string): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = value;
    this.length++;
  }

  pushHead(value: string): void {
    if (this.length === this.buf.length) this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = value;
    this.length++;
  }

  popHead(): string {
    const value = this.buf[this.head]!;
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return value;
  }

  popTail(): string {
    const i = (this.head + this.length - 1) & (this.buf.length - 1);
    const value = this.buf[i]!;
    this.buf[i] = undefined;
    this.length--;
    return value;
  }

  toArray(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }

  /** Doubles the ring, copying the elements straight across (head first) in one pass. */
  private grow(): void {
    const old = this.buf;
    const mask = old.length - 1;
    const buf = new Array<string | undefined>(old.length * 2);
    for (let i = 0; i < this.length; i++) buf[i] = old[(this.head + i) & mask];
    this.buf = buf;
    this.head = 0;
  }
}
