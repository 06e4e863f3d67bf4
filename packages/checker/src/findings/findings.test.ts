import { describe, expect, it } from 'vitest';
import { idCheckChar } from '@nyt2539/schema';
import type { PackageInfo } from '../engine/types.js';
import { compareFindings, type Finding } from '../engine/finding.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingsDocument, renderJson, validateFindingsDocument, writeJsonAtomic } from './json-report.js';
import { maskFinding, maskIdNumber, maskPhone } from './mask.js';
import { applyEol } from '../io/eol.js';
import { summarize } from '../engine/summary.js';
import { displayWidth, formatLocation, renderText } from './text-report.js';

const info: PackageInfo = { root: '/x/220581梅河口市', rootName: '220581梅河口市', county: '220581', countyName: '梅河口市', year: '2016', input: '/x/220581梅河口市', inputKind: 'folder' };

const idFinding: Finding = {
  ruleId: 'values/whitespace',
  group: 'values',
  severity: 'error',
  messageId: 'space',
  message: { zh: '字段 CBFZJHM 的值“22058119800101123X ”含有空格', en: 'CBFZJHM "22058119800101123X " has a space' },
  location: { file: '权属数据/2205812016.mdb', table: 'CBF', record: 4, field: 'CBFZJHM', keys: { CBFBM: '220581100007010001', CBFZJHM: '22058119800101123X' } },
  actual: '22058119800101123X ',
  fingerprint: '0123456789abcdef',
};

const warning: Finding = {
  ruleId: 'structure/field-extra',
  group: 'structure',
  severity: 'warning',
  messageId: 'extra',
  message: { zh: '多余字段 YSDM_1', en: 'extra field YSDM_1' },
  location: { file: '矢量数据/DK2205812016.dbf', table: 'DK', field: 'YSDM_1' },
  fingerprint: 'fedcba9876543210',
};

describe('masking', () => {
  it('keeps the first 6 and last 4 of an ID number and the first 3 and last 4 of a phone number', () => {
    expect(maskIdNumber('22058119800101123X')).toBe('220581********123X');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskPhone('13812345678')).toBe('138****5678');
    // punctuation and spaces stay: a finding about a stray '-' still shows it
    expect(maskPhone('0435-1234567')).toBe('043*-***4567');
    expect(maskIdNumber('220581-19800101123')).toBe('220581-*******1123');
  });

  it('masks a valid ID number or mobile number in any message parameter, whatever the field (persons/sex-id)', () => {
    const sexId: Finding = {
      ruleId: 'persons/sex-id',
      group: 'logic',
      severity: 'error',
      messageId: 'mismatch',
      fingerprint: '0123456789abcdef',
      message: { zh: 'CBF_JTCY.CYXB 为 2，但身份证号码 340711199010192533 表示性别 1；联系电话 13912345678', en: 'ID number 340711199010192533 says sex 1' },
      location: { file: '权属数据/3407112016.mdb', table: 'CBF_JTCY', record: 7, field: 'CYXB', keys: { CBFBM: '340711100201010001' } },
      actual: '2',
      expected: '1',
    };
    const m = maskFinding(sexId);
    expect(m.message.zh).toBe('CBF_JTCY.CYXB 为 2，但身份证号码 340711********2533 表示性别 1；联系电话 139****5678');
    expect(m.message.en).toBe('ID number 340711********2533 says sex 1');
    expect(m.location.keys).toEqual({ CBFBM: '340711100201010001' });
  });

  it('leaves a code key that happens to pass the ID check alone, and says what is wrong with an invalid number', () => {
    // an 18-digit CBFBM whose digits form a valid ID number: it is how the user finds the row
    const code = '34071119900101001' + idCheckChar('34071119900101001');
    const f: Finding = {
      ruleId: 'persons/id-number',
      group: 'logic',
      severity: 'error',
      messageId: 'invalid',
      fingerprint: '0123456789abcdef',
      message: { zh: `CBF.CBFZJHM 的值 340711-19800101123：证件号码“340711-19800101123”含非数字字符“-”；承包方 ${code}`, en: '' },
      location: { table: 'CBF', field: 'CBFZJHM', keys: { CBFBM: code } },
      actual: '340711-19800101123',
    };
    const m = maskFinding(f);
    expect(m.actual).toBe('340711-*******1123');
    expect(m.message.zh).toBe(`CBF.CBFZJHM 的值 340711-*******1123：证件号码“340711-*******1123”含非数字字符“-”；承包方 ${code}`);
  });

  it('masks ID values in actual, keys and message, but not 18-digit codes like CBFBM', () => {
    const m = maskFinding(idFinding);
    expect(m.actual).toBe('220581********123X ');
    expect(m.location.keys).toEqual({ CBFBM: '220581100007010001', CBFZJHM: '220581********123X' });
    expect(m.message.zh).toBe('字段 CBFZJHM 的值“220581********123X ”含有空格');
    expect(maskFinding(warning)).toBe(warning);
  });
});

