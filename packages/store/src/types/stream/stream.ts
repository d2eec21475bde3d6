// Stream values (t_stream.c): entries in ID order, kept in nodes laid out like Redis's listpack
// nodes (a master entry, entries delta-coded against it, deleted entries flagged in place), so
// that node boundaries — which approximate trimming (`~`) and XDEL's node removal depend on — fall
// where Redis's do. Plus the stream's counters and its consumer groups. Invariant: nodes are in ID
// order and `count` is the sum of their live counts (XDEL drops a node when its last live entry
// goes; exact trimming, like Redis, only flags entries).
import { MAX_ID, MIN_ID, U64_MAX, type StreamId } from './stream-id';
import { ENTRIES_READ_UNKNOWN, type ConsumerGroup } from './consumer-group';
import { lpElementSize, lpIntSize } from './listpack-size';
import { raxNodeCount } from './rax-size';

export interface StreamEntry {
  id: StreamId;
  /** Field, value, field, value… */
  fields: string[];
}

/** Node-size limits (stream-node-max-bytes / stream-node-max-entries; 0 = unlimited). */
export interface NodeLimits {
  maxBytes: number;
  maxEntries: number;
}

/** Trimming request of XADD/XTRIM (streamAddTrimArgs). */
export interface TrimArgs {
  strategy: 'maxlen' | 'minid';
  maxlen: number;
  minid: StreamId;
  approx: boolean;
  /** Max entries removed (0 = no limit). */
  limit: number;
}

/** nextId's answer when `<ms>-*` overflows the sequence (Redis then fails with "Elements are too large"). */
export const SEQ_EXHAUSTED: StreamId = -1n;

/** The largest listpack Redis lets a node grow to (STREAM_LISTPACK_MAX_SIZE). */
const LISTPACK_MAX = 1 << 30;
const FLAG_SAMEFIELDS = 2;
const LP_HEADER_AND_END = 7;

/** One node as Redis's listpack holds it (what RDB files store; see @ferrous/persistence). */
export interface StreamNodeImage {
  master: StreamId;
  masterFields: readonly string[];
  ids: readonly StreamId[];
  /** Every entry's field/value array, deleted ones' included (Redis keeps them in place). */
  fields: readonly (readonly string[])[];
  deleted: readonly boolean[];
}

/**
 * A node still in its listpack form, as a loader validated it: decoded on first access by
 * `decode` (the store does not parse listpacks; @ferrous/persistence does).
 */
export interface PackedStreamNode {
  master: StreamId;
  masterFields: string[];
  /** The listpack, Redis's layout; never modified (a node that changes drops it). */
  packed: Uint8Array;
  /** The listpack as the LZF-compressed RDB string it was read from, if it was one. */
  lzf: Uint8Array | null;
  live: number;
  deleted: number;
  /** What `loadNode` would add to the memory estimate for these entries. */
  dataBytes: number;
  decode: (master: StreamId, packed: Uint8Array) => StreamNodeImage;
}

class StreamNode {
  private idList: StreamId[] | null = [];
  /** Field/value arrays; null marks an entry deleted in place. */
  private entryList: (string[] | null)[] | null = [];
  /** Field/value arrays of deleted entries by index: still in Redis's listpack, so still saved. */
  graves: Map<number, string[]> | undefined;
  live = 0;
  /** Bytes of the listpack except the master entry's two counters (which change size as they grow). */
  bytes: number;
  /** The listpack while it matches the entries (loaded, or saved and unchanged since); set while packed. */
  packed: Uint8Array | null = null;
  /** The listpack as an LZF-compressed RDB string, when a load or save had it; dropped on change too. */
  lzf: Uint8Array | null = null;
  /** Set while the entries exist only in `packed` (loaded and not read since). */
  private decode: PackedStreamNode['decode'] | null = null;
  /** Deleted entries while packed (afterwards ids.length - live). */
  private packedDeleted = 0;

  constructor(
    readonly master: StreamId,
    readonly masterFields: string[],
  ) {
    let fixed = LP_HEADER_AND_END + lpIntSize(masterFields.length) + lpIntSize(0);
    for (const f of masterFields) fixed += lpElementSize(f);
    this.bytes = fixed;
  }

