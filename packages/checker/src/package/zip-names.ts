/**
 * Zip entry names: UTF-8 when general-purpose flag bit 11 (0x800) is set, or when the Info-ZIP Unicode Path
 * extra field (0x7075) is present; otherwise the bytes are in the creator's code page. Chinese Windows tools
 * write GBK there, so a name that is not strictly valid UTF-8 is decoded as GB18030 (a superset of GBK; Node's
 * 'gbk' decoder mis-decodes some sequences). (APPNOTE.TXT 4.4.4 and 4.6.9.)
 */
const UTF8_FLAG = 0x800;
const UNICODE_PATH_EXTRA = 0x7075;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

export type NameEncoding = 'utf-8 (flag)' | 'utf-8 (extra field)' | 'ascii' | 'utf-8 (detected)' | 'gb18030 (detected)';

interface DecodedName {
  readonly name: string;
  readonly encoding: NameEncoding;
}

export function decodeEntryName(
  raw: Buffer,
  generalPurposeBitFlag: number,
  extraFields: readonly { id: number; data: Buffer }[] = [],
): DecodedName {
  if (generalPurposeBitFlag & UTF8_FLAG) return { name: raw.toString('utf8'), encoding: 'utf-8 (flag)' };
  for (const f of extraFields) {
    // version (1) + CRC-32 of the raw name (4) + UTF-8 name
    if (f.id === UNICODE_PATH_EXTRA && f.data.length > 5 && f.data[0] === 1) {
      return { name: f.data.subarray(5).toString('utf8'), encoding: 'utf-8 (extra field)' };
    }
  }
  if (raw.every((b) => b < 0x80)) return { name: raw.toString('latin1'), encoding: 'ascii' };
  try {
    return { name: strictUtf8.decode(raw), encoding: 'utf-8 (detected)' };
  } catch {
    return { name: gb18030.decode(raw), encoding: 'gb18030 (detected)' };
  }
}

/**
 * Normalises an entry name to a safe relative path ('/' separators, no trailing slash), or returns why it is
 * refused: absolute paths, drive letters, '..' segments and NUL bytes could write outside the target folder.
 */
export function safeRelativePath(name: string): { path: string } | { refused: 'absolute' | 'drive' | 'traversal' | 'empty' | 'nul' } {
  if (name.includes('\0')) return { refused: 'nul' };
  const slashed = name.replace(/\\/g, '/');
  if (/^[a-zA-Z]:/.test(slashed)) return { refused: 'drive' };
  if (slashed.startsWith('/')) return { refused: 'absolute' };
  const segments = slashed.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { refused: 'traversal' };
  if (segments.length === 0) return { refused: 'empty' };
  return { path: segments.join('/') };
}
