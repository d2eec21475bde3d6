// Geo commands against redis-server: scores, positions, distances, geohash strings and every
// radius/box search form (sorting, COUNT/ANY, STORE/STOREDIST), in RESP2 and RESP3, plus
// generated points and queries (in both protocols).
import { describeWithOracle } from '@ferrous/oracle';
import fc from 'fast-check';
import { afterAll, beforeAll, it } from 'vitest';
import { cmd, startPair, type Pair, type Step } from './oracle-pair';

describeWithOracle(['redis-server'], 'geo commands vs redis-server', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => pair?.stop());

  const cases: Step[] = [
      cmd('geoadd g 13.361389 38.115556 Palermo 15.087269 37.502669 Catania'),
      cmd('geoadd g 2.3522 48.8566 Paris -0.1276 51.5072 London -74.006 40.7128 NYC 139.6917 35.6895 Tokyo 180 0 edge -180 85.05112878 corner'),
      cmd('geoadd g 200 10 m'),
      cmd('geoadd g x 1 m'),
      cmd('geoadd g NX XX 1 1 m'),
      cmd('geoadd g CH 13.361389 38.115556 Palermo 1 1 new'),
      cmd('zrange g 0 -1 withscores'),
      cmd('geopos g Palermo nope edge corner'),
      cmd('geodist g Palermo Catania'),
      cmd('geodist g Palermo Catania km'),
      cmd('geodist g Palermo Catania mi'),
      cmd('geodist g Paris Tokyo ft'),
      cmd('geodist g Palermo nope'),
      cmd('geodist nokey a b'),
      cmd('geohash g Palermo Catania Paris nope edge corner'),
      cmd('georadius g 15 37 200 km'),
      cmd('georadius g 15 37 200 km WITHDIST WITHCOORD WITHHASH ASC'),
      cmd('georadius g 15 37 200 km DESC COUNT 1'),
      cmd('georadius g 15 37 20000 km ASC'),
      cmd('georadius g 15 37 20000 km COUNT 3 ANY'),
      cmd('georadius g 15 37 0 m'),
      cmd('georadiusbymember g Palermo 300 km WITHDIST'),
      cmd('georadiusbymember g nope 300 km'),
      cmd('georadiusbymember nokey nope 300 km'),
      cmd('georadius g 15 37 200 km STORE dst'),
      cmd('zrange dst 0 -1 withscores'),
      cmd('georadius g 15 37 5000 km STOREDIST dst'),
      cmd('zrange dst 0 -1 withscores'),
      cmd('georadius g 15 37 1 m STORE dst'),
      cmd('exists dst'),
      cmd('geosearch g FROMLONLAT 15 37 BYRADIUS 200 km ASC WITHDIST'),
      cmd('geosearch g FROMMEMBER Paris BYBOX 2000 2000 km ASC WITHCOORD'),
      cmd('geosearch g FROMMEMBER Paris BYBOX 400 1000 km DESC'),
      cmd('geosearch g FROMLONLAT 0 60 BYBOX 4000 4000 km'),
      cmd('geosearch g FROMLONLAT -74 -40 BYRADIUS 10000 km'),
      cmd('geosearch g FROMLONLAT 0 0 BYRADIUS 20000 km ASC'),
      cmd('geosearchstore dst g FROMLONLAT 15 37 BYRADIUS 2000 km STOREDIST'),
      cmd('zrange dst 0 -1 withscores'),
      cmd('geosearchstore dst g FROMLONLAT 15 37 BYRADIUS 2000 km COUNT 2'),
      cmd('zrange dst 0 -1 withscores'),
      cmd('geosearch nokey FROMMEMBER x BYRADIUS 1 m'),
      cmd('geosearchstore dst nokey FROMLONLAT 0 0 BYRADIUS 1 m'),
      cmd('exists dst'),
      cmd('SET str v'),
      cmd('GEOADD str 1 1 m'),
      cmd('GEOPOS str m'),
      cmd('GEODIST str a b'),
      cmd('GEOHASH str a'),
      cmd('GEORADIUS str 0 0 1 km'),
      cmd('GEOSEARCH str FROMLONLAT 0 0 BYRADIUS 1 km'),
      cmd('GEORADIUS g 0 0 -1 m'),
      cmd('GEORADIUS g 0 0 x m'),
      cmd('GEORADIUS g 0 0 1 yards'),
      cmd('GEORADIUS g 0 0 1 m STORE d WITHDIST'),
      cmd('GEORADIUS_RO g 0 0 1 m STORE d'),
      cmd('GEORADIUSBYMEMBER_RO g Paris 1000 km ASC'),
      cmd('GEORADIUS_RO g 2 48 1000 km DESC WITHDIST'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYRADIUS 1 m STORE d'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYRADIUS 1 m ANY'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYRADIUS 1 m COUNT 0'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYRADIUS 1 m COUNT x'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYBOX -1 1 m'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYBOX x 1 m'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYBOX 1 x m'),
      cmd('GEOSEARCH g FROMMEMBER zz BYRADIUS 1 m'),
      cmd('GEOSEARCH g FROMMEMBER Paris FROMLONLAT 0 0 BYRADIUS 1 m'),
      cmd('GEOSEARCH g BYRADIUS 1 m BYBOX 1 1 m'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYRADIUS 1 m WITHHASH BAD'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 ASC BYRADIUS 1 m'),
      cmd('GEOSEARCH g BYRADIUS 1 m ASC ASC'),
      cmd('GEOSEARCH g FROMLONLAT 0 0 ASC ASC'),
      cmd('GEOSEARCHSTORE d g FROMLONLAT 0 0 BYRADIUS 1 m WITHDIST'),
      cmd('GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 5000 km COUNT 2 ANY ASC WITHDIST'),
      cmd('GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 5000 km COUNT 20 DESC WITHHASH'),
      // Found by fuzzing: %f spelling of out-of-range coordinates, BYBOX parses both sides before the sign check,
      // and members whose scores are no geohash decode like Redis's (uint64_t) cast.
      cmd('GEOADD g 1 inf x'),
      cmd('GEOADD g -inf 1e300 x'),
      cmd('GEOADD g 180.0078125 -0.0000005 x'), // %f rounds exact ties to even
      cmd('GEOADD g -0 100 x'),
      { argv: ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '0', 'BYBOX', '-2.5', '', 'm'] },
      cmd('GEOSEARCH g FROMLONLAT 0 0 BYBOX 1 -1 m'),
      cmd('ZADD notgeo -1 a inf b -inf c 1e300 d 9223372036854775808 e 18446744073709551615 f -0.5 g 12345678901234567890 h'),
      cmd('GEOPOS notgeo a b c d e f g h'),
      cmd('GEODIST notgeo a h'),
      cmd('GEOHASH notgeo a c e'),
      cmd('ZADD plain 1.5 a -0.5 b 2 c 3 d'),
      cmd('GEORADIUSBYMEMBER plain a 100 km WITHHASH ASC'),
      cmd('GEOSEARCH notgeo FROMMEMBER a BYRADIUS 1 m WITHHASH'),
  ];

  it('hand-written cases', async () => {
    await pair.check([['FLUSHALL'], ...cases]);
  });

  it('hand-written cases in RESP3', async () => {
    // Coordinates are RESP3 doubles carrying addReplyHumanLongDouble's `%.17Lf` text, not `%.17g`.
    await pair.check([['FLUSHALL'], ...cases], true);
  });

  it('generated points and searches', async () => {
    const lon = fc.double({ min: -180, max: 180, noNaN: true }).map((v) => v.toFixed(5));
    const lat = fc.double({ min: -85, max: 85, noNaN: true }).map((v) => v.toFixed(5));
    const near = (base: number, spread: number) => fc.double({ min: base - spread, max: base + spread, noNaN: true }).map((v) => v.toFixed(6));
    const point = fc.oneof(fc.tuple(lon, lat), fc.tuple(near(12, 3), near(45, 3)));
    const member = fc.integer({ min: 0, max: 60 }).map((i) => `p${i}`);
    const unit = fc.constantFrom('m', 'km', 'mi', 'ft');
    const dist = fc.constantFrom('0', '1', '50', '150', '400', '1000', '5000', '12000');
    const order = fc.constantFrom([], ['ASC'], ['DESC'], ['COUNT', '3'], ['COUNT', '2', 'DESC']);
    const withs = fc.subarray(['WITHDIST', 'WITHCOORD', 'WITHHASH']);
    const step = fc.oneof(
      fc.array(fc.tuple(point, member), { minLength: 1, maxLength: 8 }).map((ps) => ['GEOADD', 'g', ...ps.flatMap(([[x, y], m]) => [x, y, m])]),
      fc.tuple(point, dist, unit, order, withs).map(([[x, y], d, u, o, w]) => ['GEOSEARCH', 'g', 'FROMLONLAT', x, y, 'BYRADIUS', d, u, ...o, ...w]),
      fc.tuple(member, dist, dist, unit, order, withs).map(([m, w, h, u, o, ws]) => ['GEOSEARCH', 'g', 'FROMMEMBER', m, 'BYBOX', w, h, u, ...o, ...ws]),
      fc.tuple(point, dist, unit, order).map(([[x, y], d, u, o]) => ['GEORADIUS', 'g', x, y, d, u, ...o, 'WITHDIST']),
      fc.tuple(member, dist, unit).map(([m, d, u]) => ['GEOSEARCHSTORE', 'dst', 'g', 'FROMMEMBER', m, 'BYRADIUS', d, u, 'STOREDIST']),
      fc.tuple(member, member, unit).map(([a, b, u]) => ['GEODIST', 'g', a, b, u]),
      fc.array(member, { minLength: 1, maxLength: 4 }).map((ms) => ['GEOPOS', 'g', ...ms]),
      fc.array(member, { minLength: 1, maxLength: 4 }).map((ms) => ['GEOHASH', 'g', ...ms]),
      fc.constant<string[]>(['ZRANGE', 'dst', '0', '-1', 'WITHSCORES']),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 30 }), fc.boolean(), async (steps, resp3) => {
        await pair.check([['FLUSHALL'], ...steps], resp3);
      }),
      { seed: 4711, numRuns: 80 },
    );
  });
});