  /** Entries, deleted ones included (decoding a packed node). */
  get ids(): StreamId[] {
    if (this.idList === null) this.unpack();
    return this.idList!;
  }

  get entries(): (string[] | null)[] {
    if (this.entryList === null) this.unpack();
    return this.entryList!;
  }

  /** A node that keeps `packed` and decodes it on first access. */
  static fromPacked(p: PackedStreamNode): StreamNode {
    const node = new StreamNode(p.master, p.masterFields);
    node.idList = node.entryList = null;
    node.packed = p.packed;
    node.lzf = p.lzf;
    node.decode = p.decode;
    node.live = p.live;
    node.packedDeleted = p.deleted;
    node.bytes = p.packed.length - lpIntSize(p.live) - lpIntSize(p.deleted);
    return node;
  }

  private unpack(): void {
    const image = this.decode!(this.master, this.packed!);
    this.decode = null;
    this.idList = image.ids as StreamId[];
    this.entryList = image.fields.map((f, i) => (image.deleted[i] ? null : (f as string[])));
    for (let i = 0; i < image.ids.length; i++) if (image.deleted[i]) (this.graves ??= new Map()).set(i, image.fields[i] as string[]);
  }

  get deleted(): number {
    return this.idList === null ? this.packedDeleted : this.idList.length - this.live;
  }

  lpBytes(): number {
    return this.bytes + lpIntSize(this.live) + lpIntSize(this.deleted);
  }

  /** streamAppendItem's encoding of one entry: flags, ms/seq deltas, [numfields, fields,] values, lp-count. */
  append(id: StreamId, fields: string[]): void {
    const n = fields.length / 2;
    const same = n === this.masterFields.length && this.masterFields.every((f, i) => f === fields[2 * i]);
    const msDelta = BigInt.asIntN(64, (id >> 64n) - (this.master >> 64n));
    const seqDelta = BigInt.asIntN(64, (id & U64_MAX) - (this.master & U64_MAX));
    let size = lpIntSize(same ? FLAG_SAMEFIELDS : 0) + lpIntSize(msDelta) + lpIntSize(seqDelta);
    if (!same) size += lpIntSize(n);
    for (let i = same ? 1 : 0; i < fields.length; i += same ? 2 : 1) size += lpElementSize(fields[i]);
    size += lpIntSize(same ? n + 3 : 2 * n + 4);
    this.bytes += size;
    this.ids.push(id);
    this.entries.push(fields);
    this.live++;
    this.packed = this.lzf = null;
  }

  /** Flags entry i deleted (its data stays, as in Redis's listpack). */
  kill(i: number): void {
    (this.graves ??= new Map()).set(i, this.entries[i]!);
    this.entries[i] = null;
    this.live--;
    this.packed = this.lzf = null;
  }

  image(): StreamNodeImage {
    const fields = this.entries.map((f, i) => f ?? this.graves!.get(i)!);
    return { master: this.master, masterFields: this.masterFields, ids: this.ids, fields, deleted: this.entries.map((f) => f === null) };
  }

  /** A copy sharing the entry arrays (never modified in place) and, still packed, the listpack. */
  clone(): StreamNode {
    const n = new StreamNode(this.master, this.masterFields);
    n.bytes = this.bytes;
    n.live = this.live;
    n.packed = this.packed;
    n.lzf = this.lzf;
    if (this.idList === null) {
      n.idList = n.entryList = null;
      n.decode = this.decode;
      n.packedDeleted = this.packedDeleted;
      return n;
    }
    n.idList = this.idList.slice();
    n.entryList = this.entryList!.slice();
    if (this.graves !== undefined) n.graves = new Map(this.graves);
    return n;
  }
}

export class StreamValue {
  readonly type = 'stream' as const;
  readonly encoding = 'stream';
  private nodes: StreamNode[] = [];
  private count = 0;
  lastId: StreamId = MIN_ID;
  /** The first entry's ID as Redis records it (0-0 while empty). */
  firstId: StreamId = MIN_ID;
  maxDeletedId: StreamId = MIN_ID;
  entriesAdded = 0;
  /** Groups by name. */
  readonly groups = new Map<string, ConsumerGroup>();
  private dataBytes = 0;

