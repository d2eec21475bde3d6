// Consumer groups of a stream (streamCG): the last delivered ID, the logical read counter, the
// group's pending entries list (PEL) and its consumers, each with its own PEL sharing the group's
// NACK objects. Invariant: a NACK is in the group PEL iff it is in its consumer's PEL. PELs are
// Maps (O(1) ack/claim); the few commands that walk one in ID order sort its IDs.
import type { StreamId } from './stream-id';

/** Entries read counter value meaning "unknown" (SCG_INVALID_ENTRIES_READ). */
export const ENTRIES_READ_UNKNOWN = -1;

export class StreamNack {
  constructor(
    public consumer: StreamConsumer,
    /** Last delivery, ms since the epoch. */
    public deliveryTime: number,
    public deliveryCount: number,
  ) {}
}

export class StreamConsumer {
  readonly pel = new Map<StreamId, StreamNack>();
  constructor(
    readonly name: string,
    /** Last time the consumer read or claimed, ms since the epoch. */
    public seenTime: number,
  ) {}
}

export class ConsumerGroup {
  readonly pel = new Map<StreamId, StreamNack>();
  readonly consumers = new Map<string, StreamConsumer>();

  constructor(
    readonly name: string,
    public lastId: StreamId,
    public entriesRead: number,
  ) {}

  memoryUsage(): number {
    return 96 + this.name.length + this.pel.size * 64 + this.consumers.size * 80;
  }

  clone(): ConsumerGroup {
    const copy = new ConsumerGroup(this.name, this.lastId, this.entriesRead);
    for (const c of this.consumers.values()) {
      const cc = new StreamConsumer(c.name, c.seenTime);
      copy.consumers.set(c.name, cc);
      for (const [id, n] of c.pel) {
        const nn = new StreamNack(cc, n.deliveryTime, n.deliveryCount);
        cc.pel.set(id, nn);
        copy.pel.set(id, nn);
      }
    }
    return copy;
  }

  /** The consumer named `name`, created (seen now) when missing; `created` tells which. */
  consumer(name: string, now: number): { consumer: StreamConsumer; created: boolean } {
    const found = this.consumers.get(name);
    if (found !== undefined) return { consumer: found, created: false };
    const consumer = new StreamConsumer(name, now);
    this.consumers.set(name, consumer);
    return { consumer, created: true };
  }

  /** Deletes a consumer and its pending entries; returns how many were pending, or -1 if missing. */
  deleteConsumer(name: string): number {
    const c = this.consumers.get(name);
    if (c === undefined) return -1;
    for (const id of c.pel.keys()) this.pel.delete(id);
    this.consumers.delete(name);
    return c.pel.size;
  }

  /**
   * Records a delivery of `id` to `consumer` (streamReplyWithRange with a group): a new NACK, or an
   * existing one moved to this consumer with its count reset to 1.
   */
  deliver(id: StreamId, consumer: StreamConsumer, now: number): StreamNack {
    const nack = this.pel.get(id);
    if (nack === undefined) {
      const created = new StreamNack(consumer, now, 1);
      this.pel.set(id, created);
      consumer.pel.set(id, created);
      return created;
    }
    nack.consumer.pel.delete(id);
    nack.consumer = consumer;
    nack.deliveryTime = now;
    nack.deliveryCount = 1;
    consumer.pel.set(id, nack);
    return nack;
  }

  /** Moves an existing NACK to `consumer` (XCLAIM). */
  assign(id: StreamId, nack: StreamNack, consumer: StreamConsumer): void {
    if (nack.consumer === consumer) return;
    nack.consumer.pel.delete(id);
    nack.consumer = consumer;
    consumer.pel.set(id, nack);
  }

  /** XACK one ID; returns whether it was pending. */
  ack(id: StreamId): boolean {
    const nack = this.pel.get(id);
    if (nack === undefined) return false;
    this.pel.delete(id);
    nack.consumer.pel.delete(id);
    return true;
  }

  /** Consumers in name order (Redis keeps them in a radix tree). */
  sortedConsumers(): StreamConsumer[] {
    return [...this.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** The IDs of a PEL in ascending order. */
export function sortedIds(pel: Map<StreamId, StreamNack>): StreamId[] {
  return [...pel.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
