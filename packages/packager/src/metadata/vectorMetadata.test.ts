import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { standardMetadataLayers } from '@nyt2539/schema';
import { readVectorMetadata } from '@nyt2539/checker';
import { MetadataWriteError, writeVectorMetadata, type VectorMetadataInput } from './vectorMetadata.js';

const fixtures = resolve(process.env.NYT2539_FIXTURES ?? '../shared/fixtures/real');
const sample = join(fixtures, 'metadata', 'SL2205812016.xml');
const work = mkdtempSync(join(tmpdir(), 'nyt2539-metadata-write-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The values of the real sample. */
function sampleInput(): VectorMetadataInput {
  return {
    dataIdInfo: {
      title: 'XX市XX县农村土地承包经营权数据库',
      date: '20161020',
      geoID: '220581',
      dataEdition: 'Access2003、arcgis10.1',
      dataLang: 'zh',
      idAbs: '共14个图层，其中JBNTBHQ,QYJX,XJXZQ,XJQY,CJQY,DK,JZD,JZX图层有数据，其他图层为空',
      status: '001',
      ending: '20161020',
      rpOrgName: '北京市农业部规划设计研究院',
      rpCnt: '张三',
      voiceNum: '13811223344',
      cntAddress: '北京市朝阳区双桥中路11号院',
      cntCode: '213123123123132',
      classCode: '003',
    },
    refSysInfo: { coorRSID: '001', centralMer: 132, eastFAL: 44500, northFAL: 0, coorFDKD: '002' },
    layers: standardMetadataLayers(),
    dqInfo: { dqStatement: '123213213321213', dqLineage: '1232132312321' },
  };
}

describe('writeVectorMetadata', () => {
  it('writes what the reader reads back, with the element structure of the real sample', () => {
    const path = join(work, 'SL2205812016.xml');
    writeVectorMetadata(path, sampleInput());
    const ours = readVectorMetadata(path);
    const theirs = readVectorMetadata(sample);
    expect(ours.issues).toEqual([]);
    expect(ours.paths).toEqual(theirs.paths);
    expect(ours.elements).toEqual(theirs.elements);
    expect(ours.refSys).toEqual(theirs.refSys);
    expect(ours.layerDetails.map(({ line: _line, ...l }) => l)).toEqual(theirs.layerDetails.map(({ line: _line, ...l }) => l));
  });

  it('writes the bytes the sample has, apart from how empty elements are spelled', () => {
    const path = join(work, 'bytes.xml');
    writeVectorMetadata(path, sampleInput());
    const normalize = (s: string) => s.replace(/<(\w+)>\s*<\/\1>/g, '<$1/>').replace(/<(\w+) \/>/g, '<$1/>');
    const ours = readFileSync(path, 'utf8');
    expect(ours.startsWith('\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<Metadata>')).toBe(true);
    expect(normalize(ours)).toBe(normalize(readFileSync(sample, 'utf8')));
  });

  it('is deterministic and writes numbers as the sample (44500.0, 0.0, 132)', () => {
    const a = join(work, 'a.xml');
    const b = join(work, 'b.xml');
    writeVectorMetadata(a, sampleInput());
    writeVectorMetadata(b, sampleInput());
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const text = readFileSync(a, 'utf8');
    expect(text).toContain('<eastFAL>44500.0</eastFAL>');
    expect(text).toContain('<northFAL>0.0</northFAL>');
    expect(text).toContain('<centralMer>132</centralMer>');
  });

  it('writes repeated elements and escapes markup characters', () => {
    const path = join(work, 'repeat.xml');
    const input = sampleInput();
    writeVectorMetadata(path, { ...input, dataIdInfo: { ...input.dataIdInfo, voiceNum: ['0435-1', '0435-2'], rpOrgName: 'A&B <测绘>' } });
    const read = readVectorMetadata(path);
    expect(read.elements['dataIdInfo/voiceNum']).toEqual(['0435-1', '0435-2']);
    expect(read.elements['dataIdInfo/rpOrgName']).toEqual(['A&B <测绘>']);
    expect(read.issues).toEqual([]);
  });

  it('rejects values Annex D does not allow, naming the element, and writes nothing', () => {
    const path = join(work, 'bad.xml');
    const base = sampleInput();
    const cases: [VectorMetadataInput, string, string][] = [
      [{ ...base, dataIdInfo: { ...base.dataIdInfo, status: '009' } }, 'notInDomain', 'Metadata/dataIdInfo/status'],
      [{ ...base, dataIdInfo: { ...base.dataIdInfo, date: '20161301' } }, 'notDate', 'Metadata/dataIdInfo/date'],
      [{ ...base, dataIdInfo: { ...base.dataIdInfo, rpCnt: undefined } }, 'missing', 'Metadata/dataIdInfo/rpCnt'],
      [{ ...base, dataIdInfo: { ...base.dataIdInfo, title: ['a', 'b'] } }, 'tooMany', 'Metadata/dataIdInfo/title'],
      [{ ...base, dataIdInfo: { ...base.dataIdInfo, colour: 'red' } }, 'unknownElement', 'Metadata/dataIdInfo/colour'],
      [{ ...base, refSysInfo: { ...base.refSysInfo, eastFAL: 'far' } }, 'notNumber', 'Metadata/refSysInfo/eastFAL'],
      [{ ...base, layers: [] }, 'noLayers', 'Metadata/contInfo'],
      [{ ...base, layers: [{ layerName: 'DK', catFetTyps: '地块', fields: [] }] }, 'emptyLayer', 'Metadata/contInfo/layer[1]'],
    ];
    for (const [input, problem, element] of cases) {
      let caught: unknown;
      try {
        writeVectorMetadata(path, input);
      } catch (e) {
        caught = e;
      }
      expect(caught, problem).toBeInstanceOf(MetadataWriteError);
      expect([(caught as MetadataWriteError).problem, (caught as MetadataWriteError).element]).toEqual([problem, element]);
      expect((caught as Error).message).toContain(path);
    }
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
