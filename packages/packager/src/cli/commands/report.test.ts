import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { FindingsDocument } from '@nyt2539/checker';
import { findingGeometry } from '../../reports/formats/map.js';
import { tinyFindings } from '../../reports/test-support.js';
import { runCli } from '../test-support.js';


function run(...args: string[]) {
  return runCli(args, { env: { NYT2539_DATE: '2026-01-02' } });
}

let tmp: string;
let packageDir: string;
let doc: FindingsDocument;
beforeAll(async () => {
  ({ tmp, packageDir, doc } = await tinyFindings('report-cli'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('nyt2539 report / check --out / pack', () => {
  it("check --out writes every report; report renders a findings.json again, in English, with the cover fields", { timeout: 600_000 }, () => {
    const out = join(tmp, 'check-out');
    const r = run('check', packageDir, '--out', out, '--org', '某某测绘院');
    expect(r.code).toBe(1);
    const names = readdirSync(out);
    for (const n of ['findings.json', 'report.txt', '质检报告.html', '质检报告.docx', '问题清单.xlsx', '问题图层.geojson', '问题图层_4490.geojson', '问题点.shp', '问题范围.shp']) expect(names).toContain(n);
    const written = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsDocument;
    expect(written.summary).toEqual(doc.summary);
    expect(readFileSync(join(out, '质检报告.html'), 'utf8')).toContain('某某测绘院');

    const en = join(tmp, 'report-en');
    const e = run('report', join(out, 'findings.json'), '--out', en, '--format', 'xlsx,geojson', '--lang', 'en');
    expect(e.code).toBe(0);
    expect(readdirSync(en).sort()).toEqual(['findings-4490.geojson', 'findings.geojson', 'findings.xlsx']);
    const wb = XLSX.read(readFileSync(join(en, 'findings.xlsx')));
    expect(wb.SheetNames[0]).toBe('Summary');
    const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', join(en, 'findings.geojson')], { encoding: 'utf8' });
    expect(info).toContain('Feature Count:');
  });

  it('an unknown format or a missing input is one line, exit 2', () => {
    const bad = run('report', join(tmp, 'nothing.json'), '--out', join(tmp, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const fmt = run('report', packageDir, '--out', join(tmp, 'x'), '--format', 'pdf');
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('pdf');
    expect(fmt.stderr).not.toMatch(/\n\s+at /);
  });

  it('report on a package checks it first; --no-mask is stated in the reports', () => {
    const out = join(tmp, 'report-pkg');
    const r = run('report', packageDir, '--out', out, '--format', 'html,xlsx', '--no-mask');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, '质检报告.html'), 'utf8')).toContain('--no-mask');
    expect(existsSync(join(out, '问题清单.xlsx'))).toBe(true);
  });

  it('pack puts the inspection report, the findings list and the map layers into 文字报告/, covered by the manifest', () => {
    const zip = join(tmp, 'bundle', 'out.zip');
    const r = run('pack', packageDir, '--out', zip, '--force', '--date', '2026-01-02');
    expect(r.code).toBe(0);
    const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n');
    const top = packageDir.split('/').pop();
    const layers = ['问题图层.geojson', '问题图层_4490.geojson', ...['问题点', '问题范围'].flatMap((b) => ['shp', 'shx', 'dbf', 'cpg', 'prj'].map((e) => `${b}.${e}`))];
    for (const n of ['质检报告.docx', '质检报告.html', '问题清单.xlsx', ...layers]) expect(listing).toContain(`${top}/文字报告/${n}`);
    const manifest = JSON.parse(execFileSync('unzip', ['-p', zip, `${top}/manifest.json`], { encoding: 'utf8' })) as { files: { path: string; sha256: string }[] };
    const entry = manifest.files.find((f) => f.path === '文字报告/质检报告.docx');
    expect(entry).toBeDefined();
    // each map layer file is in the manifest with the hash of the bytes in the zip
    for (const n of layers) {
      const bytes = execFileSync('unzip', ['-p', zip, `${top}/文字报告/${n}`]);
      expect(manifest.files.find((f) => f.path === `文字报告/${n}`)?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // GDAL reads the layers where they travel, inside the zip, with the features the findings have
    const located = doc.findings.filter((f) => findingGeometry(f)?.type === 'Point').length;
    expect(located).toBeGreaterThan(0);
    const points = execFileSync('ogrinfo', ['-ro', '-so', `/vsizip/${zip}/${top}/文字报告/问题点.shp`, '问题点'], { encoding: 'utf8' });
    expect(points).toContain(`Feature Count: ${located}`);
    const geojson = execFileSync('ogrinfo', ['-ro', '-so', '-al', `/vsizip/${zip}/${top}/文字报告/问题图层.geojson`], { encoding: 'utf8' });
    expect(geojson).toMatch(/Feature Count: \d+/);
    expect(existsSync(join(packageDir, '文字报告', '质检报告.docx'))).toBe(false);
    const v = run('verify', zip);
    expect(v.stderr + v.stdout).toMatch(/清单核对：通过（\d+ 个文件与清单一致）/);
  });
});
