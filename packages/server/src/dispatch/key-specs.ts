// Redis 7.0 key specs: how COMMAND INFO describes where a command's keys are and what it does to
// them. A table row either gets one spec derived from its legacy `keys` range (with `keyFlags`)
// or declares `keySpecs` in full; COMMAND INFO and COMMAND GETKEYSANDFLAGS read them from here.

/** Key-spec flags in the order COMMAND INFO prints them. */
export const KEY_SPEC_FLAGS = ['RO', 'RW', 'OW', 'RM', 'access', 'update', 'insert', 'delete', 'not_key', 'incomplete', 'variable_flags'] as const;
export type KeySpecFlag = (typeof KEY_SPEC_FLAGS)[number];

/** Where the keys begin: an argument index, the argument after a keyword (searched from `startfrom`), or unknown. */
export type BeginSearch = { index: number } | { keyword: string; startfrom: number } | 'unknown';

/**
 * How far the keys go from there: a range (`lastkey` relative to the first key, or negative from
 * the end of argv), a count argument (`keynumidx` relative to the begin index), or unknown.
 */
export type FindKeys =
  | { lastkey: number; keystep: number; limit: number }
  | { keynumidx: number; firstkey: number; keystep: number }
  | 'unknown';

export interface KeySpec {
  flags: KeySpecFlag[];
  begin: BeginSearch;
  find: FindKeys;
  notes?: string;
  /** For `variable_flags` specs: the flags a given call really has (SET … GET reads, BITFIELD GET only reads). */
  flagsOf?: (argv: readonly string[]) => KeySpecFlag[];
}

/** Keys from argument `index` on: one key, or up to `lastkey` (-1 = the last argument). */
export function rangeKeys(flags: KeySpecFlag[], index: number, lastkey = 0, keystep = 1): KeySpec {
  return { flags, begin: { index }, find: { lastkey, keystep, limit: 0 } };
}

/** A numkeys argument at `index` followed by that many keys (ZUNIONSTORE, LMPOP, …). */
export function numKeys(flags: KeySpecFlag[], index: number): KeySpec {
  return { flags, begin: { index }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } };
}

/** The one key after `keyword`, searched from argument `startfrom` on (GEORADIUS … STORE key). */
export function keywordKey(flags: KeySpecFlag[], keyword: string, startfrom: number): KeySpec {
  return { flags, begin: { keyword, startfrom }, find: { lastkey: 0, keystep: 1, limit: 0 } };
}

/** Keys COMMAND INFO cannot locate (SORT's BY/GET patterns and STORE). */
export function unknownKeys(flags: KeySpecFlag[], notes: string): KeySpec {
  return { flags, begin: 'unknown', find: 'unknown', notes };
}

/** Whether the specs need argument parsing to find the keys (Redis's movablekeys rule). */
export function specsAreMovable(specs: readonly KeySpec[]): boolean {
  return specs.some((s) => !(typeof s.begin === 'object' && 'index' in s.begin) || !(typeof s.find === 'object' && 'lastkey' in s.find));
}

/** The spec's declared flags in COMMAND INFO order. */
export function orderedFlags(spec: KeySpec): KeySpecFlag[] {
  return KEY_SPEC_FLAGS.filter((f) => spec.flags.includes(f));
}

/** The flags the spec's keys have in the call `argv` (COMMAND GETKEYSANDFLAGS). */
export function specFlags(spec: KeySpec, argv: readonly string[]): KeySpecFlag[] {
  const flags = spec.flagsOf?.(argv) ?? spec.flags;
  return KEY_SPEC_FLAGS.filter((f) => flags.includes(f));
}

/** The first argument index a spec's keys start at in `argv`, or -1 (keyword absent, unknown). */
function beginIndex(spec: KeySpec, argv: readonly string[]): number {
  const b = spec.begin;
  if (b === 'unknown') return -1;
  if ('index' in b) return b.index;
  const word = b.keyword.toUpperCase();
  for (let i = b.startfrom; i < argv.length - 1; i++) if (argv[i].toUpperCase() === word) return i + 1;
  return -1;
}

/** Flags per key position, evaluating every spec that can be evaluated on `argv`. */
export function keyFlagsByPosition(specs: readonly KeySpec[], argv: readonly string[]): Map<number, KeySpecFlag[]> {
  const out = new Map<number, KeySpecFlag[]>();
  for (const spec of specs) {
    const first = beginIndex(spec, argv);
    if (first < 0 || spec.find === 'unknown') continue;
    let from = first;
    let last: number;
    let step: number;
    if ('lastkey' in spec.find) {
      last = spec.find.lastkey >= 0 ? first + spec.find.lastkey : argv.length + spec.find.lastkey;
      step = spec.find.keystep;
    } else {
      const n = Number(argv[first + spec.find.keynumidx]);
      from = first + spec.find.firstkey;
      step = spec.find.keystep;
      last = Number.isInteger(n) && n > 0 ? from + (n - 1) * step : from - 1;
    }
    for (let i = from; i <= last && i < argv.length; i += step) if (!out.has(i)) out.set(i, specFlags(spec, argv));
  }
  return out;
}
