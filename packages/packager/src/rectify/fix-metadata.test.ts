import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readVectorMetadata } from '@nyt2539/checker';
import { esriPrj, standardMetadataLayers } from '@nyt2539/schema';
import { writeVectorMetadata, type VectorMetadataInput } from '../metadata/vectorMetadata.js';
import { refSysInfoOf } from '../package/metadata.js';
import { fixVectorMetadata } from './fix-metadata.js';

const work = mkdtempSync(join(tmpdir(), 'nyt2539-fix-metadata-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const county = '340711';
const year = '2016';
const input: VectorMetadataInput = {
  dataIdInfo: { title: '郊区农村土地承包经营权数据库', date: '20161020', geoID: county, dataEdition: '1.0', dataLang: 'zh', idAbs: '摘要', status: '001', ending: '20161020', rpOrgName: '测绘院', rpCnt: '张三', voiceNum: '0551-1234567', cntAddress: '地址', cntCode: '244000', classCode: '005' },
  refSysInfo: refSysInfoOf({ datum: 'CGCS2000', zoneWidth: 3, centralMeridian: 117, falseEasting: 39_500_000, falseNorthing: 0 }),
  layers: standardMetadataLayers(),
  dqInfo: { dqStatement: '质量说明', dqLineage: '数据志' },
};

let n = 0;
/** A package root whose 矢量数据 holds the metadata written from `input` and DK/XZDW layer files with a zone-39 .prj. */
function packageWith(edit: (xml: string) => string, prj = esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone: 39, variant: 'zone' })): { root: string; original: Buffer; path: string } {
  const root = join(work, `${n++}`, `${county}郊区`);
  const vector = join(root, '矢量数据');
  mkdirSync(vector, { recursive: true });
  const path = join(vector, `SL${county}${year}.xml`);
  writeVectorMetadata(path, input);
  const original = readFileSync(path);
  writeFileSync(path, edit(original.toString('utf8')));
  for (const layer of ['DK', 'XZDW']) {
    writeFileSync(join(vector, `${layer}${county}${year}.shp`), '');
    writeFileSync(join(vector, `${layer}${county}${year}.prj`), prj);
  }
  return { root, original, path };
}

const dropXzdw = (xml: string): string => xml.replace(/[ \t]*<layer>\s*<layerName>XZDW<\/layerName>[\s\S]*?<\/layer>\n/, '');

describe('fixVectorMetadata', () => {
  it('leaves a metadata file that already agrees with the data alone', () => {
    const { root } = packageWith((x) => x);
    expect(fixVectorMetadata(root, county, year)).toEqual({ changes: [], notFixed: [], rel: `矢量数据/SL${county}${year}.xml` });
  });

  it('sets geoID, the reference system and the missing layer from the data: the package writer\'s bytes again', () => {
    const { root, original } = packageWith((x) => dropXzdw(x.replace(`<geoID>${county}</geoID>`, '<geoID>340712</geoID>').replace('<centralMer>117</centralMer>', '<centralMer>120</centralMer>')));
    const fix = fixVectorMetadata(root, county, year);
    expect(fix.changes.map((c) => [c.field, c.before, c.after, c.rule])).toEqual([
      ['dataIdInfo/geoID', '340712', county, 'metadata/values'],
      ['refSysInfo/centralMer', '120', '117', 'metadata/crs'],
      ['contInfo/layer', null, 'XZDW', 'metadata/layers'],
    ]);
    expect(fix.notFixed).toEqual([]);
    expect(Buffer.from(fix.xml!, 'utf8').equals(original)).toBe(true);
  });

  it('accepts a false easting written in metres (as exporters do) and keeps the people\'s values as written', () => {
    const { root, path } = packageWith((x) => x.replace('<eastFAL>39500.0</eastFAL>', '<eastFAL>39500000</eastFAL>').replace('<rpCnt>张三</rpCnt>', '<rpCnt>李四</rpCnt>').replace(`<geoID>${county}</geoID>`, '<geoID>000000</geoID>'));
    const fix = fixVectorMetadata(root, county, year);
    expect(fix.changes.map((c) => c.field)).toEqual(['dataIdInfo/geoID']);
    writeFileSync(path, fix.xml!);
    const read = readVectorMetadata(path);
    // the one reader note is the metres unit itself, which the default profile turns off
    expect(read.issues.map((i) => i.code)).toEqual(['metadata-eastfal-metres']);
    expect([read.elements['refSysInfo/eastFAL'], read.elements['dataIdInfo/rpCnt'], read.elements['dataIdInfo/geoID']]).toEqual([['39500000'], ['李四'], [county]]);
  });

  it('refuses, with the cause, where rewriting would drop content, where the layers disagree, or where a person\'s value is invalid', () => {
    const foreign = packageWith((x) => x.replace('<title>', '<vendorNote>x</vendorNote><title>').replace(`<geoID>${county}</geoID>`, '<geoID>340712</geoID>'));
    const a = fixVectorMetadata(foreign.root, county, year);
    expect([a.xml, a.changes, a.notFixed.map((r) => [r.field, r.actual, r.expected])]).toEqual([undefined, [], [['dataIdInfo/geoID', '340712', county]]]);
    expect(a.notFixed[0]!.cause.zh).toContain('附录D 以外的元素');

    const split = packageWith((x) => x.replace('<centralMer>117</centralMer>', '<centralMer>120</centralMer>'));
    writeFileSync(join(split.root, '矢量数据', `XZDW${county}${year}.prj`), esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone: 40, variant: 'zone' }));
    const b = fixVectorMetadata(split.root, county, year);
    expect([b.xml, b.changes, b.notFixed.map((r) => [r.field, r.rule])]).toEqual([undefined, [], [['refSysInfo', 'metadata/crs']]]);

    const invalid = packageWith((x) => x.replace('<date>20161020</date>', '<date>2016-10-20</date>').replace(`<geoID>${county}</geoID>`, '<geoID>340712</geoID>'));
    const c = fixVectorMetadata(invalid.root, county, year);
    expect([c.xml, c.changes]).toEqual([undefined, []]);
    expect(c.notFixed.map((r) => r.field)).toEqual(['dataIdInfo/geoID']);
    expect(c.notFixed[0]!.cause.zh).toContain('date');
  });

  it('reports a damaged metadata file once, without rewriting it', () => {
    const { root } = packageWith((x) => x.slice(0, 200));
    const fix = fixVectorMetadata(root, county, year);
    expect([fix.xml, fix.changes, fix.notFixed.map((r) => r.rule)]).toEqual([undefined, [], ['metadata/reader-metadata']]);
  });
});
