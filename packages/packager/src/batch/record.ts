import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Localized } from '@nyt2539/schema';
import { ruleSetVersion, toolVersion, type AcceptanceRecord } from '@nyt2539/checker';

/** What a batch knows about one county once it is done: `<out>/<dir>/county.json`, the resume key and the overview row. */
export interface CountyRecord {
  readonly format: 'nyt2539-batch-county';
  readonly formatVersion: 1;
  /** the input as given (file or folder) */
  readonly input: string;
  /** SHA-256 of the zip, or of the sorted `path<TAB>sha256` lines of a folder */
  readonly bundleHash: string;
  readonly ruleSetVersion: string;
  readonly toolVersion: string;
  /** folder under `<out>` holding this county's outputs (the county folder name, or the input's name when unreadable) */
  readonly dir: string;
  readonly rootName?: string;
  readonly county?: string;
  readonly countyName?: string;
  /**
   * passed: integrity ok (or no manifest) and no errors; failed: errors or integrity broken; unreadable: 无法检查;
   * duplicate: byte-identical to another input of this batch (not checked twice)
   */
  readonly verdict: 'passed' | 'failed' | 'unreadable' | 'duplicate';
  /** one line: why 无法检查, or which input this duplicates */
  readonly reason?: Localized;
  readonly integrity: IntegritySummary;
  readonly errors: number;
  readonly warnings: number;
  /** errors and warnings per check category (ruleGroups key) */
  readonly byGroup: Readonly<Record<string, { readonly errors: number; readonly warnings: number }>>;
  /** records of every table and layer read */
  readonly records: number;
  /** plots (DK layer features) read */
  readonly plots: number;
  /** wall-clock seconds of this county's verification and check */
  readonly seconds: number;
  /** the check process died (crash, out of memory): a re-run tries again */
  readonly crashed?: boolean;
  /** another input of this batch with the same county folder name but other content */
  readonly sameCountyAs?: string;
  /** set when `sample --results` was imported for this county */
  readonly sample?: SampleOutcome;
}

export interface IntegritySummary {
  /** none: no manifest.json (a package, not a bundle) */
  readonly status: 'ok' | 'failed' | 'none' | 'unknown';
  readonly manifestProblem?: Localized;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly changed: readonly string[];
}

/** A spot-check result carried into the overview and the county's findings.json (computed by sample/results.ts). */
export type SampleOutcome = AcceptanceRecord;

export const RECORD_FILE = 'county.json';

/** Name of the output folder when the county folder name is not known: the input's name without `.zip`. */
export function inputDirName(input: string): string {
  const b = basename(resolve(input));
  return extname(b).toLowerCase() === '.zip' ? b.slice(0, -4) : b;
}

/** The record of a county that could not be checked (unreadable input, or a check process that died): 无法检查 with its reason. */
export function unreadableRecord(input: string, bundleHash: string, reason: Localized, extra: { seconds?: number; crashed?: boolean } = {}): CountyRecord {
  return {
    format: 'nyt2539-batch-county',
    formatVersion: 1,
    input,
    bundleHash,
    ruleSetVersion: ruleSetVersion(),
    toolVersion,
    dir: inputDirName(input),
    verdict: 'unreadable',
    reason,
    integrity: { status: 'unknown', missing: [], extra: [], changed: [] },
    errors: 0,
    warnings: 0,
    byGroup: {},
    records: 0,
    plots: 0,
    seconds: extra.seconds ?? 0,
    ...(extra.crashed ? { crashed: true } : {}),
  };
}

export function readRecord(path: string): CountyRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as CountyRecord;
    return r.format === 'nyt2539-batch-county' && r.formatVersion === 1 ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Every county record under `<out>` (a folder per county), in folder-name order. */
export function readRecords(out: string): CountyRecord[] {
  if (!existsSync(out)) return [];
  const dirs = readdirSync(out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
  const records: CountyRecord[] = [];
  for (const d of dirs) {
    const r = readRecord(join(out, d, RECORD_FILE));
    if (r) records.push(r);
  }
  return records;
}

export function renderRecord(r: CountyRecord): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
