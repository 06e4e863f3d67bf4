import { controlPointSketchPath } from '@nyt2539/schema';
import type { GenContext } from './context.js';
import type { TracedRing, XY } from './geometry/lattice.js';
import type { Rect } from './layout.js';
import { Rng } from './random.js';
import { closed } from './slot.js';

/**
 * County-wide layers: 县级行政区, 乡级/村级/组级区域 as exact unions of their slots' cells, 区域界线
 * along each unit's outline, 控制点 with 点之记, and 注记 for unit names.
 */
export function generateRegions(ctx: GenContext): void {
  const { layout, lattice } = ctx;
  const rng = Rng.derive(ctx.seed, 'regions');
  const inCounty = (i: number, j: number): boolean => layout.slotAt(i, j) !== undefined;
  const countyCells: [number, number][] = [];
  for (const t of layout.towns) countyCells.push(...perimeterCells(t.rect));
  const countyRing = lattice.traceRing(countyCells, inCounty);
  const coords = (r: TracedRing): XY[] => r.ids.map((id) => lattice.xy(id));
  const polygon = (r: TracedRing) => ({ type: 'Polygon' as const, parts: [closed(coords(r))] });

  ctx.out.feature('XJXZQ', { geometry: polygon(countyRing), attributes: { BSM: ctx.nextBsm('XJXZQ'), YSDM: '162010', XZQDM: ctx.county.code, XZQMC: ctx.county.name } });
  for (const town of layout.towns) {
    const r = lattice.traceRect(town.rect.i0, town.rect.j0, town.rect.w, town.rect.h);
    ctx.out.feature('XJQY', { geometry: polygon(r), attributes: { BSM: ctx.nextBsm('XJQY'), YSDM: '162020', XJQYDM: town.code, XJQYMC: town.name } });
  }
  for (const town of layout.towns) {
    for (const v of town.villages) {
      const r = lattice.traceRect(v.rect.i0, v.rect.j0, v.rect.w, v.rect.h);
      ctx.out.feature('CJQY', { geometry: polygon(r), attributes: { BSM: ctx.nextBsm('CJQY'), YSDM: '162030', CJQYDM: v.code, CJQYMC: v.name } });
      const [x, y] = center(v.rect, ctx);
      ctx.out.feature('ZJ', {
        geometry: { type: 'Point', x, y },
        attributes: { BSM: ctx.nextBsm('ZJ'), YSDM: '161052', ZJNR: v.name, ZT: '宋体', YS: '黑色', BS: 12, XZ: null, XHX: null, KD: 4, GD: 4, JG: 0.5, ZJDZXJXZB: y, ZJDZXJYZB: x, ZJFX: 0 },
      });
    }
  }
  for (const slot of layout.slots) {
    if (slot.groupNo === 0) continue;
    const r = lattice.traceRect(slot.rect.i0, slot.rect.j0, slot.rect.w, slot.rect.h);
    ctx.out.feature('ZJQY', { geometry: polygon(r), attributes: { BSM: ctx.nextBsm('ZJQY'), YSDM: '162040', ZJQYDM: slot.fbfbm, ZJQYMC: slot.name } });
  }
  emitBoundaryLines(ctx);
  // two control points per town, inside cells (not on parcel vertices)
  let kzd = 0;
  for (const town of layout.towns) {
    for (let k = 0; k < 2; k++) {
      const i = town.rect.i0 + 1 + rng.int(0, town.rect.w - 3);
      const j = town.rect.j0 + 1 + rng.int(0, town.rect.h - 3);
      const a = lattice.xy(lattice.cornerId(i, j));
      const b = lattice.xy(lattice.cornerId(i + 1, j + 1));
      const x = round3((a[0] + b[0]) / 2);
      const y = round3((a[1] + b[1]) / 2);
      const gps = rng.chance(0.5);
      const KZDDH = `${gps ? 'GPS' : 'TG'}${String(++kzd).padStart(3, '0')}`;
      const DZJ = controlPointSketchPath(KZDDH);
      ctx.out.feature('KZD', {
        geometry: { type: 'Point', x, y },
        attributes: {
          BSM: ctx.nextBsm('KZD'),
          YSDM: '111000',
          KZDMC: `${town.name}${gps ? 'GPS' : '图根'}点${k + 1}`,
          KZDDH,
          KZDLX: gps ? '110302' : '110103',
          KZDDJ: gps ? 'D' : '一级',
          BSLX: '2',
          BZLX: '3',
          KZDZT: '完好',
          DZJ,
          X2000: y,
          Y2000: x,
          X80: null,
          Y80: null,
        },
      });
      ctx.out.file({ path: DZJ, kind: 'jpg', text: KZDDH });
    }
  }
}

