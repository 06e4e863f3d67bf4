import { readerIssueRule } from '../support/reader-issues.js';

/** Headers that disagree with themselves or with their companions (reader issues of the 数据结构 category). */
export const rule = readerIssueRule({
  id: 'structure/reader-structure',
  group: 'structure',
  severity: 'error',
  title: { zh: '文件结构与文件头不一致', en: 'File structure disagrees with its header' },
  spec: 'NY/T 2539-2016 §7.2; ESRI Shapefile Technical Description',
  basis: 'qc-rules.md A-07, B-02 (QC tool: HasZM, DataCount); a disagreement the reader could read past is a warning',
  basisKind: 'official-qc',
  fixedBy: '测绘单位',
  codes: {
    'dbf-header-length': 'warning',
    'dbf-record-length': 'warning',
    'dbf-duplicate-field': 'warning',
    'dbf-unsupported-type': 'warning',
    'shp-record-number': 'warning',
    'shp-type-mismatch': 'warning',
    'shp-unknown-type': 'error',
    'shp-zm': 'warning',
    'shp-bad-record': 'error',
    // the ESRI shapefile format the standard names: a record's bbox bounds its points
    'shp-record-bbox': 'error',
    'shx-length-mismatch': 'warning',
    'count-mismatch': 'error',
    'layer-part-mismatch': 'error',
    'mdb-row-count-mismatch': 'warning',
    'duplicate-table': 'error',
    'column-name-reserved': 'warning',
  },
});
