/**
 * A CJK font face prepared once per thread for many small PDFs: glyphs are looked up through fontkit's cmap and
 * their charstrings desubroutinized (subroutine calls inlined) once, then every document assembles its own
 * CID-keyed CFF subset from those cached charstrings in well under a millisecond.
 *
 * Why not fontkit's own subset: for Noto Sans CJK it walks every used glyph's subroutines per document and keeps
 * the full subroutine indexes (tens of thousands of 1-byte stubs plus offsets), so each sketch map cost ~140 ms
 * of CPU and ~70 kB of font. A desubroutinized subset holds only the glyphs drawn; hints are kept byte for byte.
 *
 * Byte layouts: Adobe Technical Note #5176 (The Compact Font Format Specification), sections 5 (INDEX), 4 and
 * Tables 3/5/9/10 (DICT operands and operators), 13 (charset format 2), 19 (FDSelect format 0), 18 (CID fonts);
 * Technical Note #5177 (Type 2 Charstring Format) for the charstring tokens, subroutine bias and hintmask length.
 */

/** The slice of a fontkit font this module reads (fontkit is pdfkit's font engine; the packager uses it through pdfkit). */
export interface FontkitFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly xHeight: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly numGlyphs: number;
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
  getGlyph(gid: number): { id: number; advanceWidth: number };
  layout(text: string, features?: unknown): unknown;
  readonly 'CFF '?: FontkitCff;
  readonly [table: string]: unknown;
}

interface IndexEntry {
  readonly offset: number;
  readonly length: number;
}

interface FontkitCff {
  readonly version: number;
  readonly isCIDFont: boolean;
  readonly stream: { buffer: Uint8Array };
  readonly globalSubrIndex: readonly IndexEntry[];
  readonly topDict: {
    readonly CharStrings: readonly IndexEntry[];
    readonly FontBBox?: readonly number[];
    readonly FDArray?: readonly { Private?: PrivateDict | null }[];
    readonly Private?: PrivateDict | null;
  };
  fdForGlyph(gid: number): number | null;
  privateDictForGlyph(gid: number): PrivateDict | null;
}

type PrivateDict = Record<string, unknown> & { Subrs?: readonly IndexEntry[] };

/** A glyph as pdfkit's EmbeddedFont reads it from a layout run. */
interface FaceGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/**
 * A fontkit-shaped face for pdfkit (`registerFont(name, face)`: pdfkit accepts any object with `layout`):
 * the metrics pdfkit reads, a cmap-only layout (CJK needs no shaping; no kerning is applied) and `createSubset`
 * returning a {@link CffSubset}. One per thread and font; everything it computes is cached.
 */
export class CffFace {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly xHeight: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  readonly bbox: FontkitFont['bbox'];
  readonly 'OS/2': unknown;
  readonly post: unknown;
  readonly head: unknown;
  readonly cff: FontkitCff;
  private readonly byCodePoint = new Map<number, FaceGlyph>();
  private readonly charstrings = new Map<number, Uint8Array>();
  private readonly privateDicts = new Map<number, Uint8Array>();
  private readonly notdefWidth: number;

  constructor(readonly font: FontkitFont) {
    const cff = font['CFF '];
    if (!cff || cff.version !== 1 || !cff.isCIDFont) throw new Error(`${font.postscriptName}: not a CID-keyed CFF font`);
    this.cff = cff;
    this.postscriptName = font.postscriptName;
    this.unitsPerEm = font.unitsPerEm;
    this.ascent = font.ascent;
    this.descent = font.descent;
    this.lineGap = font.lineGap;
    this.xHeight = font.xHeight;
    this.capHeight = font.capHeight;
    this.italicAngle = font.italicAngle;
    this.bbox = font.bbox;
    this['OS/2'] = font['OS/2'];
    this.post = font.post;
    this.head = font.head;
    this.notdefWidth = font.getGlyph(0).advanceWidth;
  }

  getGlyph(gid: number): { id: number; advanceWidth: number } {
    return gid === 0 ? { id: 0, advanceWidth: this.notdefWidth } : this.font.getGlyph(gid);
  }

  glyph(cp: number): FaceGlyph {
    let g = this.byCodePoint.get(cp);
    if (!g) {
      const f = this.font.glyphForCodePoint(cp);
      g = { id: f.id, advanceWidth: f.advanceWidth, codePoints: [cp] };
      this.byCodePoint.set(cp, g);
    }
    return g;
  }

