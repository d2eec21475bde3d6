// The stateless SCAN cursor over a dense, swap-removed array. Cursor c > 0 means "continue at
// slot c - 1, going down"; 0 starts at the top and is returned when the bottom is reached.
// Removals move the top slot into the hole, so a slot below the cursor (unvisited) never moves
// above it: anything present for the whole iteration is visited at least once.

/** Visits up to `count` slots of an array of `length` from `cursor`; returns the next cursor. */
export function scanCursor(length: number, cursor: number, count: number, visit: (slot: number) => void): number {
  let slot = cursor === 0 ? length - 1 : Math.min(cursor - 1, length - 1);
  for (let n = Math.max(1, count); n > 0 && slot >= 0; n--, slot--) visit(slot);
  return slot < 0 ? 0 : slot + 1;
}
