import { editAttribute, editCell, type CatalogInjector } from './catalog.js';

/** Coding rules: a code whose parts contradict the standard's coding scheme (coding-rules.md). */

const cbfbmOutOfRange: CatalogInjector = {
  id: 'cbfbm-sequence-out-of-range',
  family: 'coding',
  rules: ['coding/cbfbm'],
  // an individual has exactly one member (CBFCYSL = 1), the household had more
  alsoReportedBy: ['persons/member-count'],
  title: { zh: '承包方编码顺序号不在其承包方类型的范围内', en: 'CBFBM sequence outside the range of its contractor type' },
  inject(ctx) {
    // a 农户 (sequence 0001–8000) relabelled 个人 (8001–9000): the code now contradicts its type
    return editCell(this, ctx, {
      table: 'CBF',
      field: 'CBFLX',
      accept: (r) => r.CBFLX === '1',
      change: () => '2',
      keys: (r) => ({ CBFBM: String(r.CBFBM) }),
      describe: (r) => `承包方类型改为个人（2），而编码 ${String(r.CBFBM)} 的顺序号属于农户（0001–8000）`,
    });
  },
};

const dkbmWrongLength: CatalogInjector = {
  id: 'dkbm-wrong-length',
  family: 'coding',
  rules: ['coding/dkbm'],
  // JZD/JZX list the plot under its old code; KJZB points now sit on a plot of another code; the region the
  // code names does not exist
  alsoReportedBy: ['topology/jzd-dkbm', 'topology/jzx-dkbm', 'plots/kjzb', 'topology/plot-region'],
  title: { zh: '地块编码长度错误（缺省级代码，17 位）', en: 'DKBM of the wrong length (province digits missing, 17 characters)' },
  inject(ctx) {
    // a collective plot: no contract refers to it, so only the code itself (and JZD/JZX lists naming it) break
    return editAttribute(this, ctx, {
      layer: 'DK',
      field: 'DKBM',
      accept: (a) => a.DKLB !== '10',
      // the province digits dropped: still unique (every plot shares them), and at 17 digits not a FBFBM (14),
      // CBFBM (18) or DKBM (19), so it cannot pass for another record's code
      change: (a) => String(a.DKBM).slice(2),
      keys: (a) => ({ DKBM: String(a.DKBM) }),
      describe: (a) => `地块编码 ${String(a.DKBM)} 去掉了开头的省级两位，成为 17 位`,
    });
  },
};

export const codingInjectors: readonly CatalogInjector[] = [cbfbmOutOfRange, dkbmWrongLength];