  /** One glyph per code point, advancing by the glyph's width (pdfkit scales the positions in place: fresh objects). */
  layout(text: string): { glyphs: FaceGlyph[]; positions: Position[]; readonly advanceWidth: number } {
    const glyphs: FaceGlyph[] = [];
    const positions: Position[] = [];
    for (const ch of text) {
      const g = this.glyph(ch.codePointAt(0)!);
      glyphs.push(g);
      positions.push({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    return {
      glyphs,
      positions,
      // a getter like fontkit's GlyphRun: pdfkit reads it after scaling the positions
      get advanceWidth() {
        let w = 0;
        for (const p of positions) w += p.xAdvance;
        return w;
      },
    };
  }

  createSubset(): CffSubset {
    return new CffSubset(this);
  }

  /** The glyph's Type 2 charstring with every subroutine call inlined (cached). */
  charstring(gid: number): Uint8Array {
    let c = this.charstrings.get(gid);
    if (!c) {
      const entry = this.cff.topDict.CharStrings[gid];
      if (!entry) throw new Error(`${this.postscriptName}: no glyph ${gid}`);
      const local = this.cff.privateDictForGlyph(gid)?.Subrs ?? [];
      c = desubroutinize(this.cff.stream.buffer, entry, this.cff.globalSubrIndex, local);
      this.charstrings.set(gid, c);
    }
    return c;
  }

  fdOf(gid: number): number {
    return this.cff.fdForGlyph(gid) ?? 0;
  }

  /** The Private DICT of font dict `fd`, re-encoded without its Subrs (the subset has none). */
  privateDict(fd: number): Uint8Array {
    let d = this.privateDicts.get(fd);
    if (!d) {
      const p = this.cff.topDict.FDArray?.[fd]?.Private ?? this.cff.topDict.Private ?? {};
      d = encodePrivateDict(p);
      this.privateDicts.set(fd, d);
    }
    return d;
  }
}

/** pdfkit's per-document subset: glyph ids in first-use order (0 = .notdef), encoded as a CID-keyed CFF. */
class CffSubset {
  /** pdfkit tests `subset.cff != null` to embed the program as FontFile3 / CIDFontType0C */
  readonly cff: true = true;
  private readonly glyphs: number[] = [0];
  private readonly map = new Map<number, number>([[0, 0]]);

  constructor(private readonly face: CffFace) {}

  includeGlyph(gid: number): number {
    let n = this.map.get(gid);
    if (n === undefined) {
      n = this.glyphs.length;
      this.glyphs.push(gid);
      this.map.set(gid, n);
    }
    return n;
  }

  encode(): Uint8Array {
    return encodeCidCff(this.face, this.glyphs);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Type 2 charstrings (TN5177)

/** TN5177 §4.7: subroutine numbers are stored minus a bias that depends on the subroutine count. */
function subrBias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

const OP = { hstem: 1, vstem: 3, callsubr: 10, return: 11, escape: 12, endchar: 14, hstemhm: 18, hintmask: 19, cntrmask: 20, vstemhm: 23, shortint: 28, callgsubr: 29 } as const;

/**
 * Inline every callsubr/callgsubr of one charstring. Operands and operators are copied byte for byte; the only
 * bytes dropped are the subroutine numbers, the call operators and `return`. The stem count is tracked so the
 * hintmask/cntrmask operands (one bit per stem) are copied at their right length.
 */
function desubroutinize(buf: Uint8Array, glyph: IndexEntry, gsubrs: readonly IndexEntry[], lsubrs: readonly IndexEntry[]): Uint8Array {
  const out: number[] = [];
  let argc = 0;
  let stems = 0;
  let lastNumber: number | undefined;
  let lastNumberAt = -1;
  let ended = false;
  const gbias = subrBias(gsubrs.length);
  const lbias = subrBias(lsubrs.length);
  const run = (start: number, end: number, depth: number): void => {
    // TN5177 Appendix B: subroutine nesting is limited to 10
    if (depth > 10) throw new Error('charstring subroutines nested deeper than 10');
    let p = start;
    while (p < end && !ended) {
      const b0 = buf[p]!;
      if (b0 >= 32 || b0 === OP.shortint) {
        let len: number;
        let v: number;
        if (b0 === OP.shortint) (len = 3), (v = ((buf[p + 1]! << 24) >> 16) | buf[p + 2]!);
        else if (b0 <= 246) (len = 1), (v = b0 - 139);
        else if (b0 <= 250) (len = 2), (v = (b0 - 247) * 256 + buf[p + 1]! + 108);
        else if (b0 <= 254) (len = 2), (v = -(b0 - 251) * 256 - buf[p + 1]! - 108);
        else (len = 5), (v = ((buf[p + 1]! << 24) | (buf[p + 2]! << 16) | (buf[p + 3]! << 8) | buf[p + 4]!) / 65536);
        lastNumberAt = out.length;
        lastNumber = v;
        for (let i = 0; i < len; i++) out.push(buf[p + i]!);
        p += len;
        argc++;
        continue;
      }
      if (b0 === OP.callsubr || b0 === OP.callgsubr) {
        if (lastNumber === undefined || lastNumberAt < 0) throw new Error('subroutine call without a literal subroutine number');
        const list = b0 === OP.callsubr ? lsubrs : gsubrs;
        const sub = list[lastNumber + (b0 === OP.callsubr ? lbias : gbias)];
        if (!sub) throw new Error(`subroutine ${lastNumber} out of range`);
        out.length = lastNumberAt;
        argc--;
        lastNumber = undefined;
        lastNumberAt = -1;
        run(sub.offset, sub.offset + sub.length, depth + 1);
        p++;
        continue;
      }
      lastNumber = undefined;
      lastNumberAt = -1;
      if (b0 === OP.return) return;
      if (b0 === OP.endchar) {
        out.push(b0);
        ended = true;
        return;
      }
      if (b0 === OP.hstem || b0 === OP.vstem || b0 === OP.hstemhm || b0 === OP.vstemhm) stems += argc >> 1;
      if (b0 === OP.hintmask || b0 === OP.cntrmask) {
        // operands before the first hintmask are an implicit vstem
        stems += argc >> 1;
        const n = (stems + 7) >> 3;
        for (let i = 0; i <= n; i++) out.push(buf[p + i]!);
        p += n + 1;
        argc = 0;
        continue;
      }
      if (b0 === OP.escape) {
        out.push(b0, buf[p + 1]!);
        p += 2;
      } else {
        out.push(b0);
        p++;
      }
      argc = 0;
    }
  };
  run(glyph.offset, glyph.offset + glyph.length, 0);
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------------------------
// CFF writing (TN5176)

/** DICT integer operand (TN5176 Table 3). */
function dictInt(v: number, out: number[]): void {
  if (v >= -107 && v <= 107) out.push(v + 139);
  else if (v >= 108 && v <= 1131) (v -= 108), out.push((v >> 8) + 247, v & 0xff);
  else if (v >= -1131 && v <= -108) (v = -v - 108), out.push((v >> 8) + 251, v & 0xff);
  else if (v >= -32768 && v <= 32767) out.push(28, (v >> 8) & 0xff, v & 0xff);
  else dictInt32(v, out);
}

/** The fixed five-byte integer form, so offsets can be patched without changing a DICT's length. */
function dictInt32(v: number, out: number[]): void {
  out.push(29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/** DICT real operand: packed BCD nibbles (TN5176 Table 5). */
function dictReal(v: number, out: number[]): void {
  const nibbles: number[] = [];
  const s = String(v).toUpperCase();
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') nibbles.push(c.charCodeAt(0) - 48);
    else if (c === '.') nibbles.push(0xa);
    else if (c === '-') nibbles.push(0xe);
    else if (c === 'E') {
      if (s[i + 1] === '-') nibbles.push(0xc), i++;
      else {
        nibbles.push(0xb);
        if (s[i + 1] === '+') i++;
      }
    }
  }
  nibbles.push(0xf);
  if (nibbles.length % 2) nibbles.push(0xf);
  out.push(30);
  for (let i = 0; i < nibbles.length; i += 2) out.push((nibbles[i]! << 4) | nibbles[i + 1]!);
}

function dictNumber(v: number, out: number[]): void {
  if (Number.isInteger(v)) dictInt(v, out);
  else dictReal(v, out);
}

/** Private DICT operators (TN5176 Table 23) in their specified order; delta arrays are kept as fontkit read them (raw deltas). */
const PRIVATE_OPS: readonly [string, number[], 'number' | 'array' | 'boolean'][] = [
  ['BlueValues', [6], 'array'],
  ['OtherBlues', [7], 'array'],
  ['FamilyBlues', [8], 'array'],
  ['FamilyOtherBlues', [9], 'array'],
  ['BlueScale', [12, 9], 'number'],
  ['BlueShift', [12, 10], 'number'],
  ['BlueFuzz', [12, 11], 'number'],
  ['StdHW', [10], 'number'],
  ['StdVW', [11], 'number'],
  ['StemSnapH', [12, 12], 'array'],
  ['StemSnapV', [12, 13], 'array'],
  ['ForceBold', [12, 14], 'boolean'],
  ['LanguageGroup', [12, 17], 'number'],
  ['ExpansionFactor', [12, 18], 'number'],
  ['initialRandomSeed', [12, 19], 'number'],
  ['defaultWidthX', [20], 'number'],
  ['nominalWidthX', [21], 'number'],
];

function encodePrivateDict(p: Record<string, unknown>): Uint8Array {
  const out: number[] = [];
  for (const [key, op, kind] of PRIVATE_OPS) {
    const v = p[key];
    if (v === null || v === undefined) continue;
    if (kind === 'array') {
      if (!Array.isArray(v) || v.length === 0) continue;
      for (const x of v as number[]) dictNumber(x, out);
    } else if (kind === 'boolean') dictInt(v ? 1 : 0, out);
    else dictNumber(v as number, out);
    out.push(...op);
  }
  return Uint8Array.from(out);
}

/** An INDEX (TN5176 §5) of the given items; an empty INDEX is just its zero count. */
function index(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return new Uint8Array(2);
  let total = 1;
  for (const it of items) total += it.length;
  const offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  const out = new Uint8Array(3 + (items.length + 1) * offSize + total - 1);
  out[0] = items.length >> 8;
  out[1] = items.length & 0xff;
  out[2] = offSize;
  let at = 3;
  let offset = 1;
  const putOffset = (v: number): void => {
    for (let i = offSize - 1; i >= 0; i--) out[at++] = (v >>> (8 * i)) & 0xff;
  };
  putOffset(offset);
  for (const it of items) putOffset((offset += it.length));
  for (const it of items) out.set(it, at), (at += it.length);
  return out;
}

const STANDARD_STRINGS = 391; // TN5176 Appendix A: custom string ids start after the 391 standard strings

/**
 * A CID-keyed CFF (TN5176 §18) holding `gids` (original glyph ids; [0] is .notdef) as CIDs 0..n-1 with the same
 * glyph order (charset format 2, one range), each glyph under a copy of its original font dict's Private DICT.
 */
function encodeCidCff(face: CffFace, gids: readonly number[]): Uint8Array {
  const enc = new TextEncoder();
  const n = gids.length;
  const fdIndex = new Map<number, number>();
  const fdOrder: number[] = [];
  const fdSelect = new Uint8Array(1 + n); // format 0: one FD byte per glyph
  const charstrings: Uint8Array[] = [];
  gids.forEach((gid, i) => {
    const fd = face.fdOf(gid);
    let k = fdIndex.get(fd);
    if (k === undefined) fdIndex.set(fd, (k = fdOrder.length)), fdOrder.push(fd);
    fdSelect[1 + i] = k;
    charstrings.push(face.charstring(gid));
  });
  const charset = n > 1 ? Uint8Array.of(2, 0, 1, ((n - 2) >> 8) & 0xff, (n - 2) & 0xff) : Uint8Array.of(0);
  const header = Uint8Array.of(1, 0, 4, 4);
  const nameIndex = index([enc.encode(face.postscriptName)]);
  const stringIndex = index([enc.encode('Adobe'), enc.encode('Identity')]);
  const gsubrIndex = index([]);
  const charStringsIndex = index(charstrings);
  const privates = fdOrder.map((fd) => face.privateDict(fd));

  // the Top DICT's length does not depend on the offsets it holds (five-byte integers), so lay it out twice
  const topDict = (charsetAt: number, fdSelectAt: number, charStringsAt: number, fdArrayAt: number): Uint8Array => {
    const d: number[] = [];
    dictInt(STANDARD_STRINGS, d), dictInt(STANDARD_STRINGS + 1, d), dictInt(0, d), d.push(12, 30); // ROS first
    for (const v of face.cff.topDict.FontBBox ?? [0, 0, 0, 0]) dictNumber(v, d);
    d.push(5);
    dictInt(n, d), d.push(12, 34); // CIDCount
    dictInt32(charsetAt, d), d.push(15);
    dictInt32(fdSelectAt, d), d.push(12, 37);
    dictInt32(charStringsAt, d), d.push(17);
    dictInt32(fdArrayAt, d), d.push(12, 36);
    return Uint8Array.from(d);
  };
  const fdArray = (privateAt: number[]): Uint8Array =>
    index(
      privates.map((p, i) => {
        const d: number[] = [];
        dictInt32(p.length, d), dictInt32(privateAt[i]!, d), d.push(18);
        return Uint8Array.from(d);
      }),
    );
  const topIndexLength = index([topDict(0, 0, 0, 0)]).length;
  const charsetAt = header.length + nameIndex.length + topIndexLength + stringIndex.length + gsubrIndex.length;
  const fdSelectAt = charsetAt + charset.length;
  const charStringsAt = fdSelectAt + fdSelect.length;
  const fdArrayAt = charStringsAt + charStringsIndex.length;
  const privateAt: number[] = [];
  let at = fdArrayAt + fdArray(privates.map(() => 0)).length;
  for (const p of privates) privateAt.push(at), (at += p.length);
  const parts = [header, nameIndex, index([topDict(charsetAt, fdSelectAt, charStringsAt, fdArrayAt)]), stringIndex, gsubrIndex, charset, fdSelect, charStringsIndex, fdArray(privateAt), ...privates];
  const out = new Uint8Array(at);
  let o = 0;
  for (const part of parts) out.set(part, o), (o += part.length);
  return out;
}
