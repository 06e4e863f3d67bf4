import { readerIssueRule } from '../support/reader-issues.js';

/** Values the readers could not decode as their field declares (reader issues of the 属性值域与格式 category). */
export const rule = readerIssueRule({
  id: 'values/reader-value',
  group: 'values',
  severity: 'error',
  title: { zh: '字段值无法按声明类型或编码读取', en: 'Value unreadable as its declared type or encoding' },
  spec: 'NY/T 2539-2016 §5.3, Annex A/B',
  basis: 'qc-rules.md B-02, C (values); an undeclared but recognised encoding, and a value read past, are warnings',
  basisKind: 'official-qc',
  fixedBy: '测绘单位',
  codes: {
    'dbf-bad-number': 'warning',
    'dbf-numeric-overflow': 'warning',
    // an inference (a sign error behind the rounding), no clause forbids the text: a warning
    'dbf-negative-zero': 'warning',
    'dbf-bad-date': 'warning',
    'dbf-bad-text': 'warning',
    'dbf-deleted-flag': 'warning',
    'cpg-unknown': 'warning',
    'cpg-ldid-conflict': 'warning',
    'encoding-guessed': 'warning',
    // Access 97 stores text in a Western code page: Chinese values read as garbage
    'mdb-format-jet3': 'warning',
  },
});
