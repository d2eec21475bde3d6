// How each kind of config option parses, validates and prints its value. Validation messages are
// Redis 7.0's (CONFIG SET wraps them as "CONFIG SET failed (possibly related to argument 'x') - …").
import { formatMemory, parseMemory, parseStrictInteger } from './units';

export type ConfigValue = boolean | number | string | readonly unknown[] | object;

/** Thrown by a parser; `message` is Redis's validation text without the CONFIG SET prefix. */
export class ConfigValueError extends Error {}

export interface OptionType<T = ConfigValue> {
  /** Parses the arguments of one config line / one CONFIG SET value (already split). */
  parse(args: string[], previous: T, loading: boolean): T;
  /** CONFIG GET text. */
  format(value: T): string;
  /** Lines (each an argument list) CONFIG REWRITE writes for this value. */
  rewrite(value: T): string[][];
  /** Whether a single CONFIG SET value is split on spaces before parsing (save, bind, …). */
  multiArg?: boolean;
}

function one(args: string[]): string {
  if (args.length !== 1) throw new ConfigValueError('wrong number of arguments');
  return args[0];
}

export const boolType: OptionType<boolean> = {
  parse(args) {
    const v = one(args).toLowerCase();
    if (v === 'yes') return true;
    if (v === 'no') return false;
    throw new ConfigValueError("argument must be 'yes' or 'no'");
  },
  format: (v) => (v ? 'yes' : 'no'),
  rewrite: (v) => [[v ? 'yes' : 'no']],
};

/** A plain integer option; values out of [min, max] are rejected, or clamped when `clamp`. */
export function intType(min: number, max: number, clamp = false): OptionType<number> {
  return {
    parse(args) {
      const n = parseStrictInteger(one(args));
      if (n === null) throw new ConfigValueError("argument couldn't be parsed into an integer");
      if (clamp) return Math.min(max, Math.max(min, n));
      if (n < min || n > max) throw new ConfigValueError(`argument must be between ${min} and ${max} inclusive`);
      return n;
    },
    format: String,
    rewrite: (v) => [[String(v)]],
  };
}

/** A byte count accepting units (`64mb`). With `percent`, `N%` is stored as -N (maxmemory-clients). */
export function memoryType(min: number, max: number, percent = false): OptionType<number> {
  return {
    parse(args) {
      const text = one(args);
      if (percent && text.endsWith('%')) {
        const p = parseStrictInteger(text.slice(0, -1));
        if (p === null || p < 0) throw new ConfigValueError('argument must be a memory or percent value');
        return -p;
      }
      const n = parseMemory(text);
      if (n === null || n < 0) throw new ConfigValueError(percent ? 'argument must be a memory or percent value' : 'argument must be a memory value');
      if (n < min || n > max) throw new ConfigValueError(`argument must be between ${min} and ${max} inclusive`);
      return n;
    },
    format: (v) => (v < 0 ? `${-v}%` : String(v)),
    rewrite: (v) => [[v < 0 ? `${-v}%` : formatMemory(v)]],
  };
}

export const stringType: OptionType<string> = {
  parse: (args) => one(args),
  format: (v) => v,
  rewrite: (v) => [[v]],
};

export function enumType(values: string[]): OptionType<string> {
  return {
    parse(args) {
      const v = one(args).toLowerCase();
      if (!values.includes(v)) throw new ConfigValueError(`argument(s) must be one of the following: ${values.join(', ')}`);
      return v;
    },
    format: (v) => v,
    rewrite: (v) => [[v]],
  };
}

/** Space-separated list kept as given (bind, oom-score-adj-values, …), with an element check. */
export function listType(check: (items: string[]) => void): OptionType<string[]> {
  return {
    multiArg: true,
    parse(args) {
      check(args);
      return args;
    },
    format: (v) => v.join(' '),
    rewrite: (v) => [v.length ? v : ['']],
  };
}

export type SavePoint = readonly [seconds: number, changes: number];

