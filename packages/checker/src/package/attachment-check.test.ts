/**
 * The "does it open" check of attachments looks at a file's ends first and reads up to READ_BYTES only when they
 * do not decide, with the same verdict as reading READ_BYTES at once. Files are built by the test; each verdict
 * is also taken on the bytes read whole (attachmentBytesProblem, the zip path) to show both paths agree.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_READ_BYTES, attachmentBytesProblem, attachmentProblem, checkListedAttachment } from './attachment-check.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nyt2539-attachment-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KiB = 1024;
const filler = (n: number): Buffer => Buffer.alloc(n, 0x20);

function pdf(parts: (string | Buffer)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
}

/** JPEG: SOI, an APP1 segment of `app` bytes repeated `segments` times, then a SOF0 of 16×16 (or 0×0). */
function jpeg(segments: number, app = 60 * KiB, size = 16): Buffer {
  const parts = [Buffer.from([0xff, 0xd8])];
  for (let i = 0; i < segments; i++) {
    const seg = Buffer.alloc(4 + app);
    seg.writeUInt16BE(0xffe1, 0);
    seg.writeUInt16BE(app + 2, 2);
    parts.push(seg);
  }
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00]);
  sof.writeUInt16BE(size, 5);
  sof.writeUInt16BE(size, 7);
  parts.push(sof, Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

function verdict(name: string, data: Buffer): string | undefined {
  const path = join(dir, name);
  writeFileSync(path, data);
  const ext = name.slice(name.lastIndexOf('.') + 1);
  const fromFile = attachmentProblem(path, ext, data.length);
  // the zip path's verdict on the same file: its first and last READ_BYTES
  const head = data.subarray(0, Math.min(data.length, ATTACHMENT_READ_BYTES));
  const tail = data.subarray(Math.max(0, data.length - ATTACHMENT_READ_BYTES));
  expect(fromFile).toEqual(attachmentBytesProblem(head, tail, ext, data.length));
  // the listing's check of a file it has not stat'ed: the same verdict, and the size it read
  expect(checkListedAttachment(path, ext)).toEqual({ size: data.length, problem: fromFile });
  return fromFile?.zh;
}

describe('attachmentProblem', () => {
  it('finds a PDF page object that lies beyond the first read, and one in the tail of a large PDF', () => {
    expect(verdict('deep.pdf', pdf(['%PDF-1.4\n', filler(200 * KiB), '3 0 obj << /Type /Page >> endobj\n', filler(200 * KiB), 'trailer\n%%EOF\n']))).toBeUndefined();
    const large = pdf(['%PDF-1.4\n', filler(ATTACHMENT_READ_BYTES + 512 * KiB), '2 0 obj << /Type /Pages /Count 3 >> endobj\ntrailer\n%%EOF\n']);
    expect(verdict('large.pdf', large)).toBeUndefined();
  });

  it('reports a PDF with no page, no end marker or a wrong signature', () => {
    expect(verdict('nopage.pdf', pdf(['%PDF-1.4\n', filler(300 * KiB), '2 0 obj << /Type /Pages /Count 0 >> endobj\n%%EOF\n']))).toBe('PDF 文件没有页面');
    expect(verdict('cut.pdf', pdf(['%PDF-1.4\n3 0 obj << /Type /Page >> endobj\n', filler(100 * KiB)]))).toMatch(/%%EOF/);
    expect(verdict('text.pdf', Buffer.from('not a pdf at all'))).toBe('内容不是 PDF 文件（文件头不符）');
  });

  it('walks JPEG segments past the first read to the frame header', () => {
    expect(verdict('exif.jpg', jpeg(3))).toBeUndefined();
    expect(verdict('empty-frame.jpg', jpeg(3, 60 * KiB, 0))).toBe('JPEG 图像尺寸为 0×0');
    expect(verdict('truncated.jpg', jpeg(3).subarray(0, 150 * KiB))).toBe('JPEG 文件没有图像帧（可能被截断）');
  });

  it('sizes a file the listing has not stat\'ed from its first read, at and around the first read\'s length', () => {
    expect(verdict('empty.pdf', Buffer.alloc(0))).toBe('文件为空（0 字节）');
    const firstRead = 64 * KiB;
    for (const n of [firstRead - 1, firstRead, firstRead + 1]) {
      const [start, end] = ['%PDF-1.4\n3 0 obj << /Type /Page >> endobj\n', '\n%%EOF\n'];
      const whole = pdf([start, filler(n - start.length - end.length), end]);
      expect(verdict(`page-${n}.pdf`, whole)).toBeUndefined();
      expect(verdict(`cut-${n}.pdf`, Buffer.concat([whole.subarray(0, n - 7), filler(7)]))).toMatch(/%%EOF/);
      expect(verdict(`sof-${n}.jpg`, Buffer.concat([jpeg(0), filler(n - jpeg(0).length)]))).toBeUndefined();
    }
    expect(() => checkListedAttachment(join(dir, 'missing.pdf'), 'pdf')).toThrow();
  });

  it('reads only the ends of a large scan whose headers decide', () => {
    const big = Buffer.concat([jpeg(0), filler(8 * 1024 * KiB)]);
    const path = join(dir, 'big.jpg');
    writeFileSync(path, big);
    // bytes this process read through read(2), from the kernel's own count
    const rchar = (): number => Number(/rchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
    const before = rchar();
    expect(attachmentProblem(path, 'jpg', big.length)).toBeUndefined();
    // the 64 KiB first read (plus /proc/self/io itself), not the 8 MiB file nor READ_BYTES
    expect(rchar() - before).toBeLessThan(256 * KiB);
    expect(readFileSync(path).length).toBe(big.length);
  });
});
