import { join } from 'node:path';
import { lonLatTransform } from '@nyt2539/checker';
import { writeChunksAtomic } from '@nyt2539/schema';
import iconv from 'iconv-lite';
import { esriPrj } from '../../shapefile/prj.js';
import { writeShapefile, type ShapeFeature } from '../../shapefile/writer.js';
import type { DbfFieldSpec } from '../../shapefile/fields.js';
import { groupTitle, keysText, severityText, valueText, type ReportFinding, type ReportModel } from '../model.js';
import type { ReportFormatter } from '../types.js';
import { reportFormatMeta } from './meta.js';

type Geometry = { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: [number, number][][] };

/** A located finding's shape: its point, else its box (a degenerate box is a point). */
export function findingGeometry(f: ReportFinding): Geometry | null {
  const { point, bbox } = f.location;
  if (point) return { type: 'Point', coordinates: [point[0], point[1]] };
  if (!bbox) return null;
  const [x0, y0, x1, y1] = bbox;
  if (x0 === x1 && y0 === y1) return { type: 'Point', coordinates: [x0, y0] };
  return { type: 'Polygon', coordinates: [[[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]] };
}

/** The attributes every map layer carries (ASCII names ≤ 10 characters, so the shapefile can use them too). */
function attributes(model: ReportModel, f: ReportFinding, n: number): Record<string, string | number | null> {
  const { lang } = model;
  const p = model.place(f);
  const status = model.statusOf(f);
  return {
    NO: n,
    RULEID: f.ruleId,
    SEVERITY: severityText(f, lang),
    CATEGORY: groupTitle(f.group, lang),
    MESSAGE: f.message[lang],
    FILE: f.location.file ?? '',
    TBL: f.location.table ?? '',
    RECNO: f.location.record ?? null,
    FIELD: f.location.field ?? '',
    KEYS: keysText(f),
    DKBM: f.location.keys?.DKBM ?? '',
    ACTUAL: valueText(f.actual),
    EXPECTED: valueText(f.expected),
    XIANG: p.town,
    XIANGMC: p.townName,
    CUN: p.village,
    CUNMC: p.villageName,
    FBFBM: p.fbf,
    FBFMC: p.fbfName,
    FIXEDBY: model.fixedBy(f),
    ...(model.hasStatus ? { STATUS: status ?? '' } : {}),
  };
}

const SHP_FIELDS: readonly DbfFieldSpec[] = [
  { name: 'NO', type: 'N', length: 10, decimals: 0 },
  { name: 'RULEID', type: 'C', length: 40, decimals: 0 },
  { name: 'SEVERITY', type: 'C', length: 10, decimals: 0 },
  { name: 'CATEGORY', type: 'C', length: 40, decimals: 0 },
  { name: 'MESSAGE', type: 'C', length: 254, decimals: 0 },
  { name: 'FILE', type: 'C', length: 120, decimals: 0 },
  { name: 'TBL', type: 'C', length: 20, decimals: 0 },
  { name: 'RECNO', type: 'N', length: 10, decimals: 0 },
  { name: 'FIELD', type: 'C', length: 20, decimals: 0 },
  { name: 'KEYS', type: 'C', length: 200, decimals: 0 },
  { name: 'DKBM', type: 'C', length: 19, decimals: 0 },
  { name: 'ACTUAL', type: 'C', length: 120, decimals: 0 },
  { name: 'EXPECTED', type: 'C', length: 120, decimals: 0 },
  { name: 'XIANG', type: 'C', length: 9, decimals: 0 },
  { name: 'XIANGMC', type: 'C', length: 60, decimals: 0 },
  { name: 'CUN', type: 'C', length: 12, decimals: 0 },
  { name: 'CUNMC', type: 'C', length: 60, decimals: 0 },
  { name: 'FBFBM', type: 'C', length: 14, decimals: 0 },
  { name: 'FBFMC', type: 'C', length: 60, decimals: 0 },
  { name: 'FIXEDBY', type: 'C', length: 20, decimals: 0 },
];
const STATUS_FIELD: DbfFieldSpec = { name: 'STATUS', type: 'C', length: 12, decimals: 0 };

/** Text cut to a DBF width in GBK bytes on a character boundary; characters GBK lacks become '?'. */
function fitGbk(text: string, maxBytes: number): string {
  // most values fit and encode as they are: one encode, no per-character work
  const whole = iconv.encode(text, 'gbk');
  if (whole.length <= maxBytes && iconv.decode(whole, 'gbk') === text) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const enc = iconv.encode(ch, 'gbk');
    const c = iconv.decode(enc, 'gbk') === ch ? ch : '?';
    const n = c === '?' ? 1 : enc.length;
    if (bytes + n > maxBytes) break;
    out += c;
    bytes += n;
  }
  return out;
}

/** Fitted texts by width and text: messages, names and titles repeat across a county's findings. */
const FIT_CACHE_ENTRIES = 10_000;

