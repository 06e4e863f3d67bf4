import type Database from 'better-sqlite3';
import { getTable, type FieldDef, type TableDef } from '@nyt2539/schema';
import { dataColumns, sourceColumns, sourceTables, type SourceColumn, type SourceTable } from '../../store/facts.js';
import type { StoreTable } from './rows.js';

/** A loaded table or layer the standard defines, with what its source declares and what the store holds. */
export interface CheckedTable extends StoreTable {
  readonly source: SourceTable;
  readonly def: TableDef;
  readonly columns: readonly SourceColumn[];
  /** data columns present in the store (standard and extra fields) */
  readonly present: ReadonlySet<string>;
}

/** Loaded tables/layers that the standard defines (others are reported by the layout rules). */
export function checkedTables(db: Database.Database): CheckedTable[] {
  const out: CheckedTable[] = [];
  for (const source of sourceTables(db)) {
    const def = getTable(source.name);
    if (!def || def.name !== source.name) continue;
    const present = dataColumns(db, source.name);
    if (present.size === 0 && source.recordCount > 0) continue;
    out.push({ name: def.name, source, def, columns: sourceColumns(db, source.name), present });
  }
  return out;
}

/** Standard fields of a table that its data table actually holds. */
export function presentFields(t: CheckedTable): FieldDef[] {
  return t.def.fields.filter((f) => t.present.has(f.code));
}

export function sourceColumn(t: CheckedTable, field: string): SourceColumn | undefined {
  return t.columns.find((c) => c.name === field);
}

/** Types the source stores text in (mdb Text/Memo, DBF C/M). */
export function isTextSource(col: SourceColumn | undefined): boolean {
  if (!col) return true;
  return /^(text|memo|c|m|v|w)$/i.test(col.srcType);
}
