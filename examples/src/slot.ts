import { attachmentPath, formatCBJYQZLSH, sketchMapPath, toMu } from '@nyt2539/schema';
import { dkbmOf, type GenContext } from './context.js';
import { polygonArea } from './geometry/area.js';
import type { TracedRing, XY } from './geometry/lattice.js';
import { plotAt, type SlotPlots } from './geometry/plots.js';
import type { Slot } from './layout.js';
import { companyName, fieldName, personName, phoneNumber } from './names.js';
import { makeHousehold, makePerson, type Person } from './people.js';
import { Rng } from './random.js';

/**
 * Everything one slot (a 组, or a village-level 发包方) contributes: its FBF, 承包方 with members,
 * contracts, parcels, registrations, certificates, attachments, transfers, and the DK/JZD/JZX/
 * JBNTBHQ/XZDW/MZDW/DZDW features. Values that involve neighbours (四至, shared 界址点/线) are read
 * from the neighbours' plot layouts, which are pure functions of the seed.
 */

interface Plot {
  readonly index: number;
  readonly dkbm: string;
  readonly ring: TracedRing;
  readonly coords: XY[];
  readonly scmj: number;
  DKLB: string;
  TDYT: string;
  TDLYLX: string;
  DLDJ: string;
  DKMC: string;
  SFJBNT: string;
  owner?: Contractor;
  LZHTBM?: string;
}

interface Contractor {
  readonly CBFBM: string;
  readonly CBFLX: '1' | '2' | '3';
  readonly name: string;
  readonly ZJLX: string;
  readonly ZJHM: string;
  readonly members: readonly Person[];
  readonly CBFS: string;
  readonly plots: Plot[];
}

const DAY = 86_400_000;
const FAMILY = '110';
const OTHER_WAYS = ['121', '122', '123', '129'];

