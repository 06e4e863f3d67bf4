import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { resolveRules } from '../../engine/profile.js';
import { runRules } from '../../engine/runner.js';
import { readPackageInfo } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVectorMetadata } from '../../readers/metadata.js';
import { parsePrj } from '../../readers/prj.js';
import { brief, buildStore, type TestFile } from '../testing/rule-tester.js';
import { rule as crs } from './crs.js';
import { rule as layers } from './layers.js';
import { rule as values } from './values.js';

const META = '矢量数据/SL2205812016.xml';
const PRJ = `PROJCS["CGCS2000_3_Degree_GK_CM_126E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",126.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

const good: Record<string, string> = {
  'dataIdInfo/title': '吉林省通化市梅河口市农村土地承包经营权数据库',
  'dataIdInfo/date': '20161020',
  'dataIdInfo/geoID': '220581',
  'dataIdInfo/dataLang': 'zh',
  'dataIdInfo/idAbs': '摘要',
  'dataIdInfo/status': '001',
  'dataIdInfo/ending': '20161020',
  'dataIdInfo/rpOrgName': '梅河口市农业农村局',
  'dataIdInfo/rpCnt': '张三',
  'dataIdInfo/voiceNum': '04354222222',
  'dataIdInfo/cntAddress': '梅河口市',
  'dataIdInfo/cntCode': '135000',
  'dataIdInfo/classCode': '005',
  'refSysInfo/coorRSID': '001',
  'refSysInfo/centralMer': '126',
  'refSysInfo/eastFAL': '500.0',
  'refSysInfo/northFAL': '0.0',
  'refSysInfo/coorFDKD': '002',
  'dqInfo/dqStatement': '合格',
  'dqInfo/dqLineage': '外业调查',
};

function run(meta: Record<string, string> | null, rules: Rule[], metaLayers = ['DK', 'JZD'], files: TestFile[] = [], prj = PRJ) {
  const shp: TestFile[] = ['DK', 'JZD'].map((l) => ({ path: `矢量数据/${l}2205812016.shp`, kind: 'layerFile', layer: l }));
  const store = buildStore({ files: [...shp, ...(meta ? [{ path: META, kind: 'vectorMetadata' }] : []), ...files] });
  try {
    const rw = new Database(store.path);
    if (meta) {
      const put = rw.prepare(`INSERT INTO meta_xml (key, value) VALUES (?, ?)`);
      put.run('@file', META);
      for (const [k, v] of Object.entries(meta)) put.run(k, v);
      for (const l of metaLayers) rw.prepare(`INSERT INTO meta_xml_layers (name) VALUES (?)`).run(l);
    }
    const addLayer = rw.prepare(`INSERT INTO src_tables (name, origin, files, record_count, crs_json, prj_text) VALUES (?, 'shp', '[]', 0, ?, ?)`);
    for (const l of ['DK', 'JZD']) addLayer.run(l, JSON.stringify(parsePrj(prj)), prj);
    rw.close();
    const db = new Database(store.path, { readonly: true });
    try {
      return runRules(db, readPackageInfo(db), resolveRules(rules)).findings;
    } finally {
      db.close();
    }
  } finally {
    store.dispose();
  }
}

describe('metadata rules', () => {
  it('pass on a complete, consistent metadata file', () => {
    expect(brief(run(good, [values, layers, crs]))).toEqual([]);
  });

  it('metadata/values: another county, a bad date, a code outside the list, a missing element', () => {
    const m = { ...good, 'dataIdInfo/geoID': '220582', 'dataIdInfo/date': '20161332', 'dataIdInfo/classCode': '007' };
    delete (m as Record<string, string | undefined>)['dqInfo/dqLineage'];
    const f = brief(run(m, [values]));
    expect(f.map((x) => [x.id, x.field])).toEqual([
      ['invalid', 'dataIdInfo/classCode'],
      ['invalid', 'dataIdInfo/date'],
      ['geoId', 'dataIdInfo/geoID'],
      ['missing', 'dqInfo/dqLineage'],
    ]);
  });

  it('metadata/layers: a delivered layer not listed, a listed layer not delivered', () => {
    const f = brief(run(good, [layers], ['DK', 'JZX']));
    expect(f.map((x) => [x.id, x.severity, x.actual])).toEqual([
      ['notListed', 'error', 'JZD'],
      ['noShapefile', 'warning', 'JZX'],
    ]);
  });

  it('metadata/crs: central meridian differs; metres accepted for eastFAL', () => {
    const f = brief(run({ ...good, 'refSysInfo/centralMer': '123', 'refSysInfo/eastFAL': '500000' }, [crs]));
    expect(f).toEqual([{ rule: 'metadata/crs', id: 'mismatch', severity: 'error', file: META, field: 'refSysInfo/centralMer', actual: '123' }]);
  });

  it('the real SL2205812016.xml (metadata reader) has valid values; against a real zone-39 .prj its zone-44 refSysInfo differs', () => {
    const fixtures = process.env.NYT2539_FIXTURES ?? '../shared/fixtures/real';
    const read = readVectorMetadata(join(fixtures, 'metadata', 'SL2205812016.xml'));
    const meta = Object.fromEntries(Object.entries(read.elements).map(([k, v]) => [k, v[0] ?? '']));
    expect(brief(run(meta, [values])).filter((f) => f.id !== 'missing')).toEqual([]);
    const prj = readFileSync(join(fixtures, 'prj', 'CGCS2000_3_Degree_GK_Zone_39.prj'), 'utf8');
    const f = brief(run(meta, [crs], ['DK', 'JZD'], [], prj));
    expect(f.map((x) => [x.field, x.actual])).toEqual([
      ['refSysInfo/centralMer', '132'],
      ['refSysInfo/eastFAL', '44500.0'],
    ]);
  });
});
