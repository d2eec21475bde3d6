// The `cjson` library: lua-cjson 2.1.0 as Redis 7.0 bundles it. Byte-compatible encoding
// (escapes incl. `\/`, %.14g numbers, array/object heuristic, sparse-array rules) and the
// library's exact error texts; JSON null decodes to the `cjson.null` sentinel.
import { LuaState, LuaTable, LuaUserdata, typeName, type LuaValue } from '@ferrous/lua-vm';
import { argError, checkInteger, checkString, MAX_C_STACK, raise, register, type LibFunction } from './args';
import { formatG, hexValue, strtod, toInt32 } from './c-number';

/** cjson.null: stands for lightuserdata NULL (a JSON null inside Lua tables). */
// A NULL light userdata, as lua-cjson uses: `tostring(cjson.null)` is `userdata: (nil)`.
export const CJSON_NULL = LuaUserdata.light(0);

interface Config {
  sparseConvert: number;
  sparseRatio: number;
  sparseSafe: number;
  encodeMaxDepth: number;
  decodeMaxDepth: number;
  /** 0 refuse, 1 encode as inf/nan, 2 encode as null. */
  encodeInvalidNumbers: number;
  encodeNumberPrecision: number;
  encodeKeepBuffer: number;
  decodeInvalidNumbers: number;
}

const defaultConfig = (): Config => ({
  sparseConvert: 0,
  sparseRatio: 2,
  sparseSafe: 10,
  encodeMaxDepth: 1000,
  decodeMaxDepth: 1000,
  encodeInvalidNumbers: 0,
  encodeNumberPrecision: 14,
  encodeKeepBuffer: 1,
  decodeInvalidNumbers: 1,
});

/** Opens `cjson` as a global of `lua`. */
export function openCjson(lua: LuaState): LuaTable {
  const cjson = newModule();
  lua.setGlobal('cjson', cjson);
  return cjson;
}

/** lua_cjson_new: a module table with its own configuration. */
function newModule(): LuaTable {
  const cfg = defaultConfig();
  const t = register(new LuaTable(), {
    encode(...args) {
      if (args.length !== 1) argError(1, 'encode', 'expected 1 argument');
      return encode(cfg, args[0]);
    },
    decode(...args) {
      if (args.length !== 1) argError(1, 'decode', 'expected 1 argument');
      return decode(cfg, checkString(args, 1, 'decode'));
    },
    encode_sparse_array(...args) {
      configArgs(args, 3, 'encode_sparse_array');
      return [
        enumOption(args, 1, 'encode_sparse_array', cfg, 'sparseConvert', BOOL_OPTIONS),
        intOption(args, 2, 'encode_sparse_array', cfg, 'sparseRatio', 0, 0x7fffffff),
        intOption(args, 3, 'encode_sparse_array', cfg, 'sparseSafe', 0, 0x7fffffff),
      ];
    },
    encode_max_depth(...args) {
      configArgs(args, 1, 'encode_max_depth');
      return intOption(args, 1, 'encode_max_depth', cfg, 'encodeMaxDepth', 1, 0x7fffffff);
    },
    decode_max_depth(...args) {
      configArgs(args, 1, 'decode_max_depth');
      return intOption(args, 1, 'decode_max_depth', cfg, 'decodeMaxDepth', 1, 0x7fffffff);
    },
    encode_number_precision(...args) {
      configArgs(args, 1, 'encode_number_precision');
      return intOption(args, 1, 'encode_number_precision', cfg, 'encodeNumberPrecision', 1, 14);
    },
    encode_keep_buffer(...args) {
      configArgs(args, 1, 'encode_keep_buffer');
      return enumOption(args, 1, 'encode_keep_buffer', cfg, 'encodeKeepBuffer', BOOL_OPTIONS);
    },
    encode_invalid_numbers(...args) {
      configArgs(args, 1, 'encode_invalid_numbers');
      return enumOption(args, 1, 'encode_invalid_numbers', cfg, 'encodeInvalidNumbers', ['off', 'on', 'null']);
    },
    decode_invalid_numbers(...args) {
      configArgs(args, 1, 'decode_invalid_numbers');
      return enumOption(args, 1, 'decode_invalid_numbers', cfg, 'decodeInvalidNumbers', BOOL_OPTIONS);
    },
    new: () => newModule(),
  } satisfies Record<string, LibFunction>);
  t.set('null', CJSON_NULL);
  t.set('_NAME', 'cjson');
  t.set('_VERSION', '2.1.0');
  return t;
}

