// Keyspace notifications (notify-keyspace-events). Redis names each event after what the command
// did (`lpush`, `hset`, `incrby`, `rename_from`, …); here the store's generic change events are
// translated into those names using the command that is running, so command handlers need no
// notification calls of their own. Published on __keyspace@<db>__:<key> (message = event) and
// __keyevent@<db>__:<event> (message = key), in that order, like Redis.
import type { KeyEvent } from '@ferrous/store';
import type { Reply } from '@ferrous/resp';
import type { Client } from './client';
import type { Command } from './dispatch/command-table';
import { pubsubOf } from './pubsub/registry';
import type { Server } from './server';

// Class bits, as Redis's NOTIFY_* flags.
const CLASS_BITS: Record<string, number> = {
  K: 1, E: 2, g: 4, $: 8, l: 16, s: 32, h: 64, z: 128, x: 256, e: 512, t: 1024, m: 2048, d: 4096, n: 8192,
};
const ALL = CLASS_BITS.g | CLASS_BITS.$ | CLASS_BITS.l | CLASS_BITS.s | CLASS_BITS.h | CLASS_BITS.z | CLASS_BITS.x | CLASS_BITS.e | CLASS_BITS.t | CLASS_BITS.d;

/** notify-keyspace-events text → class bits ('A' = g$lshzxetd). */
export function parseNotifyFlags(text: string): number {
  let bits = 0;
  for (const ch of text) bits |= ch === 'A' ? ALL : (CLASS_BITS[ch] ?? 0);
  return bits;
}

/** The event class of a command family's default event. */
const GROUP_CLASS: Record<string, string> = {
  string: '$', bitmap: '$', hyperloglog: '$', list: 'l', hash: 'h', set: 's', 'sorted-set': 'z', geo: 'z', generic: 'g',
  // Stream commands publish their own events (commands/stream): one command can emit several.
};

type Namer = (key: string, argv: string[]) => string[];

const side = (fromArg: (argv: string[]) => string, toArg: (argv: string[]) => string, verb: (where: string, dst: boolean) => string): Namer => (key, argv) => {
  const names: string[] = [];
  if (key === argv[1]) names.push(verb(fromArg(argv).toUpperCase(), false));
  if (key === argv[2]) names.push(verb(toArg(argv).toUpperCase(), true));
  return names;
};
const listVerb = (where: string, dst: boolean) => (where === 'LEFT' ? 'l' : 'r') + (dst ? 'push' : 'pop');
const mpop = (offset: number, pop: (dir: string) => string): Namer => (_key, argv) => [pop(argv[offset + Number(argv[offset - 1])].toUpperCase())];

/** Commands whose event is not simply their own name. */
const EVENT_NAMES = new Map<string, Namer | string>([
  ['setnx', 'set'], ['setex', 'set'], ['psetex', 'set'], ['getset', 'set'], ['mset', 'set'], ['msetnx', 'set'],
  ['incr', 'incrby'], ['decr', 'incrby'], ['decrby', 'incrby'], ['bitop', 'set'], ['bitfield', 'setbit'], ['pfmerge', 'pfadd'],
  ['lpushx', 'lpush'], ['rpushx', 'rpush'], ['blpop', 'lpop'], ['brpop', 'rpop'],
  ['rpoplpush', side(() => 'RIGHT', () => 'LEFT', listVerb)], ['brpoplpush', side(() => 'RIGHT', () => 'LEFT', listVerb)],
  ['lmove', side((a) => a[3], (a) => a[4], listVerb)], ['blmove', side((a) => a[3], (a) => a[4], listVerb)],
  ['lmpop', mpop(2, (d) => (d === 'LEFT' ? 'lpop' : 'rpop'))], ['blmpop', mpop(3, (d) => (d === 'LEFT' ? 'lpop' : 'rpop'))],
  ['hmset', 'hset'], ['hsetnx', 'hset'],
  ['smove', side(() => '', () => '', (_w, dst) => (dst ? 'sadd' : 'srem'))],
  ['zincrby', 'zincr'],
  ['bzpopmin', 'zpopmin'], ['bzpopmax', 'zpopmax'],
  ['zmpop', mpop(2, (d) => (d === 'MIN' ? 'zpopmin' : 'zpopmax'))], ['bzmpop', mpop(3, (d) => (d === 'MIN' ? 'zpopmin' : 'zpopmax'))],
  ['zadd', (_k, argv) => [argv.some((a, i) => i > 1 && a.toUpperCase() === 'INCR') ? 'zincr' : 'zadd']],
  ['geoadd', 'zadd'], ['georadius', 'georadiusstore'], ['georadiusbymember', 'georadiusstore'],
  ['sort', 'sortstore'], ['restore', 'restore'],
  ['rename', (key, argv) => [key === argv[1] ? 'rename_from' : 'rename_to']], ['renamenx', (key, argv) => [key === argv[1] ? 'rename_from' : 'rename_to']],
  ['copy', 'copy_to'],
]);

