import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { validateFindingsDocument, type FindingsDocument, type ProfileRecord } from '@nyt2539/checker';
import { ajv2020, classifyPath, parseRootFolderName, type PathKind } from '@nyt2539/schema';
import { BundleError } from './errors.js';
import { compareUtf8, hashFile, listPackageEntries, type FileProgress } from './files.js';

/** manifest.json of a bundle (schema: packages/packager/schema/manifest.schema.json). */
export interface Manifest {
  readonly format: 'nyt2539-bundle-manifest';
  readonly formatVersion: 1;
  readonly package: { readonly rootName: string; readonly county: string; readonly countyName: string; readonly year: string };
  readonly tool: { readonly name: string; readonly version: string };
  /** only when given (`pack --date`): a manifest carries no clock time of its own */
  readonly date?: string;
  /** what the checker said, when its findings were given */
  readonly check?: ManifestCheck;
  readonly totals: { readonly files: number; readonly bytes: number };
  /** every file of the county folder except manifest.json, sorted by the byte order of the UTF-8 path */
  readonly files: readonly ManifestFile[];
}

export interface ManifestFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface ManifestCheck {
  readonly passed: boolean;
  /** packed although the checker found errors (`pack --force`) */
  readonly forced: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly rulesRun: number;
  readonly byGroup: readonly { readonly group: string; readonly errors: number; readonly warnings: number }[];
  /** every rule that ran, with its counts: what `verify` compares its re-check with */
  readonly byRule?: readonly { readonly ruleId: string; readonly errors: number; readonly warnings: number }[];
  /** the checker and rule set that judged the package */
  readonly toolVersion?: string;
  readonly ruleSetVersion?: string;
  /** the profile of that check: `default: false` = 非默认质检方案, with every deviation */
  readonly profile?: ProfileRecord;
}

export interface BuildManifestOptions {
  /** the checker's findings for this package: the document, or the path of a findings.json */
  readonly findings?: FindingsDocument | string;
  /** the package was packed with --force despite errors */
  readonly forced?: boolean;
  /** YYYY-MM-DD, recorded as given */
  readonly date?: string;
  /** called after each file is hashed */
  readonly onProgress?: FileProgress;
  /** files added to the bundle from outside the county folder (the reports in 文字报告/); they replace a file of the same path */
  readonly extra?: readonly ExtraEntry[];
}

/** A file packed under `path` (county-relative, '/'-separated) from `file` on disk; the county folder is not touched. */
export interface ExtraEntry {
  readonly path: string;
  readonly file: string;
}

export const manifestSchemaUrl = new URL('../../schema/manifest.schema.json', import.meta.url);
const packageJsonUrl = new URL('../../package.json', import.meta.url);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isManifestDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

let toolCache: Manifest['tool'] | undefined;

/** This packager's name and version, from its package.json. */
function toolInfo(): Manifest['tool'] {
  if (!toolCache) {
    const pkg = JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { name: string; version: string };
    toolCache = { name: pkg.name, version: pkg.version };
  }
  return toolCache;
}

// the year is read from the file the standard names after it, most authoritative first
const YEAR_SOURCES: readonly PathKind[] = ['mdb', 'vectorMetadata', 'layerFile', 'unitCodeTable'];

function yearOf(paths: readonly string[]): string {
  const classes = paths.map((p) => classifyPath(p));
  for (const kind of YEAR_SOURCES) {
    const hit = classes.find((c) => c.kind === kind && c.year !== undefined);
    if (hit?.year) return hit.year;
  }
  return '';
}

/** The county folder's code and name, or a BundleError saying what the folder should be called. */
export function countyOfFolder(packageDir: string): { rootName: string; county: string; countyName: string } {
  const rootName = basename(resolve(packageDir));
  const parsed = parseRootFolderName(rootName);
  if (!parsed) {
    throw new BundleError(
      {
        zh: `${packageDir}：文件夹名称应为“6位县级区划代码+县名”（如 220581梅河口市），实际为“${rootName}”`,
        en: `${packageDir}: the folder name should be the 6-digit county code followed by the county name (e.g. 220581梅河口市), not "${rootName}"`,
      },
      packageDir,
    );
  }
  return { rootName, ...parsed };
}

function readFindings(findings: FindingsDocument | string): FindingsDocument {
  if (typeof findings !== 'string') return findings;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(findings, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new BundleError({ zh: `无法读取质检结果 ${findings}（${why}）`, en: `cannot read the findings file ${findings} (${why})` }, findings);
  }
  const errors = validateFindingsDocument(doc);
  if (errors.length > 0) {
    const first = `${errors[0].instancePath || '/'} ${errors[0].message ?? ''}`;
    throw new BundleError({ zh: `${findings} 不是有效的质检结果文件：${first}`, en: `${findings} is not a valid findings file: ${first}` }, findings);
  }
  return doc as FindingsDocument;
}

