// Stream values in RDB files (rdb.c's stream case, t_stream.c's node layout): the listpack nodes
// keyed by their 16-byte big-endian master ID; then length, last ID, (v2+) first ID, max deleted
// ID and entries added; then the consumer groups with their PELs and consumers. Inside a node:
// master entry (count, deleted, field names, 0), then per entry flags, ms/seq deltas against the
// master ID, [field count, fields and] values, and the entry's element count (lp-count).
import {
  ConsumerGroup,
  ENTRIES_READ_UNKNOWN,
  MAX_ID,
  StreamConsumer,
  StreamNack,
  StreamValue,
  U64_MAX,
  sortedIds,
  type StreamId,
  type StreamNodeImage,
} from '@ferrous/store';
import { RdbType } from './constants';
import { decodeListpack, encodeListpack } from './listpack';
import type { RdbParser } from './reader';
import type { RdbEncoder } from './writer';

const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;
const ID_BYTES = 16;
const INTEGER = /^-?\d+$/;
/** entries-read as saved when unknown: -1 as an unsigned 64-bit length. */
const U64_ENTRIES_READ_UNKNOWN = U64_MAX;

function rawId(id: StreamId): Buffer {
  const b = Buffer.allocUnsafe(ID_BYTES);
  b.writeBigUInt64BE(id >> 64n, 0);
  b.writeBigUInt64BE(id & U64_MAX, 8);
  return b;
}

function idFromRaw(b: Buffer): StreamId {
  return (b.readBigUInt64BE(0) << 64n) | b.readBigUInt64BE(8);
}

/** The listpack elements of one node, as streamAppendItem lays them out. */
function nodeElements(node: StreamNodeImage): string[] {
  const master = node.masterFields;
  let live = 0;
  for (const d of node.deleted) if (!d) live++;
  const out: string[] = [String(live), String(node.ids.length - live), String(master.length), ...master, '0'];
  const masterMs = node.master >> 64n;
  const masterSeq = node.master & U64_MAX;
  for (let i = 0; i < node.ids.length; i++) {
    const id = node.ids[i];
    const fields = node.fields[i];
    const n = fields.length / 2;
    const same = n === master.length && master.every((f, j) => f === fields[2 * j]);
    out.push(String((same ? FLAG_SAMEFIELDS : 0) | (node.deleted[i] ? FLAG_DELETED : 0)));
    out.push(String(BigInt.asIntN(64, (id >> 64n) - masterMs)), String(BigInt.asIntN(64, (id & U64_MAX) - masterSeq)));
    if (same) for (let j = 1; j < fields.length; j += 2) out.push(fields[j]);
    else out.push(String(n), ...fields);
    out.push(String(same ? n + 3 : 2 * n + 4));
  }
  return out;
}

/**
 * The payload of RdbType `type`: STREAM_LISTPACKS_2 is what 7.0 writes (and we do); the 6.2 and
 * 7.2 layouts exist so tests can feed the reader's upgrade paths (7.2's consumer active time is
 * written as the seen time).
 */
