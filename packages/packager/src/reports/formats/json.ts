import { join } from 'node:path';
import { writeJsonAtomic, type FindingsDocument } from '@nyt2539/checker';
import type { ReportFormatter } from '../types.js';
import { reportFormatMeta } from './meta.js';

/** findings.json itself: the document every other format is rendered from. */
export const jsonFormatter: ReportFormatter = {
  ...reportFormatMeta.json,
  async write(model, outDir) {
    const path = join(outDir, 'findings.json');
    writeJsonAtomic(path, model.doc as unknown as FindingsDocument);
    return [path];
  },
};
