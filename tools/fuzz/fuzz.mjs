// Differential fuzzer: random commands, same sequence to Ferrous and redis-server 7.0, replies compared.
// Usage: node tools/fuzz/fuzz.mjs --rounds N --seed S [--ferrous PORT --redis PORT] [--only CMD,CMD] [--resp3]
import net from 'node:net';
import fs from 'node:fs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf('--' + name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const ROUNDS = Number(opt('rounds', 200));
let seed = Number(opt('seed', Date.now() % 1e9));
const FPORT = Number(opt('ferrous', 7702));
const RPORT = Number(opt('redis', 7701));
const ONLY = opt('only', '') ? opt('only').toLowerCase().split(',') : null;
const SKIPCMDS = opt('skip', '') ? opt('skip').toLowerCase().split(',') : [];
const RESP3 = argv.includes('--resp3');
const OUT = opt('out', 'fuzz-mismatches.jsonl');
const PER = Number(opt('per', 30));

// --- deterministic RNG (mulberry32)
function rng() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const ri = (n) => Math.floor(rng() * n);
const pick = (a) => a[ri(a.length)];
const chance = (p) => rng() < p;

// --- RESP parsing: returns {v, end}; v = {t, val, raw}
function parse(buf, pos) {
  const le = buf.indexOf('\r\n', pos);
  if (le < 0) return null;
  const t = buf[pos];
  const line = buf.slice(pos + 1, le);
  let p = le + 2;
  switch (t) {
    case '+': case '-': case ':': case ',': case '#': case '(': case '_':
      return { v: { t, val: line }, end: p };
    case '$': case '=': case '!': {
      const n = Number(line);
      if (n < 0) return { v: { t, val: null }, end: p };
      if (buf.length < p + n + 2) return null;
      return { v: { t, val: buf.slice(p, p + n) }, end: p + n + 2 };
    }
    case '*': case '~': case '>': case '%': case '|': {
      let n = Number(line);
      if (n < 0) return { v: { t, val: null }, end: p };
      if (t === '%' || t === '|') n *= 2;
      const items = [];
      for (let i = 0; i < n; i++) {
        const r = parse(buf, p);
        if (!r) return null;
        items.push(r.v);
        p = r.end;
      }
      if (t === '|') { const r = parse(buf, p); if (!r) return null; return r; }
      return { v: { t, val: items }, end: p };
    }
    default:
      throw new Error('bad resp byte ' + JSON.stringify(buf.slice(pos, pos + 40)));
  }
}

class Conn {
  constructor(port) {
    this.buf = '';
    this.q = [];
    this.sock = net.connect(port, '127.0.0.1');
    this.sock.setEncoding('latin1');
    this.closed = false;
    this.sock.on('data', (d) => { this.buf += d; this.drain(); });
    this.sock.on('close', () => { this.closed = true; for (const w of this.q) w.resolve({ t: 'CLOSED', val: null }); this.q = []; });
    this.sock.on('error', () => {});
  }
  ready() { return new Promise((res, rej) => { this.sock.once('connect', res); this.sock.once('error', rej); }); }
  drain() {
    while (this.q.length) {
      const r = parse(this.buf, 0);
      if (!r) return;
      this.buf = this.buf.slice(r.end);
      this.q.shift().resolve(r.v);
    }
  }
  send(args) {
    let out = `*${args.length}\r\n`;
    for (const a of args) out += `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`;
    return new Promise((resolve) => {
      if (this.closed) return resolve({ t: 'CLOSED', val: null });
      this.q.push({ resolve });
      this.sock.write(out, 'latin1');
    });
  }
  async call(...args) { return this.send(args); }
  close() { this.sock.destroy(); }
}
const withTimeout = (p, ms) => Promise.race([p, new Promise((r) => setTimeout(() => r({ t: 'TIMEOUT', val: null }), ms))]);

const toJs = (v) => {
  if (v.val === null) return null;
  if (Array.isArray(v.val)) return v.val.map(toJs);
  return v.val;
};

