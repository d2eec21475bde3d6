// A deque of strings in fixed-size blocks: O(1) push/pop at both ends and O(1) indexing. Blocks,
// not one ring buffer that doubles: a big array is a large-object allocation (fresh pages, 4–5 ms
// for 128k slots on the shared machine) and a copy per doubling; a block is small, from the
// young generation, and nothing is ever copied but the short array of block pointers.

const BLOCK_BITS = 8;
const BLOCK = 1 << BLOCK_BITS;
const SLOT = BLOCK - 1;

export class Deque {
  private blocks: Array<Array<string | undefined>> = [];
  /** Position of element 0 in blocks[0] (0 ≤ first < BLOCK). */
  private first = 0;
  length = 0;

  constructor(items: readonly string[] = []) {
    for (const item of items) this.pushTail(item);
  }

  at(i: number): string {
    const p = this.first + i;
    return this.blocks[p >> BLOCK_BITS][p & SLOT]!;
  }

  setAt(i: number, value: string): void {
    const p = this.first + i;
    this.blocks[p >> BLOCK_BITS][p & SLOT] = value;
  }

  pushTail(value: string): void {
    const p = this.first + this.length;
    if (p >> BLOCK_BITS === this.blocks.length) this.blocks.push(new Array<string | undefined>(BLOCK));
    this.blocks[p >> BLOCK_BITS][p & SLOT] = value;
    this.length++;
  }

  pushHead(value: string): void {
    if (this.first === 0) {
      this.blocks.unshift(new Array<string | undefined>(BLOCK));
      this.first = BLOCK;
    }
    this.blocks[0][--this.first] = value;
    this.length++;
  }

  popHead(): string {
    const block = this.blocks[0];
    const value = block[this.first]!;
    block[this.first] = undefined;
    this.length--;
    if (++this.first === BLOCK) {
      this.blocks.shift();
      this.first = 0;
    }
    return value;
  }

  popTail(): string {
    const p = this.first + this.length - 1;
    const index = p >> BLOCK_BITS;
    const block = this.blocks[index];
    const value = block[p & SLOT]!;
    block[p & SLOT] = undefined;
    this.length--;
    // The tail block is empty once its slot 0 is popped (block 0 may still hold the head).
    if ((p & SLOT) === 0 && index > 0) this.blocks.pop();
    return value;
  }

  toArray(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }
}