/** Deleting commands whose removal is the event itself (no separate `del`). */
const DELETE_IS_EVENT = new Set(['del', 'unlink', 'getdel', 'expire', 'pexpire', 'expireat', 'pexpireat', 'getex']);
/** Commands that store a result: an empty result deletes the destination with only `del`. */
const STORE_COMMANDS = new Set([
  'sinterstore', 'sunionstore', 'sdiffstore', 'zunionstore', 'zinterstore', 'zdiffstore', 'zrangestore', 'sort', 'georadius',
  'georadiusbymember', 'geosearchstore', 'bitop',
]);
/** Commands that carry a TTL along with the value: no `expire` event for it. */
const TTL_CARRIERS = new Set(['rename', 'renamenx', 'move', 'copy', 'restore']);

// The command running right now (commands run one at a time; EXEC and scripts nest and restore).
let currentCmd: Command | null = null;
let currentArgv: string[] = [];

/** Runs a command's handler with the notification context set to it. */
export function runHandler(client: Client, cmd: Command, argv: string[]): Reply {
  const outerCmd = currentCmd;
  const outerArgv = currentArgv;
  currentCmd = cmd;
  currentArgv = argv;
  try {
    return cmd.run!(client, argv);
  } finally {
    currentCmd = outerCmd;
    currentArgv = outerArgv;
  }
}

/** Enabled class bits per server, mirrored from notify-keyspace-events. */
const enabled = new WeakMap<Server, { flags: number }>();

/** Publishes one event if its class is enabled (Redis's notifyKeyspaceEvent). */
export function notifyKeyspaceEvent(server: Server, cls: string, event: string, key: string, db: number): void {
  const flags = enabled.get(server)?.flags ?? 0;
  if (!(flags & CLASS_BITS[cls])) return;
  const pubsub = pubsubOf(server);
  if (flags & CLASS_BITS.K) pubsub.publish(`__keyspace@${db}__:${key}`, event);
  if (flags & CLASS_BITS.E) pubsub.publish(`__keyevent@${db}__:${event}`, key);
}

/** Translates the store's change events of `server` into keyspace notifications. */
export function installKeyspaceNotifications(server: Server): void {
  const state = { flags: parseNotifyFlags(server.config.str('notify-keyspace-events')) };
  enabled.set(server, state);
  server.config.onChange('notify-keyspace-events', (v) => (state.flags = parseNotifyFlags(String(v))));
  server.store.onKeyChange((db, key, event) => {
    if (state.flags !== 0 && key !== null) translate(server, db, key, event);
  });
}

function translate(server: Server, db: number, key: string, event: KeyEvent): void {
  if (event === 'expired') return notifyKeyspaceEvent(server, 'x', 'expired', key, db);
  if (event === 'evicted') return notifyKeyspaceEvent(server, 'e', 'evicted', key, db);
  const cmd = currentCmd;
  if (cmd === null) return;
  const name = cmd.parent ? cmd.parent.name : cmd.name;
  if (event === 'expire-set') {
    if (!TTL_CARRIERS.has(name)) notifyKeyspaceEvent(server, 'g', 'expire', key, db);
    return;
  }
  if (event === 'persist') return notifyKeyspaceEvent(server, 'g', 'persist', key, db);
  if (name === 'move') return notifyKeyspaceEvent(server, 'g', event === 'delete' ? 'move_from' : 'move_to', key, db);
  const names = eventNames(name, key);
  const cls = GROUP_CLASS[(cmd.parent ?? cmd).spec.group ?? ''];
  const named = cls === undefined ? [] : names;
  if (event === 'delete') {
    if (DELETE_IS_EVENT.has(name)) return notifyKeyspaceEvent(server, 'g', 'del', key, db);
    if (name === 'rename' || name === 'renamenx') {
      for (const n of named) notifyKeyspaceEvent(server, 'g', n, key, db);
      return;
    }
    if (!STORE_COMMANDS.has(name)) for (const n of named) notifyKeyspaceEvent(server, cls, n, key, db);
    return notifyKeyspaceEvent(server, 'g', 'del', key, db);
  }
  for (const n of named) notifyKeyspaceEvent(server, cls, n, key, db);
}

function eventNames(name: string, key: string): string[] {
  const rule = EVENT_NAMES.get(name);
  if (rule === undefined) return [name];
  return typeof rule === 'string' ? [rule] : rule(key, currentArgv);
}
