// A deque of strings in fixed-size blocks: O(1) push/pop at both ends and O(1) indexing. Blocks,
// not one ring buffer that doubles: a big array is a large-object allocation (fresh pages, 4–5 ms
// for 128k slots on the shared machine) and a copy per doubling; a block is small, from the
// young generation, and nothing is ever copied but the short array of block pointers. That array
// keeps free room in front (`head`), so pushing at the head never shifts it (LPUSH on a long list).

const BLOCK_BITS = 8;
const BLOCK = 1 << BLOCK_BITS;
const SLOT = BLOCK - 1;

export class Deque {
  /** blocks[head …] are in use; the slots before `head` are room for pushHead. */
  private blocks: Array<Array<string | undefined>> = [];
  private head = 0;
  /** Position of element 0 in blocks[head] (0 ≤ first < BLOCK). */
  private first = 0;
  length = 0;

  constructor(items: readonly string[] = []) {
    for (const item of items) this.pushTail(item);
  }

  at(i: number): string {
    const p = this.first + i;
    return this.blocks[this.head + (p >> BLOCK_BITS)][p & SLOT]!;
  }

  setAt(i: number, value: string): void {
    const p = this.first + i;
    this.blocks[this.head + (p >> BLOCK_BITS)][p & SLOT] = value;
  }

  pushTail(value: string): void {
    const p = this.first + this.length;
    const index = this.head + (p >> BLOCK_BITS);
    if (index === this.blocks.length) this.blocks.push(new Array<string | undefined>(BLOCK));
    this.blocks[index][p & SLOT] = value;
    this.length++;
  }

  pushHead(value: string): void {
    if (this.first === 0) {
      if (this.head === 0) this.makeRoomInFront();
      this.blocks[--this.head] = new Array<string | undefined>(BLOCK);
      this.first = BLOCK;
    }
    this.blocks[this.head][--this.first] = value;
    this.length++;
  }

  popHead(): string {
    const block = this.blocks[this.head];
    const value = block[this.first]!;
    block[this.first] = undefined;
    this.length--;
    if (++this.first === BLOCK) {
      this.first = 0;
      this.dropHeadBlock();
    }
    return value;
  }

  popTail(): string {
    const p = this.first + this.length - 1;
    const index = p >> BLOCK_BITS;
    const block = this.blocks[this.head + index];
    const value = block[p & SLOT]!;
    block[p & SLOT] = undefined;
    this.length--;
    // The tail block is empty once its slot 0 is popped (the head block may still hold the head).
    if ((p & SLOT) === 0 && index > 0) this.blocks.pop();
    return value;
  }

  /** Grows the block array so that as many blocks as are in use fit in front of them. */
  private makeRoomInFront(): void {
    const used = this.blocks.length;
    const room = Math.max(4, used);
    const grown = new Array<Array<string | undefined>>(room + used);
    for (let i = 0; i < used; i++) grown[room + i] = this.blocks[i];
    this.blocks = grown;
    this.head = room;
  }

  /** Releases the emptied head block; a queue (push tail, pop head) must not leave an ever longer prefix. */
  private dropHeadBlock(): void {
    const blocks = this.blocks;
    if (this.head + 1 === blocks.length) {
      // The last block: keep it, empty, as the block of the next push.
      return;
    }
    blocks[this.head] = undefined as unknown as Array<string | undefined>;
    this.head++;
    if (this.head > 64 && this.head * 2 > blocks.length) {
      this.blocks = blocks.slice(this.head);
      this.head = 0;
    }
  }

  toArray(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }
}