// --- command table
const EXCLUDE = new Set(`shutdown debug monitor sync psync replicaof slaveof failover cluster readonly readwrite
 save bgsave bgrewriteaof acl module migrate wait quit reset subscribe psubscribe ssubscribe unsubscribe punsubscribe sunsubscribe
 blpop brpop blmove brpoplpush bzpopmin bzpopmax blmpop bzmpop eval evalsha eval_ro evalsha_ro fcall fcall_ro
 command hello auth client latency slowlog memory info lastsave time monitor config script function sort_ro_never
 pfdebug pfselftest role asking replconf lolwut restore-asking flushall`.split(/\s+/).filter(Boolean));
// OBJECT, XINFO handled via shape compare; allowed CONFIG GET subcommands separately.
const SHAPE_ONLY = new Set(['randomkey', 'spop', 'srandmember', 'hrandfield', 'zrandmember', 'object|freq', 'object|idletime', 'xinfo|stream', 'xinfo|consumers', 'xinfo|groups', 'xautoclaim', 'xclaim', 'xpending', 'lpos_never']);
const UNORDERED = new Set(['smembers', 'sinter', 'sunion', 'sdiff', 'keys', 'hkeys', 'hvals']);
const PAIRS = new Set(['hgetall']);

async function loadTable(c) {
  const cmdInfo = toJs(await c.call('COMMAND'));
  const docs = toJs(await c.call('COMMAND', 'DOCS'));
  const docMap = new Map();
  for (let i = 0; i < docs.length; i += 2) docMap.set(docs[i], docs[i + 1]);
  const table = [];
  const add = (info, parent) => {
    const [name, arity, flags, first, last, step] = info;
    const full = name.toLowerCase();
    let doc;
    if (parent) {
      const pd = docMap.get(parent);
      const idx = pd ? pd.indexOf('subcommands') : -1;
      if (idx >= 0) {
        const subs = pd[idx + 1];
        for (let i = 0; i < subs.length; i += 2) if (subs[i] === full) doc = subs[i + 1];
      }
    } else doc = docMap.get(full);
    const dobj = {};
    if (doc) for (let i = 0; i < doc.length; i += 2) dobj[doc[i]] = doc[i + 1];
    table.push({ name: full, group: dobj.group ?? 'generic', arity: Number(arity), flags, first: Number(first), last: Number(last), step: Number(step), args: dobj.arguments ? dobj.arguments.map(argObj) : [] });
  };
  for (const info of cmdInfo) {
    const subs = info[9];
    if (subs && subs.length) for (const s of subs) add(s, info[0]);
    else add(info, null);
  }
  return table;
}
function argObj(a) {
  const o = {};
  for (let i = 0; i < a.length; i += 2) o[a[i]] = a[i + 1];
  if (o.arguments) o.arguments = o.arguments.map(argObj);
  o.flags = o.flags || [];
  return o;
}

