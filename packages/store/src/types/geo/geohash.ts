// Redis's geohash (geohash.c + geohash_helper.c): 26 steps per axis interleaved into a 52-bit
// zset score (latitude in the even bits, longitude in the odd ones), the 9-cell search area of a
// radius or box query, and the haversine distance on a sphere of radius 6372797.560856 m.
// A geo set is a plain zset scored with these hashes: the server's GEO* commands use this module.
import { toUint64 } from '../../numbers';

export const GEO_STEP_MAX = 26;
export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;

const D_R = Math.PI / 180.0;
const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;
const TWO32 = 2 ** 32;

export interface GeoHashBits {
  bits: number;
  step: number;
}

export interface GeoArea {
  longMin: number;
  longMax: number;
  latMin: number;
  latMax: number;
}

const degRad = (a: number) => a * D_R;
const radDeg = (a: number) => a / D_R;

/** Spreads the low 16 bits of `v` to the even bit positions of a 32-bit word. */
function spread16(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}

/** Gathers the even bits of a 32-bit word into 16 bits. */
function squash16(v: number): number {
  v &= 0x55555555;
  v = (v | (v >>> 1)) & 0x33333333;
  v = (v | (v >>> 2)) & 0x0f0f0f0f;
  v = (v | (v >>> 4)) & 0x00ff00ff;
  v = (v | (v >>> 8)) & 0x0000ffff;
  return v;
}

/** interleave64(x, y): x in the even bits, y in the odd bits (as a double; exact below 2^53). */
function interleave(x: number, y: number): number {
  const even = spread16(x >>> 16) * TWO32 + spread16(x);
  const odd = spread16(y >>> 16) * TWO32 + spread16(y);
  return even + 2 * odd;
}

/** deinterleave64: [even bits, odd bits] of a 64-bit value given as its low and high words. */
function deinterleave(lo: number, hi: number): [number, number] {
  const even = (squash16(lo) | (squash16(hi) << 16)) >>> 0;
  const odd = (squash16(lo >>> 1) | (squash16(hi >>> 1) << 16)) >>> 0;
  return [even, odd];
}

/** geohashEncode over the given latitude range; null outside the supported coordinates. */
export function geohashEncode(longitude: number, latitude: number, step: number, latMin = GEO_LAT_MIN, latMax = GEO_LAT_MAX): GeoHashBits | null {
  if (longitude > 180 || longitude < -180 || latitude > GEO_LAT_MAX || latitude < GEO_LAT_MIN) return null;
  if (latitude < latMin || latitude > latMax) return null;
  const scale = 2 ** step;
  const latOffset = ((latitude - latMin) / (latMax - latMin)) * scale;
  const longOffset = ((longitude - GEO_LONG_MIN) / (GEO_LONG_MAX - GEO_LONG_MIN)) * scale;
  return { bits: interleave(latOffset >>> 0, longOffset >>> 0), step };
}

/** geohashDecode: the cell of `hash` in the WGS84 ranges. */
export function geohashDecode(hash: GeoHashBits): GeoArea {
  return cellOf(deinterleave(hash.bits % TWO32 >>> 0, Math.floor(hash.bits / TWO32) >>> 0), hash.step);
}

function cellOf([ilato, ilono]: [number, number], step: number): GeoArea {
  const scale = 2 ** step;
  const latScale = GEO_LAT_MAX - GEO_LAT_MIN;
  const longScale = GEO_LONG_MAX - GEO_LONG_MIN;
  return {
    latMin: GEO_LAT_MIN + ((ilato * 1.0) / scale) * latScale,
    latMax: GEO_LAT_MIN + (((ilato + 1) * 1.0) / scale) * latScale,
    longMin: GEO_LONG_MIN + ((ilono * 1.0) / scale) * longScale,
    longMax: GEO_LONG_MIN + (((ilono + 1) * 1.0) / scale) * longScale,
  };
}

/** The cell centre, clamped to the valid ranges: [longitude, latitude]. */
export function areaCenter(area: GeoArea): [number, number] {
  let lon = (area.longMin + area.longMax) / 2;
  if (lon > GEO_LONG_MAX) lon = GEO_LONG_MAX;
  if (lon < GEO_LONG_MIN) lon = GEO_LONG_MIN;
  let lat = (area.latMin + area.latMax) / 2;
  if (lat > GEO_LAT_MAX) lat = GEO_LAT_MAX;
  if (lat < GEO_LAT_MIN) lat = GEO_LAT_MIN;
  return [lon, lat];
}

/**
 * A zset score → [longitude, latitude] (decodeGeohash). Scores that are no geohash (negative,
 * 2^53 and up: plain zset members) convert to uint64 the way x86-64 code does, so GEOPOS and
 * friends report the same clamped positions as Redis.
 */
export function decodeScore(score: number): [number, number] {
  if (score >= 0 && score < 2 ** 53) return areaCenter(geohashDecode({ bits: Math.trunc(score), step: GEO_STEP_MAX }));
  const bits = toUint64(score);
  return areaCenter(cellOf(deinterleave(Number(bits & 0xffffffffn), Number(bits >> 32n)), GEO_STEP_MAX));
}

/** The 52-bit score of a cell's first point (geohashAlign52Bits). */
export function align52(hash: GeoHashBits): number {
  return hash.bits * 2 ** (52 - hash.step * 2);
}

/** The 52-bit score of a WGS84 position (GEOADD). */
export function scoreOf(longitude: number, latitude: number): number {
  return align52(geohashEncode(longitude, latitude, GEO_STEP_MAX)!);
}

