import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPackage } from '../bundle/test-support.js';
import { stageSource, type StagedSource } from '../build/index.js';
import { renderSketches, type SketchResult } from './index.js';

let tmp: string;
let pkg: string;
let staged: StagedSource;
let inline: SketchResult;
const outInline = (): string => join(tmp, 'inline');

/** mdb-export rows of a table as objects (an independent reader of the package). */
function mdbRows(table: string): Record<string, string>[] {
  const mdb = join(pkg, '权属数据', '3407112016.mdb');
  const [head, ...lines] = execFileSync('mdb-export', ['-Q', '-d', '\t', mdb, table], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const cols = head!.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i]!, v])));
}

beforeAll(async () => {
  ({ tmp, packageDir: pkg } = await tinyPackage('sketch'));
  staged = await stageSource(pkg, undefined, undefined, false);
  mkdirSync(outInline());
  inline = await renderSketches(staged.staging.db, outInline(), { producer: '示例测绘院', date: '2016-12-31', mask: true, threads: 0 });
}, 180_000);
afterAll(() => {
  staged?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('sketch maps', () => {
  it('draws one one-page PDF per certificate at 图件/<FBFBM>/DKSYT<CBJYQZBM>.pdf, each naming all its plots', () => {
    const certs = mdbRows('CBJYQZDJB');
    expect(inline.written).toBe(certs.length);
    const plots = mdbRows('CBDKXX');
    for (const c of certs) {
      const file = join(outInline(), ...c.DKSYT!.split('\\'));
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(c.CBJYQZBM);
      for (const p of plots.filter((p) => p.CBJYQZBM === c.CBJYQZBM)) expect(text, `${c.CBJYQZBM} ${p.DKBM}`).toContain(p.DKBM);
      expect(text).toContain('制图单位：示例测绘院');
      expect(text).toContain('1:');
    }
  });

  it('embeds the CJK font as a subset and prints ID numbers masked', () => {
    const cbf = mdbRows('CBF')[0]!;
    const cert = mdbRows('CBJYQZDJB').find((c) => c.CBFBM === cbf.CBFBM)!;
    const file = join(outInline(), ...cert.DKSYT!.split('\\'));
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f).toMatch(/^[A-Z]{6}\+NotoSansCJK/);
      expect(f.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).not.toContain(cbf.CBFZJHM);
    expect(text).toContain(`${cbf.CBFZJHM!.slice(0, 6)}********${cbf.CBFZJHM!.slice(-4)}`);
  });

  it('keeps every mark inside the page margins (pdftoppm raster, 18 px = 36 pt at 36 dpi)', () => {
    for (const path of inline.paths.slice(0, 8)) {
      const pgm = execFileSync('pdftoppm', ['-gray', '-r', '36', '-singlefile', join(outInline(), path)]);
      // P5 header: "P5\n<w> <h>\n255\n"
      const header = pgm.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)!;
      const [w, h, start] = [Number(header[1]), Number(header[2]), header[0].length];
      let dark = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const inMargin = x < 16 || x >= w - 16 || y < 16 || y >= h - 16;
          if (inMargin && pgm[start + y * w + x]! < 250) dark++;
        }
      }
      expect(dark, path).toBe(0);
      // and the map has ink: plots drawn
      let ink = 0;
      for (let i = start; i < pgm.length; i++) if (pgm[i]! < 128) ink++;
      expect(ink).toBeGreaterThan(500);
    }
  });

  it('gives the same bytes from worker threads, and --only draws just the named certificates', async () => {
    const threaded = join(tmp, 'threaded');
    mkdirSync(threaded);
    const r = await renderSketches(staged.staging.db, threaded, { producer: '示例测绘院', date: '2016-12-31', mask: true, threads: 2 });
    expect(r.written).toBe(inline.written);
    for (const p of inline.paths) expect(readFileSync(join(threaded, p)).equals(readFileSync(join(outInline(), p))), p).toBe(true);

    const only = join(tmp, 'only');
    mkdirSync(only);
    const code = mdbRows('CBJYQZDJB')[2]!.CBJYQZBM!;
    const one = await renderSketches(staged.staging.db, only, { producer: 'x', date: '2016-12-31', mask: true, only: [code], threads: 0 });
    expect(one.paths).toEqual([inline.paths.find((p) => p.includes(code))]);
    expect(readdirSync(join(only, '图件'))).toHaveLength(1);
  }, 120_000);
});