  get size(): number {
    return this.count;
  }

  /** Number of listpack nodes (XINFO STREAM radix-tree-keys). */
  get nodeCount(): number {
    return this.nodes.length;
  }

  /** XINFO STREAM radix-tree-nodes: what Redis's rax of these nodes would count. */
  get radixTreeNodes(): number {
    return raxNodeCount(this.nodes.map((n) => n.master));
  }

  memoryUsage(): number {
    let groups = 0;
    for (const g of this.groups.values()) groups += g.memoryUsage();
    return 64 + this.dataBytes + this.nodes.length * 48 + groups;
  }

  clone(): StreamValue {
    const copy = new StreamValue();
    for (const node of this.nodes) copy.nodes.push(node.clone());
    copy.count = this.count;
    copy.lastId = this.lastId;
    copy.firstId = this.firstId;
    copy.maxDeletedId = this.maxDeletedId;
    copy.entriesAdded = this.entriesAdded;
    copy.dataBytes = this.dataBytes;
    for (const [name, g] of this.groups) copy.groups.set(name, g.clone());
    return copy;
  }

  // ---- RDB encoding access -----------------------------------------------------------------------

  /** The nodes as Redis's listpacks hold them, in ID order. */
  nodeImages(): StreamNodeImage[] {
    return this.nodes.map((n) => n.image());
  }

  /** Node i's master ID. */
  nodeMaster(i: number): StreamId {
    return this.nodes[i].master;
  }

  /** Node i's listpack if it has one that is current (loaded or saved, unchanged since), else null. */
  nodePacked(i: number): Uint8Array | null {
    return this.nodes[i].packed;
  }

  /** Node i as Redis's listpack holds it. */
  nodeImage(i: number): StreamNodeImage {
    return this.nodes[i].image();
  }

  /** Node i's listpack as an LZF-compressed RDB string, when known (see nodePacked). */
  nodeLzf(i: number): Uint8Array | null {
    return this.nodes[i].lzf;
  }

  /**
   * Keeps what a save wrote for node i — its listpack and/or that as an LZF-compressed RDB
   * string — until the node changes. A listpack the node has already stays.
   */
  keepNodePacked(i: number, packed: Uint8Array | null, lzf: Uint8Array | null): void {
    const node = this.nodes[i];
    node.packed ??= packed;
    node.lzf = lzf;
  }

  /**
   * Appends a node read from an RDB file in its listpack form (after the last one; the caller
   * validated it and checked ID order). It is decoded when first read; saving it copies the bytes.
   */
  loadPackedNode(p: PackedStreamNode): void {
    this.nodes.push(StreamNode.fromPacked(p));
    this.dataBytes += p.dataBytes;
    this.count += p.live;
  }

  /**
   * Appends a node read from an RDB file (after the last one; the caller checked ID order), whose
   * listpack was `lpBytes` long; the node keeps the image's arrays. Counters other than the length
   * (lastId, entriesAdded…) are the caller's to set.
   */
  loadNode(image: StreamNodeImage, lpBytes: number): void {
    const node = new StreamNode(image.master, image.masterFields as string[]);
    for (let i = 0; i < image.ids.length; i++) {
      const fields = image.fields[i] as string[];
      node.ids.push(image.ids[i]);
      node.entries.push(fields);
      node.live++;
      if (image.deleted[i]) node.kill(i);
      else {
        for (const f of fields) this.dataBytes += f.length + 2;
        this.dataBytes += 8;
      }
    }
    node.bytes = lpBytes - lpIntSize(node.live) - lpIntSize(node.deleted);
    this.nodes.push(node);
    this.count += node.live;
  }

  // ---- appending ---------------------------------------------------------------------------------

