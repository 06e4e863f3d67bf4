import type { Rule } from '../../engine/types.js';
import { loadIssueMessages, reportLoadIssues } from '../load-issues.js';

/** Headers that disagree with themselves or with their companions (load_issues of the 数据结构 category). */
export const rule: Rule = {
  meta: {
    id: 'structure/reader-structure',
    group: 'structure',
    severity: 'error',
    title: { zh: '文件结构与文件头不一致', en: 'File structure disagrees with its header' },
    messages: loadIssueMessages,
    spec: 'NY/T 2539-2016 §7.2; ESRI Shapefile Technical Description',
    basis: 'qc-rules.md A-07, B-02 (QC tool: HasZM, DataCount); the reader\'s own severity is kept',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run: (ctx) => reportLoadIssues(ctx, 'structure'),
};
