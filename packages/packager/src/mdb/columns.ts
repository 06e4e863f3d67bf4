import type { PhysicalTable } from '@nyt2539/schema';
import { COLUMN_TYPE } from './format.js';

/** Column types this writer can store (the schema's AccessType plus the few the system catalog needs). */
type MdbColumnType = keyof typeof COLUMN_TYPE;

/** One column as the writer sees it; user tables come from `PhysicalTable`, system tables from catalog.ts. */
export interface MdbColumnDef {
  readonly name: string;
  readonly type: MdbColumnType;
  /** characters for Text, bytes for Binary */
  readonly size?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly required?: boolean;
  readonly allowZeroLength?: boolean;
  readonly defaultValue?: string;
  readonly description?: string;
  /** Access Format property, e.g. 'Short Date' (mdbtools then exports the column as a date) */
  readonly format?: string;
}

export interface MdbTableDef {
  readonly name: string;
  readonly columns: readonly MdbColumnDef[];
  readonly system?: boolean;
  /** Access table Description property */
  readonly description?: string;
}

/** Where a column lives in a row and in the TDEF. */
export interface ColumnLayout {
  readonly def: MdbColumnDef;
  readonly number: number;
  readonly typeCode: number;
  readonly fixed: boolean;
  /** byte offset among the fixed columns (after the 2-byte column count) */
  readonly fixedOffset: number;
  /** index among the variable columns; for fixed columns, the count of variable columns before it (as Access writes it) */
  readonly varIndex: number;
  /** TDEF column length in bytes (0 for Memo/OLE) */
  readonly length: number;
  readonly longValue: boolean;
  readonly compressible: boolean;
}

export interface TableLayout {
  readonly def: MdbTableDef;
  readonly columns: readonly ColumnLayout[];
  readonly byName: ReadonlyMap<string, ColumnLayout>;
  readonly fixedSize: number;
  readonly varCount: number;
}

/** Bytes a fixed-length type occupies in a row (Boolean lives in the null mask). */
const FIXED_SIZE: Partial<Record<MdbColumnType, number>> = {
  Boolean: 0,
  Byte: 1,
  Integer: 2,
  Long: 4,
  Double: 8,
  DateTime: 8,
  Decimal: 17,
};

export function layoutTable(def: MdbTableDef): TableLayout {
  let fixedOffset = 0;
  let varIndex = 0;
  const columns = def.columns.map((c, number): ColumnLayout => {
    const fixedSize = FIXED_SIZE[c.type];
    const longValue = c.type === 'Memo' || c.type === 'OLE';
    // Access leaves the system catalog's text uncompressed; user text columns carry "Unicode compression"
    const compressible = (c.type === 'Text' || c.type === 'Memo') && def.system !== true;
    if (fixedSize !== undefined) {
      const col: ColumnLayout = {
        def: c,
        number,
        typeCode: COLUMN_TYPE[c.type],
        fixed: true,
        fixedOffset,
        varIndex,
        length: c.type === 'Boolean' ? 1 : fixedSize,
        longValue,
        compressible,
      };
      fixedOffset += fixedSize;
      return col;
    }
    const length = c.type === 'Text' ? (c.size ?? 255) * 2 : c.type === 'Binary' ? (c.size ?? 255) : 0;
    return { def: c, number, typeCode: COLUMN_TYPE[c.type], fixed: false, fixedOffset: 0, varIndex: varIndex++, length, longValue, compressible };
  });
  return {
    def,
    columns,
    byName: new Map(columns.map((c) => [c.def.name, c])),
    fixedSize: fixedOffset,
    varCount: varIndex,
  };
}

/** The standard's physical table as writer input (field codes become column names). */
export function fromPhysicalTable(t: PhysicalTable): MdbTableDef {
  const description = (t as PhysicalTable & { readonly description?: string }).description;
  return {
    name: t.name,
    description,
    columns: t.columns.map((c) => ({
      name: c.code,
      type: c.type,
      size: c.size,
      precision: c.precision,
      scale: c.scale,
      required: c.required,
      allowZeroLength: c.allowZeroLength,
      defaultValue: c.defaultValue,
      description: c.description,
      // not (yet) in PhysicalColumn: the template sets Format 'Short Date' on its date-only columns
      format: (c as typeof c & { readonly format?: string }).format,
    })),
  };
}
