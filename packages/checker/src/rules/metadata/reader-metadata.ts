import type { Rule } from '../../engine/types.js';
import { loadIssueMessages, reportLoadIssues } from '../load-issues.js';

/**
 * What the metadata reader met in SL…xml that the value rules cannot see on the parsed elements: an unreadable or
 * malformed file, a wrong root, a missing section, unknown or out-of-order elements, the `layName` spelling.
 */
export const rule: Rule = {
  meta: {
    id: 'metadata/reader-metadata',
    group: 'metadata',
    severity: 'error',
    title: { zh: '元数据文件无法读取或结构不符', en: 'Metadata file unreadable or malformed' },
    messages: loadIssueMessages,
    spec: 'NY/T 2539-2016 §7.4, 附录D',
    basis: "qc-rules.md J-01; the reader's own severity is kept (element order and layName are warnings)",
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
  },
  run: (ctx) => reportLoadIssues(ctx, 'metadata'),
};
