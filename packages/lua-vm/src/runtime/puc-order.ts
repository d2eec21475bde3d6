// The order in which PUC Lua 5.1's `next` visits string keys: a replay of ltable.c's node
// placement (main position by luaS_hash, collisions via the descending free pointer, rehash
// into 2^ceil(log2(n)) nodes re-inserting the old nodes from last to first). Programs (and
// Redis's cjson) print tables in this order, so `pairs` reproduces it for string-keyed tables.

/** luaS_hash of 5.1 (seeded with the length, sampling long strings). */
export function strHash(s: string): number {
  const l = s.length;
  let h = l >>> 0;
  const step = (l >> 5) + 1;
  for (let l1 = l; l1 >= step; l1 -= step) h = (h ^ ((h << 5) + (h >>> 2) + s.charCodeAt(l1 - 1))) >>> 0;
  return h;
}

/** luaO_fb2int(luaO_int2fb(x)): the hash size OP_NEWTABLE can encode (rounded up). */
export function constructorSize(x: number): number {
  let e = 0;
  while (x >= 16) {
    x = (x + 1) >> 1;
    e++;
  }
  return x << e;
}

const ceilLog2 = (n: number): number => (n <= 1 ? 0 : 32 - Math.clz32(n - 1));

/**
 * The node order of `keys` (in insertion order) after inserting them one by one into a table
 * whose hash part started with room for `initial` keys.
 */
export function pucOrder(keys: string[], initial: number): string[] {
  let size = initial > 0 ? 1 << ceilLog2(initial) : 0;
  let nodes: (string | null)[] = new Array<string | null>(size).fill(null);
  let chain = new Int32Array(size).fill(-1);
  let hashes = new Uint32Array(size);
  let lastFree = size;
  let count = 0;

  const resize = (want: number): void => {
    const old = nodes;
    size = want > 0 ? 1 << ceilLog2(want) : 0;
    nodes = new Array<string | null>(size).fill(null);
    chain = new Int32Array(size).fill(-1);
    hashes = new Uint32Array(size);
    lastFree = size;
    count = 0;
    for (let i = old.length - 1; i >= 0; i--) if (old[i] !== null) insert(old[i]!);
  };

  const insert = (k: string): void => {
    if (size === 0) {
      resize(count + 1);
      insert(k);
      return;
    }
    const h = strHash(k);
    let mp = h & (size - 1);
    if (nodes[mp] !== null) {
      let free = -1;
      while (lastFree > 0) {
        if (nodes[--lastFree] === null) {
          free = lastFree;
          break;
        }
      }
      if (free < 0) {
        resize(count + 1);
        insert(k);
        return;
      }
      let other = hashes[mp] & (size - 1);
      if (other !== mp) {
        // The colliding node is out of its main position: move it to the free slot.
        while (chain[other] !== mp) other = chain[other];
        chain[other] = free;
        nodes[free] = nodes[mp];
        hashes[free] = hashes[mp];
        chain[free] = chain[mp];
        chain[mp] = -1;
        nodes[mp] = null;
      } else {
        chain[free] = chain[mp];
        chain[mp] = free;
        mp = free;
      }
    }
    nodes[mp] = k;
    hashes[mp] = h;
    count++;
  };

  for (const k of keys) insert(k);
  return nodes.filter((k): k is string => k !== null);
}
