import { describe, expect, it } from 'vitest';
import { brief } from '../testing/rule-tester.js';
import { geographicPrj, gkPrj, polygon, runSpatial, square, type TestLayer } from '../testing/spatial-store.js';
import { rule as projection } from './projection.js';
import { rule as consistent } from './consistent.js';
import { rule as coordinates } from './coordinates.js';

const X = 40_512_345.1234;
const Y = 3_412_678.5678;

function dk(prj: string | null, x = X, y = Y): TestLayer {
  return { name: 'DK', prj, rows: [{ DKBM: '3407111011010010001', geom: polygon(square(x, y, 10)) }] };
}
function jzd(prj: string, x = X, y = Y): TestLayer {
  return { name: 'JZD', prj, rows: [{ JZDH: 'J1', geom: { type: 1, parts: [[x, y]] } }] };
}

describe('crs/projection', () => {
  it('passes CGCS2000 Gauss-Krüger, errs on geographic, warns on Xian 80', () => {
    expect(runSpatial([dk(gkPrj(40))], [projection])).toEqual([]);
    expect(brief(runSpatial([dk(geographicPrj)], [projection])).map((b) => [b.id, b.severity])).toEqual([['geographic', 'error']]);
    expect(brief(runSpatial([dk(gkPrj(40, true, 'Xian80'))], [projection])).map((b) => [b.id, b.severity])).toEqual([['xian80', 'warning']]);
  });
});

describe('crs/consistent', () => {
  it('reports a layer whose zone differs from DK', () => {
    expect(runSpatial([dk(gkPrj(40)), jzd(gkPrj(40))], [consistent])).toEqual([]);
    const f = runSpatial([dk(gkPrj(40)), jzd(gkPrj(39))], [consistent]);
    expect(brief(f).map((b) => [b.id, b.table, b.file])).toEqual([['differs', 'JZD', '矢量数据/JZD2205812016.prj']]);
  });
});

/** Zone 40 (120°E) is Jiangsu's, not Jilin's (the test store's default county 220581): a county there. */
const inJiangsu = { info: { county: '320583', countyName: '昆山市', root: '/tmp/320583昆山市', rootName: '320583昆山市', input: '/tmp/320583昆山市' } };

describe('crs/coordinates', () => {
  it('passes coordinates inside the declared zone, with and without the zone prefix', () => {
    expect(runSpatial([dk(gkPrj(40))], [coordinates], undefined, inJiangsu)).toEqual([]);
    expect(runSpatial([dk(gkPrj(40, false), X - 40e6)], [coordinates], undefined, inJiangsu)).toEqual([]);
  });
  it('warns when the zone fits the coordinates but not the county\'s province', () => {
    // 220581 梅河口市 lies in 吉林省 (121.6–131.4°E); data in zone 40 is at ~120.1°E
    const f = runSpatial([dk(gkPrj(40))], [coordinates]);
    expect(f.map((x) => [x.messageId, x.severity, x.expected])).toEqual([['outsideProvince', 'warning', '121.6–131.4°E']]);
    expect(f[0].message.zh).toContain('吉林省');
  });
  it('reports a zone prefix that disagrees with the .prj', () => {
    expect(brief(runSpatial([dk(gkPrj(39))], [coordinates], undefined, inJiangsu)).map((b) => [b.id, b.actual])).toEqual([['zonePrefix', '40']]);
  });
  it('reports a prefix the .prj does not declare, and swapped easting/northing', () => {
    expect(brief(runSpatial([dk(gkPrj(40, false))], [coordinates])).map((b) => b.id)).toEqual(['unexpectedPrefix']);
    expect(brief(runSpatial([dk(gkPrj(40, false), Y, X - 40e6)], [coordinates])).map((b) => b.id)).toEqual(['outsideChina']);
  });
  it('reports coordinates far outside the zone of the central meridian', () => {
    // 300 km east of the central meridian: ~3.1° away in a 3° zone
    expect(brief(runSpatial([dk(gkPrj(40, false), 800_000)], [coordinates])).map((b) => b.id)).toEqual(['outsideZone']);
  });
});