export function generateSlot(ctx: GenContext, slot: Slot): void {
  const rng = Rng.derive(ctx.seed, 'slot', slot.fbfbm);
  const sp = ctx.plots(slot);
  const villageLevel = slot.groupNo === 0;
  const jbnt = chooseJbnt(rng, sp, villageLevel);

  // --- plots: geometry and land attributes
  const plots: Plot[] = sp.plots.map((pc) => {
    const inside = (i: number, j: number): boolean => plotAt(sp, i, j) === pc.index;
    const ring = ctx.lattice.traceRing(pc.cells, inside);
    const coords = ring.ids.map((id) => ctx.lattice.xy(id));
    const scmj = round2(polygonArea([coords]));
    const [i, j] = pc.cells[0];
    const inJbnt = jbnt !== undefined && j >= jbnt.j0 && j < jbnt.j0 + jbnt.h && i >= jbnt.i0;
    return { index: pc.index, dkbm: dkbmOf(slot, pc.index), ring, coords, scmj, DKLB: '10', TDYT: '1', TDLYLX: '011', DLDJ: '03', DKMC: '', SFJBNT: inJbnt ? '1' : '2' };
  });
  for (const p of plots) {
    p.DKLB = villageLevel
      ? rng.weighted(['10', '22', '99'], [6, 3, 1])
      : p.SFJBNT === '1'
        ? rng.weighted(['10', '21'], [96, 4])
        : rng.weighted(['10', '21', '22', '23', '99'], [88, 4, 3, 2, 3]);
    const use = p.DKLB === '99' ? rng.weighted(['4', '2'], [2, 1]) : p.SFJBNT === '1' ? '1' : rng.weighted(['1', '2', '4'], [94, 3, 3]);
    p.TDYT = use;
    p.TDLYLX = use === '1' ? rng.weighted(['011', '012', '013'], [6, 1, 3]) : use === '2' ? rng.weighted(['031', '021'], [2, 1]) : '114';
    p.DLDJ = String(rng.weighted([2, 3, 4, 5, 6, 7], [1, 3, 4, 3, 2, 1])).padStart(2, '0');
    p.DKMC = fieldName(rng);
  }
  // one pond per village, in its first slot, so MZDW has something real to show
  const pond = slot.village.slots[0] === slot ? plots.find((p) => p.SFJBNT === '2' && p.index >= 5) : undefined;
  if (pond) {
    pond.DKLB = '99';
    pond.TDYT = '4';
    pond.TDLYLX = '114';
  }

  // --- dates along the chain 调查 < 公示审核 < 签订 < 登记 < 发证 ≤ 领取
  const surveyBase = Date.UTC(ctx.year - 1, 2, 1) + rng.int(0, 45) * DAY;
  const fbfDate = new Date(surveyBase);

  // --- 承包方
  const contractPlots = plots.filter((p) => p.DKLB === '10');
  const contractors = makeContractors(ctx, rng, slot, contractPlots.length);
  assignPlots(rng, contractors, contractPlots);

  // --- FBF
  const fbfHead = makePerson(rng, ctx.ids, ctx.year);
  const surveyor = personName(rng, '1');
  const reviewer = personName(rng, rng.chance(0.5) ? '1' : '2');
  const recorder = personName(rng, '2');
  const registrar = personName(rng, '1');
  ctx.out.row('FBF', {
    FBFBM: slot.fbfbm,
    FBFMC: `${slot.fullName}农民集体`,
    FBFFZRXM: fbfHead.name,
    FZRZJLX: '1',
    FZRZJHM: fbfHead.id,
    LXDH: phoneNumber(rng),
    FBFDZ: slot.fullName,
    YZBM: ctx.county.postcode,
    FBFDCY: surveyor,
    FBFDCRQ: fbfDate,
    FBFDCJS: '发包方信息经调查核实无误',
  });

  const countyName = ctx.county.name;
  const fzjg = `${ctx.county.city}${countyName}人民政府`;
  let lzSeq = 0;
  let special = 0;
  for (const c of contractors) {
    const cbfDate = new Date(surveyBase + rng.int(1, 10) * DAY);
    const gsDate = new Date(cbfDate.getTime() + rng.int(20, 35) * DAY);
    const qdDate = new Date(gsDate.getTime() + rng.int(5, 15) * DAY);
    const djDate = new Date(qdDate.getTime() + rng.int(15, 40) * DAY);
    const fzDate = new Date(djDate.getTime() + rng.int(10, 25) * DAY);
    ctx.out.row('CBF', {
      CBFBM: c.CBFBM,
      CBFLX: c.CBFLX,
      CBFMC: c.name,
      CBFZJLX: c.ZJLX,
      CBFZJHM: c.ZJHM,
      CBFDZ: `${slot.fullName}${rng.int(1, 99)}号`,
      YZBM: ctx.county.postcode,
      LXDH: phoneNumber(rng),
      CBFCYSL: c.CBFLX === '3' ? 1 : c.members.length,
      CBFDCRQ: cbfDate,
      CBFDCY: surveyor,
      CBFDCJS: '承包方及家庭成员信息经入户调查核实',
      GSJS: '公示期满无异议',
      GSJSR: recorder,
      GSSHRQ: gsDate,
      GSSHR: reviewer,
    });
    for (const m of c.members) {
      const young = ageAt(m.birth, cbfDate) < 16;
      const student = !young && ageAt(m.birth, cbfDate) <= 22 && m.relation !== '02' && rng.chance(0.5);
      ctx.out.row('CBF_JTCY', {
        CBFBM: c.CBFBM,
        CYXM: m.name,
        CYXB: m.sex,
        CYZJLX: young ? '4' : '1',
        CYZJHM: m.id,
        YHZGX: m.relation,
        CYBZ: student ? '3' : null,
        SFGYR: '1',
        CYBZSM: student ? '在校大学生' : null,
      });
    }
    if (c.plots.length === 0) continue;

    // contract, parcels, register, certificate
    const suffix = c.CBFS === FAMILY ? 'J' : 'Q';
    const CBHTBM = c.CBFBM + suffix;
    const family = c.CBFS === FAMILY;
    const CBQXQ = family ? new Date(Date.UTC(1998, 0, 1)) : new Date(Date.UTC(ctx.year - 1, 0, 1));
    const CBQXZ = family ? new Date(Date.UTC(2027, 11, 31)) : new Date(Date.UTC(ctx.year + 8, 11, 31));
    let HTZMJ = 0;
    let YHTZMJ = 0;
    const yhtmj = new Map<Plot, number>();
    for (const p of c.plots) {
      const y = round2(p.scmj * rng.range(0.82, 1.0));
      yhtmj.set(p, y);
      HTZMJ += p.scmj;
      YHTZMJ += y;
    }
    HTZMJ = round2(HTZMJ);
    YHTZMJ = round2(YHTZMJ);
    ctx.out.row('CBHT', {
      CBHTBM,
      YCBHTBM: family && rng.chance(0.6) ? `${c.CBFBM.slice(6)}` : null,
      FBFBM: slot.fbfbm,
      CBFBM: c.CBFBM,
      CBFS: c.CBFS,
      CBQXQ,
      CBQXZ,
      HTZMJ,
      CBDKZS: c.plots.length,
      QDSJ: qdDate,
      HTZMJM: toMu(HTZMJ),
      YHTZMJ,
      YHTZMJM: toMu(YHTZMJ),
    });

    // a few transfers: a household rents 1–2 plots to a 个人/单位 of the same 发包方
    const receivers = contractors.filter((r) => r.CBFLX !== '1');
    // the first eligible household of a village-level 发包方 always transfers, so every county has LZHT rows
    const forced = villageLevel && lzSeq === 0;
    if (family && receivers.length > 0 && c.plots.length >= 2 && (forced || rng.chance(0.06)) && lzSeq < 9999) {
      const moved = c.plots.slice(0, rng.int(1, 2));
      const LZHTBM = slot.fbfbm + String(++lzSeq).padStart(4, '0');
      const LZMJ = round2(moved.reduce((s, p) => s + p.scmj, 0));
      const start = new Date(djDate.getTime() + rng.int(30, 200) * DAY);
      const years = rng.pick([3, 5, 10]);
      for (const p of moved) p.LZHTBM = LZHTBM;
      ctx.out.row('LZHT', {
        CBHTBM,
        LZHTBM,
        CBFBM: c.CBFBM,
        SRFBM: rng.pick(receivers).CBFBM,
        LZFS: rng.weighted(['900', '300'], [4, 1]),
        LZQX: `${years}年`,
        LZQXKSRQ: start,
        LZQXJSRQ: new Date(Date.UTC(start.getUTCFullYear() + years, start.getUTCMonth(), start.getUTCDate()) - DAY),
        LZMJ,
        LZDKS: moved.length,
        LZQTDYT: '1',
        LZHTDYT: '1',
        LZJGSM: `每亩每年${rng.pick([400, 500, 600, 800])}元`,
        HTQDRQ: new Date(start.getTime() - rng.int(3, 20) * DAY),
        LZMJM: toMu(LZMJ),
      });
    }
    for (const p of c.plots) {
      const y = yhtmj.get(p)!;
      ctx.out.row('CBDKXX', {
        DKBM: p.dkbm,
        FBFBM: slot.fbfbm,
        CBFBM: c.CBFBM,
        CBJYQQDFS: c.CBFS,
        HTMJ: p.scmj,
        CBHTBM,
        LZHTBM: p.LZHTBM ?? null,
        CBJYQZBM: CBHTBM,
        YHTMJ: y,
        HTMJM: toMu(p.scmj),
        YHTMJM: toMu(y),
        SFQQQG: '2',
      });
    }
    const DKSYT = sketchMapPath(slot.fbfbm, CBHTBM);
    ctx.out.row('CBJYQZDJB', {
      CBJYQZBM: CBHTBM,
      FBFBM: slot.fbfbm,
      CBFBM: c.CBFBM,
      CBFS: c.CBFS,
      CBQX: `${ymdText(CBQXQ)}至${ymdText(CBQXZ)}`,
      CBQXQ,
      CBQXZ,
      DKSYT,
      YCBJYQZBH: null,
      CBJYQZLSH: formatCBJYQZLSH(ctx.county.provinceAbbr, fzDate.getUTCFullYear(), countyName, ++ctx.lsh),
      DJBFJ: null,
      DBR: registrar,
      DJSJ: djDate,
    });
    ctx.out.file({ path: DKSYT, kind: 'pdf', text: `DKSYT ${CBHTBM}` });
    const collected = rng.chance(0.93);
    const head = c.members[0];
    ctx.out.row('CBJYQZ', {
      CBJYQZBM: CBHTBM,
      FZJG: fzjg,
      FZRQ: fzDate,
      QZSFLQ: collected ? '1' : '2',
      QZLQRQ: collected ? new Date(fzDate.getTime() + rng.int(0, 20) * DAY) : null,
      QZLQRXM: collected ? c.name : null,
      QZLQRZJLX: collected ? (head ? '1' : c.ZJLX) : null,
      QZLQRZJHM: collected ? (head ? head.id : c.ZJHM) : null,
    });
    // 权属来源附件: the contract (PDF) and an identity document scan (JPEG)
    const scans: [string, string, 'pdf' | 'jpg'][] = [
      ['1', '承包合同', 'pdf'],
      ['2', c.CBFLX === '1' ? '户口簿复印件' : c.CBFLX === '2' ? '身份证复印件' : '营业执照复印件', 'jpg'],
    ];
    for (const [n, title, kind] of scans) {
      const ZLFJBH = CBHTBM + n;
      const FJ = attachmentPath(ZLFJBH, kind);
      ctx.out.row('QSLYZLFJ', { CBJYQZBM: CBHTBM, ZLFJBH, ZLFJMC: title, ZLFJRQ: qdDate, FJ });
      ctx.out.file({ path: FJ, kind, text: `ZLFJ ${ZLFJBH}` });
    }
    // certificate events: the first contracts of a village's first slot get one of each kind
    const firstSlot = slot.village.slots[0] === slot;
    const event = firstSlot && special < 3 && collected && head ? special++ : rng.chance(0.02) && collected && head ? rng.int(0, 1) : -1;
    if (event === 0) {
      const d = new Date(fzDate.getTime() + rng.int(60, 200) * DAY);
      ctx.out.row('CBJYQZ_QZBF', { CBJYQZBM: CBHTBM, QZBFYY: '权证遗失', BFRQ: d, QZBFLQRQ: new Date(d.getTime() + rng.int(0, 10) * DAY), QZBFLQRXM: head.name, BFLQRZJLX: '1', BFLQRZJHM: head.id });
    } else if (event === 1) {
      const d = new Date(fzDate.getTime() + rng.int(60, 200) * DAY);
      ctx.out.row('CBJYQZ_QZHF', { CBJYQZBM: CBHTBM, QZHFYY: '权证破损', HFRQ: d, QZHFLQRQ: new Date(d.getTime() + rng.int(0, 10) * DAY), QZHFLQRXM: head.name, HFLQRZJLX: '1', HFLQRZJHM: head.id });
    } else if (event === 2) {
      ctx.out.row('CBJYQZ_QZZX', { CBJYQZBM: CBHTBM, ZXYY: '承包方全家迁入设区的市并交回承包地', ZXRQ: new Date(fzDate.getTime() + rng.int(90, 300) * DAY) });
    }
  }

  emitPlotFeatures(ctx, slot, sp, plots, fbfHead.name);
  if (jbnt) {
    const ring = ctx.lattice.traceRect(jbnt.i0, jbnt.j0, jbnt.w, jbnt.h);
    const coords = ring.ids.map((id) => ctx.lattice.xy(id));
    const area = round2(plots.filter((p) => p.SFJBNT === '1').reduce((s, p) => s + p.scmj, 0));
    ctx.out.feature('JBNTBHQ', {
      geometry: { type: 'Polygon', parts: [closed(coords)] },
      attributes: { BSM: ctx.nextBsm('JBNTBHQ'), YSDM: '251100', BHQBH: slot.fbfbm.slice(0, 12) + String(slot.index % 10), JBNTMJ: area, JBNTMJM: toMu(area) },
    });
  }
  emitWays(ctx, rng, slot);
  if (pond) {
    const a = pond.scmj;
    ctx.out.feature('MZDW', {
      geometry: { type: 'Polygon', parts: [closed(pond.coords)] },
      attributes: { BSM: ctx.nextBsm('MZDW'), YSDM: '196031', DWMC: `${pond.DKMC.slice(0, 2)}塘`, MJ: a, BZ: '坑塘', MJM: toMu(a) },
    });
  }
  if (slot.village.slots[0] === slot && plots.length > 3) {
    const p = plots[Math.floor(plots.length / 3)];
    const [x, y] = centroid(p.coords);
    ctx.out.feature('DZDW', { geometry: { type: 'Point', x, y }, attributes: { BSM: ctx.nextBsm('DZDW'), YSDM: '196011', DWMC: '机井', BZ: '灌溉机井' } });
  }
}

