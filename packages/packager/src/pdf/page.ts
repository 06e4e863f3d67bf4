import { deflateSync } from 'node:zlib';

/**
 * A one-page vector PDF written directly: for the sketch maps, of which a county needs ~150k, each a fixed layout
 * of paths and single-line labels in one CJK font.
 *
 * Why not pdfkit for these: after the font subset was made cheap (cff-subset.ts), pdfkit's per-document work was
 * most of what remained — its object graph, a Uint8Array per content line, the line wrapper run for every label,
 * and a layout per width measurement. This writer emits the same content-stream operators pdfkit emits for the
 * calls below (same numbers, same text positioning, same font objects), so a page renders as before, and writes
 * the ten objects of a one-page document itself. Labels that may be longer than their box are wrapped here
 * ({@link OnePagePdf.wrap}, {@link OnePagePdf.textBox}); multi-page documents (dossiers, reports) stay on pdfkit.
 *
 * Byte layout: ISO 32000-1 §7.5 (file structure, cross-reference table), §9.7 (Type 0 / CIDFont / ToUnicode).
 */

/** The face this writer embeds: the thread's {@link CffFace} (CID-keyed CFF) or a parsed fontkit TrueType font. */
export interface PdfFace {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly xHeight: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  readonly bbox: { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number };
  readonly 'OS/2'?: unknown;
  readonly post?: unknown;
  readonly head?: unknown;
  getGlyph(gid: number): { advanceWidth: number };
  layout(text: string): { glyphs: readonly { id: number; advanceWidth: number; codePoints: readonly number[] }[]; positions: readonly { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] };
  createSubset(): { readonly cff?: unknown; includeGlyph(gid: number): number; encode(): Uint8Array };
}

interface PdfInfo {
  readonly Title?: string;
  readonly Author?: string;
  readonly Producer?: string;
  readonly Creator?: string;
  readonly CreationDate?: Date;
  readonly ModDate?: Date;
}

type TextAlign = 'left' | 'center' | 'right';

/** A number as a content stream carries it: rounded to 6 decimals (pdfkit's rule, so pages draw as before). */
export function num(n: number): number {
  if (!(n > -1e21 && n < 1e21)) throw new Error(`unsupported number: ${n}`);
  return Math.round(n * 1e6) / 1e6;
}

const NAMED_COLORS: Readonly<Record<string, string>> = { black: '0 0 0', white: '1 1 1' };
const colorCache = new Map<string, string>();

