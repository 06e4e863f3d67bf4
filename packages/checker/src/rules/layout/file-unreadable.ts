import type { Rule } from '../../engine/types.js';
import { loadIssueMessages, reportLoadIssues } from '../load-issues.js';

/** Files the readers could not open, or found cut short or damaged (load_issues of the 目录与文件 category). */
export const rule: Rule = {
  meta: {
    id: 'layout/file-unreadable',
    group: 'layout',
    severity: 'error',
    title: { zh: '文件无法读取或已损坏', en: 'File unreadable, truncated or corrupt' },
    messages: loadIssueMessages,
    spec: 'NY/T 2539-2016 §7.2–7.3',
    basis: 'qc-rules.md A-06/A-07 (QC tool: CanRead); the reader\'s own severity is kept',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run: (ctx) => reportLoadIssues(ctx, 'layout'),
};
