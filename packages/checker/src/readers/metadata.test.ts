import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { metadataStructure, standardMetadataLayers } from '@nyt2539/schema';
import { issueMessage } from './issues.js';
import { MetadataReadError, readVectorMetadata } from './metadata.js';
import { metadataIssueCodes } from './metadata-issues.js';

const fixtures = resolve(process.env.NYT2539_FIXTURES ?? '../shared/fixtures/real');
const sample = join(fixtures, 'metadata', 'SL2205812016.xml');
const work = mkdtempSync(join(tmpdir(), 'nyt2539-metadata-read-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function variant(name: string, edit: (xml: string) => string): string {
  const path = join(work, name);
  writeFileSync(path, edit(readFileSync(sample, 'utf8')));
  return path;
}

function readError(path: string): MetadataReadError {
  try {
    readVectorMetadata(path);
  } catch (e) {
    expect(e).toBeInstanceOf(MetadataReadError);
    expect((e as Error).message).toContain(path);
    return e as MetadataReadError;
  }
  throw new Error(`${path} was read without error`);
}

describe('readVectorMetadata on the real sample', () => {
  it('reads every element without issues', () => {
    const m = readVectorMetadata(sample);
    expect(m.issues).toEqual([]);
    expect(m.encoding).toBe('utf-8');
    expect(m.elements['dataIdInfo/title']).toEqual(['XX市XX县农村土地承包经营权数据库']);
    expect(m.elements['dataIdInfo/geoID']).toEqual(['220581']);
    expect(m.elements['dataIdInfo/faxNum']).toEqual(['']);
    expect(m.elements['dqInfo/dqLineage']).toEqual(['1232132312321']);
    expect(m.refSys).toEqual({ coorRSID: '001', centralMer: 132, eastFAL: 44500, northFAL: 0, coorFDKD: '002' });
    expect(m.layers).toEqual(['KZD', 'XJXZQ', 'XJQY', 'CJQY', 'ZJQY', 'QYJX', 'DZDW', 'XZDW', 'MZDW', 'DK', 'JZD', 'JZX', 'JBNTBHQ', 'ZJ']);
  });

  it('lists exactly the Annex A layers and attribute names, in the structure the schema describes', () => {
    const m = readVectorMetadata(sample);
    const standard = standardMetadataLayers();
    expect(m.layerDetails.map(({ layerName, catFetTyps, fields }) => ({ layerName, catFetTyps, fields }))).toEqual(standard);
    expect(m.paths).toEqual(metadataStructure(standard.map((l) => ({ fields: l.fields.length }))));
    expect(m.layerDetails[0].line).toBe(29);
  });
});

describe('readVectorMetadata issues', () => {
  it('accepts <layName> with a warning, and locates bad values, missing and unknown elements', () => {
    const path = variant('issues.xml', (x) =>
      x
        .replace('<layerName>DK</layerName>', '<layName>DK</layName>')
        .replace('<status>001</status>', '<status>1</status>')
        .replace('<date>20161020</date>', '<date>2016-10-20</date>')
        .replace(/<rpCnt>.*<\/rpCnt>\s*/, '') // lines below move up by one
        .replace('<eastFAL>44500.0</eastFAL>', '<eastFAL>44500000</eastFAL><foo>1</foo>'),
    );
    const m = readVectorMetadata(path);
    expect(m.issues.map((i) => [i.code, i.field, i.record])).toEqual([
      ['metadata-value', 'Metadata/dataIdInfo/date', 5],
      ['metadata-value', 'Metadata/dataIdInfo/status', 10],
      ['metadata-element-missing', 'Metadata/dataIdInfo/rpCnt', 3],
      ['metadata-element-unknown', 'Metadata/refSysInfo/foo', 23],
      ['metadata-layname', 'Metadata/contInfo/layer/layName', 151],
      ['metadata-eastfal-metres', 'Metadata/refSysInfo/eastFAL', 23],
    ]);
    expect(issueMessage(metadataIssueCodes['metadata-value'], m.issues[1]).zh).toContain('“1”');
    expect(m.layers).toContain('DK');
  });

  it('a repeated element inside a layer entry and a layer described twice are located issues, not silently dropped', () => {
    const path = variant('layer-repeats.xml', (x) => {
      const dk = /<layer>\s*<layerName>DK<\/layerName>[\s\S]*?<\/layer>/.exec(x)![0];
      return x.replace(dk, `${dk.replace('<layerName>DK</layerName>', '<layerName>DK</layerName><layerName>DK2</layerName>')}${dk}`);
    });
    const m = readVectorMetadata(path);
    const got = m.issues.filter((i) => i.code === 'metadata-layer-element-repeated' || i.code === 'metadata-layer-duplicate');
    expect(got.map((i) => [i.code, i.field])).toEqual([
      ['metadata-layer-element-repeated', 'Metadata/contInfo/layer/layerName'],
      ['metadata-layer-duplicate', 'Metadata/contInfo/layer'],
    ]);
    expect(issueMessage(metadataIssueCodes['metadata-layer-element-repeated'], got[0]!).zh).toContain('图层 DK 的描述中 <layerName> 出现 2 次');
    expect(issueMessage(metadataIssueCodes['metadata-layer-duplicate'], got[1]!).zh).toContain('图层 DK 被描述了 2 次');
  });

  it('reads a GBK-encoded file that declares its encoding', () => {
    const path = join(work, 'gbk.xml');
    const text = readFileSync(sample, 'utf8').replace(/^\uFEFF/, '').replace('encoding="utf-8"', 'encoding="GBK"');
    writeFileSync(path, iconv.encode(text, 'gbk'));
    const m = readVectorMetadata(path);
    expect(m.encoding).toBe('gbk');
    expect(m.elements['dataIdInfo/rpOrgName']).toEqual(['北京市农业部规划设计研究院']);
    expect(m.issues).toEqual([]);
  });
});

describe('readVectorMetadata errors', () => {
  it('malformed XML → one error with line and column', () => {
    const err = readError(variant('mismatch.xml', (x) => x.replace('</rpCnt>', '</rpcnt>')));
    expect(err.problem).toBe('malformed');
    expect([err.line, err.column]).toEqual([13, 14]);
    expect(err.localized('en')).toContain('line 13, column 14');
    expect(err.detail).toContain('</rpcnt> does not close <rpCnt>');
  });

  it('truncated, not XML, DOCTYPE, bad entity, wrong encoding, missing file', () => {
    const truncated = join(work, 'truncated.xml');
    writeFileSync(truncated, readFileSync(sample).subarray(0, 3000));
    expect(readError(truncated).detail).toMatch(/is not closed|unterminated/);
    const text = join(work, 'text.xml');
    writeFileSync(text, 'just text');
    expect(readError(text).problem).toBe('malformed');
    const doctype = join(work, 'doctype.xml');
    writeFileSync(doctype, '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;">]><Metadata>&b;</Metadata>');
    expect(readError(doctype).detail).toContain('DOCTYPE');
    const entity = variant('entity.xml', (x) => x.replace('张三', '张&三'));
    expect(readError(entity).detail).toContain('entity');
    const latin = join(work, 'bad-utf8.xml');
    writeFileSync(latin, Buffer.concat([Buffer.from('<Metadata><title>'), Buffer.from([0xc4, 0xe3, 0xff]), Buffer.from('</title></Metadata>')]));
    expect(readError(latin).problem).toBe('encoding');
    // errno cases get their own code and words, never the raw code or the absolute path (issue 12)
    const missing = readError(join(work, 'missing.xml'));
    expect(missing.problem).toBe('missing');
    expect(missing.issue('矢量数据/SL3407112016.xml')).toMatchObject({ code: 'metadata-open-missing', file: '矢量数据/SL3407112016.xml' });
    expect(issueMessage(metadataIssueCodes['metadata-open-missing']!, missing.issue('矢量数据/SL3407112016.xml')).zh).toBe(
      '矢量数据/SL3407112016.xml: 文件不存在（可能已被移走或删除）',
    );
    mkdirSync(join(work, 'folder.xml'));
    const folder = readError(join(work, 'folder.xml'));
    expect([folder.problem, folder.issue('SL.xml').code]).toEqual(['notFile', 'metadata-open-not-file']);
    expect(folder.localized('zh')).not.toMatch(/EISDIR|not a regular file/);
    const trailing = variant('trailing.xml', (x) => `${x}<Metadata/>`);
    expect(readError(trailing).detail).toContain('after the root element');
  });
});
