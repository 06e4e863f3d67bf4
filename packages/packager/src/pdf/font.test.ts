import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { LocalizedError } from '@nyt2539/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { CffFace } from './cff-subset.js';
import { locateCjkFont, registerCjkFont } from './font.js';

const dir = mkdtempSync(join(tmpdir(), 'nyt-font-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pdfBytes(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  draw(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('locateCjkFont', () => {
  it('finds the Debian Noto Sans CJK collection and pdfkit embeds it as a subset that poppler reads back', async () => {
    const font = locateCjkFont({});
    expect(font.path).toMatch(/NotoSansCJK-Regular\.ttc$/);
    const bytes = await pdfBytes((doc) => {
      registerCjkFont(doc, 'cjk', font);
      doc.font('cjk').fontSize(14).text('发包方 承包方 地块示意图');
    });
    const path = join(dir, 'font.pdf');
    writeFileSync(path, bytes);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
    // pdffonts columns: name type encoding emb sub uni
    const line = fonts.split('\n').find((l) => l.includes('NotoSansCJK'));
    expect(line).toBeDefined();
    expect(line).toMatch(/^[A-Z]{6}\+NotoSansCJK/); // subset prefix
    expect(line!.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('地块示意图');
  });

  it('draws every glyph exactly as fontkit\'s own subset does, in a fraction of the bytes (poppler rasters compared)', async () => {
    const font = locateCjkFont({});
    // no all-Latin words: fontkit shapes those as Latin script (kerning, other digit glyphs); the face maps by cmap only
    const text = '农村土地承包经营权地块示意图 发包方：安徽省铜陵市郊区黄港镇永溪村一组（34071110120101）证件号码：340711********4438 实测面积合计：13.59 亩 1:2500 四至（东/南/西/北）朱昌信 董泰亮';
    const draw = (face: unknown) => (doc: PDFKit.PDFDocument) => {
      doc.registerFont('cjk', face as string);
      doc.font('cjk').fontSize(18).text(text, 30, 30, { width: 530 });
      doc.fontSize(5).text(text, 30, 400, { width: 530 });
    };
    const probe = new PDFDocument({ autoFirstPage: false });
    registerCjkFont(probe, 'cjk', font);
    probe.font('cjk');
    const face = (probe as unknown as { _font: { font: CffFace } })._font.font;
    expect(face).toBeInstanceOf(CffFace);
    const ours = join(dir, 'ours.pdf');
    const fontkits = join(dir, 'fontkit.pdf');
    writeFileSync(ours, await pdfBytes(draw(face)));
    writeFileSync(fontkits, await pdfBytes(draw(face.font)));
    const raster = (file: string): Buffer => execFileSync('pdftoppm', ['-gray', '-r', '150', '-singlefile', file], { maxBuffer: 64 << 20 });
    expect(raster(ours).equals(raster(fontkits))).toBe(true);
    expect(readFileSync(ours).length).toBeLessThan(readFileSync(fontkits).length / 2);
    expect(execFileSync('pdftotext', [ours, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('北）朱昌信董泰亮');
    const line = execFileSync('pdffonts', [ours], { encoding: 'utf8' }).split('\n').find((l) => l.includes('NotoSansCJK'))!;
    expect(line).toMatch(/^[A-Z]{6}\+NotoSansCJKsc-Regular\s+CID Type 0C\s/);
    expect(line.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
  });

  it('fails with a LocalizedError naming fonts-noto-cjk when the font is missing', () => {
    let error: unknown;
    try {
      locateCjkFont({ NYT2539_CJK_FONT: join(dir, 'missing.ttf') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LocalizedError);
    expect((error as LocalizedError).code).toBe('font-missing');
    expect((error as LocalizedError).localized('zh')).toContain('fonts-noto-cjk');
    expect((error as LocalizedError).localized('en')).toContain('missing.ttf');
  });

  it('accepts a file#face override', () => {
    const path = join(dir, 'x.ttc');
    writeFileSync(path, readFileSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc').subarray(0, 4));
    expect(locateCjkFont({ NYT2539_CJK_FONT: `${path}#Face` })).toEqual({ path, family: 'Face' });
  });
});
