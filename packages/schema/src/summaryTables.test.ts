import { describe, expect, it } from 'vitest';
import { codeName, getCodeTable } from './codes.js';
import { padUnitCode, summaryTables, unitCodePrefix, unitCodeTable, unitLevelOf, type SheetLayout, type SummaryFilter } from './summaryTables.js';

/** Decode an A1 reference into 0-based row/column. */
function cell(ref: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const c = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { r: Number(m[2]) - 1, c };
}

/** Text shown at (r, c): the cell itself or the top-left cell of the merge covering it. */
function shownText(layout: SheetLayout, r: number, c: number): string | undefined {
  for (const m of layout.merges) {
    const [a, b] = m.split(':').map(cell);
    if (r >= a.r && r <= b.r && c >= a.c && c <= b.c) {
      r = a.r;
      c = a.c;
      break;
    }
  }
  return layout.cells.find((x) => {
    const p = cell(x.ref);
    return p.r === r && p.c === c;
  })?.text;
}

/** The Annex C table each filtered field's 值域 points to (Annex A.10 DK, B.2 CBF, B.8 CBJYQZDJB). */
const fieldCodeTable: Record<string, string> = { DKLB: 'C.7', TDYT: 'C.9', SFJBNT: 'C.19', CBFLX: 'C.16', CBFS: 'C.10' };

describe('summaryTables', () => {
  it('has six tables with unique ids, titles and column keys', () => {
    expect(summaryTables).toHaveLength(6);
    expect(new Set(summaryTables.map((t) => t.id)).size).toBe(6);
    expect(new Set(summaryTables.map((t) => t.title)).size).toBe(6);
    const dataKeys = summaryTables.flatMap((t) => t.columns.slice(2).map((c) => c.key));
    expect(new Set(dataKeys).size).toBe(dataKeys.length);
  });

  for (const t of summaryTables) {
    describe(t.title, () => {
      it('title and unit text are where the layout puts them; the title spans every column', () => {
        expect(shownText(t.layout, 0, 0)).toBe(t.title);
        expect(t.layout.cells.filter((c) => c.text === t.unitText && cell(c.ref).r === 1)).toHaveLength(1);
        const titleMerge = t.layout.merges.find((m) => m.startsWith('A1:'))!;
        expect(cell(titleMerge.split(':')[1]).c).toBe(t.columns.length - 1);
      });

      it('column headers read off the layout (top header / sub-header)', () => {
        const top = 2; // every header starts on row 3
        t.columns.forEach((col, i) => {
          const parts = [shownText(t.layout, top, i)];
          if (t.layout.headerRow > top) {
            const sub = shownText(t.layout, t.layout.headerRow, i);
            if (sub !== parts[0]) parts.push(sub);
          }
          expect(parts.join('/')).toBe(col.header);
        });
        expect(t.layout.headerRow).toBe(t.layout.dataStartRow - 1);
        expect(t.columns[0].kind).toBe('code');
        expect(t.columns[1].kind).toBe('name');
      });

      it('measures use code values that exist, and totals name columns of the same table', () => {
        const keys = new Set(t.columns.map((c) => c.key));
        for (const col of t.columns.slice(2)) {
          const m = col.measure!;
          expect(m).toBeDefined();
          if (m.op === 'total') {
            for (const k of m.of) expect(keys.has(k), `${col.key} → ${k}`).toBe(true);
            continue;
          }
          for (const f of (m.where ?? []) as SummaryFilter[]) {
            if (f.kind === 'exists') continue;
            const table = fieldCodeTable[f.field];
            expect(table, f.field).toBeDefined();
            for (const v of f.values) expect(codeName(table, v), `${f.field}=${v}`).toBeDefined();
          }
        }
      });
    });
  }

  it('category columns are headed by the code names of C.7 and C.9', () => {
    for (const t of summaryTables.filter((x) => x.id === 'byLandUse' || x.id === 'byNonContractedCategory')) {
      for (const col of t.columns) {
        const m = col.measure;
        if (!m || m.op !== 'sumMu') continue;
        const f = m.where!.find((w) => w.kind === 'in' && (w.field === 'TDYT' || w.field === 'DKLB') && !w.values.includes('10'));
        if (!f || f.kind !== 'in') continue;
        const name = codeName(fieldCodeTable[f.field], f.values[0])!;
        // 表C.9 says 非农业用途, the template header says 非农用途面积
        expect(col.header.replace('非农用途面积', '非农业用途')).toContain(name);
      }
    }
    expect(getCodeTable('C.7')!.codes.map((c) => c.code)).toEqual(['10', '21', '22', '23', '99']);
  });

  it('权属单位代码表 layout', () => {
    expect(unitCodeTable.layout.cells.map((c) => c.text)).toEqual(['权属单位代码', '权属单位名称']);
    expect(unitCodeTable.layout.dataStartRow).toBe(1);
  });
});

describe('unit codes', () => {
  it('reads padded codes by trailing zeros and keeps un-padded ones', () => {
    expect(unitCodePrefix('22058100000000')).toBe('220581');
    expect(unitCodePrefix('22058110000000')).toBe('220581100');
    expect(unitCodePrefix('22058110000700')).toBe('220581100007');
    expect(unitCodePrefix('22058110000701')).toBe('22058110000701');
    expect(unitCodePrefix('220581100')).toBe('220581100');
    expect(unitCodePrefix('2205811')).toBeUndefined();
    expect(unitCodePrefix('22058A')).toBeUndefined();
    expect(unitLevelOf('220581100007')).toBe('village');
    expect(padUnitCode('220581')).toBe('22058100000000');
  });
});
