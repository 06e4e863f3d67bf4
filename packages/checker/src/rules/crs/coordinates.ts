import { proj4 } from '../../io/proj.js';
import { proj4Definition } from '../../spatial/crs.js';
import { provinceOf } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { layerCrs } from '../../spatial/crs.js';

/** China's extent with a margin (degrees): longitude 73–136 °E, latitude 3–54 °N. */
const CHINA = { west: 73, east: 136, south: 3, north: 54 } as const;
/** degrees around a province's longitude range (the table is rounded; border counties) */
const PROVINCE_MARGIN = 0.5;

/**
 * The coordinates fit the declared zone: with the zone-number variant the easting's leading digits are the zone
 * number (39 500 000 → zone 39); without it the easting has no prefix; and the layer extent, projected back
 * with the .prj's own parameters, lies within the zone (central meridian ± half the zone width, 0.5° margin)
 * and inside China, and (a warning) overlaps the longitude range of the county's province. Catches data in one
 * zone declared in another, a zone that does not fit where the county is, and easting/northing swaps.
 */
export const rule: Rule = {
  meta: {
    id: 'crs/coordinates',
    group: 'crs',
    layers: true,
    severity: 'error',
    title: { zh: '坐标与投影带不符', en: 'Coordinates do not fit the projection zone' },
    messages: {
      zonePrefix: { zh: '图层 {table} 的横坐标带号为 {actual}，但 .prj 为第 {expected} 带', en: 'layer {table}: eastings carry zone number {actual} but the .prj declares zone {expected}' },
      unexpectedPrefix: { zh: '图层 {table} 的横坐标带有带号（{actual}），但 .prj 的东偏移为 500000（不加带号）', en: 'layer {table}: eastings carry a zone prefix ({actual}) but the .prj false easting is 500000 (no prefix)' },
      outsideProvince: {
        zh: '图层 {table} 的范围换算为经度 {actual}，不在县代码 {county} 所属的{province}（约 {expected}）内，投影带或中央经线可能有误',
        en: 'layer {table} extent maps to longitudes {actual}, outside {province} (about {expected}) where county {county} lies: the zone or central meridian may be wrong',
      },
      outsideZone: { zh: '图层 {table} 的范围换算为经度 {actual}，超出中央经线 {expected}° 的投影带', en: 'layer {table} extent maps to longitudes {actual}, outside the zone of central meridian {expected}°' },
      outsideChina: { zh: '图层 {table} 的范围换算为经纬度 {actual}，不在中国境内（坐标可能错误或 X/Y 颠倒）', en: 'layer {table} extent maps to {actual}, outside China (wrong or swapped coordinates?)' },
    },
    spec: 'NY/T 2539-2016 §6 (3° 带高斯-克吕格投影), 附录D 表D.2 (centralMer, eastFAL)',
    basis: 'qc-rules.md F-02, F-03; issue "checker: spatial QC" (zone agrees with the coordinates and the county\'s longitude: its province, @nyt2539/schema provinces)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const l of layerCrs(ctx.db)) {
      const c = l.crs;
      if (!c.projected || !l.extent || c.centralMeridian === null || c.falseEasting === null) continue;
      const where = { table: l.layer, file: l.file, bbox: l.extent };
      const [minx, miny, maxx, maxy] = l.extent;
      const prefixOf = (x: number) => Math.floor(x / 1e6);
      if (c.variant === 'zone' && c.zone !== null) {
        const prefixes = [...new Set([prefixOf(minx), prefixOf(maxx)])];
        const wrong = prefixes.filter((p) => p !== c.zone);
        if (wrong.length > 0) {
          ctx.report({ messageId: 'zonePrefix', ...where, actual: wrong.join('/'), expected: c.zone });
          continue;
        }
      } else if (c.variant === 'cm' && minx >= 1e7) {
        ctx.report({ messageId: 'unexpectedPrefix', ...where, actual: prefixOf(minx) });
        continue;
      }
      const def = proj4Definition(c) as string;
      let corners: [number, number][];
      try {
        const inverse = proj4()(def, 'EPSG:4326');
        corners = [
          [minx, miny],
          [minx, maxy],
          [maxx, miny],
          [maxx, maxy],
        ].map(([x, y]) => inverse.forward([x, y]) as [number, number]);
      } catch {
        corners = [];
      }
      const lons = corners.map((p) => p[0]);
      const lats = corners.map((p) => p[1]);
      if (corners.length === 0 || lons.some((v) => !Number.isFinite(v)) || lats.some((v) => !Number.isFinite(v)) ||
        Math.min(...lons) < CHINA.west || Math.max(...lons) > CHINA.east || Math.min(...lats) < CHINA.south || Math.max(...lats) > CHINA.north) {
        const text = corners.length ? `${fmt(Math.min(...lons))}–${fmt(Math.max(...lons))}°E, ${fmt(Math.min(...lats))}–${fmt(Math.max(...lats))}°N` : '?';
        ctx.report({ messageId: 'outsideChina', ...where, actual: text });
        continue;
      }
      const half = (c.zoneWidth ?? 3) / 2 + 0.5;
      if (Math.min(...lons) < c.centralMeridian - half || Math.max(...lons) > c.centralMeridian + half) {
        ctx.report({ messageId: 'outsideZone', ...where, actual: `${fmt(Math.min(...lons))}–${fmt(Math.max(...lons))}°E`, expected: c.centralMeridian });
        continue;
      }
      // the county's own longitude: its province's range (a warning — the table is coarse, 0.5° margin)
      const province = provinceOf(ctx.info.county);
      if (province && (Math.max(...lons) < province.west - PROVINCE_MARGIN || Math.min(...lons) > province.east + PROVINCE_MARGIN)) {
        ctx.report({
          messageId: 'outsideProvince',
          severity: 'warning',
          ...where,
          actual: `${fmt(Math.min(...lons))}–${fmt(Math.max(...lons))}°E`,
          expected: `${province.west}–${province.east}°E`,
          data: { province: province.name, county: ctx.info.county },
        });
      }
    }
  },
};

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : '?';
}