/** `#rgb`, `#rrggbb` or black/white as DeviceRGB components, as pdfkit writes them (each part / 255, unrounded). */
function rgb(color: string): string {
  let s = colorCache.get(color);
  if (s === undefined) {
    const named = NAMED_COLORS[color.toLowerCase()];
    if (named) s = named;
    else {
      const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
      if (!m) throw new Error(`unsupported colour: ${color}`);
      const hex = m[1]!.length === 3 ? m[1]!.replace(/./g, '$&$&') : m[1]!;
      const v = parseInt(hex, 16);
      s = [v >> 16, (v >> 8) & 0xff, v & 0xff].map((part) => part / 255).join(' ');
    }
    colorCache.set(color, s);
  }
  return s;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/**
 * Widths at 1000 units per em of the strings a face has measured: the labels of one page recur on the next (point
 * numbers, names, headings), and each measurement is a full text layout.
 */
const WIDTHS = new WeakMap<PdfFace, Map<string, number>>();
const WIDTH_CACHE_SIZE = 1 << 16;

export class OnePagePdf {
  private readonly ops: string[] = [];
  private readonly subset: ReturnType<PdfFace['createSubset']>;
  /** advance width (1000 units per em) and code points of each subset glyph, indexed by subset glyph id */
  private readonly widths: number[];
  private readonly unicode: (readonly number[])[] = [[0]];
  private readonly glyphHex: string[] = [];
  private readonly scale: number;
  private size = 12;

  constructor(
    private readonly face: PdfFace,
    readonly width: number,
    readonly height: number,
    private readonly info: PdfInfo = {},
  ) {
    this.subset = face.createSubset();
    this.scale = 1000 / face.unitsPerEm;
    this.widths = [face.getGlyph(0).advanceWidth];
    // y runs down the page, as in pdfkit
    this.ops.push(`1 0 0 -1 0 ${num(height)} cm`);
  }

  /** Raw content-stream operators (one or more lines). */
  add(op: string): this {
    this.ops.push(op);
    return this;
  }

  save(): this {
    return this.add('q');
  }

  restore(): this {
    return this.add('Q');
  }

  lineWidth(w: number): this {
    return this.add(`${num(w)} w`);
  }

  fillColor(color: string): this {
    return this.add(`/DeviceRGB cs\n${rgb(color)} scn`);
  }

  strokeColor(color: string): this {
    return this.add(`/DeviceRGB CS\n${rgb(color)} SCN`);
  }

  rect(x: number, y: number, w: number, h: number): this {
    return this.add(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re`);
  }

  polygon(...points: readonly (readonly [number, number])[]): this {
    points.forEach(([x, y], i) => this.add(`${num(x)} ${num(y)} ${i === 0 ? 'm' : 'l'}`));
    return this.add('h');
  }

  /** A circle as four Bézier quarters (pdfkit's `ellipse`). */
  circle(cx: number, cy: number, r: number): this {
    const k = r * KAPPA;
    const x = cx - r, y = cy - r;
    const xe = x + r * 2, ye = y + r * 2;
    const xm = x + r, ym = y + r;
    const c = (a: number, b: number, c1: number, d: number, e: number, f: number): string => `${num(a)} ${num(b)} ${num(c1)} ${num(d)} ${num(e)} ${num(f)} c`;
    return this.add(`${num(x)} ${num(ym)} m\n${c(x, ym - k, xm - k, y, xm, y)}\n${c(xm + k, y, xe, ym - k, xe, ym)}\n${c(xe, ym + k, xm + k, ye, xm, ye)}\n${c(xm - k, ye, x, ym + k, x, ym)}\nh`);
  }

  clip(): this {
    return this.add('W n');
  }

  fill(color?: string): this {
    if (color) this.fillColor(color);
    return this.add('f');
  }

  stroke(color?: string): this {
    if (color) this.strokeColor(color);
    return this.add('S');
  }

  fillAndStroke(fill: string, stroke: string = fill): this {
    return this.fillColor(fill).strokeColor(stroke).add('B');
  }

  fontSize(size: number): this {
    this.size = size;
    return this;
  }

  /** Width of `text` at the current size, in points. */
  widthOfString(text: string): number {
    let widths = WIDTHS.get(this.face);
    if (!widths) WIDTHS.set(this.face, (widths = new Map()));
    let w = widths.get(text);
    if (w === undefined) {
      const run = this.face.layout(text);
      w = 0;
      for (const p of run.positions) w += p.xAdvance * this.scale;
      if (widths.size >= WIDTH_CACHE_SIZE) widths.clear();
      widths.set(text, w);
    }
    return w * (this.size / 1000);
  }

  /**
   * Height of one line at `size` (default the current size): the face's ascent to descent, the box poppler and
   * other readers give a glyph run, so lines this far apart never overlap.
   */
  lineHeight(size: number = this.size): number {
    return (((this.face.ascent - this.face.descent) * this.scale) / 1000) * size;
  }

  /**
   * `text` broken into lines no wider than `width` at the current size. A line breaks between CJK characters, at
   * spaces and after `/`; a run of Latin letters or digits stays whole unless it alone is wider than the line,
   * then it is cut between characters. Closing punctuation stays with the character before it and opening
   * punctuation with the one after it (the basic 禁则), and `\n` always breaks.
   */
  wrap(text: string, width: number): string[] {
    if (!text.includes('\n') && this.widthOfString(text) <= width) return text.length ? [text] : [];
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const token of breakTokens(paragraph)) {
        const candidate = line + token;
        if (this.widthOfString(candidate.trimEnd()) <= width) {
          line = candidate;
          continue;
        }
        if (line.trim()) lines.push(line.trimEnd());
        line = token.trimStart();
        // a token wider than the whole line: cut it between characters
        while (line && this.widthOfString(line) > width) {
          const chars = Array.from(line);
          let n = 1;
          while (n < chars.length && this.widthOfString(chars.slice(0, n + 1).join('')) <= width) n++;
          lines.push(chars.slice(0, n).join(''));
          line = chars.slice(n).join('');
        }
      }
      if (line.trim()) lines.push(line.trimEnd());
    }
    return lines;
  }

  /**
   * How `text` fills a box: the size steps down by 0.5 pt from the current one (not below `minSize`) until its
   * wrapped lines fit `height`; lines that still do not fit are dropped, the last one kept ending in "…". At least
   * one line is kept. Leaves the current size unchanged.
   */
  layoutBox(text: string, width: number, height: number, minSize: number = this.size): { size: number; lines: string[] } {
    const size0 = this.size;
    try {
      let lines: string[] = [];
      let size = size0;
      for (;;) {
        this.size = size;
        lines = this.wrap(text, width);
        if (lines.length * this.lineHeight(size) <= height + 1e-9 || size - 0.5 < minSize) break;
        size -= 0.5;
      }
      const room = Math.max(1, Math.floor((height + 1e-9) / this.lineHeight(size)));
      if (lines.length > room) {
        lines = lines.slice(0, room);
        lines[room - 1] = this.ellipsis(`${lines[room - 1]}…`, width);
      }
      return { size, lines };
    } finally {
      this.size = size0;
    }
  }

  /**
   * `text` wrapped into the box whose top-left corner is (x, y), as {@link layoutBox} fits it, each line aligned
   * within `width`. Returns the height the lines take.
   */
  textBox(text: string, x: number, y: number, box: { width: number; height: number; minSize?: number; align?: TextAlign }): number {
    const { size, lines } = this.layoutBox(text, box.width, box.height, box.minSize);
    const size0 = this.size;
    this.size = size;
    const lh = this.lineHeight(size);
    lines.forEach((l, i) => this.text(l, x, y + i * lh, { width: box.width, align: box.align ?? 'left' }));
    this.size = size0;
    return lines.length * lh;
  }

  /** `text` (ending in "…" when cut) shortened until it fits `width`; a text that fits is returned as it is. */
  ellipsis(text: string, width: number): string {
    if (this.widthOfString(text) <= width) return text;
    const chars = Array.from(text.endsWith('…') ? text.slice(0, -1) : text);
    while (chars.length > 0 && this.widthOfString(`${chars.join('').trimEnd()}…`) > width) chars.pop();
    return `${chars.join('').trimEnd()}…`;
  }

  /**
   * One line of text whose top-left corner is (x, y) (y down, baseline one ascent below), aligned within `width`
   * when given. Not wrapped: text that may be wider than its box goes through {@link textBox}.
   */
  text(text: string, x: number, y: number, options: { width?: number; align?: TextAlign } = {}): this {
    const line = text.replace(/\n/g, '');
    if (line.length === 0) return this;
    if (options.width !== undefined && options.align === 'center') x += options.width / 2 - this.widthOfString(line) / 2;
    else if (options.width !== undefined && options.align === 'right') x += options.width - this.widthOfString(line.replace(/\s+$/, ''));
    const scale = this.size / 1000;
    const baseline = this.height - y - ((this.face.ascent * this.scale) / 1000) * this.size;
    const run = this.face.layout(line);
    const out: string[] = [`q\n1 0 0 -1 0 ${num(this.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(baseline)} Tm\n/F1 ${num(this.size)} Tf`];
    // glyph runs as pdfkit writes them: a TJ segment ends where a glyph's advance differs from its width
    // (kerning) with that difference; a glyph offset (mark positioning) gets its own text matrix
    let hex = '';
    let segments: string[] = [];
    let penX = x;
    let offset = false;
    const flushSegment = (adjust: number): void => {
      if (hex) segments.push(`<${hex}> ${num(-adjust)}`);
      hex = '';
    };
    const flushTJ = (adjust: number): void => {
      flushSegment(adjust);
      if (segments.length) out.push(`[${segments.join(' ')}] TJ`);
      segments = [];
    };
    for (let i = 0; i < run.glyphs.length; i++) {
      const g = run.glyphs[i]!;
      const p = run.positions[i]!;
      const advance = p.xAdvance * this.scale;
      const width = g.advanceWidth * this.scale;
      const xOffset = p.xOffset * this.scale, yOffset = p.yOffset * this.scale;
      if (xOffset || yOffset) {
        const prev = run.positions[i - 1];
        flushTJ(prev ? (prev.xAdvance - run.glyphs[i - 1]!.advanceWidth) * this.scale : 0);
        out.push(`1 0 0 1 ${num(penX + xOffset * scale)} ${num(baseline + yOffset * scale)} Tm`);
        hex = this.glyph(g);
        flushTJ(advance - width);
        offset = true;
      } else {
        if (offset) {
          out.push(`1 0 0 1 ${num(x)} ${num(baseline)} Tm`);
          offset = false;
        }
        hex += this.glyph(g);
        if (advance - width !== 0) flushSegment(advance - width);
      }
      penX += advance * scale;
    }
    const last = run.glyphs.length - 1;
    flushTJ(hex ? (run.positions[last]!.xAdvance - run.glyphs[last]!.advanceWidth) * this.scale : 0);
    out.push('ET\nQ');
    return this.add(out.join('\n'));
  }

  /** The glyph's id in this document's subset, as 4 hex digits; records its width and code points. */
  private glyph(g: { id: number; advanceWidth: number; codePoints: readonly number[] }): string {
    const sid = this.subset.includeGlyph(g.id);
    let h = this.glyphHex[sid];
    if (h === undefined) {
      h = this.glyphHex[sid] = hex4(sid);
      if (this.widths[sid] === undefined) this.widths[sid] = g.advanceWidth * this.scale;
      if (this.unicode[sid] === undefined) this.unicode[sid] = g.codePoints;
    }
    return h;
  }

  /** The finished document. */
  end(): Buffer {
    const face = this.face;
    // level 3: on the sketch maps' coordinate-heavy content half the CPU of the default level 6, ~9 % larger
    const content = deflateSync(Buffer.from(`${this.ops.join('\n')}\n`, 'latin1'), { level: 3 });
    const program = this.subset.encode();
    const isCff = this.subset.cff != null;
    const cmap = deflateSync(Buffer.from(toUnicodeCmap(this.unicode), 'latin1'));
    const name = `BZZZZZ+${face.postscriptName.replaceAll(' ', '_')}`;
    const s = this.scale;
    const os2 = face['OS/2'] as { sFamilyClass?: number } | undefined;
    const familyClass = (os2?.sFamilyClass ?? 0) >> 8;
    let flags = 1 << 2; // symbolic: the glyphs are addressed by CID, not a standard encoding
    if ((face.post as { isFixedPitch?: boolean } | undefined)?.isFixedPitch) flags |= 1 << 0;
    if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
    if (familyClass === 10) flags |= 1 << 3;
    if ((face.head as { macStyle?: { italic?: boolean } } | undefined)?.macStyle?.italic) flags |= 1 << 6;
    const b = face.bbox;
    const widths = Array.from(this.widths, (w) => (w === undefined ? 0 : num(w))).join(' ');

    const w = new ObjectWriter();
    w.object(1, '<<\n/Type /Catalog\n/Pages 2 0 R\n>>');
    w.object(2, '<<\n/Type /Pages\n/Count 1\n/Kids [3 0 R]\n>>');
    w.object(3, `<<\n/Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 ${num(this.width)} ${num(this.height)}]\n/Contents 4 0 R\n/Resources <<\n/ProcSet [/PDF /Text]\n/Font <<\n/F1 5 0 R\n>>\n>>\n>>`);
    w.stream(4, '', content);
    w.object(5, `<<\n/Type /Font\n/Subtype /Type0\n/BaseFont /${name}\n/Encoding /Identity-H\n/DescendantFonts [6 0 R]\n/ToUnicode 9 0 R\n>>`);
    w.object(
      6,
      `<<\n/Type /Font\n/Subtype /${isCff ? 'CIDFontType0' : 'CIDFontType2'}\n/BaseFont /${name}\n/CIDSystemInfo <<\n/Registry (Adobe)\n/Ordering (Identity)\n/Supplement 0\n>>\n/FontDescriptor 7 0 R\n/W [0 [${widths}]]${isCff ? '' : '\n/CIDToGIDMap /Identity'}\n>>`,
    );
    w.object(
      7,
      `<<\n/Type /FontDescriptor\n/FontName /${name}\n/Flags ${flags}\n/FontBBox [${num(b.minX * s)} ${num(b.minY * s)} ${num(b.maxX * s)} ${num(b.maxY * s)}]\n/ItalicAngle ${num(face.italicAngle)}\n/Ascent ${num(face.ascent * s)}\n/Descent ${num(face.descent * s)}\n/CapHeight ${num((face.capHeight || face.ascent) * s)}\n/XHeight ${num((face.xHeight || 0) * s)}\n/StemV 0\n/${isCff ? 'FontFile3' : 'FontFile2'} 8 0 R\n>>`,
    );
    // the font program is stored: a desubroutinized CFF subset deflates by only ~8 %, for as much CPU as the page
    w.stream(8, isCff ? '/Subtype /CIDFontType0C\n' : '', program, false);
    w.stream(9, '', cmap);
    const info = this.info;
    const entries = (['Title', 'Author', 'Producer', 'Creator'] as const).filter((k) => info[k] !== undefined).map((k) => `/${k} ${pdfString(info[k]!)}`);
    for (const k of ['CreationDate', 'ModDate'] as const) if (info[k]) entries.push(`/${k} (${pdfDate(info[k])})`);
    w.object(10, `<<\n${entries.join('\n')}\n>>`);
    return w.finish(1, 10);
  }
}

/** Letters and digits that stay together on a line. */
const WORD_CHAR = /[0-9A-Za-z\u00c0-\u024f._\-+#%]/;
/** Punctuation that never starts a line. */
const CLOSING = /^[，。、；：！？）》」』】〉,.;:!?)\]…％]$/u;
/** Punctuation that never ends a line. */
const OPENING = /^[（《「『【〈(\[]$/u;

/** The pieces a line may break between: word runs, spaces, single other characters, punctuation attached. */
function breakTokens(text: string): string[] {
  const tokens: string[] = [];
  let pendingOpen = '';
  for (const ch of text) {
    const prev = tokens.length - 1;
    if (pendingOpen) {
      tokens.push(pendingOpen + ch);
      pendingOpen = '';
    } else if (OPENING.test(ch)) pendingOpen = ch;
    else if (prev >= 0 && WORD_CHAR.test(ch) && WORD_CHAR.test(tokens[prev]!.slice(-1))) tokens[prev] += ch;
    else if (prev >= 0 && CLOSING.test(ch) && !/\s$/.test(tokens[prev]!)) tokens[prev] += ch;
    else if (prev >= 0 && /\s/.test(ch) && /^\s+$/.test(tokens[prev]!)) tokens[prev] += ch;
    else tokens.push(ch);
  }
  if (pendingOpen) tokens.push(pendingOpen);
  // a space or "/" is a break after it: it stays at the end of the piece before
  const out: string[] = [];
  for (const t of tokens) {
    if (out.length && (/^\s+$/.test(t) || t === '/')) out[out.length - 1] += t;
    else out.push(t);
  }
  return out;
}

/** 4·(√2 − 1)/3: the Bézier handle length of a quarter circle of radius 1. */
const KAPPA = (4.0 * (Math.sqrt(2) - 1.0)) / 3.0;

/** The ToUnicode CMap (ISO 32000-1 §9.10.3): subset glyph id → UTF-16BE, 256 ids per bfrange. */
function toUnicodeCmap(unicode: readonly (readonly number[])[]): string {
  const entries = unicode.map((cps) => {
    const units: string[] = [];
    for (let v of cps ?? [0]) {
      if (v > 0xffff) {
        v -= 0x10000;
        units.push(hex4(((v >>> 10) & 0x3ff) | 0xd800));
        v = 0xdc00 | (v & 0x3ff);
      }
      units.push(hex4(v));
    }
    return `<${units.join(' ')}>`;
  });
  const ranges: string[] = [];
  for (let start = 0; start < entries.length; start += 256) {
    const end = Math.min(start + 256, entries.length);
    ranges.push(`<${hex4(start)}> <${hex4(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${ranges.length} beginbfrange
${ranges.join('\n')}
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;
}

/** A text string: ASCII as a literal string, anything else as UTF-16BE with a byte-order mark (§7.9.2.2). */
function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[()\\]/g, '\\$&')})`;
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += hex4(s.charCodeAt(i));
  return `<${hex}>`;
}

/** A date as D:YYYYMMDDHHmmSSZ in UTC (§7.9.4). */
function pdfDate(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** Numbered indirect objects written in order, then the cross-reference table and trailer. */
class ObjectWriter {
  private readonly parts: Buffer[] = [Buffer.from('%PDF-1.3\n%\xff\xff\xff\xff\n', 'latin1')];
  private length = this.parts[0]!.length;
  private readonly offsets: number[] = [];

  private push(b: Buffer): void {
    this.parts.push(b);
    this.length += b.length;
  }

  object(id: number, body: string): void {
    this.offsets[id] = this.length;
    this.push(Buffer.from(`${id} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }

  /** A stream of `data` (already deflated unless `deflated` is false), with `dict` entries ahead of its Length. */
  stream(id: number, dict: string, data: Uint8Array, deflated = true): void {
    this.offsets[id] = this.length;
    this.push(Buffer.from(`${id} 0 obj\n<<\n${dict}/Length ${data.length}${deflated ? '\n/Filter /FlateDecode' : ''}\n>>\nstream\n`, 'latin1'));
    this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    this.push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  finish(root: number, info: number): Buffer {
    const xref = this.length;
    const n = this.offsets.length;
    let table = `xref\n0 ${n}\n0000000000 65535 f \n`;
    for (let id = 1; id < n; id++) table += `${String(this.offsets[id]).padStart(10, '0')} 00000 n \n`;
    table += `trailer\n<<\n/Size ${n}\n/Root ${root} 0 R\n/Info ${info} 0 R\n>>\nstartxref\n${xref}\n%%EOF\n`;
    this.push(Buffer.from(table, 'latin1'));
    return Buffer.concat(this.parts, this.length);
  }
}
