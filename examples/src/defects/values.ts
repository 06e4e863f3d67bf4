import { editAttribute, editCell, type CatalogInjector } from './catalog.js';

/** Code domains, required fields and spaces in text: one cell of a clean record made wrong. */

const codeOutsideList: CatalogInjector = {
  id: 'code-outside-list',
  family: 'code-domains',
  rules: ['values/code-domain'],
  title: { zh: '土地用途代码不在代码表中', en: 'land-use code (TDYT) not in its code list' },
  inject(ctx) {
    return editAttribute(this, ctx, {
      layer: 'DK',
      field: 'TDYT',
      accept: () => true,
      change: () => '7',
      keys: (a) => ({ DKBM: String(a.DKBM) }),
      describe: (a) => `DK.TDYT 由 ${String(a.TDYT)} 改为代码表中没有的 7`,
    });
  },
};

const requiredEmpty: CatalogInjector = {
  id: 'required-field-empty',
  family: 'required-fields',
  rules: ['values/required'],
  title: { zh: '必填字段为空（承包方地址）', en: 'mandatory field empty (contractor address CBFDZ)' },
  inject(ctx) {
    return editCell(this, ctx, {
      table: 'CBF',
      field: 'CBFDZ',
      accept: () => true,
      change: () => '',
      keys: (r) => ({ CBFBM: String(r.CBFBM) }),
      describe: () => '承包方地址 CBFDZ 为空',
    });
  },
};

const textWithSpace: CatalogInjector = {
  id: 'text-with-space',
  family: 'whitespace',
  rules: ['values/whitespace'],
  title: { zh: '文本首尾含空格（半角前导、全角尾随）', en: 'text with a leading half-width or trailing full-width space' },
  inject(ctx) {
    let n = 0;
    return editCell(this, ctx, {
      table: 'FBF',
      field: 'FBFDZ',
      count: 2,
      accept: () => true,
      change: (r) => (n++ % 2 === 0 ? ` ${String(r.FBFDZ)}` : `${String(r.FBFDZ)}\u3000`),
      keys: (r) => ({ FBFBM: String(r.FBFBM) }),
      describe: () => '发包方地址 FBFDZ 首或尾加了空格',
    });
  },
};

export const valueInjectors: readonly CatalogInjector[] = [codeOutsideList, requiredEmpty, textWithSpace];

/**
 * Defects at a given density for benchmarks and report tests: a share of all plots get a TDYT outside its code
 * list (one finding each, values/code-domain). Every edit is recorded in ground truth like any other defect.
 */
export function denseCodeDefects(ctx: Parameters<CatalogInjector['inject']>[0], density: number): ReturnType<CatalogInjector['inject']> {
  const store = ctx.model.layers.get('DK');
  if (!store || density <= 0) return [];
  const count = Math.round(Math.min(1, density) * store.length);
  if (count === 0) return [];
  return editAttribute({ id: 'dense-code-outside-list', family: 'code-domains' }, ctx, {
    layer: 'DK',
    field: 'TDYT',
    count,
    accept: () => true,
    change: () => '7',
    keys: (a) => ({ DKBM: String(a.DKBM) }),
    describe: (a) => `DK.TDYT 由 ${String(a.TDYT)} 改为代码表中没有的 7（按缺陷密度注入）`,
  });
}
