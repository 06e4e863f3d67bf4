import { join } from 'node:path';
import { renderTextReport, writeFileAtomic, type FindingsDocument } from '@nyt2539/checker';
import { acceptanceFacts } from '../model.js';
import { L } from '../text.js';
import type { ReportFormatter } from '../types.js';
import { reportFormatMeta } from './meta.js';

/**
 * The checker's text report of the document, every listed finding (the terminal shows only the first --limit), with
 * the spot-check rate and grade under its header once `sample --results` put them into findings.json.
 */
export const textFormatter: ReportFormatter = {
  ...reportFormatMeta.text,
  async write(model, outDir) {
    const { doc, lang } = model;
    const path = join(outDir, 'report.txt');
    const headerLines = acceptanceFacts(model).map(([k, v]) => `${k}${lang === 'zh' ? '：' : ': '}${v}`);
    const text = renderTextReport(doc as unknown as FindingsDocument, { lang, limit: doc.findings.length, input: doc.package.rootName, headerLines });
    writeFileAtomic(path, doc.masked ? text : `${L.unmasked[lang]}\n${text}`);
    return [path];
  },
};
