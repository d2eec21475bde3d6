import { describe, expect, it } from 'vitest';
import { decodeScore, geoDistance, geohashEncode, scoreOf, searchCells } from './geohash';

// Reference values from redis-server 7.0 (GEOADD Sicily, ZSCORE, GEOPOS, GEODIST).
const PALERMO: [number, number] = [13.361389, 38.115556];
const CATANIA: [number, number] = [15.087269, 37.502669];

describe('geohash', () => {
  it('encodes positions into the 52-bit score Redis stores', () => {
    expect(scoreOf(...PALERMO)).toBe(3479099956230698);
  });

  it('decodes a score to the cell centre GEOPOS prints', () => {
    const [lon, lat] = decodeScore(3479099956230698);
    expect(lon.toFixed(17)).toBe('13.36138933897018433');
    expect(lat.toFixed(17)).toBe('38.11555639549629859');
  });

  it('measures haversine distances like GEODIST', () => {
    const [x1, y1] = decodeScore(scoreOf(...PALERMO));
    const [x2, y2] = decodeScore(scoreOf(...CATANIA));
    expect(geoDistance(x1, y1, x2, y2).toFixed(4)).toBe('166274.1516');
    expect(geoDistance(x1, y1, x1, y1)).toBe(0);
  });

  it('rejects coordinates outside the Mercator limits', () => {
    expect(geohashEncode(181, 0, 26)).toBeNull();
    expect(geohashEncode(0, 85.06, 26)).toBeNull();
    expect(geohashEncode(0, 89, 26, -90, 90)).toBeNull();
  });

  it('searches the centre cell and its neighbours, dropping cells outside the bounding box', () => {
    const cells = searchCells({ type: 'radius', xy: PALERMO, conversion: 1000, radius: 200 });
    expect(cells).toHaveLength(9);
    expect(cells[0]).not.toBeNull();
    const wide = searchCells({ type: 'box', xy: [0, 0], conversion: 1000, width: 40000, height: 40000 });
    expect(wide.filter((c) => c !== null).length).toBeGreaterThan(0);
  });
});
