import { getCodeTable } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';

/** 地块类别 承包地块 (表C.7). */
const CONTRACTED = getCodeTable('C.7')?.codes.find((c) => c.name === '承包地块')?.code ?? '10';

/** A plot with 承包地块信息 is a 承包地块 in the DK layer (the reverse is references/orphans'). */
export const rule: Rule = {
  meta: {
    id: 'plots/contracted-type',
    group: 'logic',
    severity: 'error',
    title: { zh: '承包地块信息对应的地块不是承包地块', en: 'Plot in CBDKXX is not a contracted plot in DK' },
    messages: {
      notContracted: { zh: '{table}.DKBM {actual} 有承包地块信息，但地块图层中地块类别 DKLB 为 {expected}，应为 {want}', en: '{table}.DKBM {actual} has contract data but DK.DKLB is {expected}; it should be {want}' },
    },
    spec: 'NY/T 2539-2016 表A.10, 表B.1, 表C.7',
    basis: 'peer-catalog §4 item 6; qc-rules.md INF-E1',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBDKXX', 'DKBM');
    const d = tableWith(ctx.db, 'DK', 'DKBM', 'DKLB');
    if (!t || !d) return;
    const sql = `SELECT ${refColumns(t)}, t."DKBM" AS "_v", d."DKLB" AS "_lb" FROM ${ident(t.name)} t JOIN "DK" d ON d."DKBM" = t."DKBM" AND ${live('d')}
      WHERE ${live()} AND trim(CAST(d."DKLB" AS TEXT)) <> ? AND trim(CAST(d."DKLB" AS TEXT)) <> '' ORDER BY t._rid`;
    eachRow(ctx, sql, [CONTRACTED], (row) =>
      ctx.report({
        messageId: 'notContracted',
        ...refOf(t, row, 'DKBM'),
        actual: value(row._v),
        expected: value(row._lb),
        data: { want: CONTRACTED },
        trust: {
          zh: `地块 ${row._v} 在 CBDKXX 中有承包信息，而地块图层的 DKLB 为 ${row._lb}：若该地块确为承包地，将地块图层的 DKLB 改为 ${CONTRACTED}；若不是承包地，删去它的承包地块信息；不要改 DKBM`,
          en: `plot ${row._v} has contract data in CBDKXX while the DK layer's DKLB is ${row._lb}: if it is a contracted plot, set DK.DKLB to ${CONTRACTED}; if not, remove its CBDKXX record; do not change DKBM`,
        },
      }),
    );
  },
};
