import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { getTable } from '@nyt2539/schema';
import { tempDir } from '../mdb/test-support.js';
import { readCsvTable } from './csv-table.js';
import type { BuildIssue } from './ingest.js';
import { excelMangled } from './values.js';

const tmp = tempDir('csv-table');
afterAll(() => tmp.remove());

async function read(content: string | Buffer): Promise<{ encoding: string; rows: { row: number; values: Record<string, string | null> }[]; issues: [BuildIssue, string][] }> {
  const path = tmp.path('T.csv');
  writeFileSync(path, content);
  const issues: [BuildIssue, string][] = [];
  const r = readCsvTable(path, 'T.csv', { table: 'CBF', onIssue: (i, kind) => issues.push([i, kind]) });
  const rows = [];
  for await (const x of r.rows) rows.push(x);
  return { encoding: r.encoding.encoding, rows, issues };
}

describe('readCsvTable', () => {
  it('detects GBK, reads on past a record with the wrong cell count, and reports each located', async () => {
    const r = await read(iconv.encode('A,B,A\n张三,1,x\n李四\n王五,2,y\n', 'gbk'));
    expect(r.encoding).toBe('GBK');
    expect(r.rows).toEqual([
      { row: 2, values: { A: '张三', B: '1' } },
      { row: 4, values: { A: '王五', B: '2' } },
    ]);
    expect(r.issues.map(([i, k]) => [i.row, i.field, k])).toEqual([
      [1, 'A', 'header-repeated'],
      [3, undefined, 'cells'],
    ]);
  });

  it('a malformed record ends the file with one located error; the records before it are read', async () => {
    const r = await read('A,B\n1,2\n3,x"y"\n5,6\n');
    expect(r.encoding).toBe('UTF-8');
    expect(r.rows.map((x) => x.row)).toEqual([2]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]![0]).toMatchObject({ severity: 'error', file: 'T.csv', table: 'CBF', row: 3 });
    expect(r.issues[0]![0].message.zh).toMatch(/CSV 格式错误（引号位置不符合 CSV/);
  });
});

describe('excelMangled', () => {
  const field = (table: string, code: string) => getTable(table)!.fields.find((f) => f.code === code)!;

  it('names what Excel did to a code, an ID number or a postcode', () => {
    expect(excelMangled(field('CBF', 'CBFZJHM'), '3.40711E+17')?.zh).toMatch(/科学计数法/);
    expect(excelMangled(field('CBF', 'CBFZJHM'), '110101199003077000')?.zh).toMatch(/15 位有效数字/);
    expect(excelMangled(field('CBF_JTCY', 'YHZGX'), '2')?.zh).toMatch(/应为“02”/);
    expect(excelMangled(field('CBF', 'YZBM'), '10010')?.zh).toMatch(/应为“010010”/);
  });

  it('is silent on correct values (no false alarm)', () => {
    expect(excelMangled(field('CBF', 'CBFZJHM'), '340711199003077000')).toBeUndefined(); // ends in 000 but its check digit holds
    expect(excelMangled(field('CBF', 'CBFZJHM'), '110101199003077578')).toBeUndefined();
    expect(excelMangled(field('CBF_JTCY', 'YHZGX'), '02')).toBeUndefined();
    expect(excelMangled(field('CBF', 'YZBM'), '100010')).toBeUndefined();
    expect(excelMangled(field('CBF', 'CBFMC'), '2E组')).toBeUndefined();
    expect(excelMangled(field('CBF', 'CBFCYSL'), '3E+2')).toBeUndefined(); // not a text field
  });
});
