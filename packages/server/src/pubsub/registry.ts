// The pub/sub registry of one server: channel, pattern and shard-channel subscribers, and PUBLISH.
// A published message is encoded at most once per protocol and the same bytes are appended to
// every subscriber's output (large messages are referenced, not copied); subscribers are flushed
// together after the current batch of commands, so a pipelined burst of PUBLISHes costs each
// subscriber one socket write.
import { encodeReply, PushReply, type ProtocolVersion } from '@ferrous/resp';
import { globMatch } from '@ferrous/store';
import type { Client } from '../client';

/** Channel kinds: plain channels, glob patterns, shard channels (SSUBSCRIBE). */
export type SubscriptionKind = 'channel' | 'pattern' | 'shard';

/** A client's subscriptions, in subscription order. */
interface ClientSubscriptions {
  channel: Set<string>;
  pattern: Set<string>;
  shard: Set<string>;
}

export class PubsubRegistry {
  /** name → subscribers, per kind. */
  readonly subscribers: Record<SubscriptionKind, Map<string, Set<Client>>> = {
    channel: new Map(),
    pattern: new Map(),
    shard: new Map(),
  };
  private readonly byClient = new WeakMap<Client, ClientSubscriptions>();
  private readonly pendingFlush = new Set<Client>();
  private flushScheduled = false;

  /** The client's subscriptions of `kind`, in subscription order. */
  of(client: Client, kind: SubscriptionKind): ReadonlySet<string> {
    return this.byClient.get(client)?.[kind] ?? EMPTY;
  }

  /** Adds a subscription; returns false when the client already had it. */
  subscribe(client: Client, kind: SubscriptionKind, name: string): boolean {
    let subs = this.byClient.get(client);
    if (subs === undefined) this.byClient.set(client, (subs = { channel: new Set(), pattern: new Set(), shard: new Set() }));
    if (subs[kind].has(name)) return false;
    subs[kind].add(name);
    const map = this.subscribers[kind];
    let set = map.get(name);
    if (set === undefined) map.set(name, (set = new Set()));
    set.add(client);
    this.recount(client, subs);
    return true;
  }

  /** Removes a subscription; returns false when the client did not have it. */
  unsubscribe(client: Client, kind: SubscriptionKind, name: string): boolean {
    const subs = this.byClient.get(client);
    if (subs === undefined || !subs[kind].delete(name)) return false;
    const map = this.subscribers[kind];
    const set = map.get(name)!;
    set.delete(client);
    if (set.size === 0) map.delete(name);
    this.recount(client, subs);
    return true;
  }

  /** Drops every subscription of the client silently (disconnect, RESET). */
  forget(client: Client): void {
    const subs = this.byClient.get(client);
    if (subs === undefined) return;
    for (const kind of KINDS) for (const name of [...subs[kind]]) this.unsubscribe(client, kind, name);
    this.byClient.delete(client);
  }

  /**
   * PUBLISH / SPUBLISH: delivers `message` to subscribers of `channel` (and, for plain channels, of
   * matching patterns); returns the number of deliveries.
   */
  publish(channel: string, message: string, shard = false): number {
    let receivers = 0;
    const direct = this.subscribers[shard ? 'shard' : 'channel'].get(channel);
    if (direct !== undefined) {
      receivers += this.deliver(direct, [shard ? 'smessage' : 'message', channel, message]);
    }
    if (!shard && this.subscribers.pattern.size !== 0) {
      for (const [pattern, clients] of this.subscribers.pattern) {
        if (globMatch(pattern, channel)) receivers += this.deliver(clients, ['pmessage', pattern, channel, message]);
      }
    }
    return receivers;
  }

  private deliver(clients: Set<Client>, items: string[]): number {
    const encoded: [Buffer | null, Buffer | null] = [null, null];
    const push = new PushReply(items);
    for (const client of clients) {
      const proto: ProtocolVersion = client.resp;
      const slot = proto - 2;
      const bytes = (encoded[slot] ??= encodeReply(push, proto));
      client.replyRaw(bytes);
      this.scheduleFlush(client);
    }
    return clients.size;
  }

  private scheduleFlush(client: Client): void {
    this.pendingFlush.add(client);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      const clients = [...this.pendingFlush];
      this.pendingFlush.clear();
      // flush() also enforces client-output-buffer-limit pubsub on subscribers that do not read.
      for (const c of clients) c.flush();
    });
  }

  /** Mirrors the counts the dispatcher and output limits read on the client. */
  private recount(client: Client, subs: ClientSubscriptions): void {
    client.subscriptions = subs.channel.size;
    client.patternSubscriptions = subs.pattern.size;
    client.shardSubscriptions = subs.shard.size;
  }
}

const KINDS: SubscriptionKind[] = ['channel', 'pattern', 'shard'];
const EMPTY: ReadonlySet<string> = new Set();

const registries = new WeakMap<object, PubsubRegistry>();

/** The registry of `server` (one per server, created on first use). */
export function pubsubOf(server: object): PubsubRegistry {
  let r = registries.get(server);
  if (r === undefined) registries.set(server, (r = new PubsubRegistry()));
  return r;
}
