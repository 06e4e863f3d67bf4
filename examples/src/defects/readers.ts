import { basename } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { FOLDER, layerBaseName, parseRootFolderName, summaryTable, summaryTableFileName, type SummaryTableId, vectorMetadataFileName, writeFileAtomic } from '@nyt2539/schema';
import type { CatalogInjector, WrittenContext } from './catalog.js';
import { inPackage, readBytes } from './written.js';

/**
 * Damage only a reader can see, one kind per reader (the .xls reader twice: the two layout problems users meet
 * most): each must come back as a finding of the rule that owns the reader's issue code (readers/issues.ts in the
 * checker), and as nothing else.
 */

const layerFile = (ctx: WrittenContext, layer: string, ext: string): string => `${FOLDER.vector}/${layerBaseName(layer, ctx.county, ctx.year)}.${ext}`;

function summaryFile(ctx: WrittenContext, table: SummaryTableId): string {
  const root = parseRootFolderName(basename(ctx.packageDir))!;
  return `${FOLDER.summary}/${summaryTableFileName(root.county, root.countyName, table)}`;
}

/** Rewrite the first sheet of a written .xls through SheetJS (an independent BIFF8 writer), after `edit`. */
function editXls(path: string, edit: (ws: XLSX.WorkSheet) => void): void {
  const wb = XLSX.read(readBytes(path), { type: 'buffer' });
  edit(wb.Sheets[wb.SheetNames[0]]);
  writeFileAtomic(path, XLSX.write(wb, { type: 'buffer', bookType: 'xls' }) as Buffer);
}

const xlsHeaderRenamed: CatalogInjector = {
  id: 'xls-header-renamed',
  family: 'summary',
  rules: ['summary/reader-summary'],
  title: { zh: '汇总表表头单元格被改写（按地块汇总表）', en: 'a header cell of a summary table was retyped (by parcel)' },
  inject: () => [],
  afterWrite(ctx) {
    const table = summaryTable('byParcel');
    const file = summaryFile(ctx, 'byParcel');
    // the third column's header: the first one that is a figure, not the unit code or name
    const header = table.layout.cells.find((c) => c.text.replace(/\n/g, '') === table.columns[2].header.replace(/\n/g, ''))!;
    const before = header.text;
    const after = `${before.replace(/\n/g, '')}（修改）`;
    editXls(inPackage(ctx, file), (ws) => {
      ws[header.ref] = { t: 's', v: after };
    });
    const row = XLSX.utils.decode_cell(header.ref).r + 1;
    return [{ id: this.id, family: this.family, kind: 'value', file, table: table.title, record: row, keys: { file: basename(file) }, field: header.ref, before, after, description: `表头 ${header.ref} 由“${before.replace(/\n/g, '')}”改为“${after}”` }];
  },
};

const xlsCodeAsNumber: CatalogInjector = {
  id: 'xls-code-as-number',
  family: 'summary',
  rules: ['summary/reader-summary'],
  title: { zh: '汇总表的权属单位代码存为数值（按承包地是否基本农田汇总表）', en: 'a unit code of a summary table stored as a number (by basic farmland)' },
  inject: () => [],
  afterWrite(ctx) {
    const table = summaryTable('byBasicFarmland');
    const file = summaryFile(ctx, 'byBasicFarmland');
    let row = 0;
    let code = '';
    editXls(inPackage(ctx, file), (ws) => {
      const ref = XLSX.utils.encode_cell({ r: table.layout.dataStartRow, c: 0 });
      const cell = ws[ref] as XLSX.CellObject | undefined;
      if (cell?.t !== 's') throw new Error(`${file}: no text unit code in ${ref}`);
      code = String(cell.v);
      ws[ref] = { t: 'n', v: Number(code) };
      row = table.layout.dataStartRow + 1;
    });
    return [{ id: this.id, family: this.family, kind: 'value', file, table: table.title, record: row, keys: { file: basename(file) }, field: '权属单位代码', before: code, after: Number(code), description: `第 ${row} 行的权属单位代码 ${code} 存为数值` }];
  },
};

