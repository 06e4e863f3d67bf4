/**
 * Jet4 text encoding (HACKING "Text Data Type"): UCS-2 little endian, or the compressed form that starts
 * with FF FE, where compressed mode stores one byte per character whose high byte is 0 and a 0x00 byte
 * toggles between compressed and uncompressed mode. Readers test for the 0x00 toggle in both modes, so a
 * string containing any character whose low byte is 0x00 (e.g. 一 U+4E00) can only be stored uncompressed.
 */
const COMPRESSED_MARK = [0xff, 0xfe] as const;

export function encodeUcs2(s: string): Buffer {
  return Buffer.from(s, 'utf16le');
}

/** Compressed form when allowed and strictly shorter, else plain UCS-2. */
export function encodeText(s: string, compress: boolean): Buffer {
  if (!compress || s.length < 2) return encodeUcs2(s);
  // first pass: can it be compressed, and how long would it be?
  let n = 2;
  let compressed = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c & 0xff) === 0) return encodeUcs2(s);
    const oneByte = c < 0x100;
    if (oneByte !== compressed) {
      n++;
      compressed = oneByte;
    }
    n += oneByte ? 1 : 2;
  }
  if (n >= s.length * 2) return encodeUcs2(s);
  const out = Buffer.allocUnsafe(n);
  out[0] = COMPRESSED_MARK[0];
  out[1] = COMPRESSED_MARK[1];
  n = 2;
  compressed = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const oneByte = c < 0x100;
    if (oneByte !== compressed) {
      out[n++] = 0;
      compressed = oneByte;
    }
    if (oneByte) {
      out[n++] = c;
    } else {
      out[n++] = c & 0xff;
      out[n++] = c >> 8;
    }
  }
  return out;
}
