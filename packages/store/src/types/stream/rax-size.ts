// How many radix-tree nodes Redis's rax uses for a stream's node keys (XINFO STREAM
// radix-tree-nodes). Keys are the 16-byte big-endian master IDs; in a compressed rax a node starts
// at the root, at every key, at every branching point and at every child of a branching point.
import type { StreamId } from './stream-id';

/** Node count of a rax holding `ids` (sorted ascending, distinct). */
export function raxNodeCount(ids: readonly StreamId[]): number {
  if (ids.length === 0) return 1;
  const keys = ids.map((id) => id.toString(16).padStart(32, '0'));
  const nodes = new Set<string>(['']);
  for (const k of keys) nodes.add(k);
  const branches = new Set<string>();
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1];
    const b = keys[i];
    let bytes = 0;
    while (bytes < 16 && a.slice(2 * bytes, 2 * bytes + 2) === b.slice(2 * bytes, 2 * bytes + 2)) bytes++;
    branches.add(a.slice(0, 2 * bytes));
  }
  for (const k of keys) {
    for (let d = 0; d < 16; d++) {
      const prefix = k.slice(0, 2 * d);
      if (branches.has(prefix)) {
        nodes.add(prefix);
        nodes.add(k.slice(0, 2 * d + 2));
      }
    }
  }
  return nodes.size;
}
