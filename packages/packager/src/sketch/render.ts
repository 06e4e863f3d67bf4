import { cjkFace, type CjkFont } from '../pdf/font.js';
import { num, OnePagePdf } from '../pdf/page.js';
import type { PackedPolygons, Ring, SketchJob } from './job.js';

/** A4 portrait in points, and the layout boxes of the page. */
export const PAGE = { width: 595.28, height: 841.89, margin: 36 } as const;
export const MAP_BOX = { x: PAGE.margin, y: 150, width: PAGE.width - 2 * PAGE.margin, height: 400 } as const;

/** Scale denominators a sketch map uses: the smallest that fits the plots. */
const SCALES = [200, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000, 200000];
/** Points per metre of paper. */
const PT_PER_M = 72 / 0.0254;

interface MapFrame {
  readonly denominator: number;
  /** ground metres per point */
  readonly mPerPt: number;
  /** ground coordinates of the frame centre */
  readonly cx: number;
  readonly cy: number;
  toPage(x: number, y: number): [number, number];
  /** ground extent the frame shows */
  readonly extent: { minx: number; miny: number; maxx: number; maxy: number };
}

/** Frame the contracted plots: the nice scale at which their extent (plus a margin) fits the map box. */
export function mapFrame(rings: readonly Ring[]): MapFrame {
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  for (const r of rings) for (const [x, y] of r) {
    if (x < minx) minx = x;
    if (x > maxx) maxx = x;
    if (y < miny) miny = y;
    if (y > maxy) maxy = y;
  }
  if (minx === Infinity) (minx = 0), (miny = 0), (maxx = 1), (maxy = 1);
  const w = Math.max(maxx - minx, 1) * 1.15;
  const h = Math.max(maxy - miny, 1) * 1.15;
  const needed = Math.max(w / MAP_BOX.width, h / MAP_BOX.height) * PT_PER_M;
  const denominator = SCALES.find((s) => s >= needed) ?? Math.ceil(needed / 100000) * 100000;
  const mPerPt = denominator / PT_PER_M;
  const cx = (minx + maxx) / 2;
  const cy = (miny + maxy) / 2;
  const px = MAP_BOX.x + MAP_BOX.width / 2;
  const py = MAP_BOX.y + MAP_BOX.height / 2;
  const halfW = (MAP_BOX.width / 2) * mPerPt;
  const halfH = (MAP_BOX.height / 2) * mPerPt;
  return {
    denominator,
    mPerPt,
    cx,
    cy,
    toPage: (x, y) => [px + (x - cx) / mPerPt, py - (y - cy) / mPerPt],
    extent: { minx: cx - halfW, miny: cy - halfH, maxx: cx + halfW, maxy: cy + halfH },
  };
}

interface RenderOptions {
  readonly font: CjkFont;
}

/** Draw one certificate's sketch map as a one-page vector PDF; same job ⇒ same bytes (fixed dates). */
export function renderSketch(job: SketchJob, options: RenderOptions): Promise<Buffer> {
  const fixed = new Date(`${job.date}T00:00:00Z`);
  const doc = new OnePagePdf(cjkFace(options.font), PAGE.width, PAGE.height, {
    Title: `地块示意图 ${job.CBJYQZBM || job.CBFBM}`,
    Author: job.producer,
    Producer: 'nyt2539',
    Creator: 'nyt2539 sketch',
    CreationDate: fixed,
    ModDate: fixed,
  });
  drawPage(doc, job);
  return Promise.resolve(doc.end());
}

/** The header rows: label and value wrapped in a box of the row's height (smaller type, then "…", if long). */
export const HEADER = { top: 70, rowHeight: 16, size: 9, minSize: 5 } as const;
/** The table of plots between the map and the footer. */
export const TABLE = { top: MAP_BOX.y + MAP_BOX.height + 12, bottom: PAGE.height - PAGE.margin - 20 } as const;
/** The footer line (producer left, date right) below the table, down to the bottom margin. */
export const FOOTER = { y: TABLE.bottom + 2, height: PAGE.height - PAGE.margin - TABLE.bottom - 2, size: 8, minSize: 4 } as const;
/** Table columns: heading and width in points (they fill the inner width). */
export const TABLE_COLUMNS: readonly (readonly [string, number])[] = [
  ['地块编码', 118],
  ['地块名称', 62],
  ['实测面积（亩）', 62],
  ['地力等级', 48],
  ['是否基本农田', 52],
  ['四至（东/南/西/北）', 181],
];

