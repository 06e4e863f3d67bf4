import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateCjkFont } from '../pdf/font.js';
import { packPolygons, type SketchJob, type SketchPlot } from './job.js';
import { FOOTER, HEADER, MAP_BOX, PAGE, renderSketch, TABLE, TABLE_COLUMNS } from './render.js';

const dir = mkdtempSync(join(tmpdir(), 'nyt-wrap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Word {
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The words of a PDF with their boxes as poppler reads them (`pdftotext -bbox`, points, y down). */
function words(pdf: Buffer, name: string): Word[] {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    text: unescape(m[5]!),
  }));
}

const long = (head: string, n: number): string => `${head}${'长地名测试'.repeat(n)}`;
const E = 39_500_000, N = 3_500_000;

function plot(i: number, col: number, row: number, size: number, sizhi: string): SketchPlot {
  const x = E + col * size * 1.5, y = N + row * size * 1.5;
  return {
    DKBM: `34071110120101${String(i).padStart(5, '0')}`,
    DKMC: long(`第${i}块地名`, 8),
    SCMJM: 1.234 + i,
    DLDJ: '三等地',
    SFJBNT: i % 2 ? '是' : '否',
    sizhi: [`东至${sizhi}`, `南至${sizhi}`, `西至${sizhi}`, `北至${sizhi}`],
    rings: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
  };
}

function job(plots: SketchPlot[]): SketchJob {
  return {
    path: '图件/34071110120101/DKSYT1.pdf',
    FBFMC: long('永溪村一组', 30),
    FBFBM: '34071110120101',
    CBFMC: long('张', 30),
    CBFZJHM: '340711********1234',
    CBJYQZBM: '340711101201010001J',
    CBFBM: '340711101201010001',
    plots,
    neighbours: packPolygons([]),
    points: plots.flatMap((p, i) => p.rings[0]!.slice(0, 4).map(([x, y], k) => ({ x, y, JZDH: `J${i * 4 + k + 1}` }))),
    producer: long('某某测绘地理信息有限公司', 12),
    date: '2016-12-31',
  };
}

const EPS = 0.05;
const within = (w: Word, x0: number, y0: number, x1: number, y1: number): boolean => w.x0 >= x0 - EPS && w.y0 >= y0 - EPS && w.x1 <= x1 + EPS && w.y1 <= y1 + EPS;

/** Every word inside the page margins and inside the box of the part of the page it belongs to; no two overlap. */
function checkLayout(ws: readonly Word[]): void {
  const { margin, width, height } = PAGE;
  const inner = width - 2 * margin;
  for (const w of ws) {
    expect(within(w, margin, margin, width - margin, height - margin), `${w.text} outside the margins`).toBe(true);
    const mid = (w.y0 + w.y1) / 2;
    if (mid > HEADER.top && mid < HEADER.top + 4 * HEADER.rowHeight) {
      const row = Math.floor((mid - HEADER.top) / HEADER.rowHeight);
      const y0 = HEADER.top + row * HEADER.rowHeight;
      const halves = row === 0 ? [[margin, margin + inner]] : [[margin, margin + inner / 2], [margin + inner / 2, margin + inner]];
      expect(halves.some(([a, b]) => within(w, a!, y0, b!, y0 + HEADER.rowHeight)), `header word ${w.text} leaves its box`).toBe(true);
    } else if (mid > MAP_BOX.y && mid < MAP_BOX.y + MAP_BOX.height) {
      expect(within(w, MAP_BOX.x, MAP_BOX.y, MAP_BOX.x + MAP_BOX.width, MAP_BOX.y + MAP_BOX.height), `map label ${w.text} leaves the map`).toBe(true);
    } else if (mid > TABLE.top && mid < TABLE.bottom) {
      let x = margin;
      const cells = TABLE_COLUMNS.map(([, cw]) => [x, (x += cw)] as const);
      expect(cells.some(([a, b]) => within(w, a, TABLE.top, b, TABLE.bottom)), `table word ${w.text} leaves its cell`).toBe(true);
    } else if (mid > FOOTER.y) {
      expect(within(w, margin, FOOTER.y, width - margin, FOOTER.y + FOOTER.height), `footer word ${w.text}`).toBe(true);
    } else expect(w.y1, `${w.text} between the parts of the page`).toBeLessThanOrEqual(HEADER.top + EPS);
  }
  for (let i = 0; i < ws.length; i++) {
    for (let j = i + 1; j < ws.length; j++) {
      const a = ws[i]!, b = ws[j]!;
      const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > EPS && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > EPS;
      expect(overlap, `${a.text} overlaps ${b.text}`).toBe(false);
    }
  }
}

/** The words of one table column, in reading order, joined. */
function column(ws: readonly Word[], index: number): string {
  const x0 = PAGE.margin + TABLE_COLUMNS.slice(0, index).reduce((s, c) => s + c[1], 0);
  const x1 = x0 + TABLE_COLUMNS[index]![1];
  return ws
    .filter((w) => w.y0 > TABLE.top && w.y1 < TABLE.bottom + EPS && w.x0 >= x0 - EPS && w.x1 <= x1 + EPS)
    .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)
    .map((w) => w.text)
    .join('');
}

describe('sketch map text in its boxes (poppler word boxes)', () => {
  const font = locateCjkFont();

  it('wraps long 四至, names and producer inside their boxes, keeps all of the 四至, overlaps nothing', async () => {
    const sizhi = long('邻户王五家承包的水田', 6);
    const plots = [plot(1, 0, 0, 60, sizhi), plot(2, 1, 0, 60, sizhi)];
    const ws = words(await renderSketch(job(plots), { font }), 'two');
    checkLayout(ws);
    // the 四至 wrap onto several lines and none of their text is lost
    const expected = ['四至（东/南/西/北）', ...plots.map((p) => p.sizhi.join('/'))].join('');
    expect(column(ws, 5)).toBe(expected);
    expect(column(ws, 0)).toBe(`地块编码${plots.map((p) => p.DKBM).join('')}`);
    const text = ws.map((w) => w.text).join('');
    expect(text).toContain('制图单位：某某测绘');
    expect(text).toContain('制图日期：2016-12-31');
    for (const p of plots) expect(text).toContain(p.DKBM);
  });

  it('with more plots than the table can hold, still keeps every word in its box and says how many are left out', async () => {
    const plots = Array.from({ length: 40 }, (_, i) => plot(i + 1, i % 8, Math.floor(i / 8), 30, long('邻户', 10)));
    const ws = words(await renderSketch(job(plots), { font }), 'forty');
    checkLayout(ws);
    const text = ws.map((w) => w.text).join('');
    expect(text).toMatch(/另\d+块，见登记簿/);
    const shown = column(ws, 0).match(/\d{19}/g)!;
    expect(shown.length + Number(/另(\d+)块/.exec(text)![1])).toBe(40);
  });
});
