/**
 * Fix guidance of the cross-table rules (issue 12 item 4, beyond contracts/total-area, mu-conversion,
 * register-agrees and persons/household-head): where two records (or two fields) disagree, the finding's `trust`
 * gives both values and says which side to keep and when the other side is the one to correct, so "应为 <the other
 * side's value>" is never the whole advice. Each case changes one value of the clean package.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../engine/types.js';
import { runOnStore } from '../testing/rule-tester.js';
import { cleanRows, toStore, type Rows } from '../testing/test-package.js';
import { rule as acquisitionWay } from './contracts/acquisition-way.js';
import { rule as dateChain } from './contracts/date-chain.js';
import { rule as plotCount } from './contracts/plot-count.js';
import { rule as term } from './contracts/term.js';
import { rule as memberCount } from './persons/member-count.js';
import { rule as sexId } from './persons/sex-id.js';
import { rule as contractedType } from './plots/contracted-type.js';
import { rule as prefix } from './references/prefix.js';

const cases: { rule: Rule; change: (r: Rows) => void; keep: RegExp; other: RegExp }[] = [
  { rule: sexId, change: (r) => (r.CBF_JTCY![1]!.CYXB = '1'), keep: /以身份证为准改 CYXB/, other: /改号码而不改 CYXB/ },
  { rule: term, change: (r) => (r.CBHT![0]!.CBQXQ = '2028-01-01'), keep: /按承包合同原件改正错的一方/, other: /不要把一方改成另一方的日期/ },
  { rule: memberCount, change: (r) => (r.CBF![0]!.CBFCYSL = 3), keep: /成员表齐全则将 CBFCYSL 改为 2/, other: /改成员表而不改 CBFCYSL/ },
  { rule: plotCount, change: (r) => (r.CBHT![0]!.CBDKZS = 3), keep: /地块信息齐全则将 CBDKZS 改为 2/, other: /改地块信息而不改 CBDKZS/ },
  { rule: dateChain, change: (r) => (r.CBJYQZDJB![0]!.DJSJ = '2016-01-01'), keep: /改正错的一方/, other: /不要把一方改成另一方的日期/ },
  { rule: acquisitionWay, change: (r) => (r.CBDKXX![0]!.CBJYQQDFS = '120'), keep: /通常以合同为准改地块的 CBJYQQDFS/, other: /若合同的 CBFS 本身填错.*改合同/ },
  { rule: contractedType, change: (r) => (r.DK![0]!.DKLB = '21'), keep: /将地块图层的 DKLB 改为 10/, other: /删去它的承包地块信息；不要改 DKBM/ },
  { rule: prefix, change: (r) => (r.CBDKXX![0]!.FBFBM = '22058110020102'), keep: /两个编码至少一个有误/, other: /改正错的一方/ },
];

describe('cross-table findings give both sides and the side to keep', () => {
  for (const c of cases) {
    it(c.rule.meta.id, () => {
      const rows = cleanRows();
      expect(runOnStore(toStore(rows), [c.rule])).toEqual([]);
      c.change(rows);
      const found = runOnStore(toStore(rows), [c.rule]);
      expect(found.length).toBeGreaterThan(0);
      for (const f of found) {
        expect(f.trust, JSON.stringify(f)).toBeDefined();
        // both values are named
        expect(f.trust!.zh).toContain(String(f.actual));
        expect(f.trust!.zh).toContain(String(f.expected));
        expect(f.trust!.zh).toMatch(c.keep);
        expect(f.trust!.zh).toMatch(c.other);
        expect(f.trust!.en.length).toBeGreaterThan(40);
      }
    });
  }
});
