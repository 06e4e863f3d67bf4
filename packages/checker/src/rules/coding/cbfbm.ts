import { validateCBFBM } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { checkCodes, codeMessages, textOf } from './check-codes.js';

/** 承包方编码: FBFBM + 4-digit sequence in the range of its 承包方类型 (农户 0001–8000, 个人 8001–9000, 单位 9001–9999). */
export const rule: Rule = {
  meta: {
    id: 'coding/cbfbm',
    group: 'coding',
    severity: 'error',
    title: { zh: '承包方编码不符合编码规则', en: 'CBFBM breaks the coding rule' },
    messages: codeMessages,
    spec: 'NY/T 2538-2014; NY/T 2539-2016 表B.3 注a',
    basis: 'qc-rules.md INF-D2; official-rules.md §3 (YLT: 承包方编码与承包方类型不匹配 = 错误); peer-catalog U-C03, U-C04',
    basisKind: 'official-qc',
    fixedBy: '村组',
  },
  run(ctx) {
    checkCodes(ctx, [{ table: 'CBF', field: 'CBFBM', with: ['CBFLX'], validate: (v, row) => validateCBFBM(v, textOf(row, 'CBFLX')) }]);
  },
};
