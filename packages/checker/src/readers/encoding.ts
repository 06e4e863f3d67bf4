/**
 * Text encodings of the files in a 汇交 package: GBK (code page 936) by convention, UTF-8 sometimes.
 * Shared by the readers (decode) and the writers (strict encode).
 *
 * Why not Node's 'gbk' decoder: ICU's GBK drops some byte pairs (a2e3 → "") and mangles 4-byte sequences;
 * WHATWG 'gb18030' is a strict superset of GBK and decodes all of them (npm-notes §2.4).
 * Why iconv-lite for encoding: there is no TextEncoder for GBK. iconv-lite writes '?' for characters GBK
 * cannot encode WITHOUT an error, so `encodeText` detects that and reports the character.
 */
import { TextDecoder } from 'node:util';
import type Iconv from 'iconv-lite';
import { requireCommonJs } from '../io/require.js';

let iconvLibrary: typeof Iconv | undefined;

/** iconv-lite, loaded at the first encode (io/require.ts): only writers encode, a check never does. */
function iconv(): typeof Iconv {
  return (iconvLibrary ??= requireCommonJs<typeof Iconv>('iconv-lite'));
}

/** Names we decode with. GBK/GB2312/936 all map to 'gb18030'. */
export type TextEncodingName = 'gb18030' | 'utf-8' | (string & {});

/** Encodings the writers produce. */
export type OutputEncoding = 'gbk' | 'utf-8';

const CODE_PAGE_ALIASES: Readonly<Record<string, string>> = {
  gbk: 'gb18030',
  cp936: 'gb18030',
  '936': 'gb18030',
  'ansi 936': 'gb18030',
  'windows-936': 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  '65001': 'utf-8',
  big5: 'big5',
  '950': 'big5',
  cp950: 'big5',
  '1252': 'windows-1252',
  'ansi 1252': 'windows-1252',
  '88591': 'iso-8859-1',
  '8859-1': 'iso-8859-1',
  'iso-8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
};

/**
 * The decoder label for a code-page name as found in a .cpg file ('GBK', 'CP936', '936', 'UTF-8', '65001', …),
 * or null when the label is unknown (including labels TextDecoder rejects).
 */
export function decoderLabelFor(codePage: string): TextEncodingName | null {
  const key = codePage.replace(/^\uFEFF/, '').trim().toLowerCase();
  if (key === '') return null;
  const alias = CODE_PAGE_ALIASES[key];
  if (alias) return alias;
  try {
    const label = new TextDecoder(key).encoding;
    return label === 'gbk' ? 'gb18030' : label;
  } catch {
    return null;
  }
}

/** True when every byte is ASCII, so any ASCII-compatible decoding gives the same text. */
export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes are well-formed UTF-8 (ASCII included). */
export function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

interface DecodedText {
  readonly text: string;
  /** false when the bytes are not valid in the encoding (the text then holds U+FFFD replacements) */
  readonly valid: boolean;
}

/** Decodes byte fields of one encoding, fast for ASCII and for repeated values, telling valid from invalid input. */
export class TextFieldDecoder {
  readonly encoding: TextEncodingName;
  private readonly fatal: TextDecoder;
  private readonly lenient: TextDecoder;
  /**
   * Attribute values repeat a lot (names, places): decoded text by the bytes, in a direct-mapped table keyed by a
   * hash of the bytes and checked against a copy of them, so a hit allocates nothing.
   */
  private readonly slots: ({ readonly bytes: Uint8Array; readonly decoded: DecodedText } | undefined)[] = new Array(DECODE_SLOTS);

  constructor(encoding: TextEncodingName) {
    this.encoding = encoding;
    this.fatal = new TextDecoder(encoding, { fatal: true });
    this.lenient = new TextDecoder(encoding);
  }

  decode(bytes: Uint8Array): DecodedText {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return this.decodeRange(buffer, 0, buffer.length);
  }

  /** Decodes buffer[start, end) without copying. */
  decodeRange(buffer: Buffer, start: number, end: number): DecodedText {
    let hash = 0x811c9dc5; // FNV-1a
    let ascii = true;
    for (let p = start; p < end; p++) {
      const b = buffer[p]!;
      if (b >= 0x80) ascii = false;
      hash = Math.imul(hash ^ b, 0x01000193);
    }
    if (ascii) return { text: buffer.toString('latin1', start, end), valid: true };
    const slot = (hash >>> 0) & (DECODE_SLOTS - 1);
    const hit = this.slots[slot];
    if (hit && sameBytes(hit.bytes, buffer, start, end)) return hit.decoded;
    const bytes = buffer.subarray(start, end);
    let decoded: DecodedText;
    try {
      decoded = { text: this.fatal.decode(bytes), valid: true };
    } catch {
      decoded = { text: this.lenient.decode(bytes), valid: false };
    }
    this.slots[slot] = { bytes: Uint8Array.prototype.slice.call(bytes), decoded };
    return decoded;
  }
}

function sameBytes(a: Uint8Array, b: Buffer, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}

/** Slots of the decoded-text table (a power of two). */
const DECODE_SLOTS = 1 << 14;


export type EncodeResult =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; /** the first character the encoding cannot represent */ readonly char: string; readonly index: number };

/**
 * Encodes text strictly: a character the target encoding cannot represent is reported, never replaced.
 * GBK here means code page 936 as Windows/ArcGIS/GDAL know it. iconv-lite's 'gbk' writes '?' for characters outside
 * it and also emits a few GB18030-only two-byte codes (e.g. 䶮 U+4DAE → FE9F) that GDAL cannot read back as GBK;
 * both are caught by decoding the bytes with ICU's stricter cp936 table ('gbk') and comparing with the input.
 */
export function encodeText(text: string, encoding: OutputEncoding): EncodeResult {
  if (encoding === 'utf-8') {
    const lone = LONE_SURROGATE.exec(text);
    if (lone) return { ok: false, char: lone[0], index: [...text.slice(0, lone.index)].length };
    return { ok: true, bytes: Buffer.from(text, 'utf8') };
  }
  if (ASCII_ONLY.test(text)) return { ok: true, bytes: Buffer.from(text, 'latin1') };
  const bytes = iconv().encode(text, 'gbk');
  if (cp936.decode(bytes) === text) return { ok: true, bytes };
  let index = 0;
  for (const char of text) {
    if (cp936.decode(iconv().encode(char, 'gbk')) !== char) return { ok: false, char, index };
    index++;
  }
  return { ok: false, char: '', index: -1 };
}

/** ICU's cp936: drops what is not in code page 936, so a round trip tells GBK text from GB18030-only text. */
const cp936 = new TextDecoder('gbk');
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
