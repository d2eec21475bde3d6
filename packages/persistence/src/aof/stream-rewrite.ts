// A stream as the commands Redis 7.0's AOF rewrite emits for it (rewriteStreamObject): one XADD
// per live entry (an empty stream via XADD MAXLEN 0 0-1 x y), XSETID restoring the last ID,
// entries-added and max-deleted ID, then per group XGROUP CREATE … ENTRIESREAD, an XCLAIM … FORCE
// JUSTID per pending entry (keeping its delivery time and count) and XGROUP CREATECONSUMER for
// consumers with nothing pending. Groups, consumers and PELs in Redis's (radix tree) order.
import { MAX_ID, MIN_ID, formatId, sortedIds, type StreamValue } from '@ferrous/store';

export function* streamCommands(key: string, s: StreamValue): Generator<string[]> {
  if (s.size > 0) {
    for (const e of s.range(MIN_ID, MAX_ID)) yield ['XADD', key, formatId(e.id), ...e.fields];
  } else yield ['XADD', key, 'MAXLEN', '0', '0-1', 'x', 'y'];
  yield ['XSETID', key, formatId(s.lastId), 'ENTRIESADDED', String(s.entriesAdded), 'MAXDELETEDID', formatId(s.maxDeletedId)];
  const groups = [...s.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const g of groups) {
    yield ['XGROUP', 'CREATE', key, g.name, formatId(g.lastId), 'ENTRIESREAD', String(g.entriesRead)];
    for (const c of g.sortedConsumers()) {
      if (c.pel.size === 0) {
        yield ['XGROUP', 'CREATECONSUMER', key, g.name, c.name];
        continue;
      }
      for (const id of sortedIds(c.pel)) {
        const nack = c.pel.get(id)!;
        yield ['XCLAIM', key, g.name, c.name, '0', formatId(id), 'TIME', String(nack.deliveryTime), 'RETRYCOUNT', String(nack.deliveryCount), 'JUSTID', 'FORCE'];
      }
    }
  }
}
