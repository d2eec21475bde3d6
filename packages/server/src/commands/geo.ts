// Geo commands: positions are zset members scored with Redis's 52-bit geohash (see
// @ferrous/store's types/geo). GEOADD is ZADD with encoded scores; every radius/box query goes
// through geosearchGeneric, Redis's georadiusGeneric: parse, scan the 9 cells, sort, reply or store.
import { formatF } from '@ferrous/lua-vm';
import { DoubleReply, NullArrayReply, type Reply } from '@ferrous/resp';
import {
  GEO_LAT_MAX,
  GEO_LAT_MIN,
  GEO_LONG_MAX,
  GEO_LONG_MIN,
  GEO_STEP_MAX,
  align52,
  decodeScore,
  distanceIfWithin,
  geoDistance,
  geohashEncode,
  scoreOf,
  searchCells,
  ZSetValue,
  parseFloat,
  parseInteger,
  toInt64,
  type GeoShape,
  type ZPair,
} from '@ferrous/store';
import { floatArg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { keywordKey, rangeKeys } from '../dispatch/key-specs';
import { ErrorText, RedisError } from '../errors';
import { zaddCommand } from './zset';

const UNITS: Record<string, number> = { m: 1, km: 1000, ft: 0.3048, mi: 1609.34 };

function unitArg(text: string): number {
  const f = UNITS[text.toLowerCase()];
  if (f === undefined) throw new RedisError('ERR unsupported unit provided. please use M, KM, FT, MI');
  return f;
}

/** WITHHASH's integer: the score cast to long long (a plain zset's 1.5 gives 1, out of range LLONG_MIN). */
function hashReply(score: number): number | bigint {
  const t = Math.trunc(score);
  return Number.isSafeInteger(t) ? t + 0 : toInt64(score);
}

/** extractLongLatOrReply. */
function lonLatArgs(lonText: string, latText: string): [number, number] {
  const lon = floatArg(lonText);
  const lat = floatArg(latText);
  if (lon < GEO_LONG_MIN || lon > GEO_LONG_MAX || lat < GEO_LAT_MIN || lat > GEO_LAT_MAX) {
    throw new RedisError(`ERR invalid longitude,latitude pair ${formatF(lon, 6)},${formatF(lat, 6)}`);
  }
  return [lon, lat];
}

/** A non-negative distance argument with its custom parse error. */
function distanceArg(text: string, parseError: string, negativeError: string): number {
  const v = parseFloat(text);
  if (v === null) throw new RedisError(parseError);
  if (v < 0) throw new RedisError(negativeError);
  return v;
}

/** `%.4f` (GEODIST, WITHDIST): always a bulk string. */
function distanceReply(d: number): string {
  return d.toFixed(4);
}

/** addReplyHumanLongDouble: `%.17Lf` with trailing zeros trimmed (RESP2 bulk, RESP3 double). */
function coordReply(v: number): Reply {
  return new DoubleReply(v, humanCoord(v));
}

function humanCoord(v: number): string {
  let s = v.toFixed(17);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function readZset(c: Client, key: string): ZSetValue | undefined {
  return c.db.readTyped(key, 'zset');
}

// ---- GEOADD / GEOPOS / GEODIST / GEOHASH ---------------------------------------------------------

function geoaddCommand(c: Client, argv: string[]): Reply {
  let i = 2;
  let nx = false;
  let xx = false;
  for (; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    if (opt === 'NX') nx = true;
    else if (opt === 'XX') xx = true;
    else if (opt !== 'CH') break;
  }
  if ((argv.length - i) % 3 !== 0 || (nx && xx)) throw new RedisError(ErrorText.syntax);
  const zadd = ['zadd', ...argv.slice(1, i)];
  for (let j = i; j < argv.length; j += 3) {
    const [lon, lat] = lonLatArgs(argv[j], argv[j + 1]);
    zadd.push(String(scoreOf(lon, lat)), argv[j + 2]);
  }
  return zaddCommand(c, zadd);
}

function geoposCommand(c: Client, argv: string[]): Reply {
  const zset = readZset(c, argv[1]);
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const score = zset?.score(argv[i]);
    if (score === undefined) out.push(NullArrayReply.instance);
    else {
      const [lon, lat] = decodeScore(score);
      out.push([coordReply(lon), coordReply(lat)]);
    }
  }
  return out;
}

function geodistCommand(c: Client, argv: string[]): Reply {
  let toMeter = 1;
  if (argv.length === 5) toMeter = unitArg(argv[4]);
  else if (argv.length > 5) throw new RedisError(ErrorText.syntax);
  const zset = readZset(c, argv[1]);
  if (zset === undefined) return null;
  const s1 = zset.score(argv[2]);
  const s2 = zset.score(argv[3]);
  if (s1 === undefined || s2 === undefined) return null;
  const [x1, y1] = decodeScore(s1);
  const [x2, y2] = decodeScore(s2);
  return distanceReply(geoDistance(x1, y1, x2, y2) / toMeter);
}

const GEO_ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

function geohashCommand(c: Client, argv: string[]): Reply {
  const zset = readZset(c, argv[1]);
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const score = zset?.score(argv[i]);
    if (score === undefined) {
      out.push(null);
      continue;
    }
    const [lon, lat] = decodeScore(score);
    // Redis's cells use latitudes ±85.05; the standard geohash re-encodes with ±90.
    const bits = BigInt(geohashEncode(lon, lat, GEO_STEP_MAX, -90, 90)?.bits ?? 0);
    let text = '';
    for (let k = 0; k < 11; k++) text += GEO_ALPHABET[k === 10 ? 0 : Number((bits >> BigInt(52 - (k + 1) * 5)) & 0x1fn)];
    out.push(text);
  }
  return out;
}

