import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FindingsDocument } from '@nyt2539/checker';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, writeReports, type ReportDocument } from './index.js';
import { L } from './text.js';
import { chromiumLaunchOptions, tinyFindings } from './test-support.js';

/** Screenshots of each view, kept for people to look at (ignored by git). */
const ARTEFACTS = resolve(import.meta.dirname, '../../../../.work/test-artefacts/html-report');

let tmp: string;
let doc: FindingsDocument;
let context: BrowserContext;
let userData: string;

beforeAll(async () => {
  ({ tmp, doc } = await tinyFindings('html'));
  mkdirSync(ARTEFACTS, { recursive: true });
  userData = mkdtempSync(join(tmpdir(), 'nyt2539-chromium-'));
  context = await chromium.launchPersistentContext(userData, { ...chromiumLaunchOptions, viewport: { width: 1400, height: 1000 } });
});
afterAll(async () => {
  await context?.close();
  rmSync(userData, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

/** Open a report; every console error and page error fails the test that opened it. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  // no network: any request other than the file itself is a defect of a self-contained report
  await page.route(/^(?!file:|data:)/, (route) => {
    errors.push(`network request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(pathToFileURL(path).href);
  await page.waitForSelector('#rows tr');
  return { page, errors };
}

/** Where finding i is drawn on the screen now (the page maps its coordinates through the map's current view). */
async function toScreen(page: Page, i: number): Promise<{ x: number; y: number }> {
  return (await page.evaluate(`window.nyt2539Report.toScreen(${i})`)) as { x: number; y: number };
}

async function visibleRows(page: Page): Promise<number> {
  return page.locator('#rows tr').count();
}

describe.each(['zh', 'en'] as const)('the HTML report (%s) in chromium', (lang) => {
  let path: string;
  beforeAll(async () => {
    const [w] = await writeReports(doc, join(tmp, lang), { lang, formats: ['html'] });
    path = w.files[0];
  });

  it('loads without console errors, shows the verdict and the numbers of findings.json', async () => {
    const { page, errors } = await open(path);
    expect(await page.locator('#verdict').textContent()).toBe(doc.passed ? L.passed[lang] : L.failed[lang]);
    const cells = await page.locator('#by-group tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(cells).toEqual([...doc.summary.byGroup.map((g) => [g.title[lang], String(g.errors), String(g.warnings)]), [L.total[lang], String(doc.summary.errors), String(doc.summary.warnings)]]);
    expect(await page.locator('#count').textContent()).toContain(String(doc.findings.length));
    await page.screenshot({ path: join(ARTEFACTS, `${lang}-overview.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters change the visible rows', async () => {
    const { page, errors } = await open(path);
    expect(await visibleRows(page)).toBe(Math.min(50, doc.findings.length));
    const group = doc.summary.byGroup.find((g) => g.warnings + g.errors > 0 && g.errors + g.warnings < doc.findings.length)!;
    const listed = doc.findings.filter((f) => f.group === group.group).length;
    await page.selectOption('#f-group', { label: group.title[lang] });
    expect(await visibleRows(page)).toBe(Math.min(50, listed));
    expect(await page.locator('#count').textContent()).toContain(String(listed));
    const groupCells = await page.locator('#rows tr td:nth-child(3)').allTextContents();
    expect(new Set(groupCells)).toEqual(new Set([group.title[lang]]));
    await page.selectOption('#f-group', '-1');
    await page.selectOption('#f-sev', { label: L.warning[lang] });
    const warnings = doc.findings.filter((f) => f.severity === 'warning').length;
    expect(await page.locator('#count').textContent()).toContain(String(warnings));
    await page.selectOption('#f-sev', '-1');
    const needle = doc.findings[3].message[lang].slice(0, 12);
    await page.fill('#f-text', needle);
    const matching = doc.findings.filter((f) => f.message[lang].toLowerCase().includes(needle.toLowerCase())).length;
    await expect.poll(async () => page.locator('#count').textContent()).toContain(String(matching));
    await page.screenshot({ path: join(ARTEFACTS, `${lang}-filtered.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clicking a map point shows its finding', async () => {
    const { page, errors } = await open(path);
    const i = doc.findings.findIndex((f) => f.location.point);
    expect(i).toBeGreaterThanOrEqual(0);
    await page.locator('#map').scrollIntoViewIfNeeded();
    const at = await toScreen(page, i);
    await page.mouse.click(at.x, at.y);
    const shown = await page.locator('#detail').getAttribute('data-i');
    // another finding may sit on the same spot: the one shown must be at that point
    const f = doc.findings[Number(shown)];
    expect(f.location.point ?? f.location.bbox).toBeTruthy();
    const text = await page.locator('#detail').textContent();
    expect(text).toContain(f.message[lang]);
    expect(text).toContain(f.ruleId);
    await page.locator('#map').screenshot({ path: join(ARTEFACTS, `${lang}-map.png`) });
    // zoom in with the wheel and the point is still found where it now is
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -300);
    const after = await toScreen(page, i);
    await page.mouse.click(after.x, after.y);
    expect(await page.locator('#detail').textContent()).toContain(doc.findings[Number(await page.locator('#detail').getAttribute('data-i'))].message[lang]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the HTML report at 100k findings', () => {
  it('stays under 50 MB and filters + pages in under 300 ms', async () => {
    // 100k findings from the real ones, spread over the county so the map and filters have work to do
    const base = doc.findings;
    const findings = Array.from({ length: 100_000 }, (_, k) => {
      const f = base[k % base.length];
      const dx = (k % 317) * 3;
      const location = f.location.point ? { ...f.location, point: [f.location.point[0] + dx, f.location.point[1] - dx] as [number, number] } : f.location;
      return { ...f, location, message: { zh: `${f.message.zh} #${k}`, en: `${f.message.en} #${k}` } };
    });
    const big = { ...doc, findings };
    const [w] = await writeReports(big, join(tmp, 'big'), { formats: ['html'] });
    const size = statSync(w.files[0]).size;
    expect(size).toBeLessThan(50 * 1024 * 1024);
    const { page, errors } = await open(w.files[0]);
    const model = buildModel(big as unknown as ReportDocument, { lang: 'zh' });
    const group = model.byGroup.find((g) => g.errors + g.warnings > 0)!;
    // the test tsconfig has no DOM types: the timed interaction is page script
    const ms = (await page.evaluate(`(async () => {
      const sel = document.getElementById('f-group');
      const t0 = performance.now();
      sel.value = String([...sel.options].findIndex((o) => o.text === ${JSON.stringify(group.label)}) - 1);
      sel.dispatchEvent(new Event('change'));
      document.getElementById('next').click();
      document.getElementById('next').click();
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - t0;
    })()`)) as number;
    expect(await visibleRows(page)).toBe(50);
    expect(ms).toBeLessThan(300);
    expect(errors).toEqual([]);
    await page.close();
  });
});
