import type { CountyModel } from '../model.js';
import type { Rng } from '../random.js';

/**
 * One injected defect, as recorded in ground-truth.json: enough for a test to assert that the checker
 * found exactly this (file, table or layer, record, key codes, field) and nothing it was not told about.
 */
export interface DefectRecord {
  /** injector id, e.g. `missing-member-id` */
  readonly id: string;
  /** family of real-world failures it imitates (qc-rules.md §4), e.g. `family-members-incomplete` */
  readonly family: string;
  /** what changed: value edited, value cleared, record removed, file not written … */
  readonly kind: 'value' | 'cleared' | 'record-removed' | 'file-missing' | 'geometry';
  /** package-relative path of the affected file, `/`-separated */
  readonly file: string;
  readonly table?: string;
  readonly layer?: string;
  /**
   * 1-based record number in the written table/layer (after removals); for a removed record, the number
   * it had in the clean package
   */
  readonly record?: number;
  /** 0-based index in the generated model; injectors fill it, ground truth replaces it by `record` */
  readonly index?: number;
  /** key codes of the record (CBFBM, DKBM, CBJYQZBM …) */
  readonly keys: Readonly<Record<string, string>>;
  readonly field?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly description: string;
}

/** Context an injector gets: the model to edit, a seeded stream, and the names of the written files. */
export interface InjectContext {
  readonly model: CountyModel;
  readonly rng: Rng;
  /** package-relative path of the file a table or layer is written to */
  fileOf(tableOrLayer: string): string;
}

/** A named way of breaking a clean county, in the spirit of qc-rules.md §4. */
export interface DefectInjector {
  readonly id: string;
  readonly family: string;
  readonly title: { readonly zh: string; readonly en: string };
  inject(ctx: InjectContext): DefectRecord[];
}
