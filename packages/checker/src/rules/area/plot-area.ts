import type { Rule } from '../../engine/types.js';
import { featureRef, layerColumn, loadLayer, nameOf, type Feature } from '../../spatial/layer.js';
import { isSanePolygon } from '../../spatial/layers.js';
import { groupRings, polygonArea } from '../../spatial/rings.js';

type Options = {
  /** allowed |attribute − planar polygon area| in m²… */
  readonly absTolerance: number;
  /** …or this share of the area, whichever is larger */
  readonly relTolerance: number;
};

/** Area attributes of polygon layers: m² field per layer (表A.9 MJ, 表A.10 SCMJ, 表A.13 JBNTMJ). */
const AREA_FIELD: readonly { table: string; field: string; name: string }[] = [
  { table: 'DK', field: 'SCMJ', name: 'DKBM' },
  { table: 'MZDW', field: 'MJ', name: 'BSM' },
  { table: 'JBNTBHQ', field: 'JBNTMJ', name: 'BHQBH' },
];

function planarArea(f: Feature): number {
  let a = 0;
  for (const rings of groupRings(f.parts)) a += polygonArea(rings);
  return a;
}

/**
 * |SCMJ − planar polygon area| (and MZDW.MJ, JBNTBHQ.JBNTMJ likewise) stays within max(`absTolerance` m²,
 * `relTolerance` × area). The area is the Gauss-Krüger plane area computed on local coordinates (origin
 * subtracted, so no precision is lost at 10^7 m), as the exporters compute SCMJ (sii: Math.Round(shape.Area, 2)).
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'area/plot-area',
    group: 'area',
    layers: true,
    severity: 'error',
    title: { zh: '面积属性与图形面积不符', en: 'Area attribute disagrees with the polygon area' },
    messages: {
      mismatch: { zh: '{table} {name} 的 {field} 为 {actual} 平方米，图形面积为 {expected} 平方米，相差 {diff} 平方米', en: '{table} {name}: {field} is {actual} m² but the polygon area is {expected} m² ({diff} m² apart)' },
    },
    spec: 'NY/T 2539-2016 表A.10 (SCMJ 实测面积), 表A.9, 表A.13',
    basis: 'issue "checker: spatial QC" (default max(0.1 m², 0.1 %)); coding-rules.md §6; qc-rules.md H; peer-catalog SII ImportDcdk (SCMJ = Round(Area, 2))',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    options: { absTolerance: 0.1, relTolerance: 0.001 },
  },
  run(ctx) {
    const { absTolerance, relTolerance } = ctx.options;
    for (const { table, field, name } of AREA_FIELD) {
      const layer = loadLayer(ctx.db, table);
      if (!layer) continue;
      const values = layerColumn(ctx.db, layer, field);
      if (!values) continue;
      const names = table === 'DK' ? undefined : layerColumn(ctx.db, layer, name);
      for (let i = 0; i < layer.count; i++) {
        const v = values.get(i);
        if (typeof v !== 'number') continue; // empty or text: the values family
        const f = layer.feature(i);
        if (!isSanePolygon(f)) continue;
        const area = planarArea(f);
        const diff = Math.abs(v - area);
        if (diff <= Math.max(absTolerance, relTolerance * area)) continue;
        ctx.report({
          messageId: 'mismatch',
          ...featureRef(layer, i),
          field,
          actual: v,
          expected: Math.round(area * 100) / 100,
          data: { name: names ? String(names.get(i) ?? `#${layer.rec[i]}`) : nameOf(layer, i), diff: Math.round(diff * 100) / 100 },
        });
      }
    }
  },
};
