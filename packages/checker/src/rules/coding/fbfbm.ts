import { validateFBFBM } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { checkCodes, codeMessages } from './check-codes.js';

/** 发包方编码: 14 digits, county 6 + 乡 3 + 村 3 + 组 2, in the package's county. */
export const rule: Rule = {
  meta: {
    id: 'coding/fbfbm',
    group: 'coding',
    severity: 'error',
    title: { zh: '发包方编码不符合编码规则', en: 'FBFBM breaks the coding rule' },
    messages: codeMessages,
    spec: 'NY/T 2538-2014 §5; NY/T 2539-2016 表B.2 注',
    basis: 'qc-rules.md INF-D1, D-02; peer-catalog U-C05',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    checkCodes(ctx, [{ table: 'FBF', field: 'FBFBM', validate: (v) => validateFBFBM(v) }]);
  },
};
