// A binary min-heap of (deadline, item): the blocked clients' timeouts, so one timer armed for the
// earliest deadline serves them all. Removal is lazy (the owner skips items it already finished);
// compact() drops those when they pile up.

interface Entry<T> {
  at: number;
  item: T;
}

export class DeadlineHeap<T> {
  private heap: Entry<T>[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The earliest deadline, or Infinity when empty. */
  get earliest(): number {
    return this.heap.length ? this.heap[0].at : Infinity;
  }

  push(at: number, item: T): void {
    const h = this.heap;
    h.push({ at, item });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].at <= h[i].at) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  /** Removes and returns the earliest item if its deadline is at or before `now`. */
  popDue(now: number): T | undefined {
    const h = this.heap;
    if (h.length === 0 || h[0].at > now) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      this.siftDown(0);
    }
    return top.item;
  }

  /** Keeps only the items `keep` accepts (rebuilds the heap in O(n)). */
  compact(keep: (item: T) => boolean): void {
    this.heap = this.heap.filter((e) => keep(e.item));
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  clear(): void {
    this.heap = [];
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < h.length && h[l].at < h[min].at) min = l;
      if (r < h.length && h[r].at < h[min].at) min = r;
      if (min === i) return;
      [h[min], h[i]] = [h[i], h[min]];
      i = min;
    }
  }
}