// ---- radius / box searches -----------------------------------------------------------------------

const RADIUS_COORDS = 1;
const RADIUS_MEMBER = 2;
const RADIUS_NOSTORE = 4;
const GEOSEARCH = 8;
const GEOSEARCHSTORE = 16;

interface GeoPoint {
  member: string;
  score: number;
  lon: number;
  lat: number;
  dist: number;
}

function memberPosition(zset: ZSetValue, member: string): [number, number] {
  const score = zset.score(member);
  if (score === undefined) throw new RedisError('ERR could not decode requested zset member');
  return decodeScore(score);
}

/** membersOfAllNeighbors: points of the 9 cells inside the shape, stopping at `limit` (> 0). */
function pointsInShape(zset: ZSetValue, shape: GeoShape, limit: number): GeoPoint[] {
  const out: GeoPoint[] = [];
  const cells = searchCells(shape);
  let last = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null) continue;
    const prev = last >= 0 ? cells[last] : null;
    if (prev !== null && last > 0 && prev.bits === cell.bits && prev.step === cell.step) continue;
    if (out.length > 0 && limit > 0 && out.length >= limit) break;
    const min = align52(cell);
    const max = align52({ bits: cell.bits + 1, step: cell.step });
    const pairs: ZPair[] = zset.rangeByScore({ min, max, minex: false, maxex: true });
    for (const [member, score] of pairs) {
      const [lon, lat] = decodeScore(score);
      const dist = distanceIfWithin(shape, lon, lat);
      if (dist === null) continue;
      out.push({ member, score, lon, lat, dist });
      if (limit > 0 && out.length >= limit) break;
    }
    last = i;
  }
  return out;
}