function makeContractors(ctx: GenContext, rng: Rng, slot: Slot, contractPlots: number): Contractor[] {
  const villageLevel = slot.groupNo === 0;
  const nPerson = villageLevel ? 2 : rng.weighted([0, 1, 2], [5, 4, 1]);
  const nUnit = villageLevel ? 1 : rng.chance(0.25) ? 1 : 0;
  const qPlots = Math.min(Math.floor(contractPlots / 3), (nPerson + nUnit) * 3);
  const hPlots = contractPlots - qPlots;
  const nHouse = villageLevel ? Math.max(1, Math.round(hPlots / 6)) : Math.max(1, Math.round(hPlots / ctx.scale.plotsPerHousehold));
  const out: Contractor[] = [];
  for (let k = 0; k < nHouse; k++) {
    const members = makeHousehold(rng, ctx.ids, ctx.year);
    const head = members[0];
    out.push({ CBFBM: slot.fbfbm + String(k + 1).padStart(4, '0'), CBFLX: '1', name: head.name, ZJLX: '1', ZJHM: head.id, members, CBFS: FAMILY, plots: [] });
  }
  for (let k = 0; k < nPerson; k++) {
    const p = makePerson(rng, ctx.ids, ctx.year);
    out.push({ CBFBM: slot.fbfbm + String(8001 + k), CBFLX: '2', name: p.name, ZJLX: '1', ZJHM: p.id, members: [p], CBFS: rng.pick(OTHER_WAYS), plots: [] });
  }
  for (let k = 0; k < nUnit; k++) {
    const name = companyName(rng, slot.village.name.slice(0, 2));
    // 统一社会信用代码-shaped organisation code (fictional)
    const code = `91${ctx.county.code}MA${String(rng.int(0, 99_999_999)).padStart(8, '0')}X`.slice(0, 18);
    out.push({ CBFBM: slot.fbfbm + String(9001 + k), CBFLX: '3', name, ZJLX: '3', ZJHM: code, members: [], CBFS: rng.pick(OTHER_WAYS), plots: [] });
  }
  return out;
}

