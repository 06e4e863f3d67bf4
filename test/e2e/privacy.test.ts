/**
 * Issue 12 item 1: no shareable output of `check --out` on the all-defects example holds an unmasked ID number
 * (a valid GB 11643 check character) or a mobile number, and masking still shows what is wrong.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '@nyt2539/schema';
import { runCli } from '../../packages/packager/src/cli/test-support.js';


function run(...args: string[]) {
  return runCli(args);
}

/**
 * The text a person could read in a file: Office files (.docx/.xlsx) are zips, so their XML parts are read through
 * Info-ZIP's `unzip -p`; a .dbf's attributes are GBK; everything else is read as UTF-8.
 */
function readableText(p: string): string {
  if (/\.(docx|xlsx)$/.test(p)) {
    const r = spawnSync('unzip', ['-p', p], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(r.status).toBe(0);
    return r.stdout;
  }
  if (p.endsWith('.dbf')) return new TextDecoder('gb18030').decode(readFileSync(p));
  return readFileSync(p, 'utf8');
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Every 18-character number with a valid GB 11643 check character, and every mobile number, in `text`. */
function personalNumbers(text: string): string[] {
  const ids = [...text.matchAll(/(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g)].map((m) => m[0]).filter((v) => idCheckChar(v.slice(0, 17)) === v[17].toUpperCase());
  const phones = [...text.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)].map((m) => m[0]);
  return [...ids, ...phones];
}

let tmp: string;
let out: string;
let stdout: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nyt2539-privacy-'));
  const gen = run('gen', '--scale', 'tiny', '--seed', '9', '--defects', 'all', '--out', join(tmp, 'pkg'));
  expect(gen.code).toBe(0);
  const county = readdirSync(join(tmp, 'pkg')).find((n) => /^\d{6}/.test(n))!;
  out = join(tmp, 'out');
  const r = run('check', join(tmp, 'pkg', county), '--out', out, '--format', 'json');
  expect(r.code).toBe(1);
  stdout = r.stdout;
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('privacy of check --out on the all-defects example', () => {
  it('holds no unmasked ID or mobile number in any output', () => {
    const written = [...files(out)];
    const names = written.map((p) => p.slice(out.length + 1));
    // every report format of check --out: text, JSON, DOCX, HTML, XLSX, GeoJSON and the shapefiles' attributes
    for (const name of ['findings.json', 'report.txt', '质检报告.docx', '质检报告.html', '问题清单.xlsx', '问题图层.geojson', '问题点.dbf']) expect(names).toContain(name);
    for (const p of written) expect({ file: p, found: personalNumbers(readableText(p)) }).toEqual({ file: p, found: [] });
    expect(personalNumbers(stdout)).toEqual([]);
  });

  it('still says what is wrong: persons/sex-id names the masked number', () => {
    const doc = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { masked: boolean; findings: { ruleId: string; message: { zh: string } }[] };
    expect(doc.masked).toBe(true);
    const sex = doc.findings.filter((f) => f.ruleId === 'persons/sex-id');
    expect(sex.length).toBeGreaterThan(0);
    for (const f of sex) expect(f.message.zh).toMatch(/身份证号码 \d{6}\*{8}\d{3}[\dX] 表示性别/);
  });
});
