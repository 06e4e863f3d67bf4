import type Database from 'better-sqlite3';
import type { Finding } from '../engine/finding.js';
import { dataColumns, hasStoreTable, ident } from '../store/facts.js';

type Box = readonly [number, number, number, number];

/** Layer tables of the store: the ones with a box per feature. */
function isLayer(db: Database.Database, table: string): boolean {
  return hasStoreTable(db, table) && db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = '_minx'`).get(table) !== undefined;
}

const boxOf = (r: unknown[], at: number): Box | undefined => {
  const [a, b, c, d] = [r[at], r[at + 1], r[at + 2], r[at + 3]];
  return typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof d === 'number' ? [a, b, c, d] : undefined;
};

/**
 * Findings on the attributes of a feature or of a record about a plot carry no geometry of their own (a wrong TDYT
 * of a DK row, a CBDKXX row's area): give them the box of the feature they are about, so the map layers and the
 * HTML map show where to go. A finding on a layer row gets that row's box (by file and record number); a finding
 * on any other row naming a DKBM gets that plot's box, unless the code names no plot or more than one. Findings that
 * already have a point or box, or name no row, are returned as they are. Each table is read once, and only when a
 * finding needs it.
 */
export function locateFindings(db: Database.Database, findings: readonly Finding[]): Finding[] {
  const byRecord = new Map<string, Map<string, Box | null>>();
  const byDkbm = new Map<string, Box | null>();
  const layers = new Map<string, boolean>();
  const layer = (t: string): boolean => {
    let yes = layers.get(t);
    if (yes === undefined) layers.set(t, (yes = isLayer(db, t)));
    return yes;
  };
  const recordKey = (file: string | undefined, rec: number) => `${file ?? ''}\u0000${rec}`;
  const wanted = (f: Finding): 'record' | 'dkbm' | undefined => {
    const l = f.location;
    if (l.point || l.bbox) return undefined;
    if (l.table && l.record !== undefined && layer(l.table)) return 'record';
    if (l.keys?.DKBM) return 'dkbm';
    return undefined;
  };
  for (const f of findings) {
    const how = wanted(f);
    const l = f.location;
    if (how === 'record') {
      let m = byRecord.get(l.table as string);
      if (!m) byRecord.set(l.table as string, (m = new Map()));
      m.set(recordKey(l.file, l.record as number), null);
    } else if (how === 'dkbm') byDkbm.set(l.keys?.DKBM as string, null);
  }
  if (byRecord.size === 0 && byDkbm.size === 0) return [...findings];

  for (const [table, boxes] of byRecord) {
    // a finding names the layer's .shp or its .dbf; a layer read from one file is matched by record number alone
    const files = db.prepare(`SELECT DISTINCT _file FROM ${ident(table)}`).pluck().all() as string[];
    const single = files.length === 1;
    const keyed = new Map<string, Box | null>();
    for (const k of boxes.keys()) keyed.set(single ? k.slice(k.indexOf('\u0000')) : k, null);
    const rows = db.prepare(`SELECT _file, _rec, _minx, _miny, _maxx, _maxy FROM ${ident(table)}`).raw().iterate() as IterableIterator<unknown[]>;
    for (const r of rows) {
      const k = single ? `\u0000${r[1]}` : recordKey(String(r[0]), Number(r[1]));
      if (keyed.has(k)) keyed.set(k, boxOf(r, 2) ?? null);
    }
    for (const k of boxes.keys()) boxes.set(k, keyed.get(single ? k.slice(k.indexOf('\u0000')) : k) ?? null);
  }

  if (byDkbm.size > 0 && layer('DK') && dataColumns(db, 'DK').has('DKBM')) {
    const seen = new Map<string, number>();
    const deleted = `WHERE coalesce(_deleted, 0) = 0`;
    const rows = db.prepare(`SELECT ${ident('DKBM')}, _minx, _miny, _maxx, _maxy FROM ${ident('DK')} ${deleted}`).raw().iterate() as IterableIterator<unknown[]>;
    for (const r of rows) {
      const code = r[0] === null || r[0] === undefined ? '' : String(r[0]).trim();
      if (!byDkbm.has(code)) continue;
      const n = (seen.get(code) ?? 0) + 1;
      seen.set(code, n);
      // a code on two plots says nothing about where this record is
      byDkbm.set(code, n === 1 ? (boxOf(r, 1) ?? null) : null);
    }
  }

  return findings.map((f) => {
    const how = wanted(f);
    const l = f.location;
    const box = how === 'record' ? byRecord.get(l.table as string)?.get(recordKey(l.file, l.record as number)) : how === 'dkbm' ? byDkbm.get(l.keys?.DKBM as string) : undefined;
    return box ? { ...f, location: { ...l, bbox: box } } : f;
  });
}