/** `save <seconds> <changes> [...]`; `save ""` disables; config-file lines accumulate. */
export const saveType: OptionType<SavePoint[]> = {
  multiArg: true,
  parse(args, previous, loading) {
    if (args.length === 1 && args[0] === '') return [];
    if (args.length === 0 || args.length % 2 !== 0) throw new ConfigValueError('Invalid save parameters');
    const points: SavePoint[] = [];
    for (let i = 0; i < args.length; i += 2) {
      const s = parseStrictInteger(args[i]);
      const c = parseStrictInteger(args[i + 1]);
      if (s === null || c === null || s < 0 || c < 0) throw new ConfigValueError('Invalid save parameters');
      points.push([s, c]);
    }
    return loading ? [...previous, ...points] : points;
  },
  format: (v) => v.map(([s, c]) => `${s} ${c}`).join(' '),
  rewrite: (v) => (v.length ? v.map(([s, c]) => [String(s), String(c)]) : [['']]),
};

export interface BufferLimit {
  hard: number;
  soft: number;
  softSeconds: number;
}
export type BufferLimits = Record<'normal' | 'replica' | 'pubsub', BufferLimit>;
const LIMIT_CLASSES: Record<string, keyof BufferLimits> = { normal: 'normal', slave: 'replica', replica: 'replica', pubsub: 'pubsub' };

/** `client-output-buffer-limit <class> <hard> <soft> <soft-seconds> [...]`; classes merge. */
export const bufferLimitType: OptionType<BufferLimits> = {
  multiArg: true,
  parse(args, previous) {
    if (args.length === 0 || args.length % 4 !== 0) throw new ConfigValueError('Wrong number of arguments in buffer limit configuration.');
    const next: BufferLimits = { ...previous };
    for (let i = 0; i < args.length; i += 4) {
      const cls = LIMIT_CLASSES[args[i].toLowerCase()];
      if (!cls) throw new ConfigValueError('Invalid client class specified in buffer limit configuration.');
      const hard = parseMemory(args[i + 1]);
      const soft = parseMemory(args[i + 2]);
      const secs = parseStrictInteger(args[i + 3]);
      if (hard === null || soft === null || secs === null || hard < 0 || soft < 0 || secs < 0) {
        throw new ConfigValueError('Error in hard, soft or soft_seconds setting in buffer limit configuration.');
      }
      next[cls] = { hard, soft, softSeconds: secs };
    }
    return next;
  },
  format: (v) =>
    (['normal', 'replica', 'pubsub'] as const)
      .map((c) => `${c === 'replica' ? 'slave' : c} ${v[c].hard} ${v[c].soft} ${v[c].softSeconds}`)
      .join(' '),
  rewrite: (v) =>
    (['normal', 'replica', 'pubsub'] as const).map((c) => [
      c,
      formatMemory(v[c].hard),
      formatMemory(v[c].soft),
      String(v[c].softSeconds),
    ]),
};

const NOTIFY_CLASSES = 'Ag$lshzxeKEtmdn';

/** notify-keyspace-events: a set of class letters, printed in Redis's canonical order. */
export const notifyType: OptionType<string> = {
  parse(args) {
    const text = one(args);
    for (const ch of text) {
      if (!NOTIFY_CLASSES.includes(ch)) throw new ConfigValueError(`Invalid event class character. Use '${NOTIFY_CLASSES}'.`);
    }
    return canonicalNotify(text);
  },
  format: (v) => v,
  rewrite: (v) => [[v]],
};

function canonicalNotify(text: string): string {
  const has = (c: string) => text.includes(c);
  const types = 'g$lshzxetd';
  let out = has('A') || [...types].every(has) ? 'A' : [...types].filter(has).join('');
  for (const c of 'KEmn') if (has(c)) out += c;
  return out;
}

/** unixsocketperm: octal file mode. */
export const octalType: OptionType<number> = {
  parse(args) {
    const text = one(args);
    if (!/^[0-7]+$/.test(text) || parseInt(text, 8) > 0o777) throw new ConfigValueError('Invalid socket file permissions');
    return parseInt(text, 8);
  },
  format: (v) => v.toString(8),
  rewrite: (v) => [[v.toString(8)]],
};
