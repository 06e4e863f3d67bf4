/**
 * Shapes of the standard-as-data. Every annex module exports plain `as const`-style data typed by these
 * interfaces; everything else (JSON Schemas, validators, docs, the `schema` command) is generated from it.
 */

/** 约束条件 (NY/T 2539 §5.3): M 必选, O 可选, C 条件必选. */
export type Constraint = 'M' | 'O' | 'C';

/** Logical field types of Annex A/B. */
type FieldType = 'Int' | 'Char' | 'Float' | 'Date' | 'Varbin';

/** Geometry types of 表2. */
type GeometryType = 'Point' | 'Line' | 'Polygon' | 'Annotation' | 'Image';

/** Identifier of an Annex C code table ('C.1'…'C.19') or an external code list ('GB/T 4761', 'GB/T 21010', 'GB/T 2261.1'). */
export type CodeTableId = string;

/** 值域 column, in machine-checkable form. */
export type Domain =
  | {
      kind: 'codeTable';
      table: CodeTableId;
      /** warn rather than error when outside the list */
      advisory?: boolean;
      /** values come from `CodeDef.extra[column]` instead of `code` (表C.1 控制点等级: column `KZDDJ`) */
      column?: string;
    }
  | { kind: 'featureCode' } // 见表 1: the layer's 要素代码
  | { kind: 'nonEmpty' } // 非空
  | { kind: 'range'; min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean; text: string } // >0, ≥0, [0,2π)
  | { kind: 'pattern'; pattern: string; text: string }; // e.g. YYYYMMDD, 6-digit postcode

/**
 * A condition under which a C (条件必选) field is mandatory, in a form a checker can evaluate on one row
 * (or, for `ref`, with a lookup). `text` keeps the standard's wording.
 */
export type Condition =
  | { kind: 'fieldEquals'; field: string; values: readonly string[]; text: string }
  | { kind: 'fieldPresent'; field: string; text: string }
  | { kind: 'anyOf'; conditions: readonly Condition[]; text: string }
  /** table-level (表3): some row of `table` exists (that satisfies `where`, if given) */
  | { kind: 'rowsExist'; table: string; where?: Condition; text: string }
  | { kind: 'text'; text: string }; // not machine-checkable from the row alone; the text says why

export interface FieldDef {
  /** 序号 within the table, 1-based, as printed. */
  readonly seq: number;
  /** 字段代码, e.g. `CBFBM`. */
  readonly code: string;
  /** 字段名称. */
  readonly name: string;
  readonly type: FieldType;
  /** 字段长度 (characters for Char, digits for Int/Float, 8 for Date). Undefined for Varbin. */
  readonly length?: number;
  /** 小数位数. */
  readonly decimals?: number;
  readonly domain?: Domain;
  readonly constraint: Constraint;
  readonly condition?: Condition;
  /** 单位, e.g. `m2`, `亩`, `rad`. */
  readonly unit?: string;
  /** Footnote text of the table, verbatim where useful. */
  readonly note?: string;
}

export interface TableDef {
  /** 属性表名 / 表名, e.g. `DK`, `CBF_JTCY`. */
  readonly name: string;
  /** Chinese title, e.g. `地块`. */
  readonly title: string;
  /** 'layer' = Annex A (shapefile attribute table), 'attribute' = Annex B (权属 table in the .mdb). */
  readonly kind: 'attribute' | 'layer';
  /** Annex table number, e.g. `A.10`, `B.3`. */
  readonly annexTable: string;
  readonly constraint: Constraint;
  readonly condition?: Condition;
  readonly fields: readonly FieldDef[];
  /** checks spanning several fields of one row (e.g. DK 四至: at least 3 of 4 when DKLB='10'). */
  readonly rowRules?: readonly RowRule[];
}

/** A check over several fields of one row that no single FieldDef can express. */
interface RowRule {
  readonly kind: 'atLeastNonEmpty';
  readonly fields: readonly string[];
  readonly min: number;
  /** the rule applies only when this holds */
  readonly when?: Condition;
  readonly text: string;
}

/** 表1 要素代码. */
export interface FeatureCodeDef {
  readonly code: string;
  readonly name: string;
  /** parent feature code ('' for top-level classes). */
  readonly parent: string;
}

/** 表2 layer list. */
export interface LayerDef {
  /** attribute table / file prefix, e.g. `DK`. */
  readonly table: string;
  readonly name: string;
  readonly geometry: GeometryType;
  readonly featureCodes: readonly string[];
  readonly constraint: Constraint;
  /** 层名称 (group in 表2), e.g. `承包地块` */
  readonly group: string;
  /** the Annex A table describing its attributes, e.g. `A.10` */
  readonly annexTable: string;
}

export interface CodeDef {
  readonly code: string;
  readonly name: string;
  /** parent code in a hierarchical table (C.10), '' otherwise. */
  readonly parent?: string;
  /** extra attribute, e.g. 等级 values allowed for a C.1 控制点类型. */
  readonly extra?: Readonly<Record<string, readonly string[] | string>>;
}

export interface CodeTableDef {
  readonly id: CodeTableId;
  readonly name: string;
  readonly codes: readonly CodeDef[];
  readonly source?: string;
  /** the list is not authoritative here: a value outside it is a warning, not an error (GB/T 21010). */
  readonly advisory?: boolean;
  /** how an ambiguous printed table was read. */
  readonly note?: string;
}

/** Physical column in the .mdb as Access writes it (real template in fixtures/real/access). */
export type AccessType = 'Text' | 'Integer' | 'Long' | 'Decimal' | 'DateTime' | 'Memo' | 'Boolean' | 'Double';

export interface PhysicalColumn {
  readonly code: string;
  readonly type: AccessType;
  /** characters for Text */
  readonly size?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** NOT NULL / Required */
  readonly required: boolean;
  readonly allowZeroLength?: boolean;
  readonly defaultValue?: string;
  /** Access Description property (Chinese caption). */
  readonly description: string;
}

export interface PhysicalTable {
  readonly name: string;
  readonly columns: readonly PhysicalColumn[];
}

/** A recorded decision where sources disagree. */
export interface Decision {
  readonly id: string;
  readonly topic: string;
  readonly sources: readonly string[];
  readonly decision: string;
  readonly reason: string;
}
