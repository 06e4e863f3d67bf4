import type { Rule } from '../../engine/types.js';
import { loadIssueMessages, reportLoadIssues } from '../load-issues.js';

/** Values the readers could not decode as their field declares (load_issues of the 属性值域与格式 category). */
export const rule: Rule = {
  meta: {
    id: 'values/reader-value',
    group: 'values',
    severity: 'error',
    title: { zh: '字段值无法按声明类型或编码读取', en: 'Value unreadable as its declared type or encoding' },
    messages: loadIssueMessages,
    spec: 'NY/T 2539-2016 §5.3, Annex A/B',
    basis: 'qc-rules.md B-02, C (values); the reader\'s own severity is kept (an undeclared but recognised encoding is a warning)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run: (ctx) => reportLoadIssues(ctx, 'values'),
};
