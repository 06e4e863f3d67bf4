import { editCell, type CatalogInjector } from './catalog.js';

/** References between tables: a code that points at no record. */

const danglingAttachment: CatalogInjector = {
  id: 'attachment-contract-dangling',
  family: 'references',
  rules: ['references/foreign-key'],
  title: { zh: '权属来源资料附件指向不存在的权证', en: 'source-document attachment points to a non-existent certificate' },
  inject(ctx) {
    // the contract scan (…1), so no identity document goes missing with it
    return editCell(this, ctx, {
      table: 'QSLYZLFJ',
      field: 'CBJYQZBM',
      accept: (r) => String(r.ZLFJBH).endsWith('1'),
      change: (r) => `${String(r.CBJYQZBM).slice(0, 14)}7999J`,
      keys: (r) => ({ CBJYQZBM: String(r.CBJYQZBM), ZLFJBH: String(r.ZLFJBH) }),
      describe: () => 'QSLYZLFJ.CBJYQZBM 改为不存在的权证编码（顺序号 7999）',
    });
  },
};

export const referenceInjectors: readonly CatalogInjector[] = [danglingAttachment];
