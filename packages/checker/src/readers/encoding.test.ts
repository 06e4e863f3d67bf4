import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decoderLabelFor, encodeText, isStrictUtf8, TextFieldDecoder } from './encoding.js';

describe('decoderLabelFor', () => {
  it('maps .cpg code-page names to decoder labels', () => {
    expect(decoderLabelFor('GBK')).toBe('gb18030');
    expect(decoderLabelFor(' CP936\r\n')).toBe('gb18030');
    expect(decoderLabelFor('936')).toBe('gb18030');
    expect(decoderLabelFor('GB2312')).toBe('gb18030');
    expect(decoderLabelFor('\uFEFFUTF-8')).toBe('utf-8');
    expect(decoderLabelFor('65001')).toBe('utf-8');
    expect(decoderLabelFor('88591')).toBe('iso-8859-1');
  });
  it('returns null for unknown labels', () => {
    expect(decoderLabelFor('')).toBeNull();
    expect(decoderLabelFor('KLINGON')).toBeNull();
  });
});

describe('TextFieldDecoder (gb18030)', () => {
  const gbk = new TextFieldDecoder('gb18030');
  it('decodes GBK, including byte pairs Node\'s "gbk" decoder drops, and 4-byte GB18030', () => {
    expect(gbk.decode(Buffer.from('d6d0cec4', 'hex'))).toEqual({ text: '中文', valid: true });
    expect(gbk.decode(Buffer.from('a2e3', 'hex'))).toEqual({ text: '€', valid: true });
    expect(gbk.decode(Buffer.from('8139ee39', 'hex'))).toEqual({ text: '㐀', valid: true });
    expect(gbk.decode(Buffer.from('95328236', 'hex'))).toEqual({ text: '𠀀', valid: true });
  });
  it('flags invalid byte sequences instead of hiding them', () => {
    const r = gbk.decode(Buffer.from([0xd6, 0x20, 0xff]));
    expect(r.valid).toBe(false);
    expect(r.text).toContain('\uFFFD');
  });
  it('gives each byte string its own text whatever was decoded before (the table of repeated values)', () => {
    const fatal = new TextDecoder('gb18030', { fatal: true });
    const lenient = new TextDecoder('gb18030');
    const expected = (bytes: Uint8Array): { text: string; valid: boolean } => {
      try {
        return { text: fatal.decode(bytes), valid: true };
      } catch {
        return { text: lenient.decode(bytes), valid: false };
      }
    };
    const decoder = new TextFieldDecoder('gb18030');
    // few distinct values (hits), prefixes of each other, and random bytes (misses and shared slots)
    const value = fc.oneof(
      fc.constantFrom('d6d0cec4', 'd6d0', 'd6d0cec4d6d0', 'a2e3', '8139ee39', 'c3b7bbfab8fbc2b7', '41', '').map((h) => Buffer.from(h, 'hex')),
      fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.nat(3)), { maxLength: 40 }), (seq) => {
        for (const [bytes, shift] of seq) {
          const at = Buffer.alloc(bytes.length + shift + 2, 0x20);
          bytes.copy(at, shift);
          expect(decoder.decodeRange(at, shift, shift + bytes.length)).toEqual(expected(bytes));
        }
      }),
      { numRuns: 500 },
    );
  });
  it('tells UTF-8 from GBK', () => {
    expect(isStrictUtf8(Buffer.from('中文', 'utf8'))).toBe(true);
    expect(isStrictUtf8(Buffer.from('d6d0cec4', 'hex'))).toBe(false);
  });
});

describe('encodeText', () => {
  it('encodes GBK text, rare-but-GBK characters included', () => {
    for (const s of ['中文', '镕喆赟堃犇昇旻曌', '张三?', '〇·—']) {
      const r = encodeText(s, 'gbk');
      expect(r.ok).toBe(true);
      if (r.ok) expect(new TextDecoder('gb18030').decode(r.bytes)).toBe(s);
    }
    const r = encodeText('中文', 'gbk');
    expect(r.ok && r.bytes.toString('hex')).toBe('d6d0cec4');
  });
  it('reports characters GBK (code page 936) cannot hold, with their position', () => {
    expect(encodeText('王㐀明', 'gbk')).toEqual({ ok: false, char: '㐀', index: 1 });
    expect(encodeText('李𠀀', 'gbk')).toEqual({ ok: false, char: '𠀀', index: 1 });
    // GB18030-only two-byte code (FE9F) that iconv-lite would emit but GDAL cannot read as GBK
    expect(encodeText('刘䶮', 'gbk')).toEqual({ ok: false, char: '䶮', index: 1 });
  });
  it('encodes UTF-8 and rejects lone surrogates', () => {
    const r = encodeText('𠀀', 'utf-8');
    expect(r.ok && r.bytes.toString('hex')).toBe('f0a08080');
    expect(encodeText('a\uD800b', 'utf-8')).toEqual({ ok: false, char: '\uD800', index: 1 });
  });
});
