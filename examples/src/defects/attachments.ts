import { claim, untouched, type CatalogInjector } from './catalog.js';
import { sample } from './edit.js';

/** Attachment files: a sketch map filed under another name (path in the data finds nothing; the file is unreferenced). */

const misfiled: CatalogInjector = {
  id: 'sketch-map-misfiled',
  family: 'attachments',
  rules: ['attachments/path-missing'],
  alsoReportedBy: ['attachments/unreferenced'],
  title: { zh: '地块示意图以错误文件名归档（数据中路径无文件，文件无引用）', en: 'sketch map filed under a wrong name (path in the data finds no file; the file is unreferenced)' },
  inject(ctx) {
    const files = ctx.model.files;
    const contract = (f: { text: string }) => ({ CBJYQZBM: f.text.replace(/^DKSYT /, '') });
    return sample(files, ctx.rng, 1, (f) => f.kind === 'pdf' && f.path.startsWith('图件') && untouched(ctx, contract(f))).map(({ index, record }) => {
      claim(ctx, contract(record));
      const path = record.path.replace(/\.pdf$/, '_1.pdf');
      files.edits.set(index, { ...record, path });
      return {
        id: this.id,
        family: this.family,
        kind: 'file-missing',
        file: record.path.split('\\').join('/'),
        keys: { CBJYQZBM: record.text.replace(/^DKSYT /, '') },
        before: record.path,
        after: path,
        description: `示意图 ${record.path} 被存为 ${path}`,
      };
    });
  },
};

export const attachmentInjectors: readonly CatalogInjector[] = [misfiled];
