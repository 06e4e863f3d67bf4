import { readListedFileEnds, readRegularFileEnds } from '../io/read-bounded.js';
import { errorText } from '../readers/issues.js';

/**
 * A bounded "does it open" check of the attachments a package carries (权属来源附件 scans, 地块示意图, 点之记):
 * the magic bytes of its extension, and the part of the structure a viewer needs first — a PDF with a page
 * object and an end-of-file marker, a JPEG with a frame header of non-zero size, a PNG with a non-empty IHDR, a
 * TIFF with a valid header. At most READ_BYTES of each end of a file are looked at, so a county's 150k scans stay
 * cheap. Returns why the file cannot be opened, or undefined.
 */
const READ_BYTES = 4 * 1024 * 1024;
/** How much of an attachment's start (and, for a PDF, end) the check looks at: a zip entry read in place keeps as much. */
export const ATTACHMENT_READ_BYTES = READ_BYTES;
/**
 * What is read first: a scan's headers (JPEG APP segments, PNG IHDR, TIFF header, a PDF's trailer and usually its
 * page tree) sit in its first or last few kilobytes. Only when they do not answer are READ_BYTES read, so the
 * verdict is the same as reading READ_BYTES at once, without reading a typical 0.2–2 MB scan whole.
 */
const FIRST_READ_BYTES = 64 * 1024;

export const checkedAttachmentExtensions = new Set(['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff']);

export type AttachmentProblem = { readonly zh: string; readonly en: string };
type Problem = AttachmentProblem;
/** The bytes seen do not decide (a PDF page object or a JPEG frame header may lie further in). */
const UNDECIDED = 'undecided';

export function attachmentProblem(absPath: string, extension: string, size: number): Problem | undefined {
  if (size === 0) return { zh: '文件为空（0 字节）', en: 'the file is empty (0 bytes)' };
  const tailBytes = extension === 'pdf' ? FIRST_READ_BYTES : 0;
  return firstReadProblem(absPath, extension, readRegularFileEnds(absPath, FIRST_READ_BYTES, tailBytes, size));
}

/** The verdict on the first read (FIRST_READ_BYTES of each end), or on READ_BYTES of each end when it does not decide. */
function firstReadProblem(absPath: string, extension: string, first: { head: Buffer; tail: Buffer; size: number }): Problem | undefined {
  const verdict = bytesVerdict(first.head, first.tail, extension, first.size, first.head.length >= first.size);
  if (verdict !== UNDECIDED) return verdict;
  const ends = readRegularFileEnds(absPath, READ_BYTES, extension === 'pdf' ? READ_BYTES : 0, first.size);
  return attachmentBytesProblem(ends.head, ends.tail, extension, ends.size);
}

/** The first read of each listed attachment (one at a time): one buffer for them all instead of one per file. */
let firstReadScratch: Buffer | undefined;

/**
 * attachmentProblem for a file the listing has not stat'ed (its folder listing typed it a regular file), with its
 * size: the first read, which reads a small file whole, also tells it (read-bounded.ts readListedFileEnds), which
 * saves an lstat on each of a county's ~450k attachments. Throws when the file does not open or read: the caller
 * then lstats it and checks it with checkAttachment, so what cannot be read reports as any unreadable file does.
 */
export function checkListedAttachment(absPath: string, extension: string): { size: number; problem: Problem | undefined } {
  firstReadScratch ??= Buffer.allocUnsafe(FIRST_READ_BYTES);
  const first = readListedFileEnds(absPath, firstReadScratch, extension === 'pdf' ? FIRST_READ_BYTES : 0);
  return { size: first.size, problem: firstReadProblem(absPath, extension, first) };
}

/** The same check on bytes already read: the first READ_BYTES of the file and its last READ_BYTES (`tail`). */
export function attachmentBytesProblem(head: Buffer, tail: Buffer, extension: string, size: number): Problem | undefined {
  return bytesVerdict(head, tail, extension, size, true) as Problem | undefined;
}

