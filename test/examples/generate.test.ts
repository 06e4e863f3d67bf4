import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import MDBReader from 'mdb-reader';
import XLSX from '@e965/xlsx';
import { computeSummaries } from '@nyt2539/checker';
import {
  getTable,
  physicalTables,
  summaryTable,
  summaryTables,
  toMu,
  validateCBFBM,
  validateCBHTBM,
  validateCBJYQZBM,
  validateDKBM,
  validateFBFBM,
  validateIdNumber,
  validateLZHTBM,
  validateRow,
  vectorLayerTables,
  sexFromId,
} from '@nyt2539/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult, GroundTruth } from '@nyt2539/examples';
import { generatePackage } from '@nyt2539/packager';

type Rec = Record<string, unknown>;
interface ShpFeature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown } | null;
  properties: Rec;
}
interface ShapefileSource {
  read(): Promise<{ done: boolean; value: ShpFeature }>;
}
interface ShapefileModule {
  open(shp: string, dbf: string, opts: { encoding: string }): Promise<ShapefileSource>;
}

const root = mkdtempSync(join(tmpdir(), 'nyt2539-gen-'));
let a: GenerateResult;
let b: GenerateResult;
let mdb: Record<string, Rec[]>;
const layers: Record<string, ShpFeature[]> = {};

