// Pub/Sub commands: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and PUBSUB introspection.
// Each (un)subscription is confirmed with its own push frame (an array in RESP2), so a command
// naming N channels sends N frames: all but the last are appended here, the last is the reply.
import { PushReply, type Reply } from '@ferrous/resp';
import { globMatch } from '@ferrous/store';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { RedisError } from '../errors';
import { helpReply } from '../reply';
import { pubsubOf, type SubscriptionKind } from '../pubsub/registry';

/** What the confirmation frames count: shard subscriptions apart from channels + patterns. */
function subscriptionCount(c: Client, kind: SubscriptionKind): number {
  return kind === 'shard' ? c.shardSubscriptions : c.subscriptions + c.patternSubscriptions;
}

/** Sends all frames but the last and returns the last as the command's reply. */
function frames(c: Client, replies: PushReply[]): Reply {
  for (let i = 0; i < replies.length - 1; i++) c.reply(replies[i]);
  return replies[replies.length - 1];
}

function subscribeGeneric(kind: SubscriptionKind, verb: string) {
  return (c: Client, argv: string[]): Reply => {
    const registry = pubsubOf(c.server);
    const out: PushReply[] = [];
    for (let i = 1; i < argv.length; i++) {
      registry.subscribe(c, kind, argv[i]);
      out.push(new PushReply([verb, argv[i], subscriptionCount(c, kind)]));
    }
    return frames(c, out);
  };
}

/** Without arguments: everything of that kind, or one frame with a null name when there is nothing. */
function unsubscribeGeneric(kind: SubscriptionKind, verb: string) {
  return (c: Client, argv: string[]): Reply => {
    const registry = pubsubOf(c.server);
    const names = argv.length > 1 ? argv.slice(1) : [...registry.of(c, kind)];
    if (names.length === 0) return new PushReply([verb, null, subscriptionCount(c, kind)]);
    const out: PushReply[] = [];
    for (const name of names) {
      registry.unsubscribe(c, kind, name);
      out.push(new PushReply([verb, name, subscriptionCount(c, kind)]));
    }
    return frames(c, out);
  };
}

function publishCommand(c: Client, argv: string[]): Reply {
  return pubsubOf(c.server).publish(argv[1], argv[2]);
}

function spublishCommand(c: Client, argv: string[]): Reply {
  return pubsubOf(c.server).publish(argv[1], argv[2], true);
}

// ---- PUBSUB ------------------------------------------------------------------------------------