  /** Appends an entry whose ID the caller checked is greater than lastId (streamAppendItem). */
  append(id: StreamId, fields: string[], limits: NodeLimits): void {
    let node = this.nodes.length === 0 ? undefined : this.nodes[this.nodes.length - 1];
    if (node !== undefined) {
      let total = 0;
      for (const f of fields) total += f.length;
      const maxBytes = limits.maxBytes === 0 || limits.maxBytes > LISTPACK_MAX ? LISTPACK_MAX : limits.maxBytes;
      if (node.lpBytes() + total >= maxBytes) node = undefined;
      else if (limits.maxEntries !== 0 && node.ids.length >= limits.maxEntries) node = undefined;
    }
    if (node === undefined) {
      const names: string[] = [];
      for (let i = 0; i < fields.length; i += 2) names.push(fields[i]);
      node = new StreamNode(id, names);
      this.nodes.push(node);
    }
    node.append(id, fields);
    for (const f of fields) this.dataBytes += f.length + 2;
    this.dataBytes += 8;
    this.count++;
    this.entriesAdded++;
    this.lastId = id;
    if (this.count === 1) this.firstId = id;
  }

  /**
   * The ID XADD gives a new entry (streamAppendItem + streamNextID): `given` as is, `<ms>-*` (seqGiven
   * false) the next seq of that ms, no ID the clock or the next seq of lastId. Null when it would not
   * be greater than lastId (the caller checks lastId < MAX_ID first); SEQ_EXHAUSTED for `<ms>-*`
   * when that ms has no sequence number left.
   */
  nextId(nowMs: number, given: StreamId | null, seqGiven: boolean): StreamId | null {
    let id: StreamId;
    if (given === null) {
      const ms = BigInt(nowMs);
      id = ms > this.lastId >> 64n ? ms << 64n : this.lastId + 1n;
    } else if (seqGiven || given >> 64n !== this.lastId >> 64n) {
      id = given;
    } else {
      if ((this.lastId & U64_MAX) === U64_MAX) return SEQ_EXHAUSTED;
      id = this.lastId + 1n;
    }
    return id > this.lastId ? id : null;
  }

  // ---- reading -----------------------------------------------------------------------------------

  /** Live entries with start <= id <= end in ID order (or reverse), at most `count` (0 = all). */
  range(start: StreamId, end: StreamId, count = 0, rev = false): StreamEntry[] {
    const out: StreamEntry[] = [];
    if (start > end || this.count === 0) return out;
    const nodes = this.nodes;
    if (!rev) {
      const first = this.nodeFor(start);
      for (let n = first; n < nodes.length; n++) {
        const node = nodes[n];
        if (node.master > end) break;
        for (let i = n === first ? lowerBound(node.ids, start) : 0; i < node.ids.length; i++) {
          const id = node.ids[i];
          if (id > end) return out;
          const fields = node.entries[i];
          if (fields === null) continue;
          out.push({ id, fields });
          if (out.length === count) return out;
        }
      }
      return out;
    }
    for (let n = this.nodeFor(end); n >= 0; n--) {
      const node = nodes[n];
      for (let i = upperBound(node.ids, end) - 1; i >= 0; i--) {
        const id = node.ids[i];
        if (id < start) return out;
        const fields = node.entries[i];
        if (fields === null) continue;
        out.push({ id, fields });
        if (out.length === count) return out;
      }
    }
    return out;
  }

  /** The live entry with this ID, or undefined. */
  get(id: StreamId): string[] | undefined {
    const node = this.nodes[this.nodeFor(id)];
    if (node === undefined) return undefined;
    const i = lowerBound(node.ids, id);
    return node.ids[i] === id ? (node.entries[i] ?? undefined) : undefined;
  }

  /** ID of the first / last live entry, or undefined when empty. */
  edgeId(last: boolean): StreamId | undefined {
    const e = last ? this.range(MIN_ID, MAX_ID, 1, true) : this.range(MIN_ID, MAX_ID, 1);
    return e.length === 0 ? undefined : e[0].id;
  }