// --- value pools
const KEYS = ['k1', 'k2', 'k3', 'k4', 'k1', 'k2', 'nokey', ''];
const TYPED_KEYS = {
  string: ['str1', 'str2', 'int1'], bitmap: ['str1', 'bm1', 'bm2', 'int1'], list: ['list1', 'list2'], set: ['set1', 'set2', 'iset1'],
  'sorted-set': ['zset1', 'zset2', 'geo1'], geo: ['geo1', 'geo2', 'zset1'], hash: ['hash1', 'hash2'], stream: ['strm1', 'strm2'], hyperloglog: ['hll1', 'hll2', 'str1'],
};
const ALL_TYPED = [...new Set(Object.values(TYPED_KEYS).flat())];
let currentGroup = 'generic';
function keyFor() {
  const pool = TYPED_KEYS[currentGroup];
  const r = rng();
  if (pool && r < 0.75) return pick(pool);
  if (r < 0.85) return pick(['nokey', 'dst', '']);
  return chance(0.5) ? pick(ALL_TYPED) : pick(KEYS);
}
const INTS = ['0', '1', '2', '3', '-1', '-2', '5', '10', '100', '-100', '', '-0', '+1', ' 1', '1 ', '01', '1e3', '0x10', '1.5', '-1.5', 'inf', '-inf', '+inf', 'nan', 'abc',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809', '4294967296', '2147483648', '-2147483649', '18446744073709551615', '1000000'];
const FLOATS = ['0', '1', '-1', '1.5', '-2.5', '1e3', '1e-3', '.5', '5.', 'inf', '-inf', '+inf', 'nan', '', 'abc', '1e400', '-1e400', '0x10', ' 1', '3.0', '1.000', '(1', '(1.5', '[a', '-0', '123456789012345678901234567890'];
const STRS = ['a', 'b', 'c', 'x', 'foo', '', '1', '2', '10', '-5', '3.5', 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234', 'f1', 'f2', 'm1', 'm2', 'm3', 'k1', 'k2', '*', '0-1', '1-1', '$', '>', '+', '-', '[a', '(a', '[', '(', 'g1', 'c1'];
const MEMBERS = ['a', 'b', 'c', 'd', '1', '2', '3', '100', '-1', 'm1', 'm2', 'f1', 'f2', 'zz', ''];
const ALLTOKENS = new Set();

function collectTokens(args) {
  for (const a of args) {
    if (a.token) ALLTOKENS.add(a.token);
    if (a.arguments) collectTokens(a.arguments);
  }
}

const STREAM_IDS = ['0', '0-0', '1-0', '1-1', '2-0', '3', '5-0', '10-1', '20', '-', '+', '$', '>', '(1-0', '(3', '18446744073709551615-18446744073709551615', '1-*', '*'];
let currentCmd = '';
function special(a) {
  const n = (a.name || '').toLowerCase();
  if (n === 'operation' && currentCmd === 'bitop') return pick(['AND', 'OR', 'XOR', 'NOT', 'and', 'nand']);
  if (/lex/.test(currentCmd) && /^(min|max|start|stop)$/.test(n)) return pick(['-', '+', '[a', '(a', '[m1', '(zz', '[', '(', 'a', '[b', '(c']);
  if (currentGroup === 'stream' && /^(start|end|id|min-id|threshold|lastid|last-id|min|max)$/.test(n)) return chance(0.9) ? pick(STREAM_IDS) : pick(INTS);
  if (currentGroup === 'stream' && /count|idle|retrycount|min-idle-time|ms|time|entries/.test(n)) return chance(0.85) ? pick(['0', '1', '2', '5', '10', '100']) : pick(INTS);
  if (n === 'group' || n === 'groupname') return pick(['g1', 'g1', 'g2', '']);
  if (n === 'consumer' || n === 'consumername') return pick(['c1', 'c2', 'c3']);
  if (n === 'bit' || n === 'value' && currentCmd === 'setbit') return chance(0.85) ? pick(['0', '1']) : pick(INTS);
  if (/offset/.test(n) && currentGroup === 'bitmap') return chance(0.85) ? String(ri(300)) : pick(INTS);
  if (n === 'serialized-value') return pick(['', 'abc', '\u0000\u0001']);
  return undefined;
}

function valueFor(a) {
  const sp = special(a);
  if (sp !== undefined) return sp;
  switch (a.type) {
    case 'key': return keyFor();
    case 'integer': return chance(0.85) ? pick(['0', '1', '2', '3', '-1', '5', '10', '-2', '4', '100']) : pick(INTS);
    case 'double': return chance(0.85) ? pick(['0', '1', '1.5', '-1', '2', '10', '-2.5', '50', '200']) : pick(FLOATS);
    case 'unix-time': return pick(['0', '1', '100', '2000000000', '-1', '9999999999999', 'abc', '1.5', '9223372036854775807']);
    case 'pattern': return pick(['*', 'k*', '?1', '[k]*', 'f*', 'a', '', '\\*', '[a-', 'm*']);
    default: {
      const n = (a.name || '').toLowerCase();
      if (/member|field|element|pivot/.test(n)) return chance(0.8) ? pick(MEMBERS) : pick(STRS);
      if (/score|min|max|start|end|stop|count|index|offset|increment|timeout|limit|radius|longitude|latitude|bit|port|db/.test(n)) return chance(0.7) ? pick(['0', '1', '-1', '2', '5', '(1', '[a', '-', '+', '(2', '-inf', '+inf', '3']) : pick(FLOATS.concat(INTS));
      if (/id/.test(n)) return pick(['0', '0-0', '1-1', '1-0', '2-0', '$', '>', '*', '1', '0-1', '-', '+', '18446744073709551615-18446744073709551615', 'abc', '1-*', '3-0']);
      if (/group/.test(n)) return pick(['g1', 'g2', '']);
      if (/consumer/.test(n)) return pick(['c1', 'c2']);
      return chance(0.6) ? pick(STRS) : pick(INTS.concat(FLOATS));
    }
  }
}

function genArg(a, out, depth = 0) {
  const optional = a.flags.includes('optional');
  const multiple = a.flags.includes('multiple');
  if (optional && chance(0.55)) return;
  const reps = multiple ? 1 + ri(chance(0.2) ? 5 : 3) : 1;
  for (let r = 0; r < reps; r++) {
    if (a.token && (r === 0 || !a.flags.includes('multiple_token') || true)) {
      if (r === 0 || a.flags.includes('multiple_token')) out.push(chance(0.9) ? a.token : a.token.toLowerCase());
    }
    if (a.type === 'pure-token') continue;
    if (a.type === 'oneof') {
      genArg({ ...pick(a.arguments), flags: [] }, out, depth + 1);
    } else if (a.type === 'block') {
      genArgs(a.arguments, out);
    } else out.push(valueFor(a));
  }
}

function genArgs(args, out) {
  // numkeys/numkeys-like counts match the keys generated right after them, mostly.
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.name === 'numkeys' && i + 1 < args.length && chance(0.9)) {
      const at = out.length;
      out.push('?');
      const before = out.length;
      genArg(args[i + 1], out);
      out[at] = String(out.length - before);
      i++;
      continue;
    }
    genArg(a, out);
  }
}

function genCommand(c) {
  currentGroup = c.group;
  currentCmd = c.name;
  const parts = c.name.split('|');
  const out = [...parts.map((p) => (chance(0.8) ? p.toUpperCase() : p))];
  const mode = rng();
  if (mode < 0.85 && c.args.length) {
    genArgs(c.args, out);
    // mutations
    if (chance(0.06) && out.length > parts.length) out.splice(parts.length + ri(out.length - parts.length), 1);
    if (chance(0.05)) out.push(pick([...ALLTOKENS]));
    if (chance(0.06)) out.splice(parts.length + ri(out.length - parts.length + 1), 0, pick(c.tokens.length ? c.tokens : [...ALLTOKENS]));
    if (chance(0.06) && out.length > parts.length) { const i = parts.length + ri(out.length - parts.length); out[i] = pick(INTS.concat(STRS)); }
  } else {
    // arity-based random
    const min = Math.abs(c.arity);
    let n = c.arity > 0 ? c.arity : min + ri(5);
    if (chance(0.1)) n = Math.max(parts.length, n + pick([-1, 1, 2]));
    for (let i = parts.length; i < n; i++) {
      const isKey = c.first > 0 && i >= c.first && (c.last < 0 ? true : i <= c.last) && (i - c.first) % Math.max(c.step, 1) === 0;
      if (isKey) out.push(keyFor());
      else out.push(chance(0.3) && c.tokens.length ? pick(c.tokens) : pick(INTS.concat(STRS, FLOATS, MEMBERS)));
    }
  }
  return out;
}

// --- seeding
function seedCommands() {
  const cmds = [['FLUSHALL']];
  const big = () => chance(0.3);
  const TYPES = ['string', 'int', 'list', 'set', 'intset', 'hash', 'zset', 'stream', 'none', 'bitmap', 'hll', 'geo'];
  // Most rounds share one type across keys so multi-key commands see compatible values.
  const theme = chance(0.6) ? pick(TYPES.filter((t) => t !== 'none')) : null;
  for (const k of ['k1', 'k2', 'k3', 'k4']) {
    const type = theme !== null && chance(0.85) ? theme : pick(TYPES);
    const n = big() ? 130 + ri(500) : 1 + ri(6);
    const longv = big() && chance(0.3);
    const v = (i) => (longv && i === 0 ? 'x'.repeat(70) : pick(MEMBERS) + (n > 6 ? i : ''));
    switch (type) {
      case 'string': cmds.push(['SET', k, pick(['hello', 'a', '', 'foo bar', '3.5', '1e3', ' 1', 'x'.repeat(ri(100))])]); break;
      case 'int': cmds.push(['SET', k, pick(['0', '1', '10', '-5', '100', '9223372036854775807', '-9223372036854775808', '12345'])]); break;
      case 'list': { const a = ['RPUSH', k]; for (let i = 0; i < n; i++) a.push(v(i)); cmds.push(a); break; }
      case 'set': { const a = ['SADD', k]; for (let i = 0; i < n; i++) a.push(v(i)); cmds.push(a); break; }
      case 'intset': { const a = ['SADD', k]; for (let i = 0; i < n; i++) a.push(String(ri(20) - 5 + (n > 6 ? i * 7 : 0))); cmds.push(a); break; }
      case 'hash': { const a = ['HSET', k]; for (let i = 0; i < n; i++) a.push(v(i), pick(['1', 'v', '', '2.5', '-3', '100'])); cmds.push(a); break; }
      case 'zset': { const a = ['ZADD', k]; for (let i = 0; i < n; i++) a.push(pick(['0', '1', '2', '1.5', '-1', '3', '10', 'inf', '-inf']), v(i)); cmds.push(a); break; }
      case 'stream': {
        for (let i = 1; i <= Math.min(n, 30); i++) cmds.push(['XADD', k, `${i}-${ri(2)}`, 'f', pick(MEMBERS), ...(chance(0.3) ? ['g', 'x'] : [])]);
        if (chance(0.6)) cmds.push(['XGROUP', 'CREATE', k, 'g1', pick(['0', '$', '1-0'])]);
        if (chance(0.4)) cmds.push(['XREADGROUP', 'GROUP', 'g1', 'c1', 'COUNT', '2', 'STREAMS', k, '>']);
        break;
      }
      case 'bitmap': cmds.push(['SETBIT', k, String(ri(100)), '1']); break;
      case 'hll': { const a = ['PFADD', k]; for (let i = 0; i < n; i++) a.push(v(i)); cmds.push(a); break; }
      case 'geo': { const a = ['GEOADD', k]; for (let i = 0; i < Math.min(n, 50); i++) a.push(String(ri(360) - 180 + rng()), String(ri(170) - 85 + rng()), pick(MEMBERS) + i); cmds.push(a); break; }
    }
    if (chance(0.15)) cmds.push(['PEXPIRE', k, '100000']);
  }
  const n = () => (chance(0.25) ? 130 + ri(400) : 1 + ri(8));
  const m = (i, big) => (big && i === 0 && chance(0.3) ? 'y'.repeat(65 + ri(10)) : pick(MEMBERS) + (big ? i : ''));
  const seedTyped = (key, build) => { const k = n(); const big = k > 8; cmds.push(build(k, big)); if (chance(0.1)) cmds.push(['PEXPIRE', key, '100000']); };
  for (const key of ['str1', 'str2']) cmds.push(['SET', key, pick(['hello', '', 'foobar', '3.5', 'x'.repeat(ri(80)), 'abc' + ri(100)])]);
  cmds.push(['SET', 'int1', pick(['0', '10', '-5', '9223372036854775807', '-9223372036854775808', String(ri(1000))])]);
  for (const key of ['bm1', 'bm2']) for (let i = 0; i < 1 + ri(4); i++) cmds.push(['SETBIT', key, String(ri(200)), '1']);
  for (const key of ['list1', 'list2']) seedTyped(key, (k, big) => ['RPUSH', key, ...Array.from({ length: k }, (_, i) => m(i, big))]);
  for (const key of ['set1', 'set2']) seedTyped(key, (k, big) => ['SADD', key, ...Array.from({ length: k }, (_, i) => m(i, big))]);
  seedTyped('iset1', (k, big) => ['SADD', 'iset1', ...Array.from({ length: k }, (_, i) => String(big ? i * 3 - 50 : ri(10) - 3))]);
  for (const key of ['zset1', 'zset2']) seedTyped(key, (k, big) => ['ZADD', key, ...Array.from({ length: k }, (_, i) => [pick(['0', '1', '2', '1.5', '-1', '3', '10', 'inf', '-inf', String(i)]), m(i, big)]).flat()]);
  for (const key of ['hash1', 'hash2']) seedTyped(key, (k, big) => ['HSET', key, ...Array.from({ length: k }, (_, i) => [m(i, big), pick(['1', 'v', '', '2.5', '-3', '100', 'z'.repeat(70)])]).flat()]);
  for (const key of ['geo1', 'geo2']) seedTyped(key, (k) => ['GEOADD', key, ...Array.from({ length: Math.min(k, 60) }, (_, i) => [String(ri(360) - 180 + rng()), String(ri(170) - 85 + rng()), pick(MEMBERS) + i]).flat()]);
  for (const key of ['hll1', 'hll2']) seedTyped(key, (k, big) => ['PFADD', key, ...Array.from({ length: k }, (_, i) => m(i, big))]);
  for (const key of ['strm1', 'strm2']) {
    const k = Math.min(n(), 40);
    for (let i = 1; i <= k; i++) cmds.push(['XADD', key, `${i}-${ri(2)}`, 'f', pick(MEMBERS), ...(chance(0.3) ? ['g', 'x'] : [])]);
    if (chance(0.7)) cmds.push(['XGROUP', 'CREATE', key, 'g1', pick(['0', '$', '1-0'])]);
    if (chance(0.5)) cmds.push(['XREADGROUP', 'GROUP', 'g1', 'c1', 'COUNT', String(1 + ri(5)), 'STREAMS', key, '>']);
    if (chance(0.3)) cmds.push(['XREADGROUP', 'GROUP', 'g1', 'c2', 'COUNT', String(1 + ri(5)), 'STREAMS', key, '>']);
  }
  return cmds;
}

// --- comparison
function canon(v, mode) {
  if (v.t === 'CLOSED' || v.t === 'TIMEOUT') return v.t;
  if (mode === 'type') return v.t === '-' ? '-' + v.val : v.t;
  if (mode === 'shape') {
    if (v.t === '-') return '-' + v.val;
    if (Array.isArray(v.val)) return v.t + v.val.length;
    if (v.t === ':' || v.t === '$') return v.t + (v.val === null ? 'nil' : '');
    return v.t;
  }
  if (mode === 'unordered' && Array.isArray(v.val)) return v.t + '[' + v.val.map((x) => canon(x, 'exact')).sort().join(',') + ']';
  if (mode === 'pairs' && Array.isArray(v.val)) {
    const ps = [];
    for (let i = 0; i < v.val.length; i += 2) ps.push(canon(v.val[i], 'exact') + '=>' + canon(v.val[i + 1], 'exact'));
    return v.t + '{' + ps.sort().join(',') + '}';
  }
  if (mode === 'scan' && Array.isArray(v.val) && v.val.length === 2 && Array.isArray(v.val[1].val)) {
    // A complete scan (next cursor 0) compares as a multiset; a partial one only by shape.
    if (String(v.val[0].val) !== '0') return 'partial-scan';
    return 'scan(' + canon(v.val[1], 'unordered') + ')';
  }
  if (mode === 'ttl' && v.t === ':') { const n = Number(v.val); return n > 10 ? ':~' + Math.round(n / 1000) : ':' + n; }
  if (Array.isArray(v.val)) return v.t + '[' + v.val.map((x) => canon(x, 'exact')).join(',') + ']';
  return v.t + JSON.stringify(v.val);
}

function modeFor(args) {
  const n = args[0].toLowerCase();
  const sub = args.length > 1 ? n + '|' + String(args[1]).toLowerCase() : n;
  if (SHAPE_ONLY.has(n) || SHAPE_ONLY.has(sub)) return 'shape';
  if (n === 'xadd' && args.includes('*')) return 'shape';
  if (n === 'xautoclaim' || n === 'xclaim') return 'shape';
  if (UNORDERED.has(n)) return 'unordered';
  if (PAIRS.has(n)) return 'pairs';
  if (/scan$/.test(n)) {
    // Only a scan from cursor 0 is comparable (later cursors are hash-table positions).
    const cur = n === 'scan' ? args[1] : args[2];
    return cur === '0' ? 'scan' : 'shape';
  }
  if (n === 'dump') return 'shape'; // LZF output differs from liblzf's (reported)
  // Lex ranges over mixed scores walk the skiplist's random levels in Redis: not comparable.
  if (/lex/.test(n) || ((n === 'zrange' || n === 'zrangestore') && args.some((a) => /^bylex$/i.test(a)))) return 'type';
  if ((n === 'sort' || n === 'sort_ro') && args.some((a) => /^by$/i.test(a))) return 'shape';
  if (['ttl', 'pttl', 'expiretime', 'pexpiretime', 'object'].includes(n)) return 'ttl';
  if (['sinterstore', 'sunionstore', 'sdiffstore'].includes(n)) return 'exact';
  return 'exact';
}

// Replays `seq` (then `last`) on both servers; the canonical last replies when they differ, else null.
async function differs(f, r, seq, last, mode) {
  const all = [...seq, last];
  const run = async (c) => {
    const replies = await Promise.all(all.map((a) => withTimeout(c.send(a), 5000)));
    return replies[replies.length - 1];
  };
  const [a, b] = await Promise.all([run(f), run(r)]);
  const ca = canon(a, mode), cb = canon(b, mode);
  return ca === cb ? null : { ferrous: ca.slice(0, 300), redis: cb.slice(0, 300) };
}

// Confirms a mismatch by replay, then drops history commands one by one while it persists.
async function minimise(f, r, history, last, mode) {
  let replies = await differs(f, r, history, last, mode);
  if (replies === null) return null;
  let seq = history.slice();
  const pinned = (a) => ['reset', 'flushall', 'hello'].includes(a[0].toLowerCase()) || (a[0] === 'CONFIG' && a[1] === 'SET');
  for (let i = seq.length - 1; i >= 0; i--) {
    if (pinned(seq[i])) continue;
    const trial = seq.slice(0, i).concat(seq.slice(i + 1));
    const d = await differs(f, r, trial, last, mode);
    if (d !== null) { seq = trial; replies = d; }
  }
  return { seq: [...seq.filter((a) => !pinned(a) || a[0] === 'CONFIG'), last], replies };
}

async function main() {
  const f = new Conn(FPORT), r = new Conn(RPORT);
  await Promise.all([f.ready(), r.ready()]);
  const table0 = await loadTable(r);
  for (const c of table0) { collectTokens(c.args); }
  for (const c of table0) { const ts = new Set(); const walk = (as) => { for (const a of as) { if (a.token) ts.add(a.token); if (a.arguments) walk(a.arguments); } }; walk(c.args); c.tokens = [...ts]; }
  let table = table0.filter((c) => !EXCLUDE.has(c.name.split('|')[0]) && !c.flags.includes('blocking'));
  table = table.filter((c) => !['object|help', 'xinfo|help'].includes(c.name) && !SKIPCMDS.includes(c.name) && !SKIPCMDS.includes(c.name.split('|')[0]));
  if (ONLY) table = table.filter((c) => ONLY.includes(c.name) || ONLY.includes(c.name.split('|')[0]));
  const out = fs.createWriteStream(OUT, { flags: 'a' });
  if (RESP3) { await f.call('HELLO', '3'); await r.call('HELLO', '3'); }
  const stats = new Map();
  let total = 0, mism = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const roundSeed = seed;
    const history = [];
    const small = chance(0.35);
    const encoding = [
      ['CONFIG', 'SET', 'hash-max-listpack-entries', small ? '2' : '512'], ['CONFIG', 'SET', 'hash-max-listpack-value', small ? '4' : '64'],
      ['CONFIG', 'SET', 'set-max-intset-entries', small ? '2' : '512'], ['CONFIG', 'SET', 'zset-max-listpack-entries', small ? '2' : '128'],
      ['CONFIG', 'SET', 'zset-max-listpack-value', small ? '4' : '64'], ['CONFIG', 'SET', 'list-max-listpack-size', small ? '2' : '-2'],
    ];
    const seedCmds = [['RESET'], ...(RESP3 ? [['HELLO', '3']] : []), ...encoding, ...seedCommands()];
    for (const c of seedCmds) {
      const [a, b] = await Promise.all([f.send(c), r.send(c)]);
      history.push(c);
      const seedMode = c[0] === 'HELLO' ? 'shape' : 'exact';
      if (canon(a, seedMode) !== canon(b, seedMode)) {
        mism++;
        out.write(JSON.stringify({ round, roundSeed, cmd: c, ferrous: canon(a, 'exact'), redis: canon(b, 'exact'), history: history.slice(0, -1), seeding: true }) + '\n');
      }
    }
    for (let i = 0; i < PER; i++) {
      const c = pick(table);
      const args = genCommand(c);
      if (args.some((x) => /^block$/i.test(x)) || (args[0].toLowerCase() === 'xreadgroup' && args.some((x) => /^block$/i.test(x)))) continue;
      if (args[0].toLowerCase() === 'xread' || args[0].toLowerCase() === 'xreadgroup') { /* BLOCK already excluded */ }
      // A huge negative count asks for billions of replies: both servers would exhaust memory.
      if (/randmember|hrandfield/i.test(args[0]) && args.some((x) => /^-\d{6,}/.test(x))) continue;
      const mode = modeFor(args);
      const [a, b] = await Promise.all([withTimeout(f.send(args), 5000), withTimeout(r.send(args), 5000)]);
      total++;
      history.push(args);
      const ca = canon(a, mode), cb = canon(b, mode);
      const key = c.name;
      const s = stats.get(key) ?? { n: 0, bad: 0, err: 0 };
      s.n++;
      if (b.t === '-') { s.err++; s.msgs = s.msgs ?? {}; const msg = String(b.val).slice(0, 50); s.msgs[msg] = (s.msgs[msg] ?? 0) + 1; }
      if (ca !== cb) {
        s.bad++;
        mism++;
        const repro = await minimise(f, r, history.slice(0, -1), args, mode);
        if (repro === null) s.unconfirmed = (s.unconfirmed ?? 0) + 1;
        out.write(JSON.stringify({ round, roundSeed, cmd: args, mode, ferrous: ca.slice(0, 400), redis: cb.slice(0, 400), confirmed: repro !== null, repro: repro?.seq, reproReplies: repro?.replies, history: history.slice(0, -1) }) + '\n');
        // state may now differ: start a new round
        stats.set(key, s);
        break;
      }
      stats.set(key, s);
      if (a.t === 'CLOSED' || b.t === 'CLOSED' || a.t === 'TIMEOUT') { console.error('connection problem', args, a.t, b.t); process.exit(2); }
      // divergent random effects: reseed
      if ((mode === 'shape' || mode === 'type') && !['object', 'xinfo', 'xpending'].includes(args[0].toLowerCase()) && a.t !== '-') break;
    }
    if (round % 100 === 0) process.stderr.write(`round ${round} cmds ${total} mismatches ${mism}\n`);
  }
  const bad = [...stats].filter(([, s]) => s.bad).sort((x, y) => y[1].bad - x[1].bad);
  console.log(`rounds ${ROUNDS} commands ${total} mismatches ${mism}`);
  for (const [k, s] of bad) console.log(k, s.bad, '/', s.n, s.unconfirmed ? `(${s.unconfirmed} not reproducible on replay: timing)` : '');
  if (argv.includes('--coverage')) {
    const rows = [...stats].map(([k, s]) => [k, s.n, s.err / s.n]).sort((x, y) => y[2] - x[2]);
    for (const [k, n, e] of rows) console.log('coverage', k, n, (100 * e).toFixed(0) + '% errors', JSON.stringify(Object.entries(stats.get(k).msgs ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 3)));
  }
  out.end();
  f.close(); r.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