function activeNames(kind: SubscriptionKind) {
  return (c: Client, argv: string[]): Reply => {
    if (argv.length > 3) throw new RedisError(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try ${argv[0].toUpperCase()} HELP.`);
    const pattern = argv[2];
    const out: string[] = [];
    for (const name of pubsubOf(c.server).subscribers[kind].keys()) {
      if (pattern === undefined || globMatch(pattern, name)) out.push(name);
    }
    return out;
  };
}

function subscriberCounts(kind: SubscriptionKind) {
  return (c: Client, argv: string[]): Reply => {
    const map = pubsubOf(c.server).subscribers[kind];
    const out: Reply[] = [];
    for (let i = 2; i < argv.length; i++) out.push(argv[i], map.get(argv[i])?.size ?? 0);
    return out;
  };
}

function numpatCommand(c: Client): Reply {
  return pubsubOf(c.server).subscribers.pattern.size;
}

function pubsubHelpCommand(): Reply {
  return helpReply('pubsub', [
    'CHANNELS [<pattern>]',
    "    Return the currently active channels matching a <pattern> (default: '*').",
    'NUMPAT',
    '    Return number of subscriptions to patterns.',
    'NUMSUB [<channel> ...]',
    '    Return the number of subscribers for the specified channels, excluding',
    '    pattern subscriptions(default: no channels).',
    'SHARDCHANNELS [<pattern>]',
    "    Return the currently active shard level channels matching a <pattern> (default: '*').",
    'SHARDNUMSUB [<shardchannel> ...]',
    '    Return the number of subscribers for the specified shard level channel(s)',
  ]);
}

const SUB: CommandSpec['flags'] = ['pubsub', 'noscript', 'loading', 'stale'];
const INTRO: CommandSpec['flags'] = ['pubsub', 'loading', 'stale'];
const SHARD_KEYS = { first: 1, last: -1, step: 1 };

export const pubsubCommands: CommandSpec[] = [
  { name: 'subscribe', arity: -2, flags: SUB, summary: 'Listen for messages published to the given channels', since: '2.0.0', complexity: 'O(N) where N is the number of channels to subscribe to.', run: subscribeGeneric('channel', 'subscribe') },
  { name: 'unsubscribe', arity: -1, flags: SUB, summary: 'Stop listening for messages posted to the given channels', since: '2.0.0', complexity: 'O(N) where N is the number of clients already subscribed to a channel.', run: unsubscribeGeneric('channel', 'unsubscribe') },
  { name: 'psubscribe', arity: -2, flags: SUB, summary: 'Listen for messages published to channels matching the given patterns', since: '2.0.0', complexity: 'O(N) where N is the number of patterns the client is already subscribed to.', run: subscribeGeneric('pattern', 'psubscribe') },
  { name: 'punsubscribe', arity: -1, flags: SUB, summary: 'Stop listening for messages posted to channels matching the given patterns', since: '2.0.0', complexity: 'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).', run: unsubscribeGeneric('pattern', 'punsubscribe') },
  { name: 'publish', arity: 3, flags: ['pubsub', 'loading', 'stale', 'fast', 'may_replicate'], summary: 'Post a message to a channel', since: '2.0.0', complexity: 'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).', run: publishCommand },
  { name: 'ssubscribe', arity: -2, flags: SUB, keys: SHARD_KEYS, keyFlags: ['not_key'], summary: 'Listen for messages published to the given shard channels', since: '7.0.0', complexity: 'O(N) where N is the number of shard channels to subscribe to.', run: subscribeGeneric('shard', 'ssubscribe') },
  { name: 'sunsubscribe', arity: -1, flags: SUB, keys: SHARD_KEYS, keyFlags: ['not_key'], summary: 'Stop listening for messages posted to the given shard channels', since: '7.0.0', complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.', run: unsubscribeGeneric('shard', 'sunsubscribe') },
  { name: 'spublish', arity: 3, flags: ['pubsub', 'loading', 'stale', 'fast', 'may_replicate'], keys: { first: 1, last: 1, step: 1 }, keyFlags: ['not_key'], summary: 'Post a message to a shard channel', since: '7.0.0', complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.', run: spublishCommand },
  {
    name: 'pubsub',
    arity: -2,
    flags: [],
    summary: 'A container for Pub/Sub commands',
    since: '2.8.0',
    complexity: 'Depends on subcommand.',
    subcommands: [
      { name: 'channels', arity: -2, flags: INTRO, summary: 'List active channels', since: '2.8.0', run: activeNames('channel') },
      { name: 'numsub', arity: -2, flags: INTRO, summary: 'Get the count of subscribers for channels', since: '2.8.0', run: subscriberCounts('channel') },
      { name: 'numpat', arity: 2, flags: INTRO, summary: 'Get the count of unique patterns pattern subscriptions', since: '2.8.0', run: numpatCommand },
      { name: 'shardchannels', arity: -2, flags: INTRO, summary: 'List active shard channels', since: '7.0.0', run: activeNames('shard') },
      { name: 'shardnumsub', arity: -2, flags: INTRO, summary: 'Get the count of subscribers for shard channels', since: '7.0.0', run: subscriberCounts('shard') },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], summary: 'Show helpful text about the different subcommands', since: '6.2.0', run: pubsubHelpCommand },
    ],
  },
];
