import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DefectInjector, DefectRecord } from './types.js';
import { Rng } from '../random.js';
import type { CatalogInjector, WrittenContext } from './catalog.js';

/**
 * Kinds that break the written files (names, DBF headers, .prj, summary .xls, metadata XML) run after
 * `writePackage`. Each edit is atomic (`writeFileAtomic`) and deterministic.
 */

/** Absolute path of a package-relative `/`-separated path. */
export const inPackage = (ctx: WrittenContext, rel: string): string => join(ctx.packageDir, ...rel.split('/'));

export function removeFile(path: string): void {
  rmSync(path);
}

/** One field descriptor of a dBASE III header (ESRI Shapefile Technical Description, dBASE table). */
interface DbfField {
  readonly name: string;
  readonly type: string;
  readonly length: number;
  readonly decimals: number;
  /** byte offset inside a record (after the deletion flag) */
  readonly offset: number;
  /** the 32-byte descriptor as written */
  readonly raw: Buffer;
}

export function dbfFields(dbf: Buffer): DbfField[] {
  const fields: DbfField[] = [];
  let offset = 0;
  for (let o = 32; dbf[o] !== 0x0d; o += 32) {
    const raw = dbf.subarray(o, o + 32);
    const name = raw.subarray(0, 11).toString('latin1').replace(/\0.*$/s, '');
    const length = raw[16];
    fields.push({ name, type: String.fromCharCode(raw[11]), length, decimals: raw[17], offset, raw });
    offset += length;
  }
  return fields;
}

/**
 * Rewrite a DBF with fields dropped (width `0`) or narrowed; character values are cut at the new width,
 * so callers choose a width the stored values fit.
 */
export function reshapeDbf(dbf: Buffer, widths: Readonly<Record<string, number>>): Buffer {
  const fields = dbfFields(dbf);
  const count = dbf.readUInt32LE(4);
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  const kept = fields.filter((f) => (widths[f.name] ?? f.length) > 0).map((f) => ({ f, width: widths[f.name] ?? f.length }));
  const newHeaderLength = 32 + 32 * kept.length + 1;
  const newRecordLength = 1 + kept.reduce((s, k) => s + k.width, 0);
  const out = Buffer.alloc(newHeaderLength + count * newRecordLength + 1, 0x20);
  dbf.copy(out, 0, 0, 32);
  out.writeUInt16LE(newHeaderLength, 8);
  out.writeUInt16LE(newRecordLength, 10);
  kept.forEach(({ f, width }, i) => {
    f.raw.copy(out, 32 + 32 * i);
    out[32 + 32 * i + 16] = width;
  });
  out[newHeaderLength - 1] = 0x0d;
  for (let r = 0; r < count; r++) {
    const src = headerLength + r * recordLength;
    let dst = newHeaderLength + r * newRecordLength;
    out[dst++] = dbf[src];
    for (const { f, width } of kept) {
      dbf.copy(out, dst, src + 1 + f.offset, src + 1 + f.offset + Math.min(width, f.length));
      dst += width;
    }
  }
  out[out.length - 1] = 0x1a;
  return out;
}

/** Longest stored value of a field, in bytes (trailing spaces not counted). */
export function usedWidth(dbf: Buffer, field: string): number {
  const f = dbfFields(dbf).find((x) => x.name === field);
  if (!f) throw new Error(`no field ${field}`);
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  let max = 0;
  for (let r = 0; r < dbf.readUInt32LE(4); r++) {
    const at = headerLength + r * recordLength + 1 + f.offset;
    const cell = dbf.subarray(at, at + f.length);
    let end = cell.length;
    while (end > 0 && (cell[end - 1] === 0x20 || cell[end - 1] === 0)) end--;
    max = Math.max(max, end);
  }
  return max;
}

export const readBytes = (path: string): Buffer => readFileSync(path);

const isWritten = (i: DefectInjector): i is CatalogInjector & Required<Pick<CatalogInjector, 'afterWrite'>> => typeof (i as CatalogInjector).afterWrite === 'function';

/**
 * Run the `afterWrite` kinds among `selected` on a written package. `generatePackage` should call this right
 * after `writePackage` and append the records to ground truth.
 */
export function applyWrittenDefects(selected: readonly DefectInjector[], o: { packageDir: string; seed: number; county: string; year: number }): DefectRecord[] {
  return selected.filter(isWritten).flatMap((inj) => inj.afterWrite({ packageDir: o.packageDir, rng: Rng.derive(o.seed, 'defect-written', inj.id), county: o.county, year: o.year }));
}
