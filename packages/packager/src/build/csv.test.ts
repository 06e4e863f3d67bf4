import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvError, readCsv, type CsvRecord } from './csv.js';
import { tempDir } from '../mdb/test-support.js';

const tmp = tempDir('csv');
afterAll(() => tmp.remove());

async function parse(content: string | Buffer): Promise<CsvRecord[]> {
  const path = tmp.path('x.csv');
  writeFileSync(path, content);
  const out: CsvRecord[] = [];
  for await (const r of readCsv(path)) out.push(r);
  return out;
}

describe('readCsv', () => {
  it('reads RFC 4180: BOM, CRLF, quoted commas, doubled quotes, line breaks in cells; empty cell is null', async () => {
    const recs = await parse('\uFEFFA,B,C\r\n1,"x, ""y""",\r\n"多\n行",,""\r\n\r\nlast,2,3');
    expect(recs).toEqual([
      { line: 1, cells: ['A', 'B', 'C'] },
      { line: 2, cells: ['1', 'x, "y"', null] },
      { line: 3, cells: ['多\n行', null, ''] },
      { line: 6, cells: ['last', '2', '3'] },
    ]);
  });

  it('reports invalid UTF-8 and broken quoting with the line', async () => {
    const gbk = Buffer.concat([Buffer.from('A,B\n1,'), Buffer.from([0xb3, 0xd0, 0xb0, 0xfc]), Buffer.from('\n')]);
    await expect(parse(gbk)).rejects.toMatchObject({ reason: 'encoding', line: 2 });
    await expect(parse('A,B\n1,"open\n')).rejects.toBeInstanceOf(CsvError);
    await expect(parse('A,B\n1,x"y"\n')).rejects.toMatchObject({ reason: 'quote', line: 2 });
  });
});
