import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { cjkFace, locateCjkFont, registerCjkFont } from './font.js';
import { OnePagePdf } from './page.js';

const dir = mkdtempSync(join(tmpdir(), 'nyt-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The drawing calls the sketch maps make, on either writer (pdfkit's API is a superset of OnePagePdf's). */
type Canvas = Pick<OnePagePdf, 'fillColor' | 'strokeColor' | 'lineWidth' | 'save' | 'restore' | 'rect' | 'clip' | 'circle' | 'polygon' | 'fill' | 'stroke' | 'fillAndStroke' | 'fontSize'> & {
  text(t: string, x: number, y: number, o?: object): unknown;
};

function draw(doc: Canvas): void {
  doc.fillColor('black').fontSize(16).text('农村土地承包经营权地块示意图', 36, 36, { width: 523.28, align: 'center' });
  doc.fontSize(9).text('发包方：永溪村一组（34071110120101）', 36, 70);
  doc.save();
  doc.rect(36, 150, 523.28, 400).clip();
  doc.lineWidth(0.4).fillColor('#eeeeee').strokeColor('#9a9a9a');
  doc.polygon([60.5, 170.25], [200.125, 180], [150, 320.333333]).fill();
  doc.circle(300.1234567, 300.7654321, 0.8).fill('#c00000');
  doc.fillColor('#c00000').fontSize(5).text('J12', 301.5, 294);
  doc.fillColor('black').fontSize(6).text('3407111012010100001', 260, 400, { width: 80, align: 'center' });
  doc.restore();
  doc.lineWidth(0.8).rect(36, 150, 523.28, 400).stroke('#000000');
  doc.rect(46, 560, 30, 3).fillAndStroke('#000000', '#000000');
  doc.fontSize(8).text('制图日期：2016-12-31', 400, 793.89, { width: 159.28, align: 'right' });
}

async function viaPdfkit(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, compress: true, font: null as unknown as string });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  registerCjkFont(doc, 'cjk');
  doc.font('cjk');
  draw(doc as unknown as Canvas);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function viaPage(): Buffer {
  const doc = new OnePagePdf(cjkFace(locateCjkFont()), 595.28, 841.89, { Title: '地块示意图 测试', Producer: 'nyt2539', CreationDate: new Date(Date.UTC(2016, 11, 31)) });
  draw(doc);
  return doc.end();
}

/** The page's content stream, inflated (the first FlateDecode stream without a Subtype is the page's). */
function content(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const re = /<<\n([^]*?)>>\nstream\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const length = Number(/\/Length (\d+)/.exec(m[1]!)![1]);
    const bytes = pdf.subarray(m.index + m[0].length, m.index + m[0].length + length);
    const text = m[1]!.includes('FlateDecode') ? inflateSync(bytes).toString('latin1') : '';
    if (text.includes(' Tf\n')) return text;
  }
  throw new Error('no content stream');
}

describe('OnePagePdf', () => {
  it('draws what pdfkit draws for the same calls: same operators and numbers, same poppler raster', async () => {
    const ours = viaPage();
    const theirs = await viaPdfkit();
    // centred labels may differ below 1e-5 pt (pdfkit sums per-word widths rounded to 1e-6)
    const tokens = (pdf: Buffer): string[] => content(pdf).split(/\s+/);
    const a = tokens(ours), b = tokens(theirs);
    expect(a.length).toBe(b.length);
    a.forEach((t, i) => {
      if (t !== b[i]) expect(Math.abs(Number(t) - Number(b[i])), `${t} vs ${b[i]}`).toBeLessThan(1e-5);
    });
    const files = [join(dir, 'ours.pdf'), join(dir, 'pdfkit.pdf')];
    writeFileSync(files[0]!, ours);
    writeFileSync(files[1]!, theirs);
    const raster = (f: string): Buffer => execFileSync('pdftoppm', ['-r', '100', '-singlefile', f], { maxBuffer: 64 << 20 });
    expect(raster(files[0]!).equals(raster(files[1]!))).toBe(true);
  });

  it('is read back by poppler: embedded CFF subset with a Unicode map, the text, the info; same calls ⇒ same bytes', () => {
    const pdf = viaPage();
    expect(viaPage().equals(pdf)).toBe(true);
    const file = join(dir, 'page.pdf');
    writeFileSync(file, pdf);
    const line = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').find((l) => l.includes('NotoSansCJK'))!;
    expect(line).toMatch(/^[A-Z]{6}\+NotoSansCJKsc-Regular\s+CID Type 0C\s/);
    expect(line.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const t of ['农村土地承包经营权地块示意图', '发包方：永溪村一组（34071110120101）', '3407111012010100001', '制图日期：2016-12-31']) expect(text).toContain(t);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+地块示意图 测试/);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    // a damaged cross-reference table makes poppler print "Syntax Error"/"xref" warnings
    const check = spawnSync('pdftotext', [file, '/dev/null'], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stderr).toBe('');
  });

  it('wraps text to a width: CJK between characters, Latin at spaces, no line starting with closing punctuation', () => {
    const doc = new OnePagePdf(cjkFace(locateCjkFont()), 595.28, 841.89).fontSize(7.5);
    const text = '东至张三家的承包地（水田），面积12.34亩；南至村道/西至李四 Very-long-latinwordwithoutanyspaces end，北至河';
    const lines = doc.wrap(text, 80);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(doc.widthOfString(l), l).toBeLessThanOrEqual(80);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    for (const l of lines.slice(1)) expect(l, l).not.toMatch(/^[，。、；：）]/);
    expect(lines.some((l) => l.includes('12.34'))).toBe(true);
    // a box too small for the text: smaller type first, then the last line kept ends in an ellipsis
    const { size, lines: boxed } = doc.layoutBox(text.repeat(4), 80, 20, 5);
    expect(size).toBe(5);
    expect(boxed.length * doc.lineHeight(5)).toBeLessThanOrEqual(20);
    expect(boxed.at(-1)).toMatch(/…$/);
    expect(doc.fontSize(5).widthOfString(boxed.at(-1)!)).toBeLessThanOrEqual(80);
  });
});