function drawPage(doc: OnePagePdf, job: SketchJob): void {
  const { margin, width } = PAGE;
  const inner = width - 2 * margin;
  doc.fillColor('black').fontSize(16).text('农村土地承包经营权地块示意图', margin, margin, { width: inner, align: 'center' });
  const line = (label: string, value: string, x: number, row: number, w: number): void => {
    // a gap of 4 pt keeps a wrapped left value off the right one
    doc.fontSize(HEADER.size).textBox(`${label}：${value}`, x, HEADER.top + row * HEADER.rowHeight, { width: w - 4, height: HEADER.rowHeight, minSize: HEADER.minSize });
  };
  const half = inner / 2;
  line('发包方', `${job.FBFMC}（${job.FBFBM}）`, margin, 0, inner);
  line('承包方', `${job.CBFMC}（${job.CBFBM}）`, margin, 1, half);
  line('证件号码', job.CBFZJHM, margin + half, 1, half);
  line('证书编号', job.CBJYQZBM || '（未颁证）', margin, 2, half);
  line('地块数', `${job.plots.length}`, margin + half, 2, half);
  const totalMu = job.plots.reduce((s, p) => s + (p.SCMJM ?? 0), 0);
  line('实测面积合计', `${totalMu.toFixed(2)} 亩`, margin, 3, half);

  const frame = mapFrame(job.plots.flatMap((p) => p.rings));
  drawMap(doc, job, frame);
  drawTable(doc, job);

  doc.fontSize(FOOTER.size).fillColor('black');
  doc.textBox(`制图单位：${job.producer}`, margin, FOOTER.y, { width: inner * 0.7 - 4, height: FOOTER.height, minSize: FOOTER.minSize });
  doc.textBox(`制图日期：${job.date}`, margin + inner * 0.7, FOOTER.y, { width: inner * 0.3, height: FOOTER.height, minSize: FOOTER.minSize, align: 'right' });
}

/**
 * The rings as content-stream path operators, in one string: pdfkit turns every moveTo/lineTo into its own
 * small buffer; for ~100 neighbouring plots a page, one string per layer is much cheaper.
 */
function ringPath(rings: readonly Ring[], frame: MapFrame, paintOp: string): string {
  let s = '';
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [px, py] = frame.toPage(ring[i]![0], ring[i]![1]);
      s += `${num(px)} ${num(py)} ${i === 0 ? 'm' : 'l'}\n`;
    }
    s += 'h\n';
  }
  return s + paintOp;
}

/** {@link ringPath} of every packed polygon, each painted with `paintOp`. */
function packedPath(p: PackedPolygons, frame: MapFrame, paintOp: string): string {
  const { coords, ringStarts, polyStarts } = p;
  const parts: string[] = [];
  for (let poly = 0; poly + 1 < polyStarts.length; poly++) {
    let s = '';
    for (let r = polyStarts[poly]!; r < polyStarts[poly + 1]!; r++) {
      for (let v = ringStarts[r]!; v < ringStarts[r + 1]!; v++) {
        const [px, py] = frame.toPage(coords[2 * v]!, coords[2 * v + 1]!);
        s += `${num(px)} ${num(py)} ${v === ringStarts[r] ? 'm' : 'l'}\n`;
      }
      s += 'h\n';
    }
    parts.push(s + paintOp);
  }
  return parts.join('\n');
}

/** A rectangle on the page: x, y (top-left, y down), width, height. */
type Box = readonly [number, number, number, number];
const overlaps = (a: Box, b: Box): boolean => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
const inside = (a: Box, b: Box): boolean => a[0] >= b[0] && a[1] >= b[1] && a[0] + a[2] <= b[0] + b[2] && a[1] + a[3] <= b[1] + b[3];

/** Plot label: width of its box, type size, lines kept for the name. */
const PLOT_LABEL = { width: 80, size: 6, nameLines: 2 } as const;