// ---- configuration ----

const BOOL_OPTIONS = ['off', 'on'];

/** json_arg_init: at most `max` arguments. */
function configArgs(args: LuaValue[], max: number, fname: string): void {
  if (args.length > max) argError(max + 1, fname, 'found too many arguments');
}

type IntKey = 'sparseRatio' | 'sparseSafe' | 'encodeMaxDepth' | 'decodeMaxDepth' | 'encodeNumberPrecision';
type EnumKey = 'sparseConvert' | 'encodeKeepBuffer' | 'encodeInvalidNumbers' | 'decodeInvalidNumbers';

/** json_integer_option: the range error always names argument #1, as lua-cjson does. */
function intOption(args: LuaValue[], i: number, fname: string, cfg: Config, key: IntKey, min: number, max: number): number {
  if (args[i - 1] !== undefined) {
    const value = toInt32(checkInteger(args, i, fname));
    if (value < min || value > max) argError(1, fname, `expected integer between ${min} and ${max}`);
    cfg[key] = value;
  }
  return cfg[key];
}

/** json_enum_option with bool_true = 1: booleans or an option name; answers a boolean when it can. */
function enumOption(args: LuaValue[], i: number, fname: string, cfg: Config, key: EnumKey, options: string[]): LuaValue {
  const v = args[i - 1];
  if (v !== undefined) {
    if (typeof v === 'boolean') {
      cfg[key] = v ? 1 : 0;
    } else {
      const name = checkString(args, i, fname);
      const idx = options.indexOf(name);
      if (idx < 0) argError(i, fname, `invalid option '${name}'`);
      cfg[key] = idx;
    }
  }
  return cfg[key] <= 1 ? cfg[key] === 1 : options[cfg[key]];
}

// ---- encoding ----

const ESCAPES: (string | null)[] = Array.from({ length: 256 }, (_, c) =>
  c < 0x20 || c === 0x7f ? '\\u' + c.toString(16).padStart(4, '0') : null,
);
ESCAPES[0x08] = '\\b';
ESCAPES[0x09] = '\\t';
ESCAPES[0x0a] = '\\n';
ESCAPES[0x0c] = '\\f';
ESCAPES[0x0d] = '\\r';
ESCAPES[0x22] = '\\"';
ESCAPES[0x2f] = '\\/';
ESCAPES[0x5c] = '\\\\';

function encodeString(s: string): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const esc = ESCAPES[s.charCodeAt(i)];
    if (esc !== null) {
      out += s.slice(run, i) + esc;
      run = i + 1;
    }
  }
  return out + s.slice(run) + '"';
}

function encodeNumber(cfg: Config, n: number, what: LuaValue): string {
  if (cfg.encodeInvalidNumbers === 0) {
    if (!Number.isFinite(n)) encodeError(what, 'must not be NaN or Inf');
  } else if (cfg.encodeInvalidNumbers === 1) {
    if (n !== n) return 'nan';
  } else if (!Number.isFinite(n)) {
    return 'null';
  }
  return formatG(n, cfg.encodeNumberPrecision);
}

function encodeError(v: LuaValue, reason: string): never {
  raise(`Cannot serialise ${typeName(v)}: ${reason}`);
}

