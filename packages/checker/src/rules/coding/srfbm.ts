import { validateSRFBM } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { checkCodes, codeMessages } from './check-codes.js';

/** 受让方编码 follows the 承包方编码 rule. */
export const rule: Rule = {
  meta: {
    id: 'coding/srfbm',
    group: 'coding',
    severity: 'error',
    title: { zh: '受让方编码不符合编码规则', en: 'SRFBM breaks the coding rule' },
    messages: codeMessages,
    spec: 'NY/T 2539-2016 表B.6 注b',
    basis: 'coding-rules.md (SRFBM as CBFBM)',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    checkCodes(ctx, [{ table: 'LZHT', field: 'SRFBM', validate: (v) => validateSRFBM(v) }]);
  },
};
