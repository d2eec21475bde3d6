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
import { RdbError, type ByteWriter } from './bytes';
import { RDB_LZF_STRING, RdbType } from './constants';
import { buildListpack, decodeListpack, writeListpackBigInt, writeListpackEntry, writeListpackInt } from './listpack';
import type { RdbParser } from './reader';
import { scanStreamNode } from './stream-scan';
import type { RdbEncoder } from './writer';

const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;
const ID_BYTES = 16;
/** Stream ID halves below this are exact as doubles. */
const SAFE_ID_PART = 2n ** 53n;
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

/** One node's listpack, laid out as streamAppendItem does: a view of scratch space `w`, valid until its next use. */
export function encodeNode(node: StreamNodeImage, w: ByteWriter): Buffer {
  return buildListpack(w, () => {
    const master = node.masterFields;
    let live = 0;
    for (const d of node.deleted) if (!d) live++;
    writeListpackInt(w, live);
    writeListpackInt(w, node.ids.length - live);
    writeListpackInt(w, master.length);
    for (const f of master) writeListpackEntry(w, f);
    writeListpackInt(w, 0);
    let count = master.length + 4;
    const masterMs = node.master >> 64n;
    const masterSeq = node.master & U64_MAX;
    // Deltas in doubles when both ends are exact in them: two bigints per entry rather than six.
    const small = masterMs < SAFE_ID_PART && masterSeq < SAFE_ID_PART;
    const masterMsNumber = Number(masterMs);
    const masterSeqNumber = Number(masterSeq);
    for (let i = 0; i < node.ids.length; i++) {
      const id = node.ids[i];
      const fields = node.fields[i];
      const n = fields.length / 2;
      const same = n === master.length && master.every((f, j) => f === fields[2 * j]);
      writeListpackInt(w, (same ? FLAG_SAMEFIELDS : 0) | (node.deleted[i] ? FLAG_DELETED : 0));
      const ms = id >> 64n;
      const seq = id & U64_MAX;
      if (small && ms < SAFE_ID_PART && seq < SAFE_ID_PART) {
        writeListpackInt(w, Number(ms) - masterMsNumber);
        writeListpackInt(w, Number(seq) - masterSeqNumber);
      } else {
        writeListpackBigInt(w, BigInt.asIntN(64, ms - masterMs));
        writeListpackBigInt(w, BigInt.asIntN(64, seq - masterSeq));
      }
      if (same) for (let j = 1; j < fields.length; j += 2) writeListpackEntry(w, fields[j]);
      else {
        writeListpackInt(w, n);
        for (const f of fields) writeListpackEntry(w, f);
      }
      const elements = same ? n + 3 : 2 * n + 4; // lp-count: the entry's elements before it
      writeListpackInt(w, elements);
      count += elements + 1;
    }
    return count;
  });
}

/**
 * The payload of RdbType `type`: STREAM_LISTPACKS_2 is what 7.0 writes (and we do); the 6.2 and
 * 7.2 layouts exist so tests can feed the reader's upgrade paths (7.2's consumer active time is
 * written as the seen time).
 */
export function encodeStream(enc: RdbEncoder, s: StreamValue, type: number = RdbType.STREAM_LISTPACKS_2): void {
  const v2 = type !== RdbType.STREAM_LISTPACKS;
  const w = enc.w;
  enc.length(s.nodeCount);
  for (let i = 0; i < s.nodeCount; i++) {
    enc.length(ID_BYTES);
    w.bytes(rawId(s.nodeMaster(i)));
    // What this writes is kept on the node, so the next save copies bytes unless the node
    // changed (all of a stream's nodes but the last rarely do): the compressed form if any, else
    // the listpack.
    let made: Buffer | null = null;
    const lzf = enc.cachedBlob(() => s.nodePacked(i) ?? (made = encodeNode(s.nodeImage(i), enc.scratch)), s.nodeLzf(i));
    s.keepNodePacked(i, lzf === null && made !== null ? Buffer.from(made) : null, lzf);
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

/**
 * One node's listpack back into entries; fails on anything streamValidateListpackIntegrity would
 * refuse. `base` is the blob's offset in the file, for errors.
 */
export function decodeNode(master: StreamId, blob: Buffer, base: number, after: StreamId | null): StreamNodeImage {
  const fail = (reason: string): never => {
    throw new RdbError(reason, base);
  };
  const el = decodeListpack(blob, base);
  let at = 0;
  const next = (): string => (at < el.length ? el[at++] : fail('truncated stream listpack node'));
  // Integer elements come back from decodeListpack as canonical decimal text.
  const int = (): bigint => {
    const v = next();
    return INTEGER.test(v) ? BigInt(v) : fail('stream listpack node: integer expected');
  };
  const small = (): number => {
    const v = next();
    const n = v.length <= 10 && INTEGER.test(v) ? Number(v) : -1;
    return n >= 0 && n <= 0xffffffff ? n : fail('stream listpack node: count out of range');
  };
  const count = small();
  const deletedCount = small();
  const masterFields: string[] = [];
  for (let n = small(); n > 0; n--) masterFields.push(next());
  if (int() !== 0n) fail('stream listpack node: bad master entry terminator');
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
    if (prev !== null && id <= prev) fail('stream entries out of order');
    prev = id;
    const f: string[] = [];
    if (flags & FLAG_SAMEFIELDS) for (const name of masterFields) f.push(name, next());
    else for (let n = small(); n > 0; n--) f.push(next(), next());
    const elements = flags & FLAG_SAMEFIELDS ? masterFields.length + 3 : f.length + 4;
    if (int() !== BigInt(elements)) fail('stream listpack node: bad lp-count');
    ids.push(id);
    fields.push(f);
    deleted.push((flags & FLAG_DELETED) !== 0);
  }
  const dead = deleted.filter(Boolean).length;
  if (ids.length === 0 || count !== ids.length - dead || deletedCount !== dead) fail('stream listpack node: inconsistent counts');
  if (ids[0] < master) fail('stream node entry before its master ID');
  return { master, masterFields, ids, fields, deleted };
}

/** Decodes a node kept packed at load time, when the stream first reads it (validated then). */
function unpackNode(master: StreamId, packed: Uint8Array): StreamNodeImage {
  return decodeNode(master, Buffer.from(packed.buffer, packed.byteOffset, packed.length), 0, null);
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
    let blob = p.blob();
    const scan = scanStreamNode(blob, master, prev);
    if (scan === null) {
      const node = decodeNode(master, blob, base, prev);
      prev = node.ids[node.ids.length - 1];
      s.loadNode(node, blob.length);
      continue;
    }
    // Kept packed (decoded when first read; a view into the file must not pin the whole file),
    // with the compressed form it came in, which a save can copy.
    if (blob.buffer === r.buf.buffer) blob = Buffer.from(blob);
    const lzf = r.buf[base] === RDB_LZF_STRING ? Buffer.from(r.buf.subarray(base, r.pos)) : null;
    prev = scan.lastId;
    s.loadPackedNode({ master, packed: blob, lzf, decode: unpackNode, ...scan });
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