/** An open table while encoding: an array with its length, or an object with its last key. */
interface EncodeFrame {
  t: LuaTable;
  len: number;
  i: number;
  key: LuaValue;
  /** Lua stack slots in use where the table sits (lua-cjson's lua_checkstack limit). */
  used: number;
}

/** json_append_data, with an explicit stack so nesting is bounded by lua-cjson's limits only. */
function encode(cfg: Config, root: LuaValue): string {
  const parts: string[] = [];
  const stack: EncodeFrame[] = [];
  let v = root;
  let used = 1;
  for (;;) {
    if (v instanceof LuaTable) {
      const depth = stack.length + 1;
      if (depth > cfg.encodeMaxDepth || used + 3 > MAX_C_STACK) raise(`Cannot serialise, excessive nesting (${depth})`);
      const len = arrayLength(cfg, v);
      parts.push(len > 0 ? '[' : '{');
      stack.push({ t: v, len, i: 0, key: undefined, used });
    } else {
      parts.push(encodeScalar(cfg, v));
    }
    // Move to the next value to encode, closing finished tables.
    for (;;) {
      const f = stack[stack.length - 1];
      if (f === undefined) return parts.join('');
      if (f.len > 0) {
        if (f.i < f.len) {
          if (f.i++ > 0) parts.push(',');
          v = f.t.get(f.i);
          used = f.used + 1;
          break;
        }
        parts.push(']');
        stack.pop();
        continue;
      }
      const k = f.t.next(f.key);
      if (k === undefined) {
        parts.push('}');
        stack.pop();
        continue;
      }
      v = f.t.nextValue;
      if (f.key !== undefined) parts.push(',');
      f.key = k;
      if (typeof k === 'number') parts.push('"' + encodeNumber(cfg, k, k) + '":');
      else if (typeof k === 'string') parts.push(encodeString(k) + ':');
      else encodeError(k, 'table key must be a number or string');
      used = f.used + 2;
      break;
    }
  }
}

function encodeScalar(cfg: Config, v: LuaValue): string {
  switch (typeof v) {
    case 'string': return encodeString(v);
    case 'number': return encodeNumber(cfg, v, v);
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return 'null';
  }
  if (v === CJSON_NULL) return 'null';
  encodeError(v, 'type not supported');
}

/**
 * lua_array_length: the highest index when every key is a positive integer (-1 otherwise),
 * subject to the sparse-array rules. The index is held in a C int, as in lua-cjson.
 */
function arrayLength(cfg: Config, t: LuaTable): number {
  let max = 0;
  let items = 0;
  for (let k = t.next(undefined); k !== undefined; k = t.next(k)) {
    if (typeof k !== 'number' || k === 0 || Math.floor(k) !== k || k < 1) return -1;
    if (k > max) max = k < 2 ** 31 ? k : -(2 ** 31);
    items++;
  }
  if (cfg.sparseRatio > 0 && max > items * cfg.sparseRatio && max > cfg.sparseSafe) {
    if (!cfg.sparseConvert) encodeError(t, 'excessively sparse array');
    return -1;
  }
  return max;
}

// ---- decoding ----

const enum T {
  OBJ_BEGIN, OBJ_END, ARR_BEGIN, ARR_END, STRING, NUMBER, BOOLEAN, NULL, COLON, COMMA, END, ERROR,
}

const TOKEN_NAMES = ['T_OBJ_BEGIN', 'T_OBJ_END', 'T_ARR_BEGIN', 'T_ARR_END', 'T_STRING', 'T_NUMBER', 'T_BOOLEAN', 'T_NULL', 'T_COLON', 'T_COMMA', 'T_END', 'T_ERROR'];

const SINGLE: Record<number, T> = { 0x7b: T.OBJ_BEGIN, 0x7d: T.OBJ_END, 0x5b: T.ARR_BEGIN, 0x5d: T.ARR_END, 0x2c: T.COMMA, 0x3a: T.COLON, 0: T.END };