function drawMap(doc: OnePagePdf, job: SketchJob, frame: MapFrame): void {
  const b = MAP_BOX;
  const mapBox: Box = [b.x + 1, b.y + 1, b.width - 2, b.height - 2];
  const arrow = { x: b.x + b.width - 26, y: b.y + 12 };
  const bar = { x: b.x + 10, y: b.y + b.height - 18, ...scaleBar(frame) };
  // labels never cover each other, the north arrow or the scale bar: each is placed only where it is free
  const taken: Box[] = [[arrow.x - 9, arrow.y - 8, 18, 36], [bar.x - 4, bar.y - 10, Math.max(bar.w, 60) + 62, 24]];
  const place = (candidates: readonly Box[]): Box | undefined => {
    const free = candidates.find((c) => inside(c, mapBox) && !taken.some((t) => overlaps(c, t)));
    if (free) taken.push(free);
    return free;
  };
  doc.save();
  doc.rect(b.x, b.y, b.width, b.height).clip();
  // colours set once, then each plot filled and stroked ('B', non-zero rule) as fillAndStroke would
  doc.lineWidth(0.4).fillColor('#eeeeee').strokeColor('#9a9a9a');
  if (job.neighbours.polyStarts.length > 1) doc.add(packedPath(job.neighbours, frame, 'B'));
  doc.lineWidth(1).fillColor('#fff4c2').strokeColor('#000000');
  if (job.plots.length > 0) doc.add(job.plots.map((p) => ringPath(p.rings, frame, 'B')).join('\n'));
  // plot labels first (DKBM, name wrapped, area), at the label point or just beside it; a plot whose label finds
  // no free place is still named in the table
  doc.fillColor('black').fontSize(PLOT_LABEL.size);
  const lh = doc.lineHeight();
  for (const p of job.plots) {
    const [cx, cy] = labelPoint(p.rings, frame);
    const name = p.DKMC ? doc.layoutBox(p.DKMC, PLOT_LABEL.width, PLOT_LABEL.nameLines * lh).lines : [];
    const text = [doc.ellipsis(p.DKBM, PLOT_LABEL.width), ...name, p.SCMJM === null ? '' : `${p.SCMJM.toFixed(2)}亩`].filter(Boolean);
    const w = PLOT_LABEL.width, h = text.length * lh;
    const at: Box = [Math.min(Math.max(cx - w / 2, mapBox[0]), mapBox[0] + mapBox[2] - w), Math.min(Math.max(cy - h / 2, mapBox[1]), mapBox[1] + mapBox[3] - h), w, h];
    const box = place([at, [at[0], at[1] + h, w, h], [at[0], at[1] - h, w, h], [at[0] + w, at[1], w, h], [at[0] - w, at[1], w, h]]);
    if (box) text.forEach((t, i) => doc.text(t, box[0], box[1] + i * lh, { width: w, align: 'center' }));
  }
  // 界址点: a dot each, the number only where it covers no other label
  doc.fontSize(5);
  const plh = doc.lineHeight();
  for (const pt of job.points) {
    const [px, py] = frame.toPage(pt.x, pt.y);
    doc.circle(px, py, 0.8).fill('#c00000');
    if (place([[px + 1.5, py - 6, doc.widthOfString(pt.JZDH), plh]])) doc.fillColor('#c00000').text(pt.JZDH, px + 1.5, py - 6);
  }
  doc.restore();
  doc.lineWidth(0.8).rect(b.x, b.y, b.width, b.height).stroke('#000000');
  drawNorthArrow(doc, arrow.x, arrow.y);
  drawScaleBar(doc, frame, bar.x, bar.y);
}

function labelPoint(rings: readonly Ring[], frame: MapFrame): [number, number] {
  // area-weighted centroid of the outer ring, relative to its first vertex: projected coordinates run to
  // 10^7 m and the cross products would cancel out in absolute terms
  const r = rings[0] ?? [];
  const [ox, oy] = r[0] ?? [frame.cx, frame.cy];
  let a = 0, sx = 0, sy = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const xi = r[i]![0] - ox, yi = r[i]![1] - oy;
    const xj = r[j]![0] - ox, yj = r[j]![1] - oy;
    const f = xj * yi - xi * yj;
    a += f;
    sx += (xi + xj) * f;
    sy += (yi + yj) * f;
  }
  if (Math.abs(a) < 1e-9) return frame.toPage(ox, oy);
  return frame.toPage(ox + sx / (3 * a), oy + sy / (3 * a));
}

function drawNorthArrow(doc: OnePagePdf, x: number, y: number): void {
  doc.save();
  doc.polygon([x, y + 4], [x - 6, y + 26], [x, y + 20]).fill('#000000');
  doc.polygon([x, y + 4], [x + 6, y + 26], [x, y + 20]).lineWidth(0.6).stroke('#000000');
  doc.fillColor('black').fontSize(9).text('北', x - 4.5, y - 8);
  doc.restore();
}

/** The scale bar's ground length: a round number of metres near 60 pt of paper, and its width on the page. */
function scaleBar(frame: MapFrame): { len: number; w: number } {
  const target = 60 * frame.mPerPt;
  let len = 1;
  for (let p = 1; p < 1e7; p *= 10) for (const s of [1, 2, 5]) if (s * p <= target) len = s * p;
  return { len, w: len / frame.mPerPt };
}

