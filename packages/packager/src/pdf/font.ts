import { existsSync } from 'node:fs';
import { LocalizedError } from '@nyt2539/schema';

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

/** Register the CJK font on a pdfkit document under `name` (pdfkit subsets it on output). */
export function registerCjkFont(doc: PDFKit.PDFDocument, name = 'cjk', font: CjkFont = locateCjkFont()): void {
  if (font.family !== undefined) doc.registerFont(name, font.path, font.family);
  else doc.registerFont(name, font.path);
}