export function encodeStream(enc: RdbEncoder, s: StreamValue, type: number = RdbType.STREAM_LISTPACKS_2): void {
  const v2 = type !== RdbType.STREAM_LISTPACKS;
  const w = enc.w;
  const nodes = s.nodeImages();
  enc.length(nodes.length);
  for (const node of nodes) {
    enc.length(ID_BYTES);
    w.bytes(rawId(node.master));
    enc.blob(encodeListpack(nodeElements(node)));
  }
  enc.length(s.size);
  for (const id of v2 ? [s.lastId, s.firstId, s.maxDeletedId] : [s.lastId]) {
    enc.ulength(id >> 64n);
    enc.ulength(id & U64_MAX);
  }
  if (v2) enc.ulength(BigInt(s.entriesAdded));
  const groups = [...s.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  enc.length(groups.length);
  for (const g of groups) {
    enc.string(g.name);
    enc.ulength(g.lastId >> 64n);
    enc.ulength(g.lastId & U64_MAX);
    if (v2) enc.ulength(g.entriesRead === ENTRIES_READ_UNKNOWN ? U64_ENTRIES_READ_UNKNOWN : BigInt(g.entriesRead));
    const pel = sortedIds(g.pel);
    enc.length(pel.length);
    for (const id of pel) {
      const nack = g.pel.get(id)!;
      w.bytes(rawId(id));
      w.i64leNumber(nack.deliveryTime);
      enc.length(nack.deliveryCount);
    }
    const consumers = g.sortedConsumers();
    enc.length(consumers.length);
    for (const c of consumers) {
      enc.string(c.name);
      w.i64leNumber(c.seenTime);
      if (type === RdbType.STREAM_LISTPACKS_3) w.i64leNumber(c.seenTime);
      const own = sortedIds(c.pel);
      enc.length(own.length);
      for (const id of own) w.bytes(rawId(id));
    }
  }
}

/** One node's listpack back into entries; fails on anything streamValidateListpackIntegrity would refuse. */
function decodeNode(p: RdbParser, master: StreamId, blob: Buffer, base: number, after: StreamId | null): StreamNodeImage {
  const r = p.r;
  const el = decodeListpack(blob, base);
  let at = 0;
  const next = (): string => (at < el.length ? el[at++] : r.fail('truncated stream listpack node', base));
  // Integer elements come back from decodeListpack as canonical decimal text.
  const int = (): bigint => {
    const v = next();
    return INTEGER.test(v) ? BigInt(v) : r.fail('stream listpack node: integer expected', base);
  };
  const small = (): number => {
    const v = next();
    const n = v.length <= 10 && INTEGER.test(v) ? Number(v) : -1;
    return n >= 0 && n <= 0xffffffff ? n : r.fail('stream listpack node: count out of range', base);
  };
  const count = small();
  const deletedCount = small();
  const masterFields: string[] = [];
  for (let n = small(); n > 0; n--) masterFields.push(next());
  if (int() !== 0n) r.fail('stream listpack node: bad master entry terminator', base);
  const ids: StreamId[] = [];
  const fields: string[][] = [];
  const deleted: boolean[] = [];
  const masterMs = master >> 64n;
  const masterSeq = master & U64_MAX;
  let prev = after;
  while (at < el.length) {
    const flags = small();
    const ms = BigInt.asUintN(64, masterMs + int());
    const seq = BigInt.asUintN(64, masterSeq + int());
    const id = (ms << 64n) | seq;
    if (prev !== null && id <= prev) r.fail('stream entries out of order', base);
    prev = id;
    const f: string[] = [];
    if (flags & FLAG_SAMEFIELDS) for (const name of masterFields) f.push(name, next());
    else for (let n = small(); n > 0; n--) f.push(next(), next());
    const elements = flags & FLAG_SAMEFIELDS ? masterFields.length + 3 : f.length + 4;
    if (int() !== BigInt(elements)) r.fail('stream listpack node: bad lp-count', base);
    ids.push(id);
    fields.push(f);
    deleted.push((flags & FLAG_DELETED) !== 0);
  }
  const dead = deleted.filter(Boolean).length;
  if (ids.length === 0 || count !== ids.length - dead || deletedCount !== dead) r.fail('stream listpack node: inconsistent counts', base);
  if (ids[0] < master) r.fail('stream node entry before its master ID', base);
  return { master, masterFields, ids, fields, deleted };
}

/** RDB_TYPE_STREAM_LISTPACKS (5–6.2), _2 (7.0) and _3 (7.2: consumers also carry an active time). */
export function decodeStream(p: RdbParser, type: number, at: number): StreamValue {
  const r = p.r;
  const s = new StreamValue();
  let prev: StreamId | null = null;
  for (let n = p.length(); n > 0; n--) {
    const key = p.blob();
    if (key.length !== ID_BYTES) r.fail('stream node key is not a 16-byte ID', at);
    const master = idFromRaw(key);
    const base = r.pos;
    const blob = p.blob();
    const node = decodeNode(p, master, blob, base, prev);
    prev = node.ids[node.ids.length - 1];
    s.loadNode(node, blob.length);
  }
  const length = p.length();
  if (length !== s.size) r.fail(`stream length ${length} but ${s.size} live entries`, at);
  const id = (): StreamId => (p.ulength() << 64n) | p.ulength();
  s.lastId = id();
  const v2 = type !== RdbType.STREAM_LISTPACKS;
  if (v2) {
    s.firstId = id();
    s.maxDeletedId = id();
    s.entriesAdded = Number(p.ulength());
  } else {
    // Redis 7.0's upgrade of a 6.2 stream: no tombstones known, every entry counted once.
    s.entriesAdded = length;
    s.firstId = s.edgeId(false) ?? MAX_ID;
  }
  if (prev !== null && prev > s.lastId) r.fail('stream entry after the last ID', at);
  for (let groups = p.length(); groups > 0; groups--) {
    const name = p.string();
    const lastId = id();
    let entriesRead: number;
    if (v2) {
      const read = p.ulength();
      entriesRead = read === U64_ENTRIES_READ_UNKNOWN ? ENTRIES_READ_UNKNOWN : Number(read);
    } else entriesRead = s.estimateDistance(lastId);
    if (s.groups.has(name)) r.fail('duplicate consumer group', at);
    const g = new ConsumerGroup(name, lastId, entriesRead);
    s.groups.set(name, g);
    // The group PEL comes first; each NACK gets its owner when the consumers are read.
    const unowned = new Map<StreamId, StreamNack>();
    const nobody = new StreamConsumer('', 0);
    for (let n = p.length(); n > 0; n--) {
      const nackId = idFromRaw(r.slice(ID_BYTES));
      const deliveryTime = Number(r.i64le());
      const nack = new StreamNack(nobody, deliveryTime, p.length());
      if (unowned.has(nackId)) r.fail('duplicated global PEL entry', at);
      unowned.set(nackId, nack);
    }
    for (let n = p.length(); n > 0; n--) {
      const c = new StreamConsumer(p.string(), Number(r.i64le()));
      if (type === RdbType.STREAM_LISTPACKS_3) r.i64le(); // active-time: 7.0 has no such field
      if (g.consumers.has(c.name)) r.fail('duplicate stream consumer', at);
      g.consumers.set(c.name, c);
      for (let k = p.length(); k > 0; k--) {
        const nackId = idFromRaw(r.slice(ID_BYTES));
        const nack = unowned.get(nackId) ?? r.fail('consumer PEL entry not in the group PEL', at);
        if (nack.consumer !== nobody) r.fail('duplicated consumer PEL entry', at);
        nack.consumer = c;
        c.pel.set(nackId, nack);
      }
    }
    for (const [nackId, nack] of [...unowned].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (nack.consumer === nobody) r.fail('group PEL entry without a consumer', at);
      g.pel.set(nackId, nack);
    }
  }
  return s;
}
