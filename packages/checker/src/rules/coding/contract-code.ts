import { validateCBHTBM, validateCBJYQZBM } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { checkCodes, codeMessages, textOf } from './check-codes.js';

/** 承包合同编码 / 承包经营权证编码: CBFBM + J (家庭承包, CBFS 110) or Q (其他方式), the letter agreeing with CBFS. */
export const rule: Rule = {
  meta: {
    id: 'coding/contract-code',
    group: 'coding',
    severity: 'error',
    title: { zh: '合同或权证编码不符合编码规则', en: 'CBHTBM/CBJYQZBM breaks the coding rule' },
    messages: codeMessages,
    spec: 'NY/T 2538-2014; NY/T 2539-2016 表B.5 注, 表B.8 注',
    basis: 'qc-rules.md D-03, INF-D4',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    checkCodes(ctx, [
      { table: 'CBHT', field: 'CBHTBM', with: ['CBFS'], validate: (v, row) => validateCBHTBM(v, textOf(row, 'CBFS')) },
      { table: 'CBJYQZDJB', field: 'CBJYQZBM', with: ['CBFS'], validate: (v, row) => validateCBJYQZBM(v, textOf(row, 'CBFS')) },
    ]);
  },
};
