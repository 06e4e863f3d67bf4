import { join } from 'node:path';
import { writeJsonAtomic, type FindingsDocument } from '@nyt2539/checker';
import type { ReportFormatter } from '../types.js';

/** findings.json itself: the document every other format is rendered from. */
export const jsonFormatter: ReportFormatter = {
  id: 'json',
  describe: { zh: '问题清单（JSON，机器可读）', en: 'findings (JSON, machine-readable)' },
  files: { zh: ['findings.json'], en: ['findings.json'] },
  async write(model, outDir) {
    const path = join(outDir, 'findings.json');
    writeJsonAtomic(path, model.doc as unknown as FindingsDocument);
    return [path];
  },
};
