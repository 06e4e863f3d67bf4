import { annexATables } from './annexA.js';
import { annexBTables } from './annexB.js';
import type { FieldDef, TableDef } from './types.js';

/** Annex A layer tables (shapefile attribute tables + SGSJ), printed order. */
export const layerTables: readonly TableDef[] = annexATables;

/** Annex B 权属 tables (the 12 tables of the .mdb), printed order. */
export const attributeTables: readonly TableDef[] = annexBTables;

/** Every table of the standard: Annex A then Annex B. Table names are unique across both annexes. */
export const allTables: readonly TableDef[] = [...annexATables, ...annexBTables];

const byName = new Map(allTables.map((t) => [t.name, t]));

/** A table by its 属性表名 (`DK`, `CBF_JTCY`); case-insensitive, since DBF readers may lower-case names. */
export function getTable(name: string): TableDef | undefined {
  return byName.get(name) ?? byName.get(name.toUpperCase());
}

export function getField(table: string, code: string): FieldDef | undefined {
  return getTable(table)?.fields.find((f) => f.code === code);
}

/**
 * The standard's identifiers of a row (NY/T 2538 codes, 标识码 and the like), most specific first: what a report
 * shows beside a finding so people find the row.
 */
export const identifyingFields: readonly string[] = ['DKBM', 'CBFBM', 'CBHTBM', 'CBJYQZBM', 'LZHTBM', 'ZLFJBH', 'FBFBM', 'CYXM', 'CYZJHM', 'JZDH', 'JZXH', 'KZDDH', 'BSM'];

/** Identifying fields whose first 14 characters are the row's 发包方编码 (NY/T 2538 codes begin with FBFBM). */
export const fbfPrefixedFields: readonly string[] = ['FBFBM', 'CBFBM', 'DKBM', 'CBHTBM', 'CBJYQZBM', 'LZHTBM'];