/** Contiguous runs of plots (in DKBM order) to each contractor, runs shuffled; everyone gets ≥ 1 if possible. */
function assignPlots(rng: Rng, contractors: Contractor[], plots: Plot[]): void {
  const houses = contractors.filter((c) => c.CBFLX === '1');
  const others = contractors.filter((c) => c.CBFLX !== '1');
  const counts = new Map<Contractor, number>();
  let left = plots.length;
  for (const c of [...houses, ...others]) {
    if (left === 0) break;
    counts.set(c, 1);
    left--;
  }
  const othersShare = Math.min(left, others.length * rng.int(1, 3));
  for (let k = 0; k < othersShare; k++) {
    const c = others[k % others.length];
    counts.set(c, (counts.get(c) ?? 0) + 1);
    left--;
  }
  while (left > 0 && houses.length > 0) {
    const c = rng.pick(houses);
    counts.set(c, (counts.get(c) ?? 0) + 1);
    left--;
  }
  const runs = rng.shuffle([...counts.entries()]);
  let k = 0;
  for (const [c, n] of runs) {
    for (let m = 0; m < n; m++) {
      const p = plots[k++];
      p.owner = c;
      c.plots.push(p);
    }
  }
}

function chooseJbnt(rng: Rng, sp: SlotPlots, villageLevel: boolean): { i0: number; j0: number; w: number; h: number } | undefined {
  if (villageLevel) return undefined;
  const { i0, j0, w, h } = sp.slot.rect;
  const r = rng.next();
  if (r < 0.35) return { i0, j0, w, h };
  if (r < 0.55) return { i0, j0: sp.split, w, h: j0 + h - sp.split };
  if (r < 0.7) return { i0, j0, w, h: sp.split - j0 };
  return undefined;
}

