import { readerIssueRule } from '../support/reader-issues.js';

/** Files the readers could not open, or found cut short or damaged (reader issues of the 目录与文件 category). */
export const rule = readerIssueRule({
  id: 'layout/file-unreadable',
  group: 'layout',
  severity: 'error',
  title: { zh: '文件无法读取或已损坏', en: 'File unreadable, truncated or corrupt' },
  spec: 'NY/T 2539-2016 §7.2–7.3',
  basis: 'qc-rules.md A-06/A-07 (QC tool: CanRead); a file the reader could still read past the damage is a warning',
  basisKind: 'official-qc',
  fixedBy: '测绘单位',
  codes: {
    'shp-unreadable': 'error',
    'shp-bad-header': 'error',
    'shp-bad-version': 'warning',
    'shp-length-short': 'error',
    'shp-length-mismatch': 'warning',
    'shp-truncated': 'error',
    // as dbf-misaligned: the records after the slip are not read, one error stands for them
    'shp-misaligned': 'error',
    // GIS software reads the layer through its index: a broken one shows no or the wrong features
    'shx-bad': 'error',
    'shx-offset-mismatch': 'warning',
    'dbf-bad-header': 'error',
    'dbf-truncated': 'error',
    // every value after the slip would be wrong: one error here instead of hundreds of value findings
    'dbf-misaligned': 'error',
    'dbf-fields-misaligned': 'error',
    'dbf-count-mismatch': 'warning',
    'dbf-no-eof': 'warning',
    'mdb-unreadable': 'error',
    'mdb-table-unreadable': 'error',
    'mdb-truncated': 'error',
    // the tables of a cut-off .mdb are named in its one mdb-truncated finding
    'mdb-table-cut': 'off',
    'path-unreadable': 'error',
    // a scan, sketch map or 点之记 that does not open is as missing as one that is not there
    'attachment-damaged': 'error',
    // layout/shapefile-parts finds missing companions (and .prj) from the file list; the reader's note would
    // report the same file twice
    'shp-missing': 'off',
    'shx-missing': 'off',
    'dbf-missing': 'off',
    // layout/unexpected-file reports symbolic links
    'symlink-skipped': 'off',
  },
});
