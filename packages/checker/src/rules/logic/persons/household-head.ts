import { formatMessage, validateIdNumber, type Localized } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, rowLocator, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';
import { HEAD_RELATIONS, HOUSEHOLD_TYPE, sqlList } from './id-types.js';

/** Which side to keep. ID numbers never go into these texts (only the masked actual/expected carry them). */
const trust = {
  memberIdWrong: {
    zh: '承包方表的 CBFZJHM 是有效的身份证号码，户主成员记录的证件号码不是：以承包方表为准，改正成员表中户主的 CYZJHM',
    en: 'CBF.CBFZJHM is a valid ID number and the head\'s member record is not: keep CBF and correct the head\'s CYZJHM',
  },
  cbfIdWrong: {
    zh: '户主成员记录的证件号码是有效的身份证号码，承包方表的 CBFZJHM 不是：以成员表为准，改正 CBFZJHM',
    en: 'the head\'s member record holds a valid ID number and CBF.CBFZJHM does not: keep the member record and correct CBFZJHM',
  },
  idUnknown: {
    zh: '两处应为同一人（户主）的证件号码，数据无法判断哪一方有误：核对户口簿与身份证，改正有误的一方',
    en: 'both should be the head\'s ID number and the data cannot tell which is wrong: check the household register and ID card, and correct the wrong side',
  },
  nameUnknown: {
    zh: '两处应为同一人（户主）的姓名，数据无法判断哪一方有误：核对户口簿，改正有误的一方（若户主另有其人，改正成员的与户主关系）',
    en: 'both should be the head\'s name and the data cannot tell which is wrong: check the household register and correct the wrong side (or the members\' relations if the head is someone else)',
  },
  nameSameId: {
    zh: '证件号码一致，说明是同一人：核对户口簿，改正写错的姓名',
    en: 'the ID numbers agree, so this is one person: check the household register and correct the misspelt name',
  },
  likelyHead: {
    zh: '成员 {name}（与户主关系 {relation}）的姓名和证件号码与承包方代表一致，应是户主：核实后将其与户主关系改为 {codes}',
    en: 'member {name} (relation {relation}) has the contractor\'s name and ID number and is likely the head: verify and set the relation to {codes}',
  },
  noHeadUnknown: {
    zh: '成员中没有与承包方代表姓名、证件号码都一致的人：核对户口簿，标明户主',
    en: 'no member has both the contractor\'s name and ID number: check the household register and mark the head',
  },
} satisfies Record<string, Localized>;

const validId = (v: string): boolean => v !== '' && validateIdNumber(v).ok;

/**
 * A 农户 has exactly one 户主 (与户主关系 本人/户主), and the 承包方 is that person: CBFMC = the head's CYXM and
 * CBFZJHM = the head's CYZJHM. Households without members are persons/member-count's. Each disagreement names
 * both sides and which to keep: an ID number that is a valid 公民身份号码 against one that is not decides it (the
 * finding then sits on the wrong side's record); otherwise the data cannot tell and the finding says so.
 */