// ---- distances -------------------------------------------------------------------------------

export function latDistance(lat1: number, lat2: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2) - degRad(lat1));
}

/** geohashGetDistance: haversine great-circle distance in meters. */
export function geoDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const lon1r = degRad(lon1);
  const lon2r = degRad(lon2);
  const v = Math.sin((lon2r - lon1r) / 2);
  if (v === 0.0) return latDistance(lat1, lat2);
  const lat1r = degRad(lat1);
  const lat2r = degRad(lat2);
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

// ---- search areas ----------------------------------------------------------------------------

/** A search shape: a circle (radius) or an axis-aligned box (width × height), in `conversion` units. */
export type GeoShape =
  | { type: 'radius'; xy: [number, number]; conversion: number; radius: number }
  | { type: 'box'; xy: [number, number]; conversion: number; width: number; height: number };

/** geohashEstimateStepsByRadius. */
function estimateSteps(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  return Math.min(26, Math.max(1, step));
}

/** geohashBoundingBox: [minLon, minLat, maxLon, maxLat]. */
function boundingBox(shape: GeoShape): [number, number, number, number] {
  const [longitude, latitude] = shape.xy;
  const height = shape.conversion * (shape.type === 'radius' ? shape.radius : shape.height / 2);
  const width = shape.conversion * (shape.type === 'radius' ? shape.radius : shape.width / 2);
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  const longDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(latitude + latDelta)));
  const longDeltaBottom = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(latitude - latDelta)));
  const south = latitude < 0;
  return [
    south ? longitude - longDeltaBottom : longitude - longDeltaTop,
    latitude - latDelta,
    south ? longitude + longDeltaBottom : longitude + longDeltaTop,
    latitude + latDelta,
  ];
}

const EVEN_MASK = 0x5555555555555555n;
const ODD_MASK = 0xaaaaaaaaaaaaaaaan;

/** geohash_move_x / geohash_move_y on the odd (longitude) or even (latitude) bits. */
function move(hash: GeoHashBits, d: number, odd: boolean): GeoHashBits {
  if (d === 0) return hash;
  const bits = BigInt(hash.bits);
  const shift = BigInt(64 - hash.step * 2);
  let moving = bits & (odd ? ODD_MASK : EVEN_MASK);
  const fixed = bits & (odd ? EVEN_MASK : ODD_MASK);
  const zz = (odd ? EVEN_MASK : ODD_MASK) >> shift;
  if (d > 0) moving = moving + (zz + 1n);
  else moving = (moving | zz) - (zz + 1n);
  moving &= (odd ? ODD_MASK : EVEN_MASK) >> shift;
  return { bits: Number(moving | fixed), step: hash.step };
}

const neighbour = (h: GeoHashBits, dx: number, dy: number) => move(move(h, dx, true), dy, false);

/**
 * geohashCalculateAreasByShapeWGS84 + membersOfAllNeighbors' order: the cells to scan (centre,
 * N, S, E, W, NE, NW, SE, SW), null for excluded ones.
 */
export function searchCells(shape: GeoShape): Array<GeoHashBits | null> {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(shape);
  const [longitude, latitude] = shape.xy;
  let radiusMeters = shape.type === 'radius' ? shape.radius : Math.sqrt((shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2));
  radiusMeters *= shape.conversion;
  let steps = estimateSteps(radiusMeters, latitude);
  let hash = geohashEncode(longitude, latitude, steps)!;
  const north = geohashDecode(neighbour(hash, 0, 1));
  const south = geohashDecode(neighbour(hash, 0, -1));
  const east = geohashDecode(neighbour(hash, 1, 0));
  const west = geohashDecode(neighbour(hash, -1, 0));
  const decrease = north.latMax < maxLat || south.latMin > minLat || east.longMax < maxLon || west.longMin > minLon;
  if (steps > 1 && decrease) {
    steps--;
    hash = geohashEncode(longitude, latitude, steps)!;
  }
  const area = geohashDecode(hash);
  const cells: Array<GeoHashBits | null> = [
    hash,
    neighbour(hash, 0, 1),
    neighbour(hash, 0, -1),
    neighbour(hash, 1, 0),
    neighbour(hash, -1, 0),
    neighbour(hash, 1, 1),
    neighbour(hash, -1, 1),
    neighbour(hash, 1, -1),
    neighbour(hash, -1, -1),
  ];
  const [N, S, E, W, NE, NW, SE, SW] = [1, 2, 3, 4, 5, 6, 7, 8];
  if (steps >= 2) {
    const drop = (...idx: number[]) => idx.forEach((i) => (cells[i] = null));
    if (area.latMin < minLat) drop(S, SW, SE);
    if (area.latMax > maxLat) drop(N, NE, NW);
    if (area.longMin < minLon) drop(W, SW, NW);
    if (area.longMax > maxLon) drop(E, SE, NE);
  }
  return cells;
}

/** The distance from the shape's centre when the point is inside the shape, else null. */
export function distanceIfWithin(shape: GeoShape, lon: number, lat: number): number | null {
  const [x1, y1] = shape.xy;
  if (shape.type === 'radius') {
    const d = geoDistance(x1, y1, lon, lat);
    return d > shape.radius * shape.conversion ? null : d;
  }
  const width = shape.width * shape.conversion;
  const height = shape.height * shape.conversion;
  if (latDistance(lat, y1) > height / 2) return null;
  if (geoDistance(lon, lat, x1, lat) > width / 2) return null;
  return geoDistance(x1, y1, lon, lat);
}