function geosearchGeneric(c: Client, argv: string[], srcIndex: number, flags: number): Reply {
  const zset = readZset(c, argv[srcIndex]);
  let baseArgs: number;
  let storeKey: string | undefined;
  let storeDist = false;
  let xy: [number, number] = [0, 0];
  let conversion = 1;
  let radius = 0;
  let width = 0;
  let height = 0;
  let type: 'radius' | 'box' = 'radius';
  if (flags & RADIUS_COORDS) {
    baseArgs = 6;
    xy = lonLatArgs(argv[2], argv[3]);
    radius = distanceArg(argv[4], 'ERR need numeric radius', 'ERR radius cannot be negative');
    conversion = unitArg(argv[5]);
  } else if (flags & RADIUS_MEMBER) {
    baseArgs = 5;
    if (zset !== undefined) {
      xy = memberPosition(zset, argv[2]);
      radius = distanceArg(argv[3], 'ERR need numeric radius', 'ERR radius cannot be negative');
      conversion = unitArg(argv[4]);
    }
  } else {
    baseArgs = 2;
    if (flags & GEOSEARCHSTORE) {
      baseArgs = 3;
      storeKey = argv[1];
    }
  }
  let withDist = false;
  let withHash = false;
  let withCoords = false;
  let fromMember = false;
  let fromLoc = false;
  let byRadius = false;
  let byBox = false;
  let sort: 'none' | 'asc' | 'desc' = 'none';
  let any = false;
  let count = 0;
  const remaining = argv.length - baseArgs;
  for (let i = 0; i < remaining; i++) {
    const at = baseArgs + i;
    const arg = argv[at].toLowerCase();
    if (arg === 'withdist') withDist = true;
    else if (arg === 'withhash') withHash = true;
    else if (arg === 'withcoord') withCoords = true;
    else if (arg === 'any') any = true;
    else if (arg === 'asc') sort = 'asc';
    else if (arg === 'desc') sort = 'desc';
    else if (arg === 'count' && i + 1 < remaining) {
      const n = parseInteger(argv[at + 1]);
      if (n === null) throw new RedisError(ErrorText.notInteger);
      if (n <= 0) throw new RedisError('ERR COUNT must be > 0');
      count = n;
      i++;
    } else if ((arg === 'store' || arg === 'storedist') && i + 1 < remaining && !(flags & RADIUS_NOSTORE) && !(flags & GEOSEARCH)) {
      storeKey = argv[at + 1];
      storeDist = arg === 'storedist';
      i++;
    } else if (arg === 'storedist' && flags & GEOSEARCH && flags & GEOSEARCHSTORE) storeDist = true;
    else if (arg === 'frommember' && i + 1 < remaining && flags & GEOSEARCH && !fromLoc) {
      if (zset !== undefined) xy = memberPosition(zset, argv[at + 1]);
      fromMember = true;
      i++;
    } else if (arg === 'fromlonlat' && i + 2 < remaining && flags & GEOSEARCH && !fromMember) {
      xy = lonLatArgs(argv[at + 1], argv[at + 2]);
      fromLoc = true;
      i += 2;
    } else if (arg === 'byradius' && i + 2 < remaining && flags & GEOSEARCH && !byBox) {
      radius = distanceArg(argv[at + 1], 'ERR need numeric radius', 'ERR radius cannot be negative');
      conversion = unitArg(argv[at + 2]);
      type = 'radius';
      byRadius = true;
      i += 2;
    } else if (arg === 'bybox' && i + 3 < remaining && flags & GEOSEARCH && !byRadius) {
      // Both parse before either is checked for sign.
      width = floatArg(argv[at + 1], 'ERR need numeric width');
      height = floatArg(argv[at + 2], 'ERR need numeric height');
      if (width < 0 || height < 0) throw new RedisError('ERR height or width cannot be negative');
      conversion = unitArg(argv[at + 3]);
      type = 'box';
      byBox = true;
      i += 3;
    } else throw new RedisError(ErrorText.syntax);
  }
  if (storeKey !== undefined && (withDist || withHash || withCoords)) {
    const what = flags & GEOSEARCHSTORE ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS';
    throw new RedisError(`ERR ${what} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`);
  }
  if (flags & GEOSEARCH && !(fromMember || fromLoc)) throw new RedisError(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${argv[0]}`);
  if (flags & GEOSEARCH && !(byRadius || byBox)) throw new RedisError(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${argv[0]}`);
  if (any && count === 0) throw new RedisError('ERR the ANY argument requires COUNT argument');
  if (zset === undefined) {
    if (storeKey === undefined) return [];
    c.db.delete(storeKey);
    return 0;
  }
  if (count !== 0 && sort === 'none' && !any) sort = 'asc';
  const shape: GeoShape = type === 'radius' ? { type, xy, conversion, radius } : { type, xy, conversion, width, height };
  const points = pointsInShape(zset, shape, any ? count : 0);
  if (points.length === 0 && storeKey === undefined) return [];
  if (sort === 'asc') points.sort((a, b) => a.dist - b.dist);
  else if (sort === 'desc') points.sort((a, b) => b.dist - a.dist);
  const returned = count === 0 || points.length < count ? points.length : count;
  if (storeKey === undefined) {
    const options = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoords ? 1 : 0);
    const out: Reply[] = new Array(returned);
    for (let i = 0; i < returned; i++) {
      const p = points[i];
      if (options === 0) {
        out[i] = p.member;
        continue;
      }
      const item: Reply[] = [p.member];
      if (withDist) item.push(distanceReply(p.dist / conversion));
      if (withHash) item.push(hashReply(p.score));
      if (withCoords) item.push([coordReply(p.lon), coordReply(p.lat)]);
      out[i] = item;
    }
    return out;
  }
  if (returned === 0) {
    c.db.delete(storeKey);
    return 0;
  }
  const pairs: ZPair[] = points.slice(0, returned).map((p) => [p.member, storeDist ? p.dist / conversion : p.score]);
  pairs.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  c.db.set(storeKey, ZSetValue.fromPairs(c.server.store, pairs));
  return returned;
}

function georadiusCommand(c: Client, argv: string[]): Reply {
  return geosearchGeneric(c, argv, 1, RADIUS_COORDS);
}

