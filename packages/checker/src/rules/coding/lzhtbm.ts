import { validateLZHTBM } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { checkCodes, codeMessages } from './check-codes.js';

/** 流转合同编码: FBFBM + 4-digit sequence, 18 digits. */
export const rule: Rule = {
  meta: {
    id: 'coding/lzhtbm',
    group: 'coding',
    severity: 'error',
    title: { zh: '流转合同编码不符合编码规则', en: 'LZHTBM breaks the coding rule' },
    messages: codeMessages,
    spec: 'NY/T 2539-2016 表B.1 注c, 表B.6',
    basis: 'qc-rules.md INF-D4; peer-catalog U-C14',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    checkCodes(ctx, [{ table: 'LZHT', field: 'LZHTBM', validate: (v) => validateLZHTBM(v) }]);
  },
};
