// The command table: family files declare CommandSpec entries; buildCommandTable turns them into
// Command objects that the dispatcher, COMMAND INFO/DOCS/GETKEYS, ACL categories and INFO
// commandstats all read. Flags drive the pipeline; nothing is special-cased by command name.
import type { Reply } from '@ferrous/resp';
import type { Client } from '../client';
import { specsAreMovable, type KeySpec, type KeySpecFlag } from './key-specs';

export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'module'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'asking'
  | 'fast'
  | 'no_auth'
  | 'may_replicate'
  | 'sentinel'
  | 'only_sentinel'
  | 'no_mandatory_keys'
  | 'protected'
  | 'no_async_loading'
  | 'no_multi'
  | 'movablekeys'
  | 'allow_busy';

/** ACL categories in Redis's order (COMMAND INFO lists a command's categories in this order). */
export const ACL_CATEGORIES = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog',
  'geo', 'stream', 'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection',
  'transaction', 'scripting',
] as const;
export type AclCategory = (typeof ACL_CATEGORIES)[number];

/** A handler: runs on the client's behalf and returns its reply (or throws RedisError). */
export type CommandHandler = (client: Client, argv: string[]) => Reply;

/** The legacy key range (COMMAND INFO's first/last/step) key positions are taken from. */
export interface KeyRange {
  first: number;
  /** Last key index; negative counts from the end (-1 = last argument). */
  last: number;
  step: number;
}

/** One declared command or subcommand (a row of a family file's table). */
export interface CommandSpec {
  name: string;
  /** Exact argc when positive, minimum argc when negative (argv[0] included). */
  arity: number;
  flags: CommandFlag[];
  keys?: KeyRange;
  /** Flags of the one key spec derived from `keys` (default: RO access for reads, RW update for writes). */
  keyFlags?: KeySpecFlag[];
  /** Redis's key specs in full, for commands one spec derived from `keys` does not describe. */
  keySpecs?: KeySpec[];
  /** Extra ACL categories beyond those derived from flags (@read, @write, @fast, …). */
  acl?: AclCategory[];
  /** COMMAND DOCS group ('string', 'generic', 'server', 'connection', …). Inherited from the family. */
  group?: string;
  summary?: string;
  since?: string;
  complexity?: string;
  /** COMMAND DOCS: the version that deprecated the command and what replaces it (doc flag `deprecated`). */
  deprecated?: { since: string; replacedBy: string };
  /** COMMAND DOCS doc flag `syscmd`: not meant for applications (DEBUG, PFDEBUG, PFSELFTEST). */
  syscmd?: boolean;
  tips?: string[];
  /** Key positions for commands whose keys move (SORT STORE, …); sets the movablekeys flag. */
  getKeys?: (argv: string[]) => number[];
  run?: CommandHandler;
  subcommands?: CommandSpec[];
}

/** Per-command statistics (INFO commandstats). */
export interface CommandStats {
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

export const F = {
  write: 1,
  readonly: 2,
  denyoom: 4,
  admin: 8,
  pubsub: 16,
  noscript: 32,
  blocking: 64,
  loading: 128,
  stale: 256,
  skipMonitor: 512,
  skipSlowlog: 1024,
  fast: 2048,
  noAuth: 4096,
  mayReplicate: 8192,
  noMulti: 16384,
  allowBusy: 32768,
  protected: 65536,
} as const;

/** COMMAND INFO's flags in its order; may_replicate, sentinel, only_sentinel and protected stay hidden. */
const SHOWN_FLAGS: CommandFlag[] = [
  'write', 'readonly', 'denyoom', 'module', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale', 'skip_monitor',
  'skip_slowlog', 'asking', 'fast', 'no_auth', 'no_mandatory_keys', 'no_async_loading', 'no_multi', 'movablekeys', 'allow_busy',
];

/** The same bits by the flag names the tables use (`skip_monitor` for F.skipMonitor). */
const FLAG_BITS: Partial<Record<CommandFlag, number>> = Object.fromEntries(
  Object.entries(F).map(([name, bit]) => [name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()), bit]),
);

/** A command as the dispatcher sees it. */
export class Command {
  /** `get`, or `config|get` for a subcommand. */
  readonly fullName: string;
  /** Bitset of F.* for the pipeline's hot checks. */
  readonly bits: number;
  readonly subcommands: Map<string, Command> | null;
  readonly categories: AclCategory[];
  readonly stats: CommandStats = { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 };
  /** Latency histogram: bucket i counts calls of at most 2^i µs (LATENCY HISTOGRAM, latencystats). */
  readonly histogram = new Float64Array(40);

  constructor(
    readonly spec: CommandSpec,
    readonly parent: Command | null,
  ) {
    this.fullName = parent ? `${parent.spec.name}|${spec.name}` : spec.name;
    let bits = 0;
    for (const f of spec.flags) bits |= FLAG_BITS[f] ?? 0;
    this.bits = bits;
    this.categories = deriveCategories(spec);
    this.subcommands = spec.subcommands
      ? new Map(spec.subcommands.map((s) => [s.name, new Command({ group: spec.group, ...s }, this)]))
      : null;
  }

  get name(): string {
    return this.spec.name;
  }
  get arity(): number {
    return this.spec.arity;
  }
  get run(): CommandHandler | undefined {
    return this.spec.run;
  }

  /**
   * Flags as COMMAND INFO prints them: Redis's order, without the flags Redis hides, movablekeys
   * added when key positions are computed or the key specs need parsing.
   */
  get flagNames(): string[] {
    const s = this.spec;
    const movable = s.getKeys !== undefined || (s.keySpecs !== undefined && specsAreMovable(s.keySpecs));
    return SHOWN_FLAGS.filter((f) => s.flags.includes(f) || (f === 'movablekeys' && movable));
  }

  /** Key argument positions in argv (COMMAND GETKEYS, cluster slots, tracking). */
  keyPositions(argv: string[]): number[] {
    if (this.spec.getKeys) return this.spec.getKeys(argv);
    const ks = this.spec.keys;
    if (!ks || ks.first === 0) return [];
    const last = ks.last < 0 ? argv.length + ks.last : ks.last;
    const out: number[] = [];
    for (let i = ks.first; i <= last && i < argv.length; i += ks.step) out.push(i);
    return out;
  }
}

function deriveCategories(spec: CommandSpec): AclCategory[] {
  const set = new Set<AclCategory>(spec.acl ?? []);
  const f = new Set(spec.flags);
  if (f.has('write')) set.add('write');
  if (f.has('readonly') && !set.has('scripting')) set.add('read');
  if (f.has('admin')) {
    set.add('admin');
    set.add('dangerous');
  }
  if (f.has('pubsub')) set.add('pubsub');
  if (f.has('fast')) set.add('fast');
  if (f.has('blocking')) set.add('blocking');
  if (!f.has('fast')) set.add('slow');
  return ACL_CATEGORIES.filter((c) => set.has(c));
}

/** Name → Command, lower-case names. */
export type CommandTable = Map<string, Command>;

/** Builds the table from family tables, each entry defaulting its group to the family's. */
export function buildCommandTable(families: { group: string; commands: CommandSpec[] }[]): CommandTable {
  const table: CommandTable = new Map();
  for (const family of families) {
    for (const spec of family.commands) {
      if (table.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);
      table.set(spec.name, new Command({ group: family.group, ...spec }, null));
    }
  }
  return table;
}
