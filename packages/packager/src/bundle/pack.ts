import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { writeReports, type WriteReportsOptions, type WrittenReport } from '../reports/index.js';
import { applyEol, findingsDocument, InputError, isInsideFolder, renderTextReport, runCheck, writeJsonAtomic, type CheckOptions, type CheckResult, type Eol } from '@nyt2539/checker';
import { writeFileAtomic } from '@nyt2539/schema';
import type { Lang } from '@nyt2539/schema';
import { BundleError } from './errors.js';
import { listPackageEntries } from './files.js';
import { buildManifest, countyOfFolder, isManifestDate, type Manifest } from './manifest.js';
import { packBundle, type PackedBundle, type ZipNameEncoding } from './zip-writer.js';

export interface PackOptions {
  /** pack even when the checker finds errors; the manifest then records `forced` and the counts */
  readonly force?: boolean;
  /** YYYY-MM-DD for the manifest and the zip entries (default: none in the manifest, 2016-01-01 in the zip) */
  readonly date?: string;
  readonly lang?: Lang;
  /** mask ID and phone numbers in the findings written next to the zip (default true: the report travels) */
  readonly mask?: boolean;
  /** passed to runCheck: profile, rule subset, scratch folder, progress */
  /** line endings of the findings and report written beside the zip (default lf) */
  readonly eol?: Eol;
  /** entry-name encoding of the zip (default utf8; gbk for Chinese Windows' built-in zip tool) */
  readonly zipNames?: ZipNameEncoding;
  readonly check?: Pick<CheckOptions, 'profile' | 'rules' | 'workDir' | 'onProgress'>;
  /** progress of the two passes after the check: hashing for the manifest, then zipping */
  readonly onProgress?: (p: { readonly phase: 'manifest' | 'zip'; readonly done: number; readonly total: number; readonly path: string }) => void;
  /**
   * The reports (default: every format) written to `<zip without .zip>.reports/`; the documents among them
   * (DOCX, HTML, XLSX) and the map layers (GeoJSON, shapefiles) also go into the bundle's 文字报告/, covered by
   * the manifest. `false`: none.
   */
  readonly reports?: false | Omit<WriteReportsOptions, 'lang'>;
}

/**
 * Report formats that travel inside the bundle, in 文字报告/ (where `build` writes them too, so a packed built
 * package carries the fresh ones in place of its own): the documents and the map layers.
 */
export const BUNDLED_REPORT_FORMATS: readonly string[] = ['docx', 'html', 'xlsx', 'geojson', 'shp'];
export const BUNDLE_REPORT_FOLDER = '文字报告';

export interface PackResult {
  /** the checker found errors and `force` was not given: no zip was written */
  readonly refused: boolean;
  readonly check: CheckResult;
  /** `<zip without .zip>.findings.json` and `.report.txt`, written in every case */
  readonly findingsPath: string;
  readonly reportPath: string;
  readonly manifest?: Manifest;
  readonly bundle?: PackedBundle;
  /** Office/OS junk files left out of the zip (`isJunkPath`), package-relative */
  readonly excluded?: readonly string[];
  /** the folder the reports were written to, and the files */
  readonly reportsDir?: string;
  readonly reports?: readonly WrittenReport[];
}

/** Where the findings of a bundle go: beside the zip, named after it. */
export function reportPathsFor(zipPath: string): { findingsPath: string; reportPath: string; reportsDir: string } {
  const base = resolve(zipPath).replace(/\.zip$/i, '');
  return { findingsPath: `${base}.findings.json`, reportPath: `${base}.report.txt`, reportsDir: `${base}.reports` };
}

/** `write` (an atomic writer of `path`) with a failure as one located BundleError. */
function writeAtomic(path: string, write: () => void): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new BundleError({ zh: `无法写入 ${path}（${code}）`, en: `cannot write ${path} (${code})` }, path);
  }
}

/**
 * The 汇交 submission of one county folder: run the checker, write its findings beside the zip, and, unless it
 * found errors (or `force` is given), build the manifest and the deterministic zip. Cheap preconditions (folder
 * name, date, output place) are checked before the long check.
 */
export async function packSubmission(packageDir: string, outZip: string, options: PackOptions = {}): Promise<PackResult> {
  const root = resolve(packageDir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new BundleError({ zh: `找不到文件夹：${root}`, en: `folder not found: ${root}` }, root);
  }
  if (!isDir) throw new BundleError({ zh: `${root} 不是文件夹（pack 打包县级汇交成果文件夹）`, en: `${root} is not a folder (pack takes the county folder)` }, root);
  countyOfFolder(root);
  if (options.date !== undefined && !isManifestDate(options.date)) {
    throw new BundleError({ zh: `日期应为 YYYY-MM-DD：${options.date}`, en: `the date should be YYYY-MM-DD: ${options.date}` });
  }
  const zipPath = resolve(outZip);
  if (!/\.zip$/i.test(zipPath)) throw new BundleError({ zh: `输出文件名应以 .zip 结尾：${zipPath}`, en: `the output name should end in .zip: ${zipPath}` }, zipPath);
  if (isInsideFolder(root, zipPath)) {
    throw new BundleError(
      { zh: `输出文件 ${zipPath} 不能位于被打包的文件夹 ${root} 之内`, en: `the output ${zipPath} cannot be inside the folder being packed, ${root}` },
      zipPath,
    );
  }

  let check: CheckResult;
  try {
    check = await runCheck(root, { ...options.check, ...(options.lang ? { lang: options.lang } : {}) });
  } catch (e) {
    if (e instanceof InputError) throw new BundleError(e.text, e.file);
    throw e;
  }
  const mask = options.mask ?? true;
  const doc = findingsDocument(check.info, check.summary, check.findings, { mask, profile: check.profile, context: check.context, ...(options.reports ? { cover: options.reports } : {}) });
  const { findingsPath, reportPath, reportsDir } = reportPathsFor(zipPath);
  // findings.json in batches of findings: a county's ~100 MB document is never one string
  writeAtomic(findingsPath, () => writeJsonAtomic(findingsPath, doc, { eol: options.eol ?? 'lf' }));
  writeAtomic(reportPath, () => writeFileAtomic(reportPath, applyEol(renderTextReport(doc, { lang: options.lang ?? 'zh', limit: check.findings.length, input: check.info.input }), options.eol)));
  let reports: WrittenReport[] = [];
  if (options.reports !== false) {
    reports = await writeReports(doc, reportsDir, { ...(options.reports ?? {}), lang: options.lang ?? 'zh' });
  }
  if (!check.summary.passed && !options.force) return { refused: true, check, findingsPath, reportPath, reportsDir, reports };
  const extra = reports
    .filter((r) => BUNDLED_REPORT_FORMATS.includes(r.format))
    .flatMap((r) => r.files.map((file) => ({ path: `${BUNDLE_REPORT_FOLDER}/${basename(file)}`, file })));

  const manifest = await buildManifest(root, {
    findings: doc,
    forced: options.force ?? false,
    extra,
    ...(options.date !== undefined ? { date: options.date } : {}),
    onProgress: (p) => options.onProgress?.({ phase: 'manifest', ...p }),
  });
  const bundle = await packBundle(root, zipPath, { manifest, extra, ...(options.zipNames ? { zipNames: options.zipNames } : {}), onProgress: (p) => options.onProgress?.({ phase: 'zip', ...p }) });
  const excluded: string[] = [];
  listPackageEntries(root, (path) => excluded.push(path));
  return { refused: false, check, findingsPath, reportPath, manifest, bundle, excluded, reportsDir, reports };
}
