import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openLayer, parsePrj, ReaderError, readerCodeSeverity, readerIssueMessage, type ShapeGeometry } from '@nyt2539/checker';
import { LocalizedError, type Localized } from '@nyt2539/schema';
import type { Geometry } from '../package/types.js';
import type { RowSink, SourceFacts } from './source.js';

const HOW: Record<string, Localized> = {
  cpg: { zh: '由 .cpg 指定', en: 'from the .cpg' },
  ldid: { zh: '由 DBF 头的代码页标记指定', en: 'from the DBF header code page' },
  'utf8-sniff': { zh: '按内容识别为 UTF-8', en: 'detected as UTF-8 from the content' },
  default: { zh: '未声明，按 GBK 读取', en: 'not declared; read as GBK' },
};

export interface LayerRead {
  readonly crs: SourceFacts['crs'];
  readonly encoding: SourceFacts['encodings'][number];
}

/**
 * One layer from its shapefile parts with the checker's own reader (any encoding: .cpg, DBF code page, UTF-8
 * sniffing; fields of any width), each record into the sink with its file and record number.
 */
export async function readShapefileLayer(layer: string, paths: readonly string[], sink: RowSink, displayRoot: (p: string) => string): Promise<LayerRead> {
  let handle;
  try {
    handle = await openLayer(paths);
  } catch (e) {
    if (e instanceof ReaderError) throw new LocalizedError(e.text, { code: e.code, file: displayRoot(e.file) });
    throw e;
  }
  try {
    for (const i of handle.issues) {
      if (readerCodeSeverity(i.code) === 'error') sink.log.add({ severity: 'error', file: displayRoot(i.file ?? paths[0]!), table: layer, message: readerIssueMessage(i) }, i.code);
    }
    for await (const rec of handle.records({ raw: false })) {
      const file = displayRoot(rec.file);
      if (rec.deleted) continue;
      const bad = rec.issues?.find((i) => readerCodeSeverity(i.code) === 'error');
      if (bad) {
        sink.log.add({ severity: 'error', file, table: layer, row: rec.recordNumber, ...(bad.field ? { field: bad.field } : {}), message: readerIssueMessage(bad) }, bad.code);
        continue;
      }
      sink.add(layer, rec.attributes, { file, row: rec.recordNumber }, shapeToGeometry(rec.geometry));
    }
    const first = handle.parts[0]!.info;
    return {
      crs: first.prj !== null ? { text: first.prj, info: first.crs ?? parsePrj(first.prj), file: displayRoot(first.files.prj ?? first.files.shp) } : null,
      encoding: { file: displayRoot(first.files.dbf), encoding: first.encoding.name === 'gb18030' ? 'GBK' : first.encoding.name.toUpperCase(), how: HOW[first.encoding.source] ?? HOW.default! },
    };
  } finally {
    await handle.close();
  }
}

function shapeToGeometry(g: ShapeGeometry | null): Geometry {
  if (!g) return null;
  const pairs = (a: Float64Array): [number, number][] => {
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < a.length; i += 2) out.push([a[i]!, a[i + 1]!]);
    return out;
  };
  if (g.type.startsWith('Point') || g.type.startsWith('MultiPoint')) {
    const p = g.parts[0];
    return p && p.length >= 2 ? { type: 'Point', x: p[0]!, y: p[1]! } : null;
  }
  const parts = g.parts.map(pairs);
  return g.type.startsWith('Polygon') ? { type: 'Polygon', parts } : { type: 'PolyLine', parts };
}

/** A GeoJSON FeatureCollection: properties as attributes; the CRS from a `crs` member (else RFC 7946 WGS 84). */
export function readGeoJsonLayer(layer: string, path: string, sink: RowSink, display: string): LayerRead {
  let doc: { type?: string; features?: unknown[]; crs?: { properties?: { name?: string } } };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new LocalizedError({ zh: `${display} 不是有效的 GeoJSON：${(e as Error).message}`, en: `${display} is not valid GeoJSON: ${(e as Error).message}` }, { code: 'geojson-invalid', file: display });
  }
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new LocalizedError({ zh: `${display} 不是 GeoJSON FeatureCollection`, en: `${display} is not a GeoJSON FeatureCollection` }, { code: 'geojson-invalid', file: display });
  }
  doc.features.forEach((f, i) => {
    const feature = f as { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } | null };
    let geometry: Geometry;
    try {
      geometry = geoJsonGeometry(feature.geometry ?? null);
    } catch {
      sink.log.add({ severity: 'error', file: display, table: layer, row: i + 1, message: { zh: '几何无法读取', en: 'geometry cannot be read' } }, 'geojson-geometry');
      return;
    }
    sink.add(layer, feature.properties ?? {}, { file: display, row: i + 1 }, geometry);
  });
  const name = doc.crs?.properties?.name;
  // no crs member, or OGC CRS84: RFC 7946 longitude/latitude on WGS 84
  const epsg = !name || /CRS84$/i.test(name) ? '4326' : /EPSG:{1,2}(\d+)$/i.exec(name)?.[1];
  const text = epsg ? `EPSG:${epsg}` : (name ?? 'EPSG:4326');
  return {
    crs: { text, info: epsgCrsInfo(Number(epsg)), file: display },
    encoding: { file: basename(path), encoding: 'UTF-8', how: { zh: 'GeoJSON 文本均为 UTF-8', en: 'GeoJSON text is always UTF-8' } },
  };
}

/** What the checker's CrsInfo says about a CGCS2000 3° Gauss–Krüger EPSG code (4513–4554), else unknown. */
function epsgCrsInfo(epsg: number): ReturnType<typeof parsePrj> {
  const base = parsePrj('');
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = epsg - 4488;
    return { ...base, datum: 'CGCS2000', projected: true, zoneWidth: 3, zone, centralMeridian: zone * 3, falseEasting: zone * 1e6 + 5e5, variant: 'zone', epsg, problems: [] };
  }
  if (epsg >= 4534 && epsg <= 4554) {
    const zone = 25 + (epsg - 4534);
    return { ...base, datum: 'CGCS2000', projected: true, zoneWidth: 3, zone, centralMeridian: zone * 3, falseEasting: 5e5, variant: 'cm', epsg, problems: [] };
  }
  return { ...base, epsg: Number.isFinite(epsg) ? epsg : null };
}

type Pos = [number, number, ...number[]];

function geoJsonGeometry(g: { type: string; coordinates: unknown } | null): Geometry {
  if (!g) return null;
  const c = g.coordinates as unknown;
  const xy = (p: Pos): [number, number] => {
    if (typeof p[0] !== 'number' || typeof p[1] !== 'number') throw new Error('bad position');
    return [p[0], p[1]];
  };
  switch (g.type) {
    case 'Point':
      return { type: 'Point', x: xy(c as Pos)[0], y: xy(c as Pos)[1] };
    case 'MultiPoint': {
      const p = (c as Pos[])[0];
      return p ? { type: 'Point', x: xy(p)[0], y: xy(p)[1] } : null;
    }
    case 'LineString':
      return { type: 'PolyLine', parts: [(c as Pos[]).map(xy)] };
    case 'MultiLineString':
      return { type: 'PolyLine', parts: (c as Pos[][]).map((l) => l.map(xy)) };
    case 'Polygon':
      return { type: 'Polygon', parts: (c as Pos[][]).map((r) => r.map(xy)) };
    case 'MultiPolygon':
      return { type: 'Polygon', parts: (c as Pos[][][]).flatMap((p) => p.map((r) => r.map(xy))) };
    default:
      throw new Error(`unsupported ${g.type}`);
  }
}