/**
 * 区域界线: every boundary between two different slots, or between a slot and the outside, once, as
 * runs along one side with the same unit beyond it, typed by the highest level it separates (C.4).
 */
function emitBoundaryLines(ctx: GenContext): void {
  const { layout, lattice } = ctx;
  for (const slot of layout.slots) {
    const { i0, j0, w, h } = slot.rect;
    // [neighbour cell, edge start corner, edge end corner] along each side
    const sides: [number, number, number, number, number, number][][] = [
      Array.from({ length: w }, (_, k) => [i0 + k, j0 + h, i0 + k, j0 + h, i0 + k + 1, j0 + h]),
      Array.from({ length: h }, (_, k) => [i0 + w, j0 + k, i0 + w, j0 + k, i0 + w, j0 + k + 1]),
      Array.from({ length: w }, (_, k) => [i0 + k, j0 - 1, i0 + k, j0, i0 + k + 1, j0]),
      Array.from({ length: h }, (_, k) => [i0 - 1, j0 + k, i0, j0 + k, i0, j0 + k + 1]),
    ];
    for (const side of sides) {
      let k = 0;
      while (k < side.length) {
        const other = layout.slotAt(side[k][0], side[k][1]);
        let m = k;
        while (m + 1 < side.length && layout.slotAt(side[m + 1][0], side[m + 1][1]) === other) m++;
        if (!other || other.index > slot.index) {
          const ids: number[] = [];
          for (let e = k; e <= m; e++) {
            const a = lattice.cornerId(side[e][2], side[e][3]);
            const b = lattice.cornerId(side[e][4], side[e][5]);
            ids.push(a);
            const mid = lattice.midOfEdge(a, b);
            if (mid >= 0) ids.push(mid);
            if (e === m) ids.push(b);
          }
          const JXLX = !other ? '650200' : other.village.town !== slot.village.town ? '660200' : other.village !== slot.village ? '670500' : '670901';
          ctx.out.feature('QYJX', {
            geometry: { type: 'PolyLine', parts: [ids.map((id) => lattice.xy(id))] },
            attributes: { BSM: ctx.nextBsm('QYJX'), YSDM: '161051', JXLX, JXXZ: '600001' },
          });
        }
        k = m + 1;
      }
    }
  }
}

function perimeterCells(r: Rect): [number, number][] {
  const cells: [number, number][] = [];
  for (let i = r.i0; i < r.i0 + r.w; i++) cells.push([i, r.j0], [i, r.j0 + r.h - 1]);
  for (let j = r.j0 + 1; j < r.j0 + r.h - 1; j++) cells.push([r.i0, j], [r.i0 + r.w - 1, j]);
  return cells;
}

function center(r: Rect, ctx: GenContext): [number, number] {
  const a = ctx.lattice.xy(ctx.lattice.cornerId(r.i0, r.j0));
  const b = ctx.lattice.xy(ctx.lattice.cornerId(r.i0 + r.w, r.j0 + r.h));
  return [round3((a[0] + b[0]) / 2), round3((a[1] + b[1]) / 2)];
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
