import { describe, expect, it } from 'vitest';
import { encodeText } from './text.js';

describe('encodeText (Jet4 Unicode compression)', () => {
  it('compresses text whose characters fit one byte, toggling around wider ones', () => {
    expect([...encodeText('ABC-123', true)]).toEqual([0xff, 0xfe, ...Buffer.from('ABC-123', 'latin1')]);
    // 地 U+5730: toggle to uncompressed (0x00), 30 57, toggle back (0x00)
    expect([...encodeText('AB地12345', true)]).toEqual([0xff, 0xfe, 0x41, 0x42, 0x00, 0x30, 0x57, 0x00, 0x31, 0x32, 0x33, 0x34, 0x35]);
  });

  it('stays plain UCS-2 when compression does not help, is off, or a character has a 0x00 low byte', () => {
    expect(encodeText('承包地', true)).toEqual(Buffer.from('承包地', 'utf16le'));
    expect(encodeText('a', true)).toEqual(Buffer.from('a', 'utf16le'));
    expect(encodeText('ABCDEF', false)).toEqual(Buffer.from('ABCDEF', 'utf16le'));
    expect(encodeText('ABCDEF一', true)).toEqual(Buffer.from('ABCDEF一', 'utf16le'));
    expect(encodeText('ABCDEFĀ', true)).toEqual(Buffer.from('ABCDEFĀ', 'utf16le'));
    expect(encodeText('', true)).toEqual(Buffer.alloc(0));
  });
});
