import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { esriPrj, zoneForLongitude } from '@nyt2539/schema';
import { parsePrj } from './prj.js';

const prjDir = join(process.env.NYT2539_FIXTURES!, 'prj');

describe('esriPrj', () => {
  const real: [string, Parameters<typeof esriPrj>[0]][] = [
    ['CGCS2000_3_Degree_GK_Zone_39.prj', { datum: 'CGCS2000', zoneWidth: 3, zone: 39, variant: 'zone' }],
    ['CGCS2000_3_Degree_GK_Zone_40.prj', { datum: 'CGCS2000', zoneWidth: 3, centralMeridian: 120, variant: 'zone' }],
    ['CGCS2000_3_Degree_GK_CM_117E.prj', { datum: 'CGCS2000', zoneWidth: 3, centralMeridian: 117, variant: 'cm' }],
    ['CGCS2000_3_Degree_GK_CM_120E.prj', { datum: 'CGCS2000', zoneWidth: 3, zone: 40, variant: 'cm' }],
  ];
  for (const [file, options] of real) {
    it(`is byte-identical to the real ${file}`, () => {
      expect(Buffer.from(esriPrj(options), 'utf8').equals(readFileSync(join(prjDir, file)))).toBe(true);
    });
  }

  it('follows the same pattern for every 3° zone, as GDAL and the checker read it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nyt2539-prj-'));
    for (let zone = 25; zone <= 45; zone++) {
      for (const variant of ['zone', 'cm'] as const) {
        const text = esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone, variant });
        const epsg = (variant === 'zone' ? 4513 : 4534) + zone - 25;
        expect(parsePrj(text)).toMatchObject({ datum: 'CGCS2000', zone, centralMeridian: zone * 3, variant, epsg, problems: [] });
        if (zone === 25 || zone === 39 || zone === 45) {
          // GDAL identifies the text as the EPSG system it claims (independent check of the parameters)
          const file = join(dir, `z${zone}${variant}.prj`);
          writeFileSync(file, text);
          const proj4 = execFileSync('gdalsrsinfo', ['-o', 'proj4', file], { encoding: 'utf8' }).trim();
          const expected = execFileSync('gdalsrsinfo', ['-o', 'proj4', `EPSG:${epsg}`], { encoding: 'utf8' }).trim();
          expect(proj4).toBe(expected);
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects inconsistent or missing zone information', () => {
    expect(() => esriPrj({ datum: 'CGCS2000', zoneWidth: 3, variant: 'zone' })).toThrow(/带号|zone/);
    expect(() => esriPrj({ datum: 'CGCS2000', zoneWidth: 3, centralMeridian: 118, variant: 'cm' })).toThrow();
    expect(() => esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone: 39, centralMeridian: 120, variant: 'cm' })).toThrow(/disagree/);
  });
});

describe('zoneForLongitude', () => {
  it('gives the 3° zone centred nearest', () => {
    expect(zoneForLongitude(117.8)).toBe(39); // county 340711
    expect(zoneForLongitude(118.49)).toBe(39);
    expect(zoneForLongitude(118.51)).toBe(40);
    expect(zoneForLongitude(75)).toBe(25);
    expect(zoneForLongitude(134.9)).toBe(45);
    expect(() => zoneForLongitude(Number.NaN)).toThrow();
  });
});