async function readLayer(dir: string, layer: string): Promise<ShpFeature[]> {
  // the `shapefile` package is an independent reader; it has no types, so it is loaded by name
  const shapefile = (await import('shapefile' as string)) as ShapefileModule;
  const base = join(dir, '矢量数据', `${layer}3407112016`);
  const src = await shapefile.open(`${base}.shp`, `${base}.dbf`, { encoding: 'gbk' });
  const out: ShpFeature[] = [];
  for (;;) {
    const r = await src.read();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split(sep).join('/')] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  a = await generatePackage({ scale: 'tiny', seed: 11, outDir: join(root, 'a') });
  b = await generatePackage({ scale: 'tiny', seed: 11, outDir: join(root, 'b') });
  const reader = new MDBReader(readFileSync(join(a.packageDir, '权属数据', '3407112016.mdb')));
  mdb = {};
  for (const name of reader.getTableNames()) mdb[name] = reader.getTable(name).getData() as Rec[];
  for (const l of vectorLayerTables) layers[l] = await readLayer(a.packageDir, l);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('generatePackage (tiny)', () => {
  it('is deterministic: the same seed gives byte-identical files and ground truth', async () => {
    const ha = hashTree(join(root, 'a'));
    const hb = hashTree(join(root, 'b'));
    expect(Object.keys(ha).length).toBeGreaterThan(100);
    expect(hb).toEqual(ha);
    const c = await generatePackage({ scale: 'tiny', seed: 12, outDir: join(root, 'c') });
    const hc = hashTree(join(root, 'c'));
    expect(hc['340711郊区/矢量数据/DK3407112016.shp']).not.toEqual(ha['340711郊区/矢量数据/DK3407112016.shp']);
    expect(c.stats.plots).toBeGreaterThan(0);
  });

  it('writes the package tree and a ground truth with an empty defect list', () => {
    const truth = JSON.parse(readFileSync(a.groundTruthPath, 'utf8')) as GroundTruth;
    expect(truth.defects).toEqual([]);
    expect(truth.package).toBe('340711郊区');
    expect(truth.stats.plots).toBe(a.stats.plots);
    for (const d of ['矢量数据', '权属数据', '汇总表格', '其他资料/权属来源附件', '其他资料/点之记', '图件', '文字报告', '栅格数据/数字正射影像图', '栅格数据/数字栅格地图', '栅格数据/其他栅格数据']) {
      expect(existsSync(join(a.packageDir, d)), d).toBe(true);
    }
    for (const l of vectorLayerTables) for (const ext of ['shp', 'shx', 'dbf', 'prj']) expect(existsSync(join(a.packageDir, '矢量数据', `${l}3407112016.${ext}`)), `${l}.${ext}`).toBe(true);
    expect(existsSync(join(a.packageDir, '权属数据', '3407112016权属单位代码表.xls'))).toBe(true);
    const xml = readFileSync(join(a.packageDir, '矢量数据', 'SL3407112016.xml'), 'utf8');
    expect(xml).toContain('<geoID>340711</geoID>');
    expect(xml).toContain('<centralMer>117</centralMer>');
    expect(xml.match(/<layerName>/g)).toHaveLength(14);
    expect(readdirSync(join(a.packageDir, '汇总表格')).sort()).toHaveLength(6);
    expect(a.stats.plots).toBeGreaterThanOrEqual(200);
    expect(a.stats.plots).toBeLessThanOrEqual(500);
  });

  it('reads back through mdb-reader: all 12 tables, counts as generated, every row valid', () => {
    expect(Object.keys(mdb).sort()).toEqual(physicalTables.map((t) => t.name).sort());
    for (const t of physicalTables) {
      expect(mdb[t.name].length, t.name).toBe(a.stats.records[t.name]);
      expect(mdb[t.name].length, t.name).toBeGreaterThan(0);
      for (const [i, row] of mdb[t.name].entries()) {
        const v = validateRow(t.name, row).filter((x) => !x.advisory);
        expect(v, `${t.name} row ${i + 1} ${JSON.stringify(row)}`).toEqual([]);
      }
    }
  });

  it('reads back through the shapefile package: every layer, every feature valid', () => {
    for (const l of vectorLayerTables) {
      expect(layers[l].length, l).toBe(a.stats.records[l]);
      expect(layers[l].length, l).toBeGreaterThan(0);
      const table = getTable(l)!;
      for (const [i, f] of layers[l].entries()) {
        const v = validateRow(table, f.properties).filter((x) => !x.advisory);
        expect(v, `${l} feature ${i + 1} ${JSON.stringify(f.properties)}`).toEqual([]);
      }
    }
  });

  it('codes are well formed and consistent across tables', () => {
    for (const r of mdb.FBF) expect(validateFBFBM(r.FBFBM).ok, String(r.FBFBM)).toBe(true);
    const cbflx = new Map<string, string>();
    for (const r of mdb.CBF) {
      expect(validateCBFBM(r.CBFBM, r.CBFLX as string).ok, String(r.CBFBM)).toBe(true);
      cbflx.set(r.CBFBM as string, r.CBFLX as string);
    }
    expect(new Set(cbflx.values())).toEqual(new Set(['1', '2', '3']));
    const cbfs = new Map(mdb.CBHT.map((r) => [r.CBHTBM as string, r.CBFS as string]));
    for (const r of mdb.CBHT) expect(validateCBHTBM(r.CBHTBM, r.CBFS as string).ok, String(r.CBHTBM)).toBe(true);
    for (const r of mdb.CBJYQZDJB) expect(validateCBJYQZBM(r.CBJYQZBM, r.CBFS as string).ok).toBe(true);
    for (const r of mdb.LZHT) expect(validateLZHTBM(r.LZHTBM).ok).toBe(true);
    for (const r of mdb.CBDKXX) {
      expect(validateDKBM(r.DKBM).ok).toBe(true);
      expect(r.CBJYQQDFS).toBe(cbfs.get(r.CBHTBM as string));
      expect(r.FBFBM).toBe((r.DKBM as string).slice(0, 14));
    }
    const fbf = new Set(mdb.FBF.map((r) => r.FBFBM));
    expect([...fbf].some((c) => (c as string).endsWith('00'))).toBe(true);
    for (const r of mdb.CBF) expect(fbf.has((r.CBFBM as string).slice(0, 14))).toBe(true);
  });

  it('households: one 户主, CBFCYSL = members, valid ID numbers whose sex matches CYXB', () => {
    const members = new Map<string, Rec[]>();
    for (const m of mdb.CBF_JTCY) {
      const list = members.get(m.CBFBM as string) ?? [];
      list.push(m);
      members.set(m.CBFBM as string, list);
    }
    const ids = new Set<string>();
    for (const m of mdb.CBF_JTCY) {
      expect(validateIdNumber(m.CYZJHM).ok, String(m.CYZJHM)).toBe(true);
      expect(sexFromId(m.CYZJHM as string)).toBe(m.CYXB);
      expect(ids.has(m.CYZJHM as string)).toBe(false);
      ids.add(m.CYZJHM as string);
    }
    for (const c of mdb.CBF.filter((r) => r.CBFLX === '1')) {
      const list = members.get(c.CBFBM as string) ?? [];
      expect(list.length).toBe(c.CBFCYSL);
      const heads = list.filter((m) => m.YHZGX === '02');
      expect(heads).toHaveLength(1);
      expect(heads[0].CYXM).toBe(c.CBFMC);
      expect(heads[0].CYZJHM).toBe(c.CBFZJHM);
    }
  });

  it('areas: HTZMJ = ΣHTMJ, CBDKZS = parcel count, every 亩 field = round(m² × 0.0015, 2), HTMJ = SCMJ', () => {
    const dk = new Map(layers.DK.map((f) => [f.properties.DKBM as string, f.properties]));
    const byContract = new Map<string, Rec[]>();
    for (const r of mdb.CBDKXX) {
      const list = byContract.get(r.CBHTBM as string) ?? [];
      list.push(r);
      byContract.set(r.CBHTBM as string, list);
      expect(Number(r.HTMJM)).toBe(toMu(Number(r.HTMJ)));
      expect(Number(r.YHTMJM)).toBe(toMu(Number(r.YHTMJ)));
      expect(Number(r.HTMJ)).toBe(dk.get(r.DKBM as string)!.SCMJ);
    }
    for (const h of mdb.CBHT) {
      const list = byContract.get(h.CBHTBM as string)!;
      expect(h.CBDKZS).toBe(list.length);
      const sum = Math.round(list.reduce((s, r) => s + Number(r.HTMJ) * 100, 0)) / 100;
      expect(Number(h.HTZMJ)).toBeCloseTo(sum, 2);
      expect(Number(h.HTZMJM)).toBe(toMu(Number(h.HTZMJ)));
    }
    for (const f of layers.DK) expect(f.properties.SCMJM).toBe(toMu(f.properties.SCMJ as number));
    for (const r of mdb.LZHT) expect(Number(r.LZMJM)).toBe(toMu(Number(r.LZMJ)));
  });

  it('dates follow 调查 < 公示审核 < 签订 < 登记 < 发证 ≤ 领取', () => {
    const cbf = new Map(mdb.CBF.map((r) => [r.CBFBM as string, r]));
    const djb = new Map(mdb.CBJYQZDJB.map((r) => [r.CBJYQZBM as string, r]));
    const qz = new Map(mdb.CBJYQZ.map((r) => [r.CBJYQZBM as string, r]));
    const t = (v: unknown): number => (v as Date).getTime();
    for (const h of mdb.CBHT) {
      const c = cbf.get(h.CBFBM as string)!;
      const d = djb.get(h.CBHTBM as string)!;
      const z = qz.get(h.CBHTBM as string)!;
      expect(t(c.CBFDCRQ)).toBeLessThan(t(c.GSSHRQ));
      expect(t(c.GSSHRQ)).toBeLessThan(t(h.QDSJ));
      expect(t(h.QDSJ)).toBeLessThan(t(d.DJSJ));
      expect(t(d.DJSJ)).toBeLessThan(t(z.FZRQ));
      if (z.QZLQRQ) expect(t(z.FZRQ)).toBeLessThanOrEqual(t(z.QZLQRQ));
    }
  });

  it('attachments exist at every stored path and are real PDF/JPEG files', () => {
    const paths = [
      ...mdb.CBJYQZDJB.map((r) => r.DKSYT as string),
      ...mdb.QSLYZLFJ.map((r) => r.FJ as string),
      ...layers.KZD.map((f) => f.properties.DZJ as string),
    ];
    expect(paths.length).toBeGreaterThan(50);
    for (const p of paths) {
      const file = join(a.packageDir, ...p.split('\\'));
      expect(existsSync(file), p).toBe(true);
      const head = readFileSync(file).subarray(0, 4);
      if (p.endsWith('.pdf')) expect(head.toString('latin1')).toBe('%PDF');
      else expect([...head.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    }
    const pdf = join(a.packageDir, ...(mdb.CBJYQZDJB[0].DKSYT as string).split('\\'));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(mdb.CBJYQZDJB[0].CBJYQZBM as string);
  });

  it('summary tables and the unit code table equal a recomputation from the data read back', async () => {
    const result = await computeSummaries({
      units: readUnitTable(),
      FBF: mdb.FBF,
      CBF: mdb.CBF,
      CBDKXX: mdb.CBDKXX,
      CBHT: mdb.CBHT,
      CBJYQZ: mdb.CBJYQZ,
      CBJYQZDJB: mdb.CBJYQZDJB,
      DK: layers.DK.map((f) => f.properties),
    });
    for (const t of summaryTables) {
      const sheet = readSheet(join(a.packageDir, '汇总表格', `340711郊区${t.title}.xls`));
      const def = summaryTable(t.id);
      const data = sheet.slice(def.layout.dataStartRow).filter((r) => r.length > 0 && r[0] !== undefined && r[0] !== '');
      const expected = result.tables[t.id].map((r) => [r.code, r.name, ...def.columns.slice(2).map((c) => r.values[c.key])]);
      expect(data.map((r) => [r[0], r[1], ...r.slice(2).map(Number)]), t.title).toEqual(expected);
    }
    expect(readUnitTable().map((u) => u.code)).toEqual(result.unitCodeTable.map((u) => u.code));
  });
});

function readSheet(path: string): unknown[][] {
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true, defval: '' });
}

function readUnitTable(): { code: string; name: string }[] {
  const rows = readSheet(join(a.packageDir, '权属数据', '3407112016权属单位代码表.xls'));
  return rows.slice(1).filter((r) => r[0] !== '').map((r) => ({ code: String(r[0]), name: String(r[1]) }));
}
