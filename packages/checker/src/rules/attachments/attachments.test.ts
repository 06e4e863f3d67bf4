import { describe, expect, it } from 'vitest';
import { brief, runOnStore } from '../testing/rule-tester.js';
import { cleanFiles, cleanRows, FBFBM, HT1, toStore } from '../testing/test-package.js';
import { rule as identityDocument } from './identity-document.js';
import { rule as pathMissing } from './path-missing.js';
import { rule as unreferenced } from './unreferenced.js';

describe('attachment rules', () => {
  it('pass when every path resolves and every file is named', () => {
    expect(brief(runOnStore(toStore(cleanRows()), [pathMissing, unreferenced]))).toEqual([]);
  });

  it('accepts backslashes, lists and a different case', () => {
    const rows = cleanRows();
    const files = [...cleanFiles(rows), { path: `图件/${FBFBM}/DKSYT${HT1}2.jpg` }];
    rows.CBJYQZDJB[0].DKSYT = `图件\\${FBFBM}\\dksyt${HT1}.PDF/图件\\${FBFBM}\\DKSYT${HT1}2.jpg`;
    expect(brief(runOnStore(toStore(rows, { files }), [pathMissing, unreferenced]))).toEqual([]);
  });

  it('attachments/path-missing: a missing file and a wrong extension', () => {
    const rows = cleanRows();
    const files = cleanFiles(rows);
    rows.QSLYZLFJ[0].FJ = `其他资料/权属来源附件/${HT1}02.pdf`;
    rows.QSLYZLFJ[1].FJ = `其他资料/权属来源附件/x.doc`;
    const f = brief(runOnStore(toStore(rows, { files }), [pathMissing]));
    expect(f.map((x) => [x.id, x.record, x.actual])).toEqual([
      ['missing', 1, `其他资料/权属来源附件/${HT1}02.pdf`],
      ['extension', 2, '其他资料/权属来源附件/x.doc'],
    ]);
  });

  it('attachments/path-missing: paths under a folder the package lacks are one finding with the count and a sample', () => {
    const rows = cleanRows();
    const files = cleanFiles(rows).filter((f) => !f.path.startsWith('图件/'));
    const paths = rows.CBJYQZDJB.map((r) => String(r.DKSYT)).filter((p) => p.startsWith('图件/'));
    expect(paths.length).toBeGreaterThan(1);
    const f = runOnStore(toStore(rows, { files }), [pathMissing]);
    expect(f.map((x) => [x.messageId, x.location.table, x.location.field, x.affected?.count])).toEqual([['folderMissing', 'CBJYQZDJB', 'DKSYT', paths.length]]);
    expect(f[0]!.affected!.sample).toEqual(paths.slice(0, 5));
    expect(f[0]!.message.zh).toContain(`有 ${paths.length} 个文件位于目录 图件 下`);
    // one missing file in a folder that exists is still its own finding
    const one = cleanFiles(rows).filter((x) => x.path !== paths[0]);
    expect(brief(runOnStore(toStore(rows, { files: one }), [pathMissing])).map((x) => [x.id, x.actual])).toEqual([['missing', paths[0]]]);
  });

  it('attachments/unreferenced: a scan nothing names', () => {
    const rows = cleanRows();
    const files = [...cleanFiles(rows), { path: '其他资料/权属来源附件/旧扫描.pdf' }, { path: '文字报告/报告.doc' }];
    expect(brief(runOnStore(toStore(rows, { files }), [unreferenced]))).toEqual([
      { rule: 'attachments/unreferenced', id: 'unreferenced', severity: 'warning', file: '其他资料/权属来源附件/旧扫描.pdf' },
    ]);
  });

  it('attachments/identity-document: a register without 户口簿 or 身份证 copy', () => {
    const rows = cleanRows();
    expect(brief(runOnStore(toStore(rows), [identityDocument]))).toEqual([]);
    rows.QSLYZLFJ.push({ ...rows.QSLYZLFJ[0], ZLFJBH: `${HT1}02`, ZLFJMC: '户口簿复印件', FJ: `其他资料/权属来源附件/${HT1}02.jpg` });
    const f = brief(runOnStore(toStore(rows), [identityDocument]));
    expect(f).toMatchObject([{ rule: 'attachments/identity-document', severity: 'warning', table: 'CBJYQZDJB', record: 2 }]);
  });
});