function fitRecord(values: Record<string, string | number | null>, fields: readonly DbfFieldSpec[], cache: Map<string, string>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (typeof v === 'string' && f.type === 'C' && !(/^[\x20-\x7e]*$/.test(v) && v.length <= f.length)) {
      const key = `${f.length}\u0000${v}`;
      let fitted = cache.get(key);
      if (fitted === undefined) {
        fitted = fitGbk(v, f.length);
        if (cache.size >= FIT_CACHE_ENTRIES) cache.clear();
        cache.set(key, fitted);
      }
      out[f.name] = fitted;
    } else out[f.name] = v ?? null;
  }
  return out;
}

/** `urn:ogc:def:crs:EPSG::<n>`, the GeoJSON 2008 `crs` member GDAL and QGIS read. */
function namedCrs(epsg: number): { type: 'name'; properties: { name: string } } {
  return { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${epsg}` } };
}

/** The GeoJSON text in pieces, one feature each (a county's layer is ~150 MB: it is never one string). */
function* geojsonChunks(model: ReportModel, name: string, epsg: number | null, transform?: (x: number, y: number) => [number, number]): Generator<string> {
  const head = { type: 'FeatureCollection', name, ...(epsg !== null ? { crs: namedCrs(epsg) } : {}) };
  yield `${JSON.stringify(head).slice(0, -1)},"features":[`;
  let n = 0;
  let first = true;
  const round = transform ? (v: number) => Math.round(v * 1e8) / 1e8 : (v: number) => v;
  const move = (p: [number, number]): [number, number] => {
    if (!transform) return p;
    const [lon, lat] = transform(p[0], p[1]);
    return [round(lon), round(lat)];
  };
  for (const f of model.doc.findings) {
    n++;
    const g = findingGeometry(f);
    if (!g) continue;
    const geometry = g.type === 'Point' ? { type: 'Point', coordinates: move(g.coordinates) } : { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(move)) };
    yield `${first ? '' : ','}\n${JSON.stringify({ type: 'Feature', properties: attributes(model, f, n), geometry })}`;
    first = false;
  }
  yield '\n]}\n';
}

/** The zone and variant behind a CGCS2000 3° Gauss-Krüger EPSG code (4513–4533 zone-prefixed, 4534–4554 CM). */
function prjFor(epsg: number | null | undefined): string | null {
  if (epsg === null || epsg === undefined) return null;
  if (epsg >= 4513 && epsg <= 4533) return esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone: epsg - 4513 + 25, variant: 'zone' });
  if (epsg >= 4534 && epsg <= 4554) return esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone: epsg - 4534 + 25, variant: 'cm' });
  return null;
}

export const geojsonFormatter: ReportFormatter = {
  ...reportFormatMeta.geojson,
  async write(model, outDir) {
    const [projected, lonLat] = this.files[model.lang].map((n) => join(outDir, n));
    const crs = model.doc.context?.crs;
    writeChunksAtomic(projected, geojsonChunks(model, 'findings', crs?.epsg ?? null));
    const written = [projected];
    // the lon/lat copy needs to know the projection; without a readable .prj there is nothing to convert from
    if (crs?.proj4) {
      writeChunksAtomic(lonLat, geojsonChunks(model, 'findings_4490', 4490, lonLatTransform(crs.proj4)));
      written.push(lonLat);
    }
    return written;
  },
};

export const shpFormatter: ReportFormatter = {
  ...reportFormatMeta.shp,
  async write(model, outDir) {
    const [pointBase, boxBase] = this.files[model.lang].map((n) => join(outDir, n.replace(/\.shp$/, '')));
    const fields = model.hasStatus ? [...SHP_FIELDS, STATUS_FIELD] : SHP_FIELDS;
    const prj = prjFor(model.doc.context?.crs?.epsg);
    const points: ShapeFeature[] = [];
    const boxes: ShapeFeature[] = [];
    const fitted = new Map<string, string>();
    let n = 0;
    for (const f of model.doc.findings) {
      n++;
      const g = findingGeometry(f);
      if (!g) continue;
      const attrs = fitRecord(attributes(model, f, n), fields, fitted);
      if (g.type === 'Point') points.push({ geometry: { type: 'Point', x: g.coordinates[0], y: g.coordinates[1] }, attributes: attrs });
      // clockwise outer ring, as shapefiles want: (x0,y0) → (x0,y1) → (x1,y1) → (x1,y0)
      else boxes.push({ geometry: { type: 'Polygon', parts: g.coordinates }, attributes: attrs });
    }
    const written: string[] = [];
    for (const [base, shapeType, list] of [[pointBase, 'Point', points], [boxBase, 'Polygon', boxes]] as const) {
      await writeShapefile(base, { shapeType, fields, encoding: 'gbk', prj, layer: base }, list);
      written.push(...['shp', 'shx', 'dbf', 'cpg', ...(prj ? ['prj'] : [])].map((e) => `${base}.${e}`));
    }
    return written;
  },
};
