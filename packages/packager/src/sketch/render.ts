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

function drawPage(doc: OnePagePdf, job: SketchJob): void {
  const { margin, width } = PAGE;
  const inner = width - 2 * margin;
  doc.fillColor('black').fontSize(16).text('农村土地承包经营权地块示意图', margin, margin, { width: inner, align: 'center' });
  doc.fontSize(9);
  const line = (label: string, value: string, x: number, y: number, w: number): void => {
    doc.text(fit(doc, `${label}：${value}`, w), x, y);
  };
  const half = inner / 2;
  line('发包方', `${job.FBFMC}（${job.FBFBM}）`, margin, 70, inner);
  line('承包方', `${job.CBFMC}（${job.CBFBM}）`, margin, 86, half);
  line('证件号码', job.CBFZJHM, margin + half, 86, half);
  line('证书编号', job.CBJYQZBM || '（未颁证）', margin, 102, half);
  line('地块数', `${job.plots.length}`, margin + half, 102, half);
  const totalMu = job.plots.reduce((s, p) => s + (p.SCMJM ?? 0), 0);
  line('实测面积合计', `${totalMu.toFixed(2)} 亩`, margin, 118, half);

  const frame = mapFrame(job.plots.flatMap((p) => p.rings));
  drawMap(doc, job, frame);
  drawTable(doc, job, MAP_BOX.y + MAP_BOX.height + 12);

  doc.fontSize(8).fillColor('black');
  doc.text(fit(doc, `制图单位：${job.producer}`, inner * 0.7), margin, PAGE.height - margin - 12);
  doc.text(`制图日期：${job.date}`, margin + inner * 0.7, PAGE.height - margin - 12, { width: inner * 0.3, align: 'right' });
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

function drawMap(doc: OnePagePdf, job: SketchJob, frame: MapFrame): void {
  const b = MAP_BOX;
  doc.save();
  doc.rect(b.x, b.y, b.width, b.height).clip();
  // colours set once, then each plot filled and stroked ('B', non-zero rule) as fillAndStroke would
  doc.lineWidth(0.4).fillColor('#eeeeee').strokeColor('#9a9a9a');
  if (job.neighbours.polyStarts.length > 1) doc.add(packedPath(job.neighbours, frame, 'B'));
  doc.lineWidth(1).fillColor('#fff4c2').strokeColor('#000000');
  if (job.plots.length > 0) doc.add(job.plots.map((p) => ringPath(p.rings, frame, 'B')).join('\n'));
  // 界址点: a dot each, the number only where it does not crowd another label
  const placed: [number, number][] = [];
  doc.fontSize(5);
  for (const pt of job.points) {
    const [px, py] = frame.toPage(pt.x, pt.y);
    doc.circle(px, py, 0.8).fill('#c00000');
    if (placed.some(([qx, qy]) => Math.abs(qx - px) < 14 && Math.abs(qy - py) < 7)) continue;
    placed.push([px, py]);
    doc.fillColor('#c00000').text(pt.JZDH, px + 1.5, py - 6);
  }
  for (const p of job.plots) {
    const [cx, cy] = labelPoint(p.rings, frame);
    doc.fillColor('black').fontSize(6);
    const text = [p.DKBM, p.DKMC, p.SCMJM === null ? '' : `${p.SCMJM.toFixed(2)}亩`].filter(Boolean);
    text.forEach((t, i) => doc.text(t, cx - 40, cy - 9 + i * 7, { width: 80, align: 'center' }));
  }
  doc.restore();
  doc.lineWidth(0.8).rect(b.x, b.y, b.width, b.height).stroke('#000000');
  drawNorthArrow(doc, b.x + b.width - 26, b.y + 12);
  drawScaleBar(doc, frame, b.x + 10, b.y + b.height - 18);
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

/** Text cut to a width with an ellipsis (pdfkit's own ellipsis needs line breaking, which would wrap the cell). */
function fit(doc: OnePagePdf, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let s = text;
  while (s.length > 0 && doc.widthOfString(`${s}…`) > width) s = s.slice(0, -1);
  return `${s}…`;
}

function drawNorthArrow(doc: OnePagePdf, x: number, y: number): void {
  doc.save();
  doc.polygon([x, y + 4], [x - 6, y + 26], [x, y + 20]).fill('#000000');
  doc.polygon([x, y + 4], [x + 6, y + 26], [x, y + 20]).lineWidth(0.6).stroke('#000000');
  doc.fillColor('black').fontSize(9).text('北', x - 4.5, y - 8);
  doc.restore();
}

/** A bar of a round ground length near 2 cm of paper, with the scale figure (1:2000). */
function drawScaleBar(doc: OnePagePdf, frame: MapFrame, x: number, y: number): void {
  const target = 60 * frame.mPerPt;
  const steps = [1, 2, 5];
  let len = 1;
  for (let p = 1; p < 1e7; p *= 10) for (const s of steps) if (s * p <= target) len = s * p;
  const w = len / frame.mPerPt;
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

function drawTable(doc: OnePagePdf, job: SketchJob, top: number): void {
  const { margin } = PAGE;
  const cols: [string, number][] = [
    ['地块编码', 118],
    ['地块名称', 62],
    ['实测面积（亩）', 62],
    ['地力等级', 48],
    ['是否基本农田', 52],
    ['四至（东/南/西/北）', 181],
  ];
  const bottom = PAGE.height - margin - 20;
  const rowsFit = Math.max(1, job.plots.length + 1);
  const rowH = Math.min(14, (bottom - top) / rowsFit);
  const size = Math.max(4, Math.min(7.5, rowH - 4));
  doc.fontSize(size).lineWidth(0.4).strokeColor('#000000');
  const row = (cells: string[], y: number, header: boolean): void => {
    let x = margin;
    cells.forEach((c, i) => {
      const w = cols[i]![1];
      if (header) doc.rect(x, y, w, rowH).fillAndStroke('#e8e8e8', '#000000');
      else doc.rect(x, y, w, rowH).stroke();
      doc.fillColor('black').text(fit(doc, c, w - 4), x + 2, y + (rowH - size) / 2 - 0.5);
      x += w;
    });
  };
  row(cols.map((c) => c[0]), top, true);
  job.plots.forEach((p, i) => {
    row([p.DKBM, p.DKMC, p.SCMJM === null ? '' : p.SCMJM.toFixed(2), p.DLDJ, p.SFJBNT, p.sizhi.join('/')], top + (i + 1) * rowH, false);
  });
}
