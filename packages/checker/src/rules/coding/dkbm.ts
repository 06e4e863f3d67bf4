import { validateDKBM } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { checkCodes, codeMessages } from './check-codes.js';

/** 地块编码: FBFBM + 5-digit sequence (00001–99999), 19 digits, in the layer and in 承包地块信息. */
export const rule: Rule = {
  meta: {
    id: 'coding/dkbm',
    group: 'coding',
    severity: 'error',
    title: { zh: '地块编码不符合编码规则', en: 'DKBM breaks the coding rule' },
    messages: codeMessages,
    spec: 'NY/T 2538-2014; NY/T 2539-2016 表A.10, 表B.1',
    basis: 'qc-rules.md D-01, INF-D3; peer-catalog U-C01, U-C02 (YLT warns; the official pre-submission check errors)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    cost: 6,
  },
  run(ctx) {
    checkCodes(ctx, [
      { table: 'DK', field: 'DKBM', validate: (v) => validateDKBM(v) },
      { table: 'CBDKXX', field: 'DKBM', validate: (v) => validateDKBM(v) },
    ]);
  },
};
