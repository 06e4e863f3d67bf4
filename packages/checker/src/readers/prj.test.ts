import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cgcs2000Epsg, parsePrj } from './prj.js';

const fixtures = process.env.NYT2539_FIXTURES!;
const prjDir = join(fixtures, 'prj');

describe('parsePrj on the real ESRI files', () => {
  const expected: Record<string, { zone: number; cm: number; variant: 'zone' | 'cm'; fe: number; epsg: number }> = {
    'CGCS2000_3_Degree_GK_Zone_39.prj': { zone: 39, cm: 117, variant: 'zone', fe: 39500000, epsg: 4527 },
    'CGCS2000_3_Degree_GK_Zone_40.prj': { zone: 40, cm: 120, variant: 'zone', fe: 40500000, epsg: 4528 },
    'CGCS2000_3_Degree_GK_CM_117E.prj': { zone: 39, cm: 117, variant: 'cm', fe: 500000, epsg: 4548 },
    'CGCS2000_3_Degree_GK_CM_120E.prj': { zone: 40, cm: 120, variant: 'cm', fe: 500000, epsg: 4549 },
  };
  it('covers every fixture', () => {
    expect(readdirSync(prjDir).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const [file, e] of Object.entries(expected)) {
    it(file, () => {
      const crs = parsePrj(readFileSync(join(prjDir, file), 'utf8'));
      expect(crs).toMatchObject({
        datum: 'CGCS2000',
        projected: true,
        projection: 'Gauss_Kruger',
        zoneWidth: 3,
        zone: e.zone,
        centralMeridian: e.cm,
        falseEasting: e.fe,
        falseNorthing: 0,
        scaleFactor: 1,
        variant: e.variant,
        epsg: e.epsg,
        name: file.replace(/\.prj$/, ''),
      });
      expect(crs.problems).toEqual([]);
      expect(crs.contradictions).toEqual([]);
    });
  }
});

/** WKT as GDAL writes it for an EPSG code: an independent source for the OGC WKT1 / ESRI forms. */
function gdalWkt(code: number, form: 'wkt1' | 'wkt_esri'): string {
  return execFileSync('gdalsrsinfo', ['-o', form, `EPSG:${code}`], { encoding: 'utf8' });
}

describe('parsePrj against GDAL (OGC WKT1 and ESRI forms)', () => {
  const cases = [4513, 4527, 4533, 4534, 4548, 4554, 4491, 4497, 4502, 4508];
  for (const code of cases) {
    it(`EPSG:${code}`, () => {
      for (const form of ['wkt1', 'wkt_esri'] as const) {
        const crs = parsePrj(gdalWkt(code, form));
        expect(crs.datum).toBe('CGCS2000');
        expect(crs.projected).toBe(true);
        expect(crs.epsg, `${form}`).toBe(code);
        expect(crs.problems).toEqual([]);
        expect(crs.contradictions, `${form}`).toEqual([]);
      }
      const six = code < 4513;
      const crs = parsePrj(gdalWkt(code, 'wkt1'));
      expect(crs.projection).toBe('Transverse_Mercator');
      expect(crs.zoneWidth).toBe(six ? 6 : 3);
    });
  }
  it('recognises other datums and geographic systems', () => {
    expect(parsePrj(gdalWkt(4490, 'wkt1'))).toMatchObject({ datum: 'CGCS2000', projected: false, epsg: 4490 });
    expect(parsePrj(gdalWkt(4326, 'wkt1'))).toMatchObject({ datum: 'WGS84', projected: false });
    expect(parsePrj(gdalWkt(2383, 'wkt1'))).toMatchObject({ datum: 'Xian80', projected: true, zoneWidth: 3, centralMeridian: 114, variant: 'cm', epsg: 2383 });
    expect(parsePrj(gdalWkt(2421, 'wkt_esri'))).toMatchObject({ datum: 'Beijing54', projected: true });
  });
});

describe('parsePrj on bad input', () => {
  for (const text of ['', 'garbage', 'PROJCS["x",GEOGCS[', '\u0000\u0001binary', 'PROJCS["a"]]]', '[[[[', '"']) {
    it(JSON.stringify(text), () => {
      const crs = parsePrj(text);
      expect(crs.datum).toBe('unknown');
      expect(crs.problems.length).toBeGreaterThan(0);
      expect(crs.problems[0]!.zh).toMatch(/./);
    });
  }
  it('survives deep nesting without a stack overflow', () => {
    const crs = parsePrj('A['.repeat(20000) + ']'.repeat(20000));
    expect(crs.datum).toBe('unknown');
  });
  it('reports a zone that disagrees with the central meridian', () => {
    const text = readFileSync(join(prjDir, 'CGCS2000_3_Degree_GK_Zone_39.prj'), 'utf8').replace('39500000.0', '40500000.0');
    const crs = parsePrj(text);
    expect(crs.problems.map((p) => p.en).join()).toMatch(/Zone 40 in the false easting disagrees with zone 39/);
  });
});

describe('parsePrj: numbers that contradict the system the .prj names', () => {
  const real = (file: string) => readFileSync(join(prjDir, file), 'utf8');

  it('is silent on every system GDAL writes, in both forms, other datums included', () => {
    for (const code of [4491, 4495, 4501, 4502, 4512, 4513, 4527, 4533, 4534, 4548, 4554, 2383, 2349, 2421, 2435, 4490]) {
      for (const form of ['wkt1', 'wkt_esri'] as const) expect(parsePrj(gdalWkt(code, form)).contradictions, `EPSG:${code} ${form}`).toEqual([]);
    }
  });

  it('a zone name with another central meridian or false easting', () => {
    expect(parsePrj(real('CGCS2000_3_Degree_GK_Zone_39.prj').replace('"Central_Meridian",117.0', '"Central_Meridian",120.0')).contradictions).toEqual([
      { param: 'Central_Meridian', named: 'CGCS2000_3_Degree_GK_Zone_39', expected: 117, actual: 120 },
    ]);
    // the name alone changed: its zone's numbers are not the file's
    expect(parsePrj(real('CGCS2000_3_Degree_GK_Zone_39.prj').replace('GK_Zone_39', 'GK_Zone_40')).contradictions).toEqual([
      { param: 'Central_Meridian', named: 'CGCS2000_3_Degree_GK_Zone_40', expected: 120, actual: 117 },
      { param: 'False_Easting', named: 'CGCS2000_3_Degree_GK_Zone_40', expected: 40500000, actual: 39500000 },
    ]);
  });

  it('a central-meridian name with a zone-prefixed false easting, and an EPSG code the numbers do not match', () => {
    expect(parsePrj(real('CGCS2000_3_Degree_GK_CM_117E.prj').replace('"False_Easting",500000.0', '"False_Easting",39500000.0')).contradictions).toEqual([
      // reported once, by the name, though EPSG:4548 says the same
      { param: 'False_Easting', named: 'CGCS2000_3_Degree_GK_CM_117E', expected: 500000, actual: 39500000 },
    ]);
    // a name that names nothing checkable: the AUTHORITY code is what the .prj names
    const unnamed = real('CGCS2000_3_Degree_GK_Zone_39.prj').replace('CGCS2000_3_Degree_GK_Zone_39', 'my_projection').replace('"Scale_Factor",1.0', '"Scale_Factor",0.9996');
    expect(parsePrj(unnamed).contradictions).toEqual([{ param: 'Scale_Factor', named: 'EPSG:4527', expected: 1, actual: 0.9996 }]);
  });

  it('a GDAL (OGC WKT1) name with a changed central meridian', () => {
    const text = gdalWkt(4527, 'wkt1').replace(/PARAMETER\["central_meridian",117\]/, 'PARAMETER["central_meridian",114]');
    expect(parsePrj(text).contradictions).toEqual([{ param: 'Central_Meridian', named: 'CGCS2000 / 3-degree Gauss-Kruger zone 39', expected: 117, actual: 114 }]);
  });
});

describe('cgcs2000Epsg', () => {
  it('follows the EPSG numbering', () => {
    expect(cgcs2000Epsg(true, 3, 25, 'zone')).toBe(4513);
    expect(cgcs2000Epsg(true, 3, 45, 'cm')).toBe(4554);
    expect(cgcs2000Epsg(true, 6, 13, 'zone')).toBe(4491);
    expect(cgcs2000Epsg(true, 6, 23, 'cm')).toBe(4512);
    expect(cgcs2000Epsg(true, 3, 46, 'zone')).toBeNull();
    expect(cgcs2000Epsg(false, null, null, null)).toBe(4490);
  });
});
