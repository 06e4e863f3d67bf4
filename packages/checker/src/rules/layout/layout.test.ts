import { describe, expect, it } from 'vitest';
import { expectedFileNames } from '@nyt2539/schema';
import { brief, runOnStore, type TestFile } from '../testing/rule-tester.js';
import { rule as inconsistentCode } from './inconsistent-code.js';
import { rule as misnamedFile } from './misnamed-file.js';
import { rule as requiredFiles } from './required-files.js';
import { rule as rootName } from './root-name.js';
import { rule as shapefileParts } from './shapefile-parts.js';
import { rule as unexpectedFile } from './unexpected-file.js';

const layoutRules = [rootName, requiredFiles, shapefileParts, misnamedFile, unexpectedFile, inconsistentCode];

/** Every M folder and file of a complete package, as the scanner lists them (pkg_files). */
function completePackage(): TestFile[] {
  return expectedFileNames('220581', '梅河口市', '2016')
    .filter((e) => e.constraint === 'M')
    .map((e) => ({ path: e.path, isDir: e.isDir, kind: e.kind, layer: e.layer, summaryTable: e.summaryTable }));
}

const without = (files: TestFile[], ...paths: string[]) => files.filter((f) => !paths.includes(f.path));

describe('layout rules', () => {
  it('a complete package (with an optional .cpg and a 文字报告 document) gives no findings', () => {
    const files = [...completePackage(), { path: '矢量数据/DK2205812016.cpg', kind: 'layerFile', layer: 'DK' }, { path: '文字报告', isDir: true }, { path: '文字报告/技术报告.doc', kind: 'report' }];
    expect(runOnStore({ files }, layoutRules)).toEqual([]);
  });

  it('reports a misnamed root folder', () => {
    expect(brief(runOnStore({ files: completePackage(), info: { rootName: '梅河口市汇交成果' } }, [rootName]))).toEqual([
      { rule: 'layout/root-name', id: 'misnamed', severity: 'error', file: '梅河口市汇交成果', actual: '梅河口市汇交成果' },
    ]);
  });

  it('reports missing folders (hard-required ones as errors) and files, once per missing folder', () => {
    const files = without(
      completePackage().filter((f) => !f.path.startsWith('汇总表格')),
      '其他资料/点之记',
      '权属数据/2205812016权属单位代码表.xls',
      '矢量数据/SL2205812016.xml',
    );
    expect(brief(runOnStore({ files }, layoutRules))).toEqual([
      { rule: 'layout/required-files', id: 'file', severity: 'error', file: '权属数据/2205812016权属单位代码表.xls' },
      { rule: 'layout/required-files', id: 'folder', severity: 'error', file: '汇总表格' },
      { rule: 'layout/required-files', id: 'file', severity: 'error', file: '矢量数据/SL2205812016.xml' },
      { rule: 'layout/required-files', id: 'folder', severity: 'warning', file: '其他资料/点之记' },
    ]);
  });

  it('reports missing companions of each layer part', () => {
    const files = [
      ...without(completePackage(), '矢量数据/JZD2205812016.prj'),
      { path: '矢量数据/DK2205812016-2.shp', kind: 'layerFile', layer: 'DK', part: 2 },
      { path: '矢量数据/DK2205812016-2.dbf', kind: 'layerFile', layer: 'DK', part: 2 },
    ];
    expect(brief(runOnStore({ files }, layoutRules))).toEqual([
      { rule: 'layout/shapefile-parts', id: 'missing', severity: 'error', file: '矢量数据/DK2205812016-2.prj', table: 'DK' },
      { rule: 'layout/shapefile-parts', id: 'missing', severity: 'error', file: '矢量数据/DK2205812016-2.shx', table: 'DK' },
      { rule: 'layout/shapefile-parts', id: 'missing', severity: 'error', file: '矢量数据/JZD2205812016.prj', table: 'JZD' },
    ]);
  });

  it('reports misplaced, misnamed, wrong-case and unexpected files and folders', () => {
    const files = [
      ...completePackage(),
      { path: 'DK2205812016.shp', kind: 'unknown' },
      { path: '矢量数据/地块.shp', kind: 'unknown' },
      { path: '矢量数据/dk2205812016.sbn', kind: 'layerFile', layer: 'DK' },
      { path: '说明.txt', kind: 'unknown' },
      { path: '备份', isDir: true, kind: 'unknown' },
      { path: '备份/DK.shp', kind: 'unknown' },
    ];
    expect(brief(runOnStore({ files }, layoutRules))).toEqual([
      { rule: 'layout/misnamed-file', id: 'misplaced', severity: 'error', file: 'DK2205812016.shp' },
      { rule: 'layout/misnamed-file', id: 'misnamed', severity: 'error', file: '矢量数据/地块.shp' },
      { rule: 'layout/misnamed-file', id: 'letterCase', severity: 'warning', file: '矢量数据/dk2205812016.sbn' },
      { rule: 'layout/unexpected-file', id: 'folder', severity: 'warning', file: '备份' },
      { rule: 'layout/unexpected-file', id: 'file', severity: 'warning', file: '说明.txt' },
    ]);
  });

  it('reports file names whose county code, county name or year differ from the package', () => {
    const files = [
      ...completePackage(),
      { path: '矢量数据/MZDW2205822016.shp', kind: 'layerFile', layer: 'MZDW' },
      { path: '汇总表格/220581梅河口县按地块汇总表.xls', kind: 'summaryTable', summaryTable: 'byParcel' },
      { path: '权属数据/2205812017权属单位代码表.xls', kind: 'unitCodeTable' },
    ];
    const findings = runOnStore({ files }, [inconsistentCode]);
    expect(brief(findings)).toEqual([
      { rule: 'layout/inconsistent-code', id: 'year', severity: 'error', file: '权属数据/2205812017权属单位代码表.xls', actual: '2017' },
      { rule: 'layout/inconsistent-code', id: 'countyName', severity: 'error', file: '汇总表格/220581梅河口县按地块汇总表.xls', actual: '梅河口县' },
      { rule: 'layout/inconsistent-code', id: 'county', severity: 'error', file: '矢量数据/MZDW2205822016.shp', actual: '220582' },
    ]);
  });
});
