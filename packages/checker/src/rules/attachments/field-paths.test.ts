import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fieldPaths, singlePathSql, slashed } from './field-paths.js';

const root = '340711郊区';

/** Values as packages write them, good and odd: separators, lists, spaces of every kind, dots in folders, the root. */
const values = [
  '其他资料\\权属来源附件\\340711101201010001J1.pdf', '其他资料/权属来源附件/340711101201010001J2.jpg', '图件\\34071110120101\\DKSYT340711101201010001J.pdf',
  'a.pdf', 'a', 'A/B/C.PDF', '\\a.pdf', 'a.pdf\\', '/a.pdf', 'a//b.pdf', 'a\\\\b.pdf', 'a/\\b.pdf', 'a\\/b.pdf', 'a.pdf/b.pdf', 'a.pdf\\b.jpg',
  'x.y/b.pdf', 'dir.d/a', ' a.pdf', 'a.pdf ', 'a /b.pdf', 'a/ b.pdf', 'a\u3000/b.pdf', 'a/b.pdf\u00a0', '\ufeffa.pdf', 'a\tb.pdf', 'a b.pdf',
  `${root}/图件/a.pdf`, `${root}\\图件\\a.pdf`, `${root}x/a.pdf`, `${root}`, '图件/（一）.pdf', 'é/a.pdf', '..', '.', 'a/./b.pdf', 'a/../b.pdf',
  'a.pdf/', '图件/34071110120101/DKSYT340711101201010001J.pdf/图件/34071110120101/DKSYT340711101201010002J.pdf', '',
];

describe('singlePathSql', () => {
  it('holds only for values that fieldPaths reads as that one path, with its separators made /', () => {
    const db = new Database(':memory:');
    const settled: string[] = [];
    for (const v of values) {
      const row = db.prepare(`SELECT ${singlePathSql('v', root)} AS single, ${slashed('v')} AS path FROM (SELECT ? AS v)`).get(v) as { single: number; path: string };
      if (row.single !== 1) continue;
      settled.push(v);
      expect([v, fieldPaths(v, root)]).toEqual([v, [row.path]]);
    }
    // the common forms are settled in SQL
    expect(settled).toEqual(expect.arrayContaining(values.slice(0, 3)));
  });

  it('without a root name, a value starting with any folder may be settled', () => {
    const db = new Database(':memory:');
    expect(db.prepare(`SELECT ${singlePathSql('v', '')} FROM (SELECT ? AS v)`).pluck().get(`${root}/图件/a.pdf`)).toBe(1);
    expect(fieldPaths(`${root}/图件/a.pdf`, '')).toEqual([`${root}/图件/a.pdf`]);
  });
});
