import { sexFromId, validateIdNumber } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRawRow, rowLocator, tableWith, value } from '../../support/rows.js';
import { col, filled, ident, live, sqlText } from '../../support/sql.js';
import { RESIDENT_ID_TYPE } from './id-types.js';

/** 成员性别 agrees with the sex digit of a valid 居民身份证 number (17th digit odd = 男 1, even = 女 2). */
export const rule: Rule = {
  meta: {
    id: 'persons/sex-id',
    group: 'logic',
    severity: 'error',
    title: { zh: '性别与身份证号码不符', en: 'Sex disagrees with the ID number' },
    messages: {
      mismatch: { zh: '{table}.CYXB 为 {actual}，但身份证号码 {id} 表示性别 {expected}', en: '{table}.CYXB is {actual} but ID number {id} says sex {expected}' },
    },
    spec: 'GB 11643-1999 §5; GB/T 2261.1; NY/T 2539-2016 表B.4',
    basis: 'qc-rules.md E-07 (vendors fixed it "为了通过质检"); peer-catalog U-L07',
    basisKind: 'standard',
    fixedBy: '村组',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBF_JTCY', 'CYXB', 'CYZJLX', 'CYZJHM');
    if (!t) return;
    // values only, as paged arrays; a row is located only when it is reported
    const sql = `SELECT t._rid, t."CYXB", t."CYZJHM" FROM ${ident(t.name)} t
      WHERE ${live()} AND trim(CAST(t."CYZJLX" AS TEXT)) = ${sqlText(RESIDENT_ID_TYPE)} AND ${filled(col('t', 'CYXB'))} AND ${filled(col('t', 'CYZJHM'))}`;
    const at = rowLocator(ctx.db, t, 'CYXB');
    eachRawRow(ctx, sql, ([rid, rawSex, rawId]) => {
      const id = String(rawId).trim();
      if (!validateIdNumber(id).ok) return; // persons/id-number reports it
      const want = sexFromId(id);
      const sex = String(rawSex).trim();
      if (want && (sex === '1' || sex === '2') && sex !== want) {
        ctx.report({
          messageId: 'mismatch',
          ...at(rid),
          actual: value(sex),
          expected: want,
          data: { id },
          trust: {
            zh: `身份证号码 ${id} 校验通过，其第 17 位表示性别 ${want}，CYXB 填的是 ${sex}：通常以身份证为准改 CYXB；若号码本身录错了人（核对身份证原件），改号码而不改 CYXB`,
            en: `ID number ${id} passes its check and its 17th digit says sex ${want}; CYXB holds ${sex}: usually keep the ID and correct CYXB; if the number itself belongs to someone else (check the ID card), correct the number, not CYXB`,
          },
        });
      }
    });
  },
};