function checkSummary(doc: FindingsDocument, forced: boolean): ManifestCheck {
  return {
    passed: doc.passed,
    forced: forced && !doc.passed,
    errors: doc.summary.errors,
    warnings: doc.summary.warnings,
    rulesRun: doc.summary.rulesRun,
    byGroup: doc.summary.byGroup.map((g) => ({ group: g.group, errors: g.errors, warnings: g.warnings })),
    byRule: doc.summary.byRule.map((r) => ({ ruleId: r.ruleId, errors: r.errors, warnings: r.warnings })),
    ...(doc.toolVersion ? { toolVersion: doc.toolVersion } : {}),
    ...(doc.ruleSetVersion ? { ruleSetVersion: doc.ruleSetVersion } : {}),
    ...(doc.profile ? { profile: doc.profile } : {}),
  };
}

/**
 * The manifest of a county folder: every file (path, size, SHA-256) sorted by UTF-8 path, the county from the
 * folder name, the year from the file names, this tool, and the checker's verdict when findings are given.
 * Deterministic: no clock, no absolute paths. Validated against the published schema before it is returned.
 */
export async function buildManifest(packageDir: string, options: BuildManifestOptions = {}): Promise<Manifest> {
  const root = resolve(packageDir);
  const county = countyOfFolder(root);
  if (options.date !== undefined && !isManifestDate(options.date)) {
    throw new BundleError({ zh: `日期应为 YYYY-MM-DD：${options.date}`, en: `the date should be YYYY-MM-DD: ${options.date}` });
  }
  const findings = options.findings === undefined ? undefined : readFindings(options.findings);
  if (findings && findings.package.rootName !== county.rootName) {
    throw new BundleError({
      zh: `质检结果属于 ${findings.package.rootName}，不是 ${county.rootName}`,
      en: `the findings are for ${findings.package.rootName}, not ${county.rootName}`,
    });
  }
  const files: ManifestFile[] = [];
  let bytes = 0;
  const extra = new Map((options.extra ?? []).map((e) => [e.path, e.file]));
  const listed = [...listPackageEntries(root).filter((e) => !e.isDir && !extra.has(e.path)), ...[...extra.keys()].map((path) => ({ path }))].sort((a, b) => compareUtf8(a.path, b.path));
  for (const entry of listed) {
    const { sha256, size } = await hashFile(extra.get(entry.path) ?? join(root, ...entry.path.split('/')));
    files.push({ path: entry.path, size, sha256 });
    bytes += size;
    options.onProgress?.({ done: files.length, total: listed.length, path: entry.path });
  }
  const manifest: Manifest = {
    format: 'nyt2539-bundle-manifest',
    formatVersion: 1,
    package: { ...county, year: yearOf(files.map((f) => f.path)) },
    tool: toolInfo(),
    ...(options.date !== undefined ? { date: options.date } : {}),
    ...(findings ? { check: checkSummary(findings, options.forced ?? false) } : {}),
    totals: { files: files.length, bytes },
    files,
  };
  assertValidManifest(manifest, root);
  return manifest;
}

let validator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

/** Validate against manifest.schema.json; returns the ajv errors (empty when valid). */
export function validateManifest(doc: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(manifestSchemaUrl, 'utf8')) as object;
    validator = new (ajv2020())({ allErrors: true, strict: true }).compile(schema);
  }
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}

function assertValidManifest(doc: unknown, where: string): void {
  const errors = validateManifest(doc);
  if (errors.length === 0) return;
  const first = `${errors[0].instancePath || '/'} ${errors[0].message ?? ''}`;
  throw new BundleError({ zh: `${where}：清单不符合 manifest.schema.json（${first}）`, en: `${where}: the manifest does not match manifest.schema.json (${first})` }, where);
}

/** The bytes written as manifest.json: two-space JSON and a final newline. */
export function renderManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Reads and validates a manifest.json; BundleError (naming the file as `shown`, e.g. its place inside a zip rather
 * than a scratch copy) when it is unreadable or invalid.
 */
export function readManifest(path: string, shown: string = path): Manifest {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new BundleError({ zh: `无法读取清单 ${shown}（${why}）`, en: `cannot read the manifest ${shown} (${why})` }, shown);
  }
  assertValidManifest(doc, shown);
  return doc as Manifest;
}