/** A bar of a round ground length near 2 cm of paper, with the scale figure (1:2000). */
function drawScaleBar(doc: OnePagePdf, frame: MapFrame, x: number, y: number): void {
  const { len, w } = scaleBar(frame);
  doc.save();
  doc.rect(x - 4, y - 10, Math.max(w, 60) + 62, 24).fill('#ffffff');
  doc.lineWidth(0.8).strokeColor('#000000');
  doc.rect(x, y, w / 2, 3).fillAndStroke('#000000', '#000000');
  doc.rect(x + w / 2, y, w / 2, 3).stroke();
  doc.fillColor('black').fontSize(6);
  doc.text('0', x - 2, y - 8);
  doc.text(`${len} 米`, x + w - 6, y - 8);
  doc.fontSize(8).text(`1:${frame.denominator}`, x + w + 8, y - 2);
  doc.restore();
}

/** Cell padding: text starts this far inside the cell's left edge and keeps as far from the right one. */
const CELL_PAD = 2;
const TABLE_SIZES = [7.5, 7, 6.5, 6, 5.5, 5, 4.5, 4] as const;

/**
 * The plot table: every cell's text wrapped inside its cell, each row as tall as its tallest cell. The largest type
 * at which all rows fit between the map and the footer is used; at the smallest, cells are held to as many lines
 * as fit (the last one ending in "…"), and rows that do not fit even at one line each are summed up in a last row.
 */
function drawTable(doc: OnePagePdf, job: SketchJob): void {
  const { margin } = PAGE;
  const available = TABLE.bottom - TABLE.top;
  const header = TABLE_COLUMNS.map((c) => c[0]);
  const rows = job.plots.map((p) => [p.DKBM, p.DKMC, p.SCMJM === null ? '' : p.SCMJM.toFixed(2), p.DLDJ, p.SFJBNT, p.sizhi.join('/')]);
  const wrapRow = (cells: readonly string[]): string[][] => cells.map((c, i) => doc.wrap(c, TABLE_COLUMNS[i]![1] - 2 * CELL_PAD));
  const height = (lines: number, lh: number): number => Math.max(1, lines) * lh + 3;
  let size: number = TABLE_SIZES[0];
  let cells: string[][][] = [];
  for (size of TABLE_SIZES) {
    doc.fontSize(size);
    cells = [header, ...rows].map(wrapRow);
    const lh = doc.lineHeight();
    if (cells.reduce((s, r) => s + height(Math.max(...r.map((c) => c.length)), lh), 0) <= available) break;
  }
  const lh = doc.lineHeight();
  const lines = (r: readonly string[][]): number => Math.max(1, ...r.map((c) => c.length));
  if (cells.reduce((s, r) => s + height(lines(r), lh), 0) > available) {
    // smallest type and still too tall: the most lines per cell that fits, else rows cut off with a summary row
    const fitRows = Math.floor(available / height(1, lh));
    if (rows.length + 1 > fitRows) {
      const keep = Math.max(0, fitRows - 2);
      cells = [header, ...rows.slice(0, keep)].map(wrapRow);
      cells.push(wrapRow([`另 ${rows.length - keep} 块，见登记簿`, '', '', '', '', '']));
    }
    let cap = 1;
    const total = (c: number): number => cells.reduce((s, r) => s + height(Math.min(lines(r), c), lh), 0);
    while (total(cap + 1) <= available && cap < Math.max(...cells.map(lines))) cap++;
    cells = cells.map((r) =>
      r.map((c, i) => (c.length > cap ? [...c.slice(0, cap - 1), doc.ellipsis(`${c[cap - 1]}…`, TABLE_COLUMNS[i]![1] - 2 * CELL_PAD)] : c)),
    );
  }
  doc.lineWidth(0.4).strokeColor('#000000');
  let y = TABLE.top;
  cells.forEach((r, ri) => {
    const rowH = height(lines(r), lh);
    let x = margin;
    r.forEach((c, i) => {
      const w = TABLE_COLUMNS[i]![1];
      if (ri === 0) doc.rect(x, y, w, rowH).fillAndStroke('#e8e8e8', '#000000');
      else doc.rect(x, y, w, rowH).stroke();
      doc.fillColor('black');
      c.forEach((t, li) => doc.text(t, x + CELL_PAD, y + 1.5 + li * lh));
      x += w;
    });
    y += rowH;
  });
}