const SIMPLE_ESCAPES: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x74: '\t', 0x6e: '\n', 0x66: '\f', 0x72: '\r' };

class Parser {
  pos = 0;
  depth = 0;
  /** Current token: its type, where it starts (0-based), its value or error text. */
  type: T = T.END;
  index = 0;
  value: LuaValue = undefined;
  error = '';

  constructor(readonly s: string, readonly cfg: Config) {}

  /** The byte at `i`, 0 past the end (the C string terminator). */
  at(i: number): number {
    return i < this.s.length ? this.s.charCodeAt(i) : 0;
  }

  fail(message: string): void {
    this.type = T.ERROR;
    this.index = this.pos;
    this.error = message;
  }

  /** json_next_token: reads the next token and returns its type. */
  next(): T {
    this.scan();
    return this.type;
  }

  private scan(): void {
    let c = this.at(this.pos);
    while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = this.at(++this.pos);
    this.index = this.pos;
    const single = SINGLE[c];
    if (single !== undefined) {
      this.type = single;
      if (single !== T.END) this.pos++;
      return;
    }
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      if (!this.cfg.decodeInvalidNumbers && this.isInvalidNumber()) return this.fail('invalid number');
      return this.number();
    }
    if (c === 0x66 || c === 0x69 || c === 0x49 || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x2b) {
      if (this.s.startsWith('true', this.pos)) return this.word(T.BOOLEAN, true, 4);
      if (this.s.startsWith('false', this.pos)) return this.word(T.BOOLEAN, false, 5);
      if (this.s.startsWith('null', this.pos)) return this.word(T.NULL, CJSON_NULL, 4);
      if (this.cfg.decodeInvalidNumbers && this.isInvalidNumber()) return this.number();
    }
    this.fail('invalid token');
  }

  word(type: T, value: LuaValue, len: number): void {
    this.type = type;
    this.value = value;
    this.pos += len;
  }

  /** json_is_invalid_number: forms strtod takes that strict JSON does not (+, hex, 0-prefix, inf, nan). */
  isInvalidNumber(): boolean {
    let p = this.pos;
    const c = this.at(p);
    if (c === 0x2b) return true;
    if (c === 0x2d) p++;
    const d = this.at(p);
    if (d === 0x30) {
      const d2 = this.at(p + 1);
      return (d2 | 0x20) === 0x78 || (d2 >= 0x30 && d2 <= 0x39);
    }
    if (d <= 0x39) return false;
    const word = this.s.slice(p, p + 3).toLowerCase();
    return word === 'inf' || word === 'nan';
  }

  number(): void {
    const [n, end] = strtod(this.s, this.pos);
    if (end === this.pos) return this.fail('invalid number');
    this.type = T.NUMBER;
    this.value = n;
    this.pos = end;
  }

  string(): void {
    const s = this.s;
    let out = '';
    let run = ++this.pos;
    for (;;) {
      const c = this.at(this.pos);
      if (c === 0x22) break;
      if (c === 0) return this.fail('unexpected end of string');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += s.slice(run, this.pos);
      const e = this.at(this.pos + 1);
      if (e === 0x75) {
        const utf8 = this.unicodeEscape();
        if (utf8 === null) return this.fail('invalid unicode escape code');
        out += utf8;
      } else {
        const ch = SIMPLE_ESCAPES[e];
        if (ch === undefined) return this.fail('invalid escape code');
        out += ch;
        this.pos += 2;
      }
      run = this.pos;
    }
    this.type = T.STRING;
    this.value = out + s.slice(run, this.pos);
    this.pos++;
  }

  hex4(i: number): number {
    let v = 0;
    for (let j = 0; j < 4; j++) {
      const d = hexValue(this.at(i + j));
      if (d < 0) return -1;
      v = (v << 4) | d;
    }
    return v;
  }

  /** json_append_unicode_escape: `\uXXXX` (or a surrogate pair) as UTF-8 bytes; null when invalid. */
  unicodeEscape(): string | null {
    let cp = this.hex4(this.pos + 2);
    if (cp < 0) return null;
    let len = 6;
    if ((cp & 0xf800) === 0xd800) {
      if (cp & 0x400) return null;
      if (this.at(this.pos + 6) !== 0x5c || this.at(this.pos + 7) !== 0x75) return null;
      const low = this.hex4(this.pos + 8);
      if (low < 0 || (low & 0xfc00) !== 0xdc00) return null;
      cp = (((cp & 0x3ff) << 10) | (low & 0x3ff)) + 0x10000;
      len = 12;
    }
    this.pos += len;
    return Buffer.from(String.fromCodePoint(cp), 'utf8').toString('latin1');
  }

  throwError(expected: string): never {
    const found = this.type === T.ERROR ? this.error : TOKEN_NAMES[this.type];
    raise(`Expected ${expected} but found ${found} at character ${this.index + 1}`);
  }

  /** json_decode_descend: the nesting and Lua stack limits. */
  descend(used: number, slots: number): void {
    this.depth++;
    if (this.depth <= this.cfg.decodeMaxDepth && used + slots <= MAX_C_STACK) return;
    raise(`Found too many nested data structures (${this.depth}) at character ${this.pos}`);
  }

  /** The key of an object member at the current token; leaves the value's first token current. */
  memberKey(): string {
    if (this.type !== T.STRING) this.throwError('object key string');
    const key = this.value as string;
    if (this.next() !== T.COLON) this.throwError('colon');
    this.next();
    return key;
  }
}