describe('reports', () => {
  const counts = [
    { ruleId: 'values/whitespace', group: 'values' as const, errors: 1, warnings: 0, dropped: 0 },
    { ruleId: 'structure/field-extra', group: 'structure' as const, errors: 0, warnings: 1, dropped: 0 },
    { ruleId: 'layout/root-name', group: 'layout' as const, errors: 0, warnings: 0, dropped: 0 },
  ];
  const findings = [warning, idFinding].sort(compareFindings);
  const summary = summarize(counts);

  it('sorts errors first and summarizes by category in category order', () => {
    expect(findings.map((f) => f.ruleId)).toEqual(['values/whitespace', 'structure/field-extra']);
    expect(summary.passed).toBe(false);
    expect(summary.byGroup.map((g) => [g.title.zh, g.errors, g.warnings])).toEqual([
      ['目录与文件', 0, 0],
      ['数据结构', 0, 1],
      ['属性值域与格式', 1, 0],
    ]);
    expect(summarize([counts[1]]).passed).toBe(true);
  });

  it('writes findings.json that is valid against the schema, masked by default', () => {
    const doc = findingsDocument(info, summary, findings, { mask: true, checkedAt: '2026-12-03' });
    expect(doc.formatVersion).toBe(2);
    expect(doc.checkedAt).toBe('2026-12-03');
    expect(validateFindingsDocument(JSON.parse(renderJson(doc)))).toEqual([]);
    expect(validateFindingsDocument({ ...doc, findings: [{ ...doc.findings[0], fingerprint: undefined }] }).length).toBeGreaterThan(0);
    expect(doc.findings[0].actual).toBe('220581********123X ');
    expect(validateFindingsDocument({ ...doc, passed: 'yes' }).length).toBeGreaterThan(0);
    expect(renderJson(doc)).toBe(renderJson(findingsDocument(info, summary, findings, { mask: true, checkedAt: '2026-12-03' })));
  });

  it('writes findings.json in batches with the same bytes as renderJson (LF or CRLF), for no, a few and many findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nyt2539-json-'));
    try {
      const many = Array.from({ length: 4500 }, (_, k) => ({ ...idFinding, location: { ...idFinding.location, record: k }, fingerprint: k.toString(16).padStart(16, '0') }));
      for (const list of [[], findings, many]) {
        const doc = findingsDocument(info, summary, list, { mask: true, checkedAt: '2026-12-03' });
        const path = join(dir, 'findings.json');
        writeJsonAtomic(path, doc);
        expect(readFileSync(path, 'utf8')).toBe(renderJson(doc));
        // --eol crlf: every line ending CRLF, nothing else changed
        writeJsonAtomic(path, doc, { eol: 'crlf' });
        const crlf = readFileSync(path, 'utf8');
        expect(crlf).toBe(applyEol(renderJson(doc), 'crlf'));
        expect(crlf.split('\r\n').length).toBe(renderJson(doc).split('\n').length);
        expect(JSON.parse(crlf)).toEqual(JSON.parse(renderJson(doc)));
      }
      expect(readdirSync(dir)).toEqual(['findings.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a text report with the category table, located findings and the verdict', () => {
    const text = renderText(info, summary, findings, { lang: 'zh', limit: 10, mask: true });
    expect(text).toContain('检查类别       | 错误 | 警告');
    expect(text).toContain('1. [错误] values/whitespace');
    expect(text).toContain('文件 权属数据/2205812016.mdb；表/图层 CBF；第 4 条记录；CBFBM=220581100007010001；CBFZJHM=220581********123X；字段 CBFZJHM');
    expect(text).not.toContain('22058119800101123X');
    expect(text.trimEnd().endsWith('结论：不通过')).toBe(true);
    const en = renderText(info, summarize([counts[1]]), [warning], { lang: 'en', limit: 0, mask: false });
    expect(en).toContain('Findings (first 0 of 1, errors first):');
    expect(en.trimEnd().endsWith('Result: PASSED')).toBe(true);
    expect(displayWidth('目录a')).toBe(5);
  });
});

describe('sensitive fields come from the standard', () => {
  it('masks 证件号码 and 电话 fields only', async () => {
    const { isIdNumberField, isPhoneField } = await import('./mask.js');
    expect(['CBFZJHM', 'CYZJHM', 'FZRZJHM', 'QZLQRZJHM'].every(isIdNumberField)).toBe(true);
    expect(isPhoneField('LXDH')).toBe(true);
    expect(['JZDH', 'KZDDH', 'QJZDH', 'CBFBM', 'DKBM'].some((f) => isIdNumberField(f) || isPhoneField(f))).toBe(false);
  });
});

describe('fingerprints and check dates', () => {
  it('ignore record numbers where keys exist, name a pair the same from either side, and keep BSM out beside a code', async () => {
    const { fingerprintOf } = await import('../engine/fingerprint.js');
    const at = (record: number, keys: Record<string, string>) => ({ ruleId: 'values/required', messageId: 'empty', location: { table: 'DK', record, keys, field: 'DKMC' } });
    expect(fingerprintOf(at(4, { DKBM: '3407111012010100048', BSM: '48' }))).toBe(fingerprintOf(at(9, { DKBM: '3407111012010100048', BSM: '49' })));
    expect(fingerprintOf(at(4, { DKBM: '3407111012010100048' }))).not.toBe(fingerprintOf(at(4, { DKBM: '3407111012010100049' })));
    expect(fingerprintOf(at(4, {}))).not.toBe(fingerprintOf(at(5, {})));
    const pair = (self: string, other: string) => ({ ruleId: 'topology/plot-overlap', messageId: 'overlap', location: { table: 'DK', keys: { DKBM: self, BSM: '1' } }, other });
    expect(fingerprintOf(pair('A1', 'B2'))).toBe(fingerprintOf(pair('B2', 'A1')));
    expect(fingerprintOf(pair('A1', 'B2'))).not.toBe(fingerprintOf(pair('A1', 'C3')));
  });

  it('take the check date from the option, then NYT2539_DATE, and reject what is not a date', async () => {
    const { checkDate } = await import('../engine/fingerprint.js');
    expect(checkDate('2026-02-28')).toBe('2026-02-28');
    const saved = process.env.NYT2539_DATE;
    process.env.NYT2539_DATE = '2026-03-01';
    try {
      expect(checkDate()).toBe('2026-03-01');
    } finally {
      if (saved === undefined) delete process.env.NYT2539_DATE;
      else process.env.NYT2539_DATE = saved;
    }
    expect(() => checkDate('2026-02-30')).toThrow(/YYYY-MM-DD/);
  });
});

describe('locations in the text report', () => {
  const base = { ruleId: 'topology/region-features', group: 'topology' as const, severity: 'warning' as const, messageId: 'm', fingerprint: '0123456789abcdef', message: { zh: 'm', en: 'm' } };
  it('prints coordinates as X(北)=northing Y(东)=easting, the FID GIS shows for a layer record, and the Excel cell', () => {
    const layer: Finding = { ...base, location: { file: '矢量数据/KZD3407112016.shp', table: 'KZD', record: 5, point: [39512345.25, 3421987.5] } };
    expect(formatLocation(layer, 'zh')).toBe('文件 矢量数据/KZD3407112016.shp；表/图层 KZD；第 5 条记录（GIS 中 FID=4）；坐标 X(北)=3421987.5 Y(东)=39512345.25');
    expect(formatLocation(layer, 'en')).toBe('file 矢量数据/KZD3407112016.shp; table/layer KZD; record 5 (FID 4 in GIS); point X(north)=3421987.5 Y(east)=39512345.25');
    const table: Finding = { ...base, location: { file: '权属数据/3407112016.mdb', table: 'CBF', record: 5 } };
    expect(formatLocation(table, 'zh')).toBe('文件 权属数据/3407112016.mdb；表/图层 CBF；第 5 条记录');
    const sheet: Finding = { ...base, location: { file: '汇总表格/340711郊区按承包方汇总表.xls', table: '按承包方汇总表', record: 10, field: '承包方总数', cell: 'D10' } };
    expect(formatLocation(sheet, 'zh')).toBe('文件 汇总表格/340711郊区按承包方汇总表.xls；表/图层 按承包方汇总表；第 10 条记录；字段 承包方总数；单元格 D10');
  });
});
