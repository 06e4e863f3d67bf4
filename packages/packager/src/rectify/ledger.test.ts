import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { launchChromium } from '../reports/test-support.js';
import { afterAll, describe, expect, it } from 'vitest';
import { findingsDocument, fingerprintOf, summarize, type Finding, type PackageInfo } from '@nyt2539/checker';
import { writeMdb } from '../mdb/index.js';
import { addManualItem, applyCheck, closeItem, emptyLedger, readLedger, readPlan, renderLedgerJson } from './ledger.js';
import { importManualItems, ledgerHtml } from './ledger-render.js';

const info: PackageInfo = { root: '/x/340711郊区', rootName: '340711郊区', county: '340711', countyName: '郊区', year: '2016', input: '/x', inputKind: 'folder' };
const location = { table: 'DK', keys: { DKBM: '3407111012010100048' }, field: 'DKMC' };
const f: Finding = { ruleId: 'values/required', group: 'values', severity: 'error', messageId: 'empty', message: { zh: 'DK 必填字段 DKMC 为空', en: 'DKMC empty' }, location, fingerprint: fingerprintOf({ ruleId: 'values/required', messageId: 'empty', location }) };
const doc = (findings: Finding[], date: string) =>
  findingsDocument(info, summarize([{ ruleId: 'values/required', group: 'values', errors: findings.length, warnings: 0, dropped: 0 }]), findings, { mask: true, checkedAt: date });

describe('ledger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-ledger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const plan = readPlan();

  it('reads the default plan and names the place of a mistake in another', () => {
    expect(plan.rules.length).toBeGreaterThan(5);
    const bad = join(dir, 'plan.yaml');
    writeFileSync(bad, 'format: nyt2539-plan\ndefaultDays: 30\nrules:\n  - { match: values/*, unit: 测绘单位, dayz: 3 }\n');
    expect(() => readPlan(bad)).toThrow(/rules\[0\] 含未知项 dayz/);
  });

  it('refuses checks out of date order and another package', () => {
    const ledger = emptyLedger();
    applyCheck(ledger, doc([f], '2026-11-10'), plan, 'a');
    expect(() => applyCheck(ledger, doc([], '2026-11-01'), plan, 'b')).toThrow(/早于/);
    expect(() => applyCheck(ledger, { ...doc([], '2026-11-20'), package: { ...info, rootName: '340702铜官区' } }, plan, 'c')).toThrow(/台账属于 340711郊区/);
  });

  it('a damaged or foreign ledger is an error and stays as it was', () => {
    const cut = join(dir, 'cut.json');
    const text = renderLedgerJson(emptyLedger()).slice(0, 20);
    writeFileSync(cut, text);
    expect(() => readLedger(cut)).toThrow(/已损坏/);
    expect(readFileSync(cut, 'utf8')).toBe(text);
    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, '{"format":"something-else","items":[]}');
    expect(() => readLedger(foreign)).toThrow(/不是 nyt2539 整改台账/);
  });

  it('manual items close by a person with note and evidence; a data correction only when a later check shows the value', async () => {
    const ledger = emptyLedger();
    applyCheck(ledger, doc([f], '2026-11-01'), plan, 'check 1');
    const feedback = addManualItem(ledger, plan, { kind: 'provincial-feedback', problem: '二轮承包合同未归档', location: '柳岭镇东坊村', date: '2026-11-02' });
    expect([feedback.id, feedback.unit, feedback.deadline]).toEqual(['M-0001', '县确权办', '2026-12-02']);
    expect(() => closeItem(ledger, 'M-0001', { by: '张三', note: '', evidence: 'a.pdf', date: '2026-11-05' })).toThrow(/整改说明/);
    closeItem(ledger, 'M-0001', { by: '张三', note: '已归档', evidence: '档案/合同.pdf', date: '2026-11-05' });
    expect(ledger.items[1]).toMatchObject({ status: 'closed', closedOn: '2026-11-05', closedBy: '张三', evidence: '档案/合同.pdf' });
    expect(() => closeItem(ledger, ledger.items[0].id, { by: 'x', note: 'x', evidence: 'x', date: '2026-11-05' })).toThrow(/自动销号/);

    const request = addManualItem(ledger, plan, {
      kind: 'area-correction',
      problem: '农户申请更正地块合同面积',
      location: 'DKBM=3407111012010100048',
      date: '2026-11-03',
      requested: { table: 'CBDKXX', key: 'DKBM=3407111012010100048', field: 'HTMJ', value: '666.67' },
    });
    expect(request.unit).toBe('村组');
    const pkg = join(dir, '340711郊区');
    mkdirSync(join(pkg, '权属数据'), { recursive: true });
    const mdb = join(pkg, '权属数据', '3407112016.mdb');
    const write = async (htmj: string) => {
      rmSync(mdb, { force: true });
      await writeMdb(mdb, [{ name: 'CBDKXX', rows: [{ DKBM: '3407111012010100048', FBFBM: '34071110120101', CBFBM: '340711101201010001', CBJYQQDFS: '110', HTMJ: htmj, CBHTBM: '340711101201010001J', CBJYQZBM: '340711101201010001J', HTMJM: '1.00', SFQQQG: '2' }] }]);
    };
    await write('600.00');
    const close = () => closeItem(ledger, request.id, { by: '李四', note: '村组审核，农户签字', evidence: '申请/李四.pdf', date: '2026-11-12', packageDir: pkg });
    expect(close).toThrow(/须在之后的一次复查/);
    applyCheck(ledger, doc([f], '2026-11-10'), plan, 'check 2');
    expect(close).toThrow(/仍为 600.00/);
    await write('666.67');
    expect(close().status).toBe('closed');
  });

  it('imports hand-kept items from a workbook and shows overdue rows in the HTML view', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('反馈');
    ws.addRow(['问题', '位置', '责任单位', '期限', '来源']);
    ws.addRow(['承包方调查表缺农户签字', '东坊村一组', '乡镇', '2026-11-15', '省级检查反馈']);
    ws.addRow(['地块面积有异议', '东坊村二组', '', '', '农户面积更正申请']);
    const path = join(dir, 'items.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const items = await importManualItems(readFileSync(path), path, '2026-11-01');
    expect(items.map((i) => [i.kind, i.unit, i.deadline])).toEqual([
      ['provincial-feedback', '乡镇', '2026-11-15'],
      ['area-correction', undefined, undefined],
    ]);
    ws.addRow(['x', 'y', '', '下周', '']);
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    await expect(importManualItems(readFileSync(path), path, '2026-11-01')).rejects.toThrow(/第 4 行：期限 下周/);

    const ledger = emptyLedger();
    applyCheck(ledger, doc([f], '2026-11-01'), plan, 'check 1');
    for (const i of items) addManualItem(ledger, plan, i);
    const html = join(dir, 'ledger.html');
    writeFileSync(html, ledgerHtml(ledger, '2026-11-20'));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${html}`);
      expect(await page.locator('#items tbody tr').count()).toBe(3);
      // values/required: 15 days → 2026-11-16; the feedback item 2026-11-15: both overdue on 2026-11-20
      expect(await page.locator('#items tbody tr.overdue').count()).toBe(2);
      const progress = await page.locator('#progress tbody tr').allTextContents();
      expect(progress).toHaveLength(3);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
