import { describe, expect, it } from 'vitest';
import {
  attachmentPath,
  classifyPath,
  controlPointSketchPath,
  expectedFileNames,
  layerBaseName,
  packageFolders,
  parseRootFolderName,
  rootFolderName,
  sketchMapPath,
  splitFieldPaths,
  summaryTableFileName,
  summaryTableNames,
  type PathClass,
} from './naming.js';

/** Only the keys a test cares about (classifyPath also returns path, name, extension). */
function pick(c: PathClass, keys: readonly (keyof PathClass)[]): Partial<PathClass> {
  return Object.fromEntries(keys.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
}

const KEYS = [
  'kind',
  'layer',
  'county',
  'year',
  'part',
  'summaryTable',
  'countyName',
  'FBFBM',
  'CBJYQZBM',
  'seq',
  'ZLFJBH',
  'KZDDH',
  'rasterFolder',
  'caseMismatch',
  'looksLike',
] as const;

/** The sample package of package-layout.md §1.3 (220581 梅河口市, 2016), file by file. */
const layers = ['DK', 'JZD', 'JZX', 'KZD', 'XJXZQ', 'XJQY', 'CJQY', 'ZJQY', 'QYJX', 'JBNTBHQ', 'DZDW', 'XZDW', 'MZDW', 'ZJ'];
const sampleFiles: [string, Partial<PathClass>][] = [
  ...layers.flatMap((layer) =>
    ['shp', 'shx', 'dbf', 'prj'].map(
      (ext): [string, Partial<PathClass>] => [`矢量数据/${layer}2205812016.${ext}`, { kind: 'layerFile', layer, county: '220581', year: '2016' }],
    ),
  ),
  ['矢量数据/SL2205812016.xml', { kind: 'vectorMetadata', county: '220581', year: '2016' }],
  ['权属数据/2205812016.mdb', { kind: 'mdb', county: '220581', year: '2016' }],
  ['权属数据/2205812016权属单位代码表.xls', { kind: 'unitCodeTable', county: '220581', year: '2016' }],
  ['栅格数据/数字正射影像图/J50G001001.tif', { kind: 'raster', rasterFolder: '数字正射影像图' }],
  ['栅格数据/数字栅格地图/J50G001001.tif', { kind: 'raster', rasterFolder: '数字栅格地图' }],
  ['栅格数据/其他栅格数据/dem.tif', { kind: 'raster', rasterFolder: '其他栅格数据' }],
  ['汇总表格/220581梅河口市按地块汇总表.xls', { kind: 'summaryTable', county: '220581', countyName: '梅河口市', summaryTable: 'byParcel' }],
  ['汇总表格/220581梅河口市按承包地土地用途汇总表.xls', { kind: 'summaryTable', county: '220581', countyName: '梅河口市', summaryTable: 'byLandUse' }],
  [
    '汇总表格/220581梅河口市按非承包地地块类别汇总表.xls',
    { kind: 'summaryTable', county: '220581', countyName: '梅河口市', summaryTable: 'byNonContractedCategory' },
  ],
  [
    '汇总表格/220581梅河口市按承包地是否基本农田汇总表.xls',
    { kind: 'summaryTable', county: '220581', countyName: '梅河口市', summaryTable: 'byBasicFarmland' },
  ],
  ['汇总表格/220581梅河口市按权证信息汇总表.xls', { kind: 'summaryTable', county: '220581', countyName: '梅河口市', summaryTable: 'byCertificate' }],
  ['汇总表格/220581梅河口市按承包方汇总表.xls', { kind: 'summaryTable', county: '220581', countyName: '梅河口市', summaryTable: 'byContractor' }],
  [
    '图件/22058110000701/DKSYT220581100007010001J.pdf',
    { kind: 'sketchMap', FBFBM: '22058110000701', CBJYQZBM: '220581100007010001J' },
  ],
  [
    '图件/22058110000701/DKSYT220581100007010001J1.jpg',
    { kind: 'sketchMap', FBFBM: '22058110000701', CBJYQZBM: '220581100007010001J', seq: 1 },
  ],
  [
    '图件/22058110000701/DKSYT220581100007010001J12.jpg',
    { kind: 'sketchMap', FBFBM: '22058110000701', CBJYQZBM: '220581100007010001J', seq: 12 },
  ],
  ['文字报告/梅河口市确权登记颁证工作报告.doc', { kind: 'report' }],
  ['其他资料/权属来源附件/220581100007010001.pdf', { kind: 'attachment', ZLFJBH: '220581100007010001' }],
  ['其他资料/权属来源附件/220581100007010001J CBHT2_1.jpg', { kind: 'attachment', ZLFJBH: '220581100007010001J CBHT2_1' }],
  ['其他资料/点之记/GP01.jpg', { kind: 'controlPointSketch', KZDDH: 'GP01' }],
];

const sampleFolders: [string, Partial<PathClass>][] = [
  ...['矢量数据', '权属数据', '栅格数据', '汇总表格', '图件', '文字报告', '元数据', '其他资料'].map(
    (p): [string, Partial<PathClass>] => [p, { kind: 'folder' }],
  ),
  ['栅格数据/数字正射影像图', { kind: 'folder' }],
  ['栅格数据/数字栅格地图', { kind: 'folder' }],
  ['栅格数据/其他栅格数据', { kind: 'folder' }],
  ['其他资料/权属来源附件', { kind: 'folder' }],
  ['其他资料/点之记', { kind: 'folder' }],
  ['图件/22058110000701', { kind: 'folder', FBFBM: '22058110000701' }],
];

describe('classifyPath on the sample package tree (package-layout.md §1.3)', () => {
  it.each(sampleFiles)('%s', (path, want) => {
    expect(pick(classifyPath(path), KEYS)).toEqual(want);
  });

  it.each(sampleFolders)('%s/', (path, want) => {
    expect(pick(classifyPath(path, { isDir: true }), KEYS)).toEqual(want);
  });

  it('covers every layer of 表2 and no other', () => {
    const found = new Set(sampleFiles.map(([p]) => classifyPath(p).layer).filter(Boolean));
    expect([...found].sort()).toEqual([...layers].sort());
  });

  it('standard folders carry their definition (M/O)', () => {
    expect(classifyPath('矢量数据', { isDir: true }).folder?.constraint).toBe('M');
    expect(classifyPath('栅格数据', { isDir: true }).folder?.constraint).toBe('O');
    expect(classifyPath('元数据', { isDir: true }).folder?.constraint).toBe('O');
    expect(classifyPath('', { isDir: true }).kind).toBe('folder');
  });
});

describe('classifyPath details', () => {
  it('knows the bundle manifest at the top of the county folder, and only there', () => {
    expect(classifyPath('manifest.json').kind).toBe('bundleManifest');
    expect(classifyPath('其他资料/manifest.json').kind).not.toBe('bundleManifest');
  });

  it('accepts backslashes, leading ./ and returns a normalised path and extension', () => {
    const c = classifyPath('.\\矢量数据\\DK2205812016.shp');
    expect([c.kind, c.path, c.name, c.extension]).toEqual(['layerFile', '矢量数据/DK2205812016.shp', 'DK2205812016.shp', 'shp']);
  });

  it('optional shapefile companions and split layers', () => {
    for (const ext of ['cpg', 'sbn', 'sbx', 'shp.xml']) {
      const c = classifyPath(`矢量数据/DK2205812016.${ext}`);
      expect([c.kind, c.extension]).toEqual(['layerFile', ext]);
    }
    expect(pick(classifyPath('矢量数据/DK2205812016-2.shp'), KEYS)).toEqual({
      kind: 'layerFile',
      layer: 'DK',
      county: '220581',
      year: '2016',
      part: 2,
    });
    expect(classifyPath('矢量数据/JZD2205812016-10.dbf').part).toBe(10);
  });

  it('does not take ZJQY for ZJ, nor XJQY for XJXZQ', () => {
    expect(classifyPath('矢量数据/ZJQY2205812016.shp').layer).toBe('ZJQY');
    expect(classifyPath('矢量数据/ZJ2205812016.shp').layer).toBe('ZJ');
    expect(classifyPath('矢量数据/XJXZQ2205812016.shp').layer).toBe('XJXZQ');
    expect(classifyPath('矢量数据/XJQY2205812016.shp').layer).toBe('XJQY');
  });

  it('flags names that match only ignoring case', () => {
    expect(pick(classifyPath('矢量数据/dk2205812016.SHP'), KEYS)).toEqual({
      kind: 'layerFile',
      layer: 'DK',
      county: '220581',
      year: '2016',
      caseMismatch: true,
    });
    expect(classifyPath('权属数据/2205812016.MDB').caseMismatch).toBe(true);
    expect(classifyPath('矢量数据/DK2205812016.shp').caseMismatch).toBeUndefined();
  });

  it('misnamed or misplaced files are unknown, with what they look like', () => {
    expect(pick(classifyPath('矢量数据/DK220581.shp'), KEYS)).toEqual({ kind: 'unknown' }); // no year
    expect(pick(classifyPath('矢量数据/DK22058120161.shp'), KEYS)).toEqual({ kind: 'unknown' }); // 5-digit year
    expect(pick(classifyPath('矢量数据/地块.shp'), KEYS)).toEqual({ kind: 'unknown' });
    expect(pick(classifyPath('矢量数据/SGSJ2205812016.shp'), KEYS)).toEqual({ kind: 'unknown' }); // raster table, not a layer file
    expect(pick(classifyPath('权属数据/DK2205812016.shp'), KEYS)).toEqual({ kind: 'unknown', looksLike: 'layerFile' });
    expect(pick(classifyPath('2205812016.mdb'), KEYS)).toEqual({ kind: 'unknown', looksLike: 'mdb' });
    expect(pick(classifyPath('权属数据/220581.mdb'), KEYS)).toEqual({ kind: 'unknown' });
    expect(pick(classifyPath('权属数据/2205812016权属单位代码表.xlsx'), KEYS)).toEqual({ kind: 'unknown' });
    expect(pick(classifyPath('汇总表格/220581梅河口市按承包地所有权性质汇总表.xls'), KEYS)).toEqual({ kind: 'unknown' });
    expect(pick(classifyPath('汇总表格/按地块汇总表.xls'), KEYS)).toEqual({ kind: 'unknown' });
    expect(pick(classifyPath('其他资料/点之记/GP01.pdf'), KEYS)).toEqual({ kind: 'unknown' });
    // a 13-digit folder is not an FBFBM folder: a sketch map there is misplaced
    expect(pick(classifyPath('图件/2205811000070/DKSYT220581100007010001J.pdf'), KEYS)).toEqual({
      kind: 'unknown',
      looksLike: 'sketchMap',
    });
    expect(pick(classifyPath('图件/DKSYT220581100007010001J.pdf'), KEYS)).toEqual({ kind: 'unknown', looksLike: 'sketchMap' });
    expect(pick(classifyPath('readme.txt'), KEYS)).toEqual({ kind: 'unknown' });
    expect(pick(classifyPath('扫描资料', { isDir: true }), KEYS)).toEqual({ kind: 'unknown' });
  });

  it('metadata also in 元数据; documents where the layout allows them', () => {
    expect(classifyPath('元数据/SL2205812016.xml').kind).toBe('vectorMetadata');
    expect(classifyPath('权属数据/合同扫描件/001.pdf').kind).toBe('document');
    expect(classifyPath('权属数据/合同扫描件', { isDir: true }).kind).toBe('folder');
    expect(classifyPath('其他资料/会议纪要.pdf').kind).toBe('document');
    expect(classifyPath('图件/22058110000701/公示图.pdf').kind).toBe('document');
    expect(classifyPath('权属数据/说明.doc').kind).toBe('unknown');
  });
});

describe('root folder', () => {
  it('parses <county6><name>', () => {
    expect(parseRootFolderName('220581梅河口市')).toEqual({ county: '220581', countyName: '梅河口市' });
    expect(rootFolderName('220581', '梅河口市')).toBe('220581梅河口市');
    for (const bad of ['梅河口市', '220581', '22058梅河口市', '2205812016', '220581 梅河口市', '220581_梅河口市', '']) {
      expect(parseRootFolderName(bad), bad).toBeNull();
    }
  });
});

describe('field paths (DKSYT, FJ, DZJ)', () => {
  it('build the standard forms with backslashes', () => {
    expect(sketchMapPath('22058110000701', '220581100007010001J')).toBe('图件\\22058110000701\\DKSYT220581100007010001J.pdf');
    expect(sketchMapPath('22058110000701', '220581100007010001J', { extension: 'jpg', seq: 2, separator: '/' })).toBe(
      '图件/22058110000701/DKSYT220581100007010001J2.jpg',
    );
    expect(attachmentPath('220581100007010001')).toBe('其他资料\\权属来源附件\\220581100007010001.pdf');
    expect(attachmentPath('A1', 'jpg', '/')).toBe('其他资料/权属来源附件/A1.jpg');
    expect(controlPointSketchPath('GP01')).toBe('其他资料\\点之记\\GP01.jpg');
  });

  it('split /-joined lists whichever separator the paths use', () => {
    const a = '图件\\22058110000701\\DKSYT220581100007010001J1.jpg';
    const b = '图件\\22058110000701\\DKSYT220581100007010001J2.jpg';
    const want = ['图件/22058110000701/DKSYT220581100007010001J1.jpg', '图件/22058110000701/DKSYT220581100007010001J2.jpg'];
    expect(splitFieldPaths(`${a}/${b}`)).toEqual(want);
    expect(splitFieldPaths(want.join('/'))).toEqual(want);
    expect(splitFieldPaths(`/${a}`)).toEqual([want[0]]);
    expect(splitFieldPaths('其他资料\\权属来源附件\\A1.jpg/其他资料\\权属来源附件\\A2.jpg')).toEqual([
      '其他资料/权属来源附件/A1.jpg',
      '其他资料/权属来源附件/A2.jpg',
    ]);
    expect(splitFieldPaths('其他资料\\点之记\\GP01.jpg')).toEqual(['其他资料/点之记/GP01.jpg']);
    expect(splitFieldPaths('图件\\22058110000701\\缺扩展名')).toEqual(['图件/22058110000701/缺扩展名']);
    expect(splitFieldPaths('')).toEqual([]);
    expect(splitFieldPaths(null)).toEqual([]);
    // every item of a built list classifies as what it is
    for (const p of splitFieldPaths(`${a}/${b}`)) expect(classifyPath(p).kind).toBe('sketchMap');
  });
});

describe('expected names', () => {
  it('spells the six summary tables once, in order', () => {
    expect(Object.values(summaryTableNames)).toEqual([
      '按地块汇总表',
      '按承包地土地用途汇总表',
      '按非承包地地块类别汇总表',
      '按承包地是否基本农田汇总表',
      '按权证信息汇总表',
      '按承包方汇总表',
    ]);
    expect(summaryTableFileName('220581', '梅河口市', 'byContractor')).toBe('220581梅河口市按承包方汇总表.xls');
    expect(layerBaseName('DK', '220581', 2016, 3)).toBe('DK2205812016-3');
  });

  it('folders: the 7 top-level ones with M/O, sub-folders and 元数据', () => {
    expect(packageFolders.map((f) => `${f.path}:${f.constraint}`)).toEqual([
      '矢量数据:M',
      '权属数据:M',
      '汇总表格:M',
      '其他资料:M',
      '图件:M',
      '文字报告:O',
      '栅格数据:O',
      '其他资料/权属来源附件:M',
      '其他资料/点之记:M',
      '栅格数据/数字正射影像图:O',
      '栅格数据/数字栅格地图:O',
      '栅格数据/其他栅格数据:O',
      '元数据:O',
    ]);
  });

  it('expectedFileNames lists every folder and fixed file, each classifying as itself', () => {
    const entries = expectedFileNames('220581', '梅河口市', 2016);
    expect(entries).toHaveLength(13 + 14 * 4 + 3 + 6);
    for (const e of entries) {
      const c = classifyPath(e.path, { isDir: e.isDir });
      expect(c.kind, e.path).toBe(e.kind);
      if (e.layer) expect(c.layer).toBe(e.layer);
      if (e.summaryTable) expect(c.summaryTable).toBe(e.summaryTable);
    }
    const mandatoryLayers = [...new Set(entries.filter((e) => e.kind === 'layerFile' && e.constraint === 'M').map((e) => e.layer))];
    expect(mandatoryLayers.sort()).toEqual(['DK', 'JBNTBHQ', 'JZD', 'JZX', 'KZD', 'QYJX', 'XJXZQ']);
    expect(entries.find((e) => e.kind === 'mdb')?.path).toBe('权属数据/2205812016.mdb');
    expect(entries.find((e) => e.kind === 'unitCodeTable')?.path).toBe('权属数据/2205812016权属单位代码表.xls');
    expect(entries.find((e) => e.kind === 'vectorMetadata')?.path).toBe('矢量数据/SL2205812016.xml');
  });
});