/** `final`: no more of the file will be read, so what the bytes do not show is a problem, not UNDECIDED. */
function bytesVerdict(head: Buffer, tail: Buffer, extension: string, size: number, final: boolean): Problem | undefined | typeof UNDECIDED {
  if (size === 0) return { zh: '文件为空（0 字节）', en: 'the file is empty (0 bytes)' };
  switch (extension) {
    case 'pdf':
      return pdfProblem(head, tail, final);
    case 'jpg':
    case 'jpeg':
      return jpegProblem(head, final);
    case 'png':
      return pngProblem(head);
    case 'tif':
    case 'tiff':
      return tiffProblem(head);
    default:
      return undefined;
  }
}

const notA = (kind: string): { zh: string; en: string } => ({ zh: `内容不是 ${kind} 文件（文件头不符）`, en: `the content is not a ${kind} file (wrong signature)` });

function pdfProblem(head: Buffer, tail: Buffer, final: boolean): Problem | undefined | typeof UNDECIDED {
  if (!head.subarray(0, 1024).toString('latin1').includes('%PDF-')) return notA('PDF');
  if (!tail.subarray(Math.max(0, tail.length - 2048)).toString('latin1').includes('%%EOF')) {
    return { zh: 'PDF 文件不完整（缺少文件结束标记 %%EOF，可能被截断）', en: 'the PDF is incomplete (no %%EOF end marker; truncated?)' };
  }
  // a page object, or a page tree with a non-zero count (object streams may compress page objects); any of them
  // anywhere in the bytes read, so reading more can only find one, never lose one
  const hasPage = (b: Buffer): boolean => {
    const text = b.toString('latin1');
    return /\/Type\s*\/Page(?!s)/.test(text) || /\/Count\s+0*[1-9]/.test(text) || /\/ObjStm/.test(text);
  };
  if (!hasPage(head) && (tail === head || !hasPage(tail))) {
    if (!final) return UNDECIDED;
    return { zh: 'PDF 文件没有页面', en: 'the PDF has no page' };
  }
  return undefined;
}

function jpegProblem(b: Buffer, final: boolean): Problem | undefined | typeof UNDECIDED {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return notA('JPEG');
  // walk the marker segments to the frame header (SOF0–SOF15 except DHT/JPG/DAC)
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return { zh: 'JPEG 文件结构损坏', en: 'the JPEG structure is damaged' };
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return final ? noFrame : UNDECIDED;
      const height = b.readUInt16BE(i + 5);
      const width = b.readUInt16BE(i + 7);
      return width > 0 && height > 0 ? undefined : { zh: `JPEG 图像尺寸为 ${width}×${height}`, en: `the JPEG image is ${width}×${height}` };
    }
    if (marker === 0xda || marker === 0xd9 || length < 2) return noFrame;
    i += 2 + length;
  }
  // the segments run past the bytes read
  return final ? noFrame : UNDECIDED;
}

const noFrame: Problem = { zh: 'JPEG 文件没有图像帧（可能被截断）', en: 'the JPEG has no image frame (truncated?)' };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngProblem(b: Buffer): { zh: string; en: string } | undefined {
  if (b.length < 24 || !b.subarray(0, 8).equals(PNG)) return notA('PNG');
  if (b.toString('latin1', 12, 16) !== 'IHDR') return { zh: 'PNG 文件缺少 IHDR', en: 'the PNG has no IHDR chunk' };
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  return width > 0 && height > 0 ? undefined : { zh: `PNG 图像尺寸为 ${width}×${height}`, en: `the PNG image is ${width}×${height}` };
}

function tiffProblem(b: Buffer): { zh: string; en: string } | undefined {
  if (b.length < 8) return notA('TIFF');
  const le = b[0] === 0x49 && b[1] === 0x49 && b.readUInt16LE(2) === 42;
  const be = b[0] === 0x4d && b[1] === 0x4d && b.readUInt16BE(2) === 42;
  if (!le && !be) return notA('TIFF');
  const ifd = le ? b.readUInt32LE(4) : b.readUInt32BE(4);
  return ifd >= 8 ? undefined : { zh: 'TIFF 文件头损坏（首个 IFD 偏移无效）', en: 'the TIFF header is damaged (invalid first IFD offset)' };
}

/** Why an attachment does not open (what attachmentProblem says, or what stopped it being read), or undefined. */
export function checkAttachment(absPath: string, extension: string, size: number): AttachmentProblem | undefined {
  try {
    return attachmentProblem(absPath, extension, size);
  } catch (e) {
    const t = errorText(e);
    return typeof t === 'string' ? { zh: t, en: t } : t;
  }
}
