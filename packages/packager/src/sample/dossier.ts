import PDFDocument from 'pdfkit';
import { maskIdNumber, maskPhone } from '@nyt2539/checker';
import { codeName } from '@nyt2539/schema';
import { registerCjkFont } from '../pdf/font.js';
import { packPolygons, type Ring, type SketchJob } from '../sketch/job.js';
import type { Sample, SampledHousehold } from './draw.js';
import { relationName, schemeText } from './sheet.js';

const fixedDate = new Date(Date.UTC(2000, 0, 1));

/**
 * The sampled household's plots as a sketch-map job for the build's renderer (sketch/render.ts): its contracted
 * plots with their outlines from the DK layer; undefined when none of them has an outline.
 */
export function householdSketch(s: Sample, h: SampledHousehold, outlines: ReadonlyMap<string, readonly Ring[]>, options: { mask: boolean }): SketchJob | undefined {
  const plots = h.plots
    .filter((p) => outlines.has(p.DKBM))
    .map((p) => ({
      DKBM: p.DKBM,
      DKMC: p.DKMC,
      SCMJM: p.SCMJM,
      DLDJ: codeName('C.8', p.DLDJ) ?? p.DLDJ,
      SFJBNT: p.SFJBNT === '1' ? '是' : p.SFJBNT === '2' ? '否' : p.SFJBNT,
      sizhi: [p.DKDZ, p.DKNZ, p.DKXZ, p.DKBZ] as const,
      rings: outlines.get(p.DKBM)!,
    }));
  if (plots.length === 0) return undefined;
  return {
    path: `${h.CBFBM}-地块示意图.pdf`,
    FBFMC: h.stratum,
    FBFBM: h.CBFBM.slice(0, 14),
    CBFMC: h.CBFMC,
    CBFZJHM: options.mask ? maskIdNumber(h.CBFZJHM) : h.CBFZJHM,
    CBJYQZBM: h.CBJYQZBM,
    CBFBM: h.CBFBM,
    plots,
    neighbours: packPolygons([]),
    points: [],
    producer: `抽检（随机种子 ${s.seed}）`,
    date: '2000-01-01',
  };
}

/**
 * One household's dossier for the archive and field check: registration data (ID and phone masked unless
 * --no-mask), members, every contracted plot with the sampled ones marked, and the sample's scheme and seed.
 */
export function householdDossier(s: Sample, h: SampledHousehold, options: { mask: boolean }): Promise<Buffer> {
  const id = (v: string): string => (options.mask ? maskIdNumber(v) : v);
  const phone = (v: string): string => (options.mask ? maskPhone(v) : v);
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `抽检户档案 ${h.CBFBM}`, Producer: 'nyt2539', Creator: 'nyt2539', CreationDate: fixedDate, ModDate: fixedDate } });
  // the thread's shared face: parsed once, each dossier's subset assembled from cached charstrings
  registerCjkFont(doc, 'cjk');
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));

  doc.fontSize(16).text(`${s.rootName} 抽检户档案`, { align: 'center' });
  doc.moveDown(0.3).fontSize(9).fillColor('#444').text(schemeText(s), { align: 'center' }).fillColor('black');
  doc.moveDown();
  doc.fontSize(12).text('一、承包方登记信息');
  doc.fontSize(10);
  const kv: [string, string][] = [
    ['承包方编码', h.CBFBM],
    ['承包方名称', h.CBFMC],
    ['证件号码', id(h.CBFZJHM)],
    ['联系电话', phone(h.LXDH)],
    ['地址', h.CBFDZ],
    ['经营权证编号', h.CBJYQZBM],
    ['承包合同编码', h.CBHTBM],
    ['所在分层', `${h.stratum}`],
  ];
  for (const [k, v] of kv) doc.text(`${k}：${v || '—'}`);
  doc.moveDown();
  doc.fontSize(12).text(`二、家庭成员（${h.members.length} 人）`);
  doc.fontSize(10);
  for (const [i, m] of h.members.entries()) doc.text(`${i + 1}. ${m.CYXM}  ${relationName(m.YHZGX)}  ${id(m.CYZJHM)}`);
  doc.moveDown();
  doc.fontSize(12).text(`三、承包地块（${h.plots.length} 块，★ 为抽中核查地块）`);
  doc.fontSize(9);
  const sampled = new Set(h.sampledPlots.map((p) => p.DKBM));
  for (const p of h.plots) {
    doc.text(
      `${sampled.has(p.DKBM) ? '★' : '  '} ${p.DKBM} ${p.DKMC}  实测 ${p.SCMJ ?? '—'} 平方米 / ${p.SCMJM ?? '—'} 亩  合同 ${p.HTMJM ?? '—'} 亩  东至 ${p.DKDZ || '—'}  南至 ${p.DKNZ || '—'}  西至 ${p.DKXZ || '—'}  北至 ${p.DKBZ || '—'}`,
    );
  }
  doc.moveDown();
  doc.fontSize(12).text('四、核查记录');
  doc.fontSize(10).text('核查结果：__________  差异说明：______________________________');
  doc.text('核查人：__________  日期：__________');
  doc.end();
  return done;
}
