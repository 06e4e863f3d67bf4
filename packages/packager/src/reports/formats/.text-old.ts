import { join } from 'node:path';
import { renderText, writeFileAtomic, type PackageInfo } from '@nyt2539/checker';
import { L } from '../text.js';
import type { ReportFormatter } from '../types.js';

/** The checker's text report, every listed finding (the terminal shows only the first --limit). */
export const textFormatter: ReportFormatter = {
  id: 'text',
  describe: { zh: '文本报告', en: 'text report' },
  files: { zh: ['report.txt'], en: ['report.txt'] },
  async write(model, outDir) {
    const { doc, lang } = model;
    const info: PackageInfo = { ...doc.package, root: '', input: doc.package.rootName, inputKind: '' };
    const summary = { ...doc.summary, passed: doc.passed } as Parameters<typeof renderText>[1];
    // masking twice is a no-op (kept characters stay, stars stay): `mask` here only makes the header say so
    const path = join(outDir, 'report.txt');
    const text = renderText(info, summary, doc.findings, { lang, limit: doc.findings.length, mask: doc.masked });
    writeFileAtomic(path, doc.masked ? text : `${L.unmasked[lang]}\n${text}`);
    return [path];
  },
};
