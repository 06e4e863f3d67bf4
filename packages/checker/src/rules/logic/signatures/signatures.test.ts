import { describe, expect, it } from 'vitest';
import { brief, runOnStore } from '../../testing/rule-tester.js';
import { cleanRows, toStore } from '../../testing/test-package.js';
import { rule as placeholder } from './placeholder.js';

describe('signature rules', () => {
  it('pass on real names', () => {
    expect(brief(runOnStore(toStore(cleanRows()), [placeholder]))).toEqual([]);
  });

  it('signatures/placeholder: an institution, a filler and digits; a repeated-character name is a name', () => {
    const rows = cleanRows();
    rows.CBF[0].GSSHR = '农业农村局';
    rows.CBF[1].GSJSR = '无';
    rows.CBJYQZDJB[0].DBR = '000';
    rows.CBJYQZDJB[1].DBR = '龙龙龙';
    const f = brief(runOnStore(toStore(rows), [placeholder]));
    expect(f.map((x) => [x.table, x.record, x.field])).toEqual([
      ['CBF', 1, 'GSSHR'],
      ['CBF', 2, 'GSJSR'],
      ['CBJYQZDJB', 1, 'DBR'],
    ]);
  });
});
