import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { LocalizedError } from '@nyt2539/schema';
import { CffFace, type FontkitFont } from './cff-subset.js';
import type { PdfFace } from './page.js';

/**
 * The CJK font every PDF the toolchain writes (sketch maps, dossiers) embeds: Noto Sans CJK SC from
 * Debian's fonts-noto-cjk. One locator so every writer finds the same file and fails with the same message.
 * pdfkit embeds only the glyphs a document uses (a subset), so a sketch map stays a few tens of kilobytes.
 */
export interface CjkFont {
  /** path of the .ttc / .otf / .ttf */
  readonly path: string;
  /** face inside a collection (`registerFont(name, path, family)`); undefined for a single-face file */
  readonly family?: string;
}

/** Where fonts-noto-cjk installs the collection (Debian/Ubuntu), and the face we use from it. */
export const NOTO_CJK_CANDIDATES: readonly CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

/**
 * The CJK font to embed: `NYT2539_CJK_FONT` (a .ttf/.otf, or `<path>#<face>` for a collection) when set,
 * else the first installed Noto Sans CJK. Throws a LocalizedError naming the package to install.
 */
export function locateCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont {
  const override = env.NYT2539_CJK_FONT?.trim();
  if (override) {
    const hash = override.lastIndexOf('#');
    const font: CjkFont = hash > 0 ? { path: override.slice(0, hash), family: override.slice(hash + 1) } : { path: override };
    if (!existsSync(font.path)) throw fontMissing([font.path]);
    return font;
  }
  const found = NOTO_CJK_CANDIDATES.find((c) => existsSync(c.path));
  if (!found) throw fontMissing(NOTO_CJK_CANDIDATES.map((c) => c.path));
  return found;
}

function fontMissing(paths: readonly string[]): LocalizedError {
  const list = paths.join(', ');
  return new LocalizedError(
    {
      zh: `找不到中文字体（${list}）：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或用环境变量 NYT2539_CJK_FONT 指定字体文件`,
      en: `no CJK font found (${list}): install fonts-noto-cjk (apt-get install fonts-noto-cjk) or point NYT2539_CJK_FONT at a font file`,
    },
    { code: 'font-missing', file: paths[0] },
  );
}

/**
 * Parsed fonts shared by every document of this thread, by path and face. Parsing the 20 MB collection (CFF
 * tables, GSUB) costs more than drawing a page. A CID-keyed CFF font (Noto Sans CJK) is wrapped in a
 * {@link CffFace}, which caches each glyph's desubroutinized charstring and assembles every document's subset
 * from them; other fonts (an NYT2539_CJK_FONT .ttf) go to pdfkit as the parsed fontkit font.
 */
const parsed = new Map<string, unknown>();

function parsedFont(font: CjkFont): unknown {
  const key = `${font.path}#${font.family ?? ''}`;
  let f = parsed.get(key);
  if (f === undefined) {
    // pdfkit's own fontkit parses it (the packager does not depend on fontkit directly)
    const probe = new PDFDocument({ autoFirstPage: false });
    if (font.family !== undefined) probe.registerFont('cjk', readFileSync(font.path) as unknown as string, font.family);
    else probe.registerFont('cjk', readFileSync(font.path) as unknown as string);
    probe.font('cjk');
    const fontkitFont = (probe as unknown as { _font: { font: FontkitFont } })._font.font;
    const cff = fontkitFont['CFF '];
    f = cff && cff.version === 1 && cff.isCIDFont ? new CffFace(fontkitFont) : fontkitFont;
    parsed.set(key, f);
  }
  return f;
}

/** The thread's parsed CJK face, for the one-page writer (page.ts). */
export function cjkFace(font: CjkFont = locateCjkFont()): PdfFace {
  return parsedFont(font) as PdfFace;
}

/** Register the CJK font on a pdfkit document under `name` (embedded as a subset of the glyphs drawn). */
export function registerCjkFont(doc: PDFKit.PDFDocument, name = 'cjk', font: CjkFont = locateCjkFont()): void {
  doc.registerFont(name, parsedFont(font) as string);
}