export const rule: Rule = {
  meta: {
    id: 'persons/household-head',
    group: 'logic',
    severity: 'error',
    title: { zh: '户主不唯一或与承包方不符', en: 'Household head missing, repeated or not the contractor' },
    messages: {
      noHead: { zh: '农户 {cbfbm} 的家庭成员中没有户主（与户主关系 {codes}）', en: 'household {cbfbm} has no head among its members (relation {codes})' },
      manyHeads: { zh: '农户 {cbfbm} 有 {actual} 名户主，应只有 1 名', en: 'household {cbfbm} has {actual} heads; it must have exactly one' },
      name: { zh: '{table}.CBFMC 为 {actual}，但户主姓名为 {expected}', en: '{table}.CBFMC is {actual} but the head of household is {expected}' },
      id: { zh: '{table}.CBFZJHM 为 {actual}，但户主证件号码为 {expected}', en: '{table}.CBFZJHM is {actual} but the head\'s ID number is {expected}' },
      memberId: { zh: '农户 {cbfbm} 的户主证件号码 {table}.CYZJHM 为 {actual}，但承包方表 CBFZJHM 为 {expected}', en: 'household {cbfbm}: the head\'s {table}.CYZJHM is {actual} but CBF.CBFZJHM is {expected}' },
    },
    spec: 'NY/T 2539-2016 表B.3, 表B.4; GB/T 4761',
    basis: 'qc-rules.md E-06, INF-E3; official-rules.md §3; peer-catalog U-L04, U-L08',
    basisKind: 'official-qc',
    fixedBy: '村组',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBF', 'CBFBM', 'CBFLX');
    const m = tableWith(ctx.db, 'CBF_JTCY', 'CBFBM', 'YHZGX');
    if (!t || !m || HEAD_RELATIONS.length === 0) return;
    const isHead = `trim(CAST(m."YHZGX" AS TEXT)) IN (${sqlList(HEAD_RELATIONS)})`;
    const has = (f: string) => m.present.has(f);
    const mc = t.present.has('CBFMC') ? 't."CBFMC"' : 'NULL';
    const zj = t.present.has('CBFZJHM') ? 't."CBFZJHM"' : 'NULL';
    // One head whose name and number are absent or the same text as the contractor's is nothing to report,
    // whatever JS would make of them: settled in SQL, so that only the rest (few) are read.
    const same = (head: string, own: string) => `(${head} IS NULL OR typeof(${head}) = 'text' AND typeof(${own}) = 'text' AND ${head} = ${own})`;
    const agrees = [
      'coalesce(h.n, 0) = 1',
      ...(has('CYXM') && t.present.has('CBFMC') ? [same('h.name', mc)] : []),
      ...(has('CYZJHM') && t.present.has('CBFZJHM') ? [same('h.id', zj)] : []),
    ].join(' AND ');
    // each household's members and heads in one GROUP BY (values of the heads only: NULL for the others)
    const ofHead = (v: string) => `CASE WHEN ${isHead} THEN ${v} END`;
    const sql = `WITH h AS (
        SELECT m."CBFBM" AS cbfbm, sum(${isHead}) AS n, min(${has('CYXM') ? ofHead('m."CYXM"') : 'NULL'}) AS name, min(${has('CYZJHM') ? ofHead('m."CYZJHM"') : 'NULL'}) AS id, min(${ofHead('m._rid')}) AS rid
        FROM "CBF_JTCY" m WHERE ${live('m')} GROUP BY m."CBFBM")
      SELECT ${refColumns(t)}, t."CBFBM" AS "_cbf", ${mc} AS "_mc", ${zj} AS "_zj",
        coalesce(h.n, 0) AS "_heads", h.name AS "_name", h.id AS "_id", h.rid AS "_hrid"
      FROM ${ident(t.name)} t JOIN h ON h.cbfbm = t."CBFBM"
      WHERE ${live()} AND trim(CAST(t."CBFLX" AS TEXT)) = ? AND NOT (${agrees}) ORDER BY t._rid`;
    const headAt = has('CYZJHM') ? rowLocator(ctx.db, m, 'CYZJHM') : undefined;
    const candidates =
      has('CYXM') && has('CYZJHM') && t.present.has('CBFMC') && t.present.has('CBFZJHM')
        ? ctx.db.prepare(`SELECT m."CYXM" AS name, m."YHZGX" AS relation FROM "CBF_JTCY" m WHERE ${live('m')} AND m."CBFBM" = ?
            AND trim(CAST(m."CYXM" AS TEXT)) = ? AND upper(trim(CAST(m."CYZJHM" AS TEXT))) = ? ORDER BY m._rid`)
        : undefined;
    const fill = (tpl: Localized, data: Record<string, unknown> = {}): Localized => ({ zh: formatMessage(tpl.zh, data), en: formatMessage(tpl.en, data) });
    const trim = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
    eachRow(ctx, sql, [HOUSEHOLD_TYPE], (row) => {
      const cbfbm = String(row._cbf).trim();
      const heads = Number(row._heads);
      const codes = HEAD_RELATIONS.join('/');
      if (heads === 0) {
        const likely = candidates?.all(row._cbf, trim(row._mc), trim(row._zj).toUpperCase()) as { name: unknown; relation: unknown }[] | undefined;
        const advice = likely && likely.length === 1 ? fill(trust.likelyHead, { name: trim(likely[0]!.name), relation: trim(likely[0]!.relation), codes }) : fill(trust.noHeadUnknown);
        ctx.report({ messageId: 'noHead', ...refOf(t, row, 'CBFBM'), data: { cbfbm, codes }, trust: advice });
        return;
      }
      if (heads > 1) {
        ctx.report({ messageId: 'manyHeads', ...refOf(t, row, 'CBFBM'), actual: heads, data: { cbfbm } });
        return;
      }
      const sameId = trim(row._id) !== '' && trim(row._zj).toUpperCase() === trim(row._id).toUpperCase();
      if (has('CYXM') && t.present.has('CBFMC') && trim(row._name) !== '' && trim(row._mc) !== trim(row._name)) {
        ctx.report({ messageId: 'name', ...refOf(t, row, 'CBFMC'), actual: value(row._mc), expected: trim(row._name), trust: sameId ? trust.nameSameId : trust.nameUnknown });
      }
      if (has('CYZJHM') && t.present.has('CBFZJHM') && trim(row._id) !== '' && !sameId) {
        const cbfOk = validId(trim(row._zj));
        const memberOk = validId(trim(row._id));
        if (cbfOk && !memberOk && headAt) {
          ctx.report({ messageId: 'memberId', ...headAt(row._hrid), actual: value(row._id), expected: trim(row._zj), data: { cbfbm }, trust: trust.memberIdWrong });
          return;
        }
        ctx.report({ messageId: 'id', ...refOf(t, row, 'CBFZJHM'), actual: value(row._zj), expected: trim(row._id), trust: memberOk && !cbfOk ? trust.cbfIdWrong : trust.idUnknown });
      }
    });
  },
};
