import { validateIdNumber } from '@nyt2539/schema';
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
    // A row whose sex is written exactly '1' or '2' and whose number (text, nothing around it) carries the same
    // sex digit — the 17th of 18, the 15th of 15 — cannot be reported whatever the number's validity (a valid
    // number then says that sex): settled in SQL, so that only the rest (few) are read and validated in JS.
    const sex = `CAST(t."CYXB" AS TEXT)`;
    const id = `t."CYZJHM"`;
    const digit = (n: number) => `substr(${id}, ${n}, 1)`;
    const agrees = (n: number) => `(${digit(n)} IN ('1', '3', '5', '7', '9')) = (${sex} = '1')`;
    const settled = `(${sex} IN ('1', '2') AND typeof(${id}) = 'text' AND ${id} GLOB '[0-9]*[0-9Xx]' AND (length(${id}) = 18 AND ${agrees(17)} OR length(${id}) = 15 AND ${agrees(15)}))`;
    const sql = `SELECT t._rid, t."CYXB", t."CYZJHM" FROM ${ident(t.name)} t
      WHERE ${live()} AND trim(CAST(t."CYZJLX" AS TEXT)) = ${sqlText(RESIDENT_ID_TYPE)} AND ${filled(col('t', 'CYXB'))} AND ${filled(col('t', 'CYZJHM'))} AND NOT ${settled}`;
    const at = rowLocator(ctx.db, t, 'CYXB');
    eachRawRow(ctx, sql, ([rid, rawSex, rawId]) => {
      const id = String(rawId).trim();
      const valid = validateIdNumber(id);
      if (!valid.ok) return; // persons/id-number reports it
      const want = valid.parts.sex;
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