function georadiusroCommand(c: Client, argv: string[]): Reply {
  return geosearchGeneric(c, argv, 1, RADIUS_COORDS | RADIUS_NOSTORE);
}

function georadiusbymemberCommand(c: Client, argv: string[]): Reply {
  return geosearchGeneric(c, argv, 1, RADIUS_MEMBER);
}

function georadiusbymemberroCommand(c: Client, argv: string[]): Reply {
  return geosearchGeneric(c, argv, 1, RADIUS_MEMBER | RADIUS_NOSTORE);
}

function geosearchCommand(c: Client, argv: string[]): Reply {
  return geosearchGeneric(c, argv, 1, GEOSEARCH);
}

function geosearchstoreCommand(c: Client, argv: string[]): Reply {
  return geosearchGeneric(c, argv, 2, GEOSEARCH | GEOSEARCHSTORE);
}

/** GEORADIUS keys: the source plus the STORE/STOREDIST target (COMMAND GETKEYS). */
function georadiusKeys(base: number): (argv: string[]) => number[] {
  return (argv) => {
    const keys = [1];
    for (let i = base; i < argv.length - 1; i++) {
      const a = argv[i].toLowerCase();
      if (a === 'store' || a === 'storedist') keys.push(i + 1);
    }
    return keys;
  };
}

const K1 = { first: 1, last: 1, step: 1 };

export const geoCommands: CommandSpec[] = [
  { name: 'geoadd', arity: -5, flags: ['write', 'denyoom'], keys: K1, acl: ['geo'], summary: 'Add one or more geospatial items in the geospatial index represented using a sorted set', since: '3.2.0', run: geoaddCommand },
  { name: 'geopos', arity: -2, flags: ['readonly'], keys: K1, acl: ['geo'], summary: 'Returns longitude and latitude of members of a geospatial index', since: '3.2.0', run: geoposCommand },
  { name: 'geodist', arity: -4, flags: ['readonly'], keys: K1, acl: ['geo'], summary: 'Returns the distance between two members of a geospatial index', since: '3.2.0', run: geodistCommand },
  { name: 'geohash', arity: -2, flags: ['readonly'], keys: K1, acl: ['geo'], summary: 'Returns members of a geospatial index as standard geohash strings', since: '3.2.0', run: geohashCommand },
  { name: 'georadius', arity: -6, flags: ['write', 'denyoom'], keys: K1, keySpecs: [rangeKeys(['RO', 'access'], 1), keywordKey(['OW', 'update'], 'STORE', 6), keywordKey(['OW', 'update'], 'STOREDIST', 6)], acl: ['geo'], summary: 'Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point', since: '3.2.0', deprecated: { since: '6.2.0', replacedBy: '`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument' }, getKeys: georadiusKeys(6), run: georadiusCommand },
  { name: 'georadius_ro', arity: -6, flags: ['readonly'], keys: K1, acl: ['geo'], summary: 'A read-only variant for GEORADIUS', since: '3.2.10', deprecated: { since: '6.2.0', replacedBy: '`GEOSEARCH` with the `BYRADIUS` argument' }, run: georadiusroCommand },
  { name: 'georadiusbymember', arity: -5, flags: ['write', 'denyoom'], keys: K1, keySpecs: [rangeKeys(['RO', 'access'], 1), keywordKey(['OW', 'update'], 'STORE', 5), keywordKey(['OW', 'update'], 'STOREDIST', 5)], acl: ['geo'], summary: 'Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member', since: '3.2.0', deprecated: { since: '6.2.0', replacedBy: '`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments' }, getKeys: georadiusKeys(5), run: georadiusbymemberCommand },
  { name: 'georadiusbymember_ro', arity: -5, flags: ['readonly'], keys: K1, acl: ['geo'], summary: 'A read-only variant for GEORADIUSBYMEMBER', since: '3.2.10', deprecated: { since: '6.2.0', replacedBy: '`GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments' }, run: georadiusbymemberroCommand },
  { name: 'geosearch', arity: -7, flags: ['readonly'], keys: K1, acl: ['geo'], summary: 'Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.', since: '6.2.0', run: geosearchCommand },
  { name: 'geosearchstore', arity: -8, flags: ['write', 'denyoom'], keys: { first: 1, last: 2, step: 1 }, keySpecs: [rangeKeys(['OW', 'update'], 1), rangeKeys(['RO', 'access'], 2)], acl: ['geo'], summary: 'Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.', since: '6.2.0', run: geosearchstoreCommand },
];
