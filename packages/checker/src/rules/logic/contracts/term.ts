import { LONG_TERM_END } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRawRow, rowLocator, tableWith, value } from '../../support/rows.js';
import { ident, live, sqlText } from '../../support/sql.js';
import { sqlDate, sqlInOrder } from './dates.js';

/** `YYYY年M月D日` dates in a 承包期限 text. */
const TEXT_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;

function textDates(text: string): string[] {
  return [...text.matchAll(TEXT_DATE)].map((m) => `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`);
}

/**
 * The contract term: start before end (in CBHT and in the register), and the register's 承包期限 text names the
 * same dates (`YYYY年MM月DD日至YYYY年MM月DD日`); a 长久不变 term (CBQXZ = 9999-01-01) is written 长久 in the text.
 */
export const rule: Rule = {
  meta: {
    id: 'contracts/term',
    group: 'logic',
    severity: 'error',
    title: { zh: '承包期限错误', en: 'Contract term inconsistent' },
    messages: {
      order: { zh: '{table} 承包期限起 {start} 不早于承包期限止 {end}', en: '{table}: term start {start} is not before term end {end}' },
      text: { zh: '{table}.CBQX “{actual}” 与承包期限起止日期 {start} 至 {end} 不符', en: '{table}.CBQX "{actual}" does not match the term dates {start} to {end}' },
    },
    spec: 'NY/T 2539-2016 表B.5, 表B.8 注a',
    basis: 'qc-rules.md C-05, INF-C2 (vendors rebuilt CBQX "为了通过质检"); peer-catalog U-D03, U-D13',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    for (const name of ['CBHT', 'CBJYQZDJB']) {
      const t = tableWith(ctx.db, name, 'CBQXQ', 'CBQXZ');
      if (!t) continue;
      const withText = t.present.has('CBQX');
      const start = sqlDate('t."CBQXQ"');
      const end = sqlDate('t."CBQXZ"');
      // Plain dates in order (then sqlDate is their first ten characters) with a text that is absent or names exactly
      // those dates, `YYYY年MM月DD日至YYYY年MM月DD日` (or, for a 长久 term, starts with the start date and says 长久),
      // pass whatever JS would read from them: settled in SQL, so that only the rest (few) are read; a row is
      // located only when it is reported.
      const q = 't."CBQX"';
      const written = (d: string) => `substr(${d}, 1, 4) || '年' || substr(${d}, 6, 2) || '月' || substr(${d}, 9, 2) || '日'`;
      const [from, to] = ['t."CBQXQ"', 't."CBQXZ"'];
      const textAgrees = `${q} IS NULL OR typeof(${q}) = 'text' AND (${q} = ${written(from)} || '至' || ${written(to)}
        OR substr(${to}, 1, 10) = ${sqlText(LONG_TERM_END)} AND substr(${q}, 1, 11) = ${written(from)} AND instr(${q}, '长久') > 0)`;
      const settled = `${sqlInOrder(to, from, true)}${withText ? ` AND (${textAgrees})` : ''}`;
      const sql = `SELECT t._rid, ${start} AS "_s", ${end} AS "_e"${withText ? `, ${q} AS "_q"` : ''} FROM ${ident(t.name)} t
        WHERE ${live()} AND NOT (${settled}) AND ${start} IS NOT NULL AND ${end} IS NOT NULL`;
      const termAt = rowLocator(ctx.db, t, 'CBQXQ');
      const textAt = rowLocator(ctx.db, t, 'CBQX');
      eachRawRow(ctx, sql, ([rid, rawStart, rawEnd, rawText]) => {
        const s = String(rawStart);
        const e = String(rawEnd);
        if (s >= e) {
          ctx.report({
            messageId: 'order',
            ...termAt(rid),
            actual: s,
            expected: e,
            data: { start: s, end: e },
            trust: {
              zh: `起日 ${s} 与止日 ${e} 中至少一个录错（或两者颠倒）：按承包合同原件改正错的一方，不要把一方改成另一方的日期`,
              en: `at least one of start ${s} and end ${e} is wrong (or they are swapped): correct the wrong one from the signed contract; do not copy one date over the other`,
            },
          });
          return;
        }
        if (!withText || rawText === null || String(rawText).trim() === '') return;
        const q = String(rawText);
        const dates = textDates(q);
        const perpetual = e === LONG_TERM_END;
        const ok = perpetual ? dates[0] === s && (q.includes('长久') || dates[1] === e) : dates.length === 2 && dates[0] === s && dates[1] === e;
        if (!ok) ctx.report({ messageId: 'text', ...textAt(rid), actual: value(q), data: { start: s, end: e } });
      });
    }
  },
};
