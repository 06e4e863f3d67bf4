import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  checkDate,
  findingsDocument,
  openStore,
  ruleSetVersion,
  sourceTables,
  toolVersion,
  type CheckProgress,
  type CheckResult,
  type Rule,
} from '@nyt2539/checker';
import { type Lang, type Localized, writeFileAtomic } from '@nyt2539/schema';
import { compareUtf8, hashFile, listPackageEntries } from '../bundle/files.js';
import { verifyBundle, type IntegrityReport } from '../bundle/verify.js';
import { inputDirName, RECORD_FILE, renderRecord, unreadableRecord, type CountyRecord, type IntegritySummary } from './record.js';
export { inputDirName } from './record.js';
import { writeReports } from '../reports/index.js';

/** Phases a county goes through, as the batch display names them. */
export type CountyPhase = 'hash' | 'load' | 'rules' | 'write';

export interface CountyProgress {
  readonly phase: CountyPhase;
  readonly done?: number;
  readonly total?: number;
}

interface CheckCountyOptions {
  readonly lang: Lang;
  readonly mask: boolean;
  /** scratch folder (unzipped files, the store); removed afterwards */
  readonly workDir: string;
  readonly onProgress?: (p: CountyProgress) => void;
  /** precomputed bundle hash (the scheduler hashes every input first, to find duplicates and unchanged counties) */
  readonly bundleHash?: string;
  /** the rules to run (default: the whole catalog; tests narrow it) */
  readonly rules?: readonly Rule[];
}

/**
 * The identity of an input: a zip's SHA-256, or for a folder the SHA-256 of its sorted `path<TAB>sha256` lines,
 * so a re-run can tell an unchanged county from a resubmitted one without checking it again.
 */
export async function bundleHash(input: string): Promise<string> {
  const path = resolve(input);
  if (!statSync(path).isDirectory()) return (await hashFile(path)).sha256;
  const h = createHash('sha256');
  const files = listPackageEntries(path)
    .filter((e) => !e.isDir)
    .sort((a, b) => compareUtf8(a.path, b.path));
  for (const f of files) h.update(`${f.path}\t${(await hashFile(join(path, ...f.path.split('/')))).sha256}\n`);
  return h.digest('hex');
}

/** A one-line reason from anything thrown while opening a county: located texts as they are, others by message. */
function reasonOf(err: unknown): Localized {
  const e = err as { text?: Localized; message?: string } | null;
  if (e && e.text && typeof e.text.zh === 'string' && typeof e.text.en === 'string') return e.text;
  const msg = (e?.message ?? String(err)).split('\n')[0];
  return { zh: `内部错误：${msg}`, en: `internal error: ${msg}` };
}


function storeCounts(storePath: string): { records: number; plots: number } {
  const db = openStore(storePath);
  try {
    const tables = sourceTables(db);
    return {
      records: tables.reduce((n, t) => n + t.recordCount, 0),
      plots: tables.find((t) => t.name === 'DK')?.recordCount ?? 0,
    };
  } finally {
    db.close();
  }
}

function integritySummary(r: IntegrityReport): IntegritySummary {
  return {
    status: r.ok ? 'ok' : 'failed',
    ...(r.manifestProblem ? { manifestProblem: r.manifestProblem } : {}),
    missing: [...r.missing],
    extra: [...r.extra],
    changed: r.changed.map((c) => c.path),
  };
}

/**
 * Verify (manifest fixity where there is a manifest) and check one county, writing `findings.json`, `report.txt`
 * and `county.json` into `outDir`. Never throws for a bad county: an input that cannot be read comes back as
 * verdict 'unreadable' with its one-line reason.
 */
export async function checkCounty(input: string, outDir: string, options: CheckCountyOptions): Promise<CountyRecord> {
  const started = process.hrtime.bigint();
  const seconds = (): number => Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  const progress = options.onProgress ?? (() => {});
  const base = {
    format: 'nyt2539-batch-county' as const,
    formatVersion: 1 as const,
    input,
    ruleSetVersion: ruleSetVersion(),
    toolVersion,
  };
  mkdirSync(outDir, { recursive: true });
  let hash = options.bundleHash ?? '';
  const workDir = resolve(options.workDir);
  try {
    if (!hash) {
      progress({ phase: 'hash' });
      hash = await bundleHash(input);
    }
    const onProgress = (p: CheckProgress): void =>
      progress({ phase: p.phase, done: p.done, ...(p.total !== undefined ? { total: p.total } : {}) });
    // a zip is read in place and hashed against its manifest in the same pass (verifyBundle)
    const verified = await verifyBundle(input, {
      workDir,
      check: { keepStore: true, lang: options.lang, onProgress, ...(options.rules ? { rules: options.rules } : {}) },
    });
    const check: CheckResult = verified.check;
    const integrity: IntegritySummary = verified.manifestAbsent ? { status: 'none', missing: [], extra: [], changed: [] } : integritySummary(verified.integrity);
    const counts = storeCounts(check.storePath as string);
    progress({ phase: 'write' });
    const { info, summary, findings } = check;
    // every report format of the registry (findings.json, report.txt, 质检报告.html/.docx, 问题清单.xlsx, map layers)
    const doc = findingsDocument(info, summary, findings, { mask: options.mask, checkedAt: checkDate(), ...(check.context ? { context: check.context } : {}) });
    await writeReports(doc, outDir, { lang: options.lang });
    const byGroup: Record<string, { errors: number; warnings: number }> = {};
    for (const g of summary.byGroup) byGroup[g.group] = { errors: g.errors, warnings: g.warnings };
    const record: CountyRecord = {
      ...base,
      bundleHash: hash,
      dir: info.rootName,
      rootName: info.rootName,
      county: info.county,
      countyName: info.countyName,
      verdict: summary.passed && integrity.status !== 'failed' ? 'passed' : 'failed',
      integrity,
      errors: summary.errors,
      warnings: summary.warnings,
      byGroup,
      records: counts.records,
      plots: counts.plots,
      seconds: seconds(),
    };
    writeFileAtomic(join(outDir, RECORD_FILE), renderRecord(record));
    return record;
  } catch (err) {
    const record = unreadableRecord(input, hash, reasonOf(err), { seconds: seconds() });
    writeFileAtomic(join(outDir, RECORD_FILE), renderRecord(record));
    return record;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
