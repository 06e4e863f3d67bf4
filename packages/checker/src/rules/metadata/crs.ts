import { metadataSection, type MetadataDomain } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import type { CrsInfo } from '../../readers/prj.js';
import { hasStoreTable } from '../../store/facts.js';
import { metadataValues } from './meta-store.js';

/** The datum each coorRSID code names (表D.2 code names), as the .prj reader reports it. */
const DATUM_OF_NAME: Readonly<Record<string, CrsInfo['datum']>> = { '2000 国家大地坐标系': 'CGCS2000', '1980 西安坐标系': 'Xian80' };

function codeNames(element: string): Map<string, string> {
  const d: MetadataDomain | undefined = metadataSection('refSysInfo').elements.find((e) => e.code === element)?.domain;
  return new Map(d?.kind === 'codes' ? d.codes.map((c) => [c.code, c.name]) : []);
}

/**
 * refSysInfo agrees with every layer's .prj: datum (coorRSID), central meridian, false easting/northing (Annex D
 * says km; exporters also write metres, both accepted) and zone width (coorFDKD). One finding per element and
 * differing .prj value, naming the layers.
 */
export const rule: Rule = {
  meta: {
    id: 'metadata/crs',
    group: 'metadata',
    severity: 'error',
    title: { zh: '元数据坐标系与 .prj 不一致', en: 'Metadata reference system disagrees with the .prj' },
    messages: {
      mismatch: { zh: '元数据 {path} 为 {actual}，但图层 {layer} 的 .prj 为 {expected}', en: 'metadata {path} is {actual} but the .prj of layer {layer} says {expected}' },
    },
    spec: 'NY/T 2539-2016 附录D 表D.2; §6 (CGCS2000, 高斯-克吕格投影)',
    basis: 'qc-rules.md INF-J1; peer-catalog §4 items 24, 25',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const meta = metadataValues(ctx.db);
    if (!meta || !hasStoreTable(ctx.db, 'src_tables')) return;
    const one = (k: string) => meta.values.get(`refSysInfo/${k}`)?.[0]?.trim();
    const rs = { coorRSID: one('coorRSID'), centralMer: one('centralMer'), eastFAL: one('eastFAL'), northFAL: one('northFAL'), coorFDKD: one('coorFDKD') };
    const datumNames = codeNames('coorRSID');
    const zoneNames = codeNames('coorFDKD');
    const layers = ctx.db.prepare(`SELECT name, crs_json FROM src_tables WHERE origin = 'shp' AND crs_json IS NOT NULL ORDER BY name`).all() as { name: string; crs_json: string }[];
    const differences = new Map<string, { path: string; actual: string; expected: string; layers: string[] }>();
    for (const l of layers) {
      let crs: CrsInfo;
      try {
        crs = JSON.parse(l.crs_json) as CrsInfo;
      } catch {
        continue;
      }
      const report = (path: string, actual: string, expected: string) => {
        const key = `${path}\u0000${expected}`;
        const d = differences.get(key) ?? { path, actual, expected, layers: [] };
        d.layers.push(l.name);
        differences.set(key, d);
      };
      const datum = rs.coorRSID ? DATUM_OF_NAME[datumNames.get(rs.coorRSID) ?? ''] : undefined;
      if (datum && crs.datum !== 'unknown' && datum !== crs.datum) report('coorRSID', rs.coorRSID!, crs.datum);
      const num = (s: string | undefined) => (s !== undefined && s !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined);
      const cm = num(rs.centralMer);
      if (cm !== undefined && crs.centralMeridian !== null && Math.abs(cm - crs.centralMeridian) > 1e-6) report('centralMer', rs.centralMer!, String(crs.centralMeridian));
      for (const [key, prj] of [['eastFAL', crs.falseEasting], ['northFAL', crs.falseNorthing]] as const) {
        const v = num(rs[key]);
        if (v === undefined || prj === null) continue;
        if (Math.abs(v * 1000 - prj) > 1e-3 && Math.abs(v - prj) > 1e-3) report(key, rs[key]!, `${prj / 1000} km`);
      }
      const zone = rs.coorFDKD ? zoneNames.get(rs.coorFDKD) : undefined;
      if (zone && crs.zoneWidth !== null && zone !== `${crs.zoneWidth}°`) report('coorFDKD', `${rs.coorFDKD} ${zone}`, `${crs.zoneWidth}°`);
    }
    for (const d of differences.values()) {
      ctx.report({ messageId: 'mismatch', file: meta.file, field: `refSysInfo/${d.path}`, actual: d.actual, expected: d.expected, data: { path: `refSysInfo/${d.path}`, layer: d.layers.join('、') } });
    }
  },
};
