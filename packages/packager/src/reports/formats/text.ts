import { join } from 'node:path';
import { textReportLines, writeChunksAtomic, type FindingsDocument } from '@nyt2539/checker';
import { L } from '../text.js';
import type { ReportFormatter } from '../types.js';

/** The checker's text report, every listed finding (the terminal shows only the first --limit). */
export const textFormatter: ReportFormatter = {
  id: 'text',
  describe: { zh: '文本报告', en: 'text report' },
  files: { zh: ['report.txt'], en: ['report.txt'] },
  async write(model, outDir) {
    const { doc, lang } = model;
    const path = join(outDir, 'report.txt');
    // rendered from the document as it is (masked or not when it was made), a line at a time: a county's report is ~36 MB
    const lines = textReportLines(doc as unknown as FindingsDocument, { lang, limit: doc.findings.length, input: doc.package.rootName });
    writeChunksAtomic(path, withLineEnds(doc.masked ? lines : prepend(L.unmasked[lang], lines)));
    return [path];
  },
};

function* prepend(first: string, rest: Iterable<string>): Generator<string> {
  yield first;
  yield* rest;
}

function* withLineEnds(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