/** An open array or object while decoding. */
interface DecodeFrame {
  t: LuaTable;
  /** Member key (objects) or undefined (arrays). */
  key: string | undefined;
  i: number;
  /** Lua stack slots in use below the table (lua-cjson's lua_checkstack limit). */
  used: number;
}

/** json_decode, with an explicit stack so nesting is bounded by lua-cjson's limits only. */
function decode(cfg: Config, s: string): LuaValue {
  if (s.length >= 2 && (s.charCodeAt(0) === 0 || s.charCodeAt(1) === 0)) raise('JSON parser does not support UTF-16 or UTF-32');
  const p = new Parser(s, cfg);
  const stack: DecodeFrame[] = [];
  let used = 1;
  let tk = p.next();
  for (;;) {
    // json_process_value: the current token starts a value.
    let v: LuaValue;
    if (tk === T.STRING || tk === T.NUMBER || tk === T.BOOLEAN || tk === T.NULL) {
      v = p.value;
    } else if (tk === T.OBJ_BEGIN || tk === T.ARR_BEGIN) {
      const object = tk === T.OBJ_BEGIN;
      p.descend(used, object ? 3 : 2);
      const t = new LuaTable();
      tk = p.next();
      if (tk === (object ? T.OBJ_END : T.ARR_END)) {
        p.depth--;
        v = t;
      } else {
        stack.push({ t, key: object ? p.memberKey() : undefined, i: 1, used });
        used += object ? 2 : 1;
        tk = p.type;
        continue;
      }
    } else {
      p.throwError('value');
    }
    // Store the value in its container; close containers that end here.
    for (;;) {
      const f = stack[stack.length - 1];
      if (f === undefined) {
        if (p.next() !== T.END) p.throwError('the end');
        return v;
      }
      const object = f.key !== undefined;
      f.t.set(object ? f.key : f.i, v);
      tk = p.next();
      if (tk === (object ? T.OBJ_END : T.ARR_END)) {
        p.depth--;
        stack.pop();
        used = f.used;
        v = f.t;
        continue;
      }
      if (tk !== T.COMMA) p.throwError(object ? 'comma or object end' : 'comma or array end');
      p.next();
      if (object) f.key = p.memberKey();
      else f.i++;
      tk = p.type;
      break;
    }
  }
}
