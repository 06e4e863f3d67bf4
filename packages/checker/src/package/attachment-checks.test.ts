import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentChecks } from './attachment-checks.js';

const PDF = '%PDF-1.4\n1 0 obj << /Type /Page >> endobj\ntrailer\n%%EOF\n';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03]);

describe('attachment checks on a thread', () => {
  let dir: string;
  const files: [string, string | Buffer][] = [
    ['a.pdf', PDF],
    ['b.pdf', '%PDF-1.4 cut off'],
    ['c.jpg', JPEG],
    ['d.jpg', 'not a photo'],
    ['e.pdf', ''],
    ['f.pdf', PDF],
    ['g.png', 'png?'],
  ];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nyt2539-attachments-'));
    for (const [name, body] of files) writeFileSync(join(dir, name), body);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    delete process.env.NYT2539_ATTACHMENT_CHUNK;
  });

  async function run(threaded: boolean): Promise<{ path: string; problem: { zh: string; en: string } }[]> {
    const checks = new AttachmentChecks(dir, threaded);
    // one listed file that is gone by the time it is checked: the reason is the file system's
    for (const [name, body] of [...files, ['h.pdf', PDF] as const]) checks.add(name, name.replace(/^.*\./, ''), Buffer.byteLength(body));
    return checks.problems();
  }

  it('finds the same problems, in listing order, on a thread as here', async () => {
    process.env.NYT2539_ATTACHMENT_CHUNK = '2';
    const here = await run(false);
    const thread = await run(true);
    expect(here.map((p) => p.path)).toEqual(['b.pdf', 'd.jpg', 'e.pdf', 'g.png', 'h.pdf']);
    expect(here.find((p) => p.path === 'e.pdf')?.problem.zh).toContain('0 字节');
    expect(thread).toEqual(here);
  }, 30_000);

  it('checks a package with fewer than a chunk here, without a thread', async () => {
    const checks = new AttachmentChecks(dir, true);
    checks.add('d.jpg', 'jpg', 11);
    expect(checks.onThread).toBe(false);
    expect((await checks.problems()).map((p) => p.path)).toEqual(['d.jpg']);
  });

  it('hands full chunks to the thread', async () => {
    process.env.NYT2539_ATTACHMENT_CHUNK = '2';
    const checks = new AttachmentChecks(dir, true);
    checks.add('a.pdf', 'pdf', PDF.length);
    checks.add('d.jpg', 'jpg', 11);
    expect(checks.onThread).toBe(true);
    expect((await checks.problems()).map((p) => p.path)).toEqual(['d.jpg']);
  }, 30_000);
});
