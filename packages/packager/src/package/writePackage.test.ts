import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PackageData } from '@nyt2539/schema';
import { writePackage } from './writePackage.js';

const root = mkdtempSync(join(tmpdir(), 'nyt2539-writepkg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A tiny hand-made county: one group, one plot, one file — enough to exercise the layout. */
function data(files: { path: string; bytes: Uint8Array }[] = [{ path: '图件\\34071110120101\\DKSYT340711101201010001J.pdf', bytes: Buffer.from('%PDF-1.4\n') }]): PackageData {
  const ring: [number, number][] = [
    [39574600, 3415700],
    [39574600, 3415730],
    [39574630, 3415730],
    [39574630, 3415700],
    [39574600, 3415700],
  ];
  return {
    county: { code: '340711', name: '郊区' },
    year: 2016,
    units: () => [
      { code: '340711', name: '安徽省铜陵市郊区' },
      { code: '340711101', name: '安徽省铜陵市郊区甲镇' },
      { code: '340711101201', name: '安徽省铜陵市郊区甲镇乙村' },
      { code: '34071110120101', name: '安徽省铜陵市郊区甲镇乙村一组' },
    ],
    crs: { datum: 'CGCS2000', zoneWidth: 3, zone: 39, variant: 'zone' },
    tables: {
      FBF: () => [
        { FBFBM: '34071110120101', FBFMC: '一组', FBFFZRXM: '张三', FZRZJLX: '1', FZRZJHM: '11010519491231002X', FBFDZ: '乙村', YZBM: '244000', FBFDCY: '李四', FBFDCRQ: new Date(Date.UTC(2015, 2, 1)) },
      ],
    },
    layers: {
      DK: () => [{ geometry: { type: 'Polygon', parts: [ring] }, attributes: { BSM: 1, YSDM: '211011', DKBM: '3407111012010100001', DKMC: '大田', DKLB: '22', DLDJ: '03', TDYT: '1', SFJBNT: '2', SCMJ: 900, KJZB: 'J1/J2/J3/J4', SCMJM: 1.35 } }],
    },
    files: () => files,
    metadata: {
      date: '20161231',
      ending: '20161130',
      abstract: '测试',
      rpOrgName: '测试单位',
      rpCnt: '测试',
      voiceNum: '0',
      cntAddress: '测试地址',
      cntCode: '244000',
      dqStatement: '测试',
      dqLineage: '测试',
    },
  };
}

describe('writePackage', () => {
  it('lays out the whole tree under <county6><name>/ and lists the files', async () => {
    const r = await writePackage(data(), root);
    expect(r.packageDir).toBe(join(root, '340711郊区'));
    expect(r.files).toContain('权属数据/3407112016.mdb');
    expect(r.files).toContain('权属数据/3407112016权属单位代码表.xls');
    expect(r.files).toContain('矢量数据/DK3407112016.shp');
    expect(r.files).toContain('矢量数据/ZJ3407112016.dbf');
    expect(r.files).toContain('矢量数据/SL3407112016.xml');
    expect(r.files).toContain('图件/34071110120101/DKSYT340711101201010001J.pdf');
    expect(r.files.filter((f) => f.startsWith('汇总表格/'))).toHaveLength(6);
    expect(r.files.filter((f) => f.endsWith('.shp'))).toHaveLength(14);
    for (const d of ['文字报告', '栅格数据/数字正射影像图', '其他资料/点之记', '其他资料/权属来源附件']) expect(existsSync(join(r.packageDir, d)), d).toBe(true);
    expect(readdirSync(root).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('replaces an existing package, and a failed run leaves the old one untouched with no temp folder', async () => {
    const marker = join(root, '340711郊区', 'marker.txt');
    writeFileSync(marker, 'old');
    await writePackage(data(), root);
    expect(existsSync(marker)).toBe(false);
    writeFileSync(marker, 'kept');
    await expect(writePackage(data([{ path: '..\\..\\escape.pdf', bytes: new Uint8Array(1) }]), root)).rejects.toThrow(/unsafe file path/);
    expect(readFileSync(marker, 'utf8')).toBe('kept');
    expect(readdirSync(root).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(existsSync(join(root, 'escape.pdf'))).toBe(false);
  });
});