  /** Index of the node that may hold `id`: the last node whose master is <= id (0 when none). */
  private nodeFor(id: StreamId): number {
    const nodes = this.nodes;
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (nodes[mid].master <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // ---- consumer-group counters (7.0's entries-read and lag) ---------------------------------------

  /** streamRangeHasTombstones: whether a deleted entry may lie in [start, end] (end open when omitted). */
  rangeHasTombstones(start: StreamId, end: StreamId = MAX_ID): boolean {
    if (this.count === 0 || this.maxDeletedId === MIN_ID) return false;
    if (this.firstId > this.maxDeletedId) return false;
    return start <= this.maxDeletedId && this.maxDeletedId <= end;
  }

  /**
   * streamEstimateDistanceFromFirstEverEntry: the logical read counter of `id` (how many entries
   * were ever added up to it), or ENTRIES_READ_UNKNOWN when fragmentation makes it unknowable.
   */
  estimateDistance(id: StreamId): number {
    if (this.entriesAdded === 0) return 0;
    if (this.count === 0 && id <= this.lastId) return this.entriesAdded;
    if (id === this.lastId) return this.entriesAdded;
    if (id > this.lastId) return ENTRIES_READ_UNKNOWN;
    if (this.maxDeletedId === MIN_ID || this.maxDeletedId < this.firstId) {
      if (id < this.firstId) return this.entriesAdded - this.count;
      if (id === this.firstId) return this.entriesAdded - this.count + 1;
    }
    return ENTRIES_READ_UNKNOWN;
  }

  /** streamReplyWithCGLag: entries not yet delivered to the group, or null when unknown. */
  groupLag(g: ConsumerGroup): number | null {
    if (this.entriesAdded === 0) return 0;
    if (g.entriesRead !== ENTRIES_READ_UNKNOWN && !this.rangeHasTombstones(g.lastId)) return this.entriesAdded - g.entriesRead;
    const read = this.estimateDistance(g.lastId);
    return read === ENTRIES_READ_UNKNOWN ? null : this.entriesAdded - read;
  }

  /** Moves the group's last-delivered ID to `id` (a newer entry it was served), keeping entries-read. */
  advanceGroup(g: ConsumerGroup, id: StreamId): void {
    if (g.entriesRead !== ENTRIES_READ_UNKNOWN && !this.rangeHasTombstones(id)) g.entriesRead++;
    else if (this.entriesAdded !== 0) g.entriesRead = this.estimateDistance(id);
    g.lastId = id;
  }

  // ---- deleting ----------------------------------------------------------------------------------

  /** XDEL one ID; returns whether a live entry was deleted. */
  delete(id: StreamId): boolean {
    const n = this.nodeFor(id);
    const node = this.nodes[n];
    if (node === undefined) return false;
    const i = lowerBound(node.ids, id);
    if (node.ids[i] !== id || node.entries[i] === null) return false;
    this.dropData(node.entries[i]!);
    node.kill(i);
    this.count--;
    if (node.live === 0) this.nodes.splice(n, 1);
    if (id > this.maxDeletedId) this.maxDeletedId = id;
    if (this.count === 0) this.firstId = MIN_ID;
    else if (id === this.firstId) this.firstId = this.edgeId(false)!;
    return true;
  }

  /** streamTrim: removes entries from the head; returns how many. */
  trim(args: TrimArgs): number {
    let deleted = 0;
    let removeNodes = 0;
    const nodes = this.nodes;
    for (; removeNodes < nodes.length; removeNodes++) {
      const node = nodes[removeNodes];
      if (args.strategy === 'maxlen' && this.count <= args.maxlen) break;
      if (args.limit !== 0 && deleted + node.live > args.limit) break;
      const whole = args.strategy === 'maxlen' ? this.count - node.live >= args.maxlen : node.ids[node.ids.length - 1] < args.minid;
      if (whole) {
        for (const f of node.entries) if (f !== null) this.dropData(f);
        this.count -= node.live;
        deleted += node.live;
        continue;
      }
      if (args.approx) break;
      for (let i = 0; i < node.ids.length; i++) {
        if (args.strategy === 'maxlen' ? this.count <= args.maxlen : node.ids[i] >= args.minid) break;
        const f = node.entries[i];
        if (f === null) continue;
        this.dropData(f);
        node.kill(i);
        this.count--;
        deleted++;
      }
      break;
    }
    if (removeNodes > 0) nodes.splice(0, removeNodes);
    if (deleted > 0) this.firstId = this.edgeId(false) ?? MIN_ID;
    return deleted;
  }

  private dropData(fields: string[]): void {
    for (const f of fields) this.dataBytes -= f.length + 2;
    this.dataBytes -= 8;
  }
}

/** First index with ids[i] >= id. */
function lowerBound(ids: StreamId[], id: StreamId): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with ids[i] > id. */
function upperBound(ids: StreamId[], id: StreamId): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
