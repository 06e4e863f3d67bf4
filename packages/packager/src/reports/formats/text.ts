import { join } from 'node:path';
import { textReportLines, type FindingsDocument } from '@nyt2539/checker';
import { writeChunksAtomic } from '@nyt2539/schema';
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
    // rendered from the document as it is (masked or not when it was made), a line at a time: a county's report is ~36 MB
    const lines = textReportLines(doc as unknown as FindingsDocument, { lang, limit: doc.findings.length, input: doc.package.rootName, headerLines });
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