const shpTrailingBytes: CatalogInjector = {
  id: 'shp-trailing-bytes',
  family: 'layout',
  rules: ['layout/file-unreadable'],
  title: { zh: '.shp 文件末尾多出字节，与文件头长度不符（基本农田保护区）', en: '.shp carries bytes beyond the length its header declares (JBNTBHQ)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = layerFile(ctx, 'JBNTBHQ', 'shp');
    const path = inPackage(ctx, file);
    const shp = readBytes(path);
    writeFileAtomic(path, Buffer.concat([shp, Buffer.alloc(8)]));
    return [{ id: this.id, family: this.family, kind: 'value', file, layer: 'JBNTBHQ', keys: { layer: 'JBNTBHQ' }, before: shp.length, after: shp.length + 8, description: 'JBNTBHQ 的 .shp 末尾追加 8 个零字节' }];
  },
};

const shxDamaged: CatalogInjector = {
  id: 'shx-damaged',
  family: 'layout',
  rules: ['layout/file-unreadable'],
  title: { zh: '.shx 索引文件长度不是整条索引（控制点）', en: '.shx index does not hold whole entries (KZD)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = layerFile(ctx, 'KZD', 'shx');
    const path = inPackage(ctx, file);
    const shx = readBytes(path);
    writeFileAtomic(path, Buffer.concat([shx, Buffer.alloc(3)]));
    return [{ id: this.id, family: this.family, kind: 'value', file, layer: 'KZD', keys: { layer: 'KZD' }, before: shx.length, after: shx.length + 3, description: 'KZD 的 .shx 末尾追加 3 个字节' }];
  },
};

const dbfNoEof: CatalogInjector = {
  id: 'dbf-no-eof',
  family: 'layout',
  rules: ['layout/file-unreadable'],
  title: { zh: '.dbf 缺少结束符 0x1A（区域界线）', en: '.dbf lacks its 0x1A end-of-file marker (QYJX)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = layerFile(ctx, 'QYJX', 'dbf');
    const path = inPackage(ctx, file);
    const dbf = readBytes(path);
    if (dbf[dbf.length - 1] !== 0x1a) throw new Error(`${file}: no end-of-file marker to remove`);
    writeFileAtomic(path, dbf.subarray(0, dbf.length - 1));
    return [{ id: this.id, family: this.family, kind: 'value', file, layer: 'QYJX', keys: { layer: 'QYJX' }, before: '0x1A', after: null, description: 'QYJX 的 .dbf 去掉末尾的 0x1A' }];
  },
};

const cpgUnknown: CatalogInjector = {
  id: 'cpg-unknown',
  family: 'layout',
  rules: ['values/reader-value'],
  title: { zh: '.cpg 写了不存在的代码页（县级区域）', en: '.cpg names a code page that does not exist (XJQY)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = layerFile(ctx, 'XJQY', 'cpg');
    const path = inPackage(ctx, file);
    const before = readBytes(path).toString('latin1');
    writeFileAtomic(path, 'GB-2312-X');
    return [{ id: this.id, family: this.family, kind: 'value', file, layer: 'XJQY', keys: { layer: 'XJQY' }, before, after: 'GB-2312-X', description: `XJQY 的 .cpg 由“${before}”改为“GB-2312-X”` }];
  },
};

const metadataUnknownElement: CatalogInjector = {
  id: 'metadata-unknown-element',
  family: 'metadata',
  rules: ['metadata/reader-metadata'],
  title: { zh: '元数据中有附录D 没有的元素', en: 'metadata carries an element Annex D does not define' },
  inject: () => [],
  afterWrite(ctx) {
    const file = `${FOLDER.vector}/${vectorMetadataFileName(ctx.county, ctx.year)}`;
    const path = inPackage(ctx, file);
    const xml = readBytes(path).toString('utf8');
    const anchor = '</dataIdInfo>';
    if (!xml.includes(anchor)) throw new Error(`${file}: no ${anchor}`);
    writeFileAtomic(path, xml.replace(anchor, `<remark>自检</remark>${anchor}`));
    return [{ id: this.id, family: this.family, kind: 'value', file, keys: { file: basename(file) }, field: 'remark', before: null, after: '<remark>', description: '在 <dataIdInfo> 末尾加入附录D 没有的元素 <remark>' }];
  },
};

export const readerInjectors: readonly CatalogInjector[] = [xlsHeaderRenamed, xlsCodeAsNumber, shpTrailingBytes, shxDamaged, dbfNoEof, cpgUnknown, metadataUnknownElement];