/** DK with 四至 and KJZB, JZD owned by this slot, JZX runs owned by this slot. */
function emitPlotFeatures(ctx: GenContext, slot: Slot, sp: SlotPlots, plots: Plot[], fbfHeadName: string): void {
  const { lattice, layout } = ctx;
  const { i0, j0, w, h } = slot.rect;
  const neighbour = (i: number, j: number): { slot?: Slot; plot: number } => {
    if (i >= i0 && j >= j0 && i < i0 + w && j < j0 + h) return { slot, plot: sp.cellPlot[(j - j0) * w + (i - i0)] };
    const s = layout.slotAt(i, j);
    if (!s) return { plot: -1 };
    return { slot: s, plot: plotAt(s === slot ? sp : ctx.plots(s), i, j) };
  };
  // 指界人: the contractor, or the 发包方's head for collective land
  const witness = (p: Plot): string => p.owner?.name ?? fbfHeadName;
  const labelOf = (side: string, i: number, j: number): string => {
    const n = neighbour(i, j);
    if (n.slot === slot) return plots[n.plot].owner?.name ?? `${plots[n.plot].DKMC}(集体)`;
    return ctx.wayBetween(slot, n.slot, side);
  };
  const jzdh = (id: number): string => `J${id + 1}`;
  // vertex coordinates were computed once per plot ring; reuse them for points and lines
  const xyOf = new Map<number, XY>();
  for (const p of plots) p.ring.ids.forEach((id, k) => xyOf.set(id, p.coords[k]));

  for (const p of plots) {
    // 四至: the most frequent neighbour label along each side
    const sides: Record<string, Map<string, number>> = { N: new Map(), E: new Map(), S: new Map(), W: new Map() };
    for (let k = 0; k < p.ring.ids.length; k++) {
      const label = labelOf(p.ring.side[k], p.ring.outI[k], p.ring.outJ[k]);
      const m = sides[p.ring.side[k]];
      m.set(label, (m.get(label) ?? 0) + 1);
    }
    const best = (m: Map<string, number>): string => [...m.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    let KJZB = p.ring.ids.map(jzdh).join('/');
    if (KJZB.length > 254) KJZB = p.ring.ids.filter((id) => lattice.isCorner(id)).map(jzdh).join('/').slice(0, 254);
    ctx.out.feature('DK', {
      geometry: { type: 'Polygon', parts: [closed(p.coords)] },
      attributes: {
        BSM: ctx.nextBsm('DK'),
        YSDM: '211011',
        DKBM: p.dkbm,
        DKMC: p.DKMC,
        SYQXZ: slot.groupNo === 0 ? '32' : '31',
        DKLB: p.DKLB,
        TDLYLX: p.TDLYLX,
        DLDJ: p.DLDJ,
        TDYT: p.TDYT,
        SFJBNT: p.SFJBNT,
        SCMJ: p.scmj,
        DKDZ: best(sides.E),
        DKXZ: best(sides.W),
        DKNZ: best(sides.S),
        DKBZ: best(sides.N),
        DKBZXX: null,
        ZJRXM: witness(p),
        KJZB,
        SCMJM: toMu(p.scmj),
      },
    });
  }

  // 界址点: every ring vertex once, emitted by the slot of the first existing cell around it
  const seen = new Set<number>();
  for (const p of plots) for (const id of p.ring.ids) seen.add(id);
  const vertexIds = [...seen].sort((a, b) => a - b);
  for (const id of vertexIds) {
    const around = lattice.cellsAround(id).map(([i, j]) => neighbour(i, j)).filter((n) => n.slot !== undefined);
    if (around[0].slot !== slot) continue;
    const codes = [...new Set(around.map((n) => dkbmOf(n.slot!, n.plot)))].sort();
    const [x, y] = xyOf.get(id)!;
    ctx.out.feature('JZD', {
      geometry: { type: 'Point', x, y },
      attributes: { BSM: ctx.nextBsm('JZD'), YSDM: '211021', JZDH: jzdh(id), JZDLX: '1', JBLX: '6', DKBM: codes.join('/'), XZBZ: y, YZBZ: x },
    });
  }

  // 界址线: maximal runs of a plot's ring facing the same neighbour; shared runs written once
  for (const p of plots) {
    const n = p.ring.ids.length;
    const keyAt = (k: number): string => {
      const nb = neighbour(p.ring.outI[k], p.ring.outJ[k]);
      return nb.slot ? `${nb.slot.index}:${nb.plot}` : `X:${p.ring.side[k]}`;
    };
    const keys = Array.from({ length: n }, (_, k) => keyAt(k));
    let start = keys.findIndex((key, k) => key !== keys[(k - 1 + n) % n]);
    const closedLoop = start < 0;
    if (closedLoop) start = 0;
    let k = start;
    let guard = 0;
    do {
      const key = keys[k];
      const run = [p.ring.ids[k]];
      let m = k;
      do {
        m = (m + 1) % n;
        run.push(p.ring.ids[m]);
      } while (keys[m] === key && m !== start);
      const nb = neighbour(p.ring.outI[k], p.ring.outJ[k]);
      const other = nb.slot === slot ? plots[nb.plot] : undefined;
      const owns = nb.slot === undefined || (nb.slot === slot ? nb.plot > p.index : nb.slot.index > slot.index);
      if (owns) {
        const way = nb.slot !== slot ? ctx.wayBetween(slot, nb.slot, p.ring.side[k]) : undefined;
        const neighbourName = other ? (other.owner?.name ?? '集体') : (way ?? '集体');
        const codes = nb.slot ? [p.dkbm, dkbmOf(nb.slot, nb.plot)].sort().join('/') : p.dkbm;
        ctx.out.feature('JZX', {
          geometry: { type: 'PolyLine', parts: [run.map((id) => xyOf.get(id)!)] },
          attributes: {
            BSM: ctx.nextBsm('JZX'),
            YSDM: '211031',
            JXXZ: '600001',
            JZXLB: way ? (way.endsWith('路') ? '03' : '02') : '01',
            JZXWZ: '2',
            JZXSM: way ?? '田埂',
            PLDWQLR: neighbourName,
            PLDWZJR: neighbourName,
            JZXH: String(ctx.nextBsm('JZXH')),
            QJZDH: jzdh(run[0]),
            ZJZDH: jzdh(run[run.length - 1]),
            DKBM: codes,
          },
        });
      }
      k = m;
      if (++guard > n) throw new Error('JZX: ring walk did not terminate');
    } while (k !== start);
  }
}

/** 线状地物 along the slot's northern edge when another slot lies beyond it (the road/ditch of 四至). */
function emitWays(ctx: GenContext, rng: Rng, slot: Slot): void {
  const { i0, j0, w, h } = slot.rect;
  const north = ctx.layout.slotAt(i0, j0 + h);
  if (!north) return;
  const ids: number[] = [];
  for (let i = i0; i <= i0 + w; i++) {
    ids.push(ctx.lattice.cornerId(i, j0 + h));
    if (i < i0 + w) {
      const mid = ctx.lattice.midId('h', i, j0 + h);
      if (mid >= 0) ids.push(mid);
    }
  }
  const line = ids.map((id) => ctx.lattice.xy(id));
  let len = 0;
  for (let k = 1; k < line.length; k++) len += Math.hypot(line[k][0] - line[k - 1][0], line[k][1] - line[k - 1][1]);
  ctx.out.feature('XZDW', {
    geometry: { type: 'PolyLine', parts: [line] },
    attributes: { BSM: ctx.nextBsm('XZDW'), YSDM: '196021', DWMC: ctx.wayBetween(slot, north, 'N'), CD: round2(len), KD: rng.pick([2, 3, 4, 5]), BZ: null },
  });
}

export function closed(coords: readonly XY[]): [number, number][] {
  const out = coords.map(([x, y]) => [x, y] as [number, number]);
  out.push([coords[0][0], coords[0][1]]);
  return out;
}

function centroid(coords: readonly XY[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const c of coords) {
    x += c[0];
    y += c[1];
  }
  return [Math.round((x / coords.length) * 1000) / 1000, Math.round((y / coords.length) * 1000) / 1000];
}

function ageAt(birth: Date, at: Date): number {
  return (at.getTime() - birth.getTime()) / (365.25 * DAY);
}

function ymdText(d: Date): string {
  return `${d.getUTCFullYear()}年${String(d.getUTCMonth() + 1).padStart(2, '0')}月${String(d.getUTCDate()).padStart(2, '0')}日`;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
