import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { InputError, looksLikeZip, runCheck, type CheckOptions, type CheckResult, type ZipLimits } from '@nyt2539/checker';
import { isJunkPath, parseRootFolderName, printable, registerScratch, type Localized } from '@nyt2539/schema';
import { ruleSetVersion, toolVersion } from '@nyt2539/checker';
import { BundleError } from './errors.js';
import { compareUtf8, hashFile, listPackageEntries, MANIFEST_NAME } from './files.js';
import { readManifest, type Manifest } from './manifest.js';

export interface ChangedFile {
  readonly path: string;
  readonly expected: { readonly size: number; readonly sha256: string };
  readonly actual: { readonly size: number; readonly sha256: string };
}

/** The received files against the manifest. Paths are relative to the county folder. */
export interface IntegrityReport {
  /** the manifest is missing, unreadable, invalid, or names another county folder */
  readonly manifestProblem?: Localized;
  /** in the manifest, not received */
  readonly missing: readonly string[];
  /** received, not in the manifest */
  readonly extra: readonly string[];
  /** received with another size or SHA-256 */
  readonly changed: readonly ChangedFile[];
  /** files the manifest lists */
  readonly listed: number;
  readonly ok: boolean;
}

/** One place where what the manifest claims (the packer's check) differs from verify's own re-check. */
export interface ClaimDifference {
  /** what differs: the verdict, --force, the profile, the rules run, error/warning counts, tool or rule-set version */
  readonly what: 'passed' | 'forced' | 'profile' | 'rules' | 'errors' | 'warnings' | 'ruleCounts' | 'toolVersion' | 'ruleSetVersion' | 'noClaim';
  readonly claimed: string;
  readonly found: string;
  /** for 'ruleCounts': the rule */
  readonly ruleId?: string;
}

export interface VerifyResult {
  readonly inputKind: 'folder' | 'zip';
  readonly rootName: string;
  readonly manifest?: Manifest;
  readonly integrity: IntegrityReport;
  readonly check: CheckResult;
  /** where the manifest's claims differ from the re-check (empty when they agree, or when there is no manifest) */
  readonly claims: readonly ClaimDifference[];
  /** THE verdict: integrity ok and the re-check found no errors */
  readonly passed: boolean;
  /** no manifest.json at all (a working package rather than a bundle: `batch` checks it without fixity) */
  readonly manifestAbsent: boolean;
}

export interface VerifyOptions {
  /** scratch folder for the extracted zip and the check store (default: a new one under os.tmpdir(), removed) */
  readonly workDir?: string;
  readonly limits?: Partial<ZipLimits>;
  readonly check?: Pick<CheckOptions, 'profile' | 'rules' | 'onProgress' | 'lang' | 'keepStore'>;
}

/** The county folder itself when `dir` only wraps it (`收件/220581梅河口市/…`), as the checker's loader does. */
function countyFolderIn(dir: string): string {
  for (let depth = 0; depth < 4 && parseRootFolderName(basename(dir)) === null; depth++) {
    const entries = readdirSync(dir, { withFileTypes: true }).filter((d) => d.name !== '__MACOSX');
    if (entries.length !== 1 || !entries[0].isDirectory()) return dir;
    dir = join(dir, entries[0].name);
  }
  return dir;
}

/** What was found where the manifest should be. */
type ManifestRead = { readonly manifest: Manifest } | { readonly problem: Localized } | { readonly absent: true };

function readManifestAt(file: string, shown: string): ManifestRead {
  try {
    return { manifest: readManifest(file, shown) };
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    return { problem: e.text };
  }
}

/**
 * The received files (county-root-relative paths, without manifest.json and OS junk) against the manifest: missing,
 * extra and changed files. `hashOf` gives a received file's size and SHA-256 (read from disk, or already computed
 * while a zip streamed).
 */
async function compareWithManifest(
  rootName: string,
  read: ManifestRead,
  received: readonly { readonly path: string }[],
  hashOf: (path: string) => Promise<{ sha256: string; size: number }>,
): Promise<{ integrity: IntegrityReport; manifest?: Manifest }> {
  if ('absent' in read) {
    const problem = { zh: `缺少清单 ${rootName}/${MANIFEST_NAME}，无法核对文件`, en: `no manifest ${rootName}/${MANIFEST_NAME}; the files cannot be verified` };
    return { integrity: { manifestProblem: problem, missing: [], extra: received.map((e) => e.path), changed: [], listed: 0, ok: false } };
  }
  if ('problem' in read) return { integrity: { manifestProblem: read.problem, missing: [], extra: received.map((r) => r.path), changed: [], listed: 0, ok: false } };
  const { manifest } = read;
  const byPath = new Set(received.map((e) => e.path));
  const missing: string[] = [];
  const changed: ChangedFile[] = [];
  for (const f of manifest.files) {
    if (!byPath.has(f.path)) {
      missing.push(f.path);
      continue;
    }
    const actual = await hashOf(f.path);
    if (actual.sha256 !== f.sha256 || actual.size !== f.size) changed.push({ path: f.path, expected: { size: f.size, sha256: f.sha256 }, actual });
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const extra = received.filter((e) => !listed.has(e.path)).map((e) => e.path);
  const manifestProblem =
    manifest.package.rootName === rootName
      ? undefined
      : { zh: `清单属于 ${manifest.package.rootName}，收到的文件夹是 ${rootName}`, en: `the manifest is for ${manifest.package.rootName}, but the folder received is ${rootName}` };
  return {
    manifest,
    integrity: {
      ...(manifestProblem ? { manifestProblem } : {}),
      missing,
      extra,
      changed,
      listed: manifest.files.length,
      ok: !manifestProblem && missing.length === 0 && extra.length === 0 && changed.length === 0,
    },
  };
}

/** Recomputes size and SHA-256 of every file under `root` and compares with its manifest.json. */
export async function checkIntegrity(root: string): Promise<{ integrity: IntegrityReport; manifest?: Manifest }> {
  const manifestPath = join(root, MANIFEST_NAME);
  const received = listPackageEntries(root).filter((e) => !e.isDir);
  const read: ManifestRead = existsSync(manifestPath) ? readManifestAt(manifestPath, manifestPath) : { absent: true };
  return compareWithManifest(basename(root), read, received, (path) => hashFile(join(root, ...path.split('/'))));
}

/**
 * What a province does with a bundle it receives (a .zip or the unpacked folder): recompute every file's hash
 * against manifest.json (missing, extra and changed files, each by path), then run the checker. A zip is read in
 * place by the checker (only the files its readers open are written to scratch) and every entry is hashed in that
 * same pass, so a county's scans never have to fit on the scratch disk.
 */
export async function verifyBundle(input: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const inputPath = resolve(input);
  let st;
  try {
    st = statSync(inputPath);
  } catch {
    throw new BundleError({ zh: `找不到输入：${inputPath}`, en: `input not found: ${inputPath}` }, inputPath);
  }
  const ownWorkDir = options.workDir === undefined;
  const workDir = ownWorkDir ? mkdtempSync(join(tmpdir(), 'nyt2539-verify-')) : resolve(options.workDir as string);
  // an interrupt removes the scratch folder (the checker cleans up its own store and zip scratch in a given one)
  const release = ownWorkDir ? registerScratch(workDir) : () => undefined;
  const checkOptions: CheckOptions = { ...options.check, workDir: join(workDir, 'check'), ...(options.limits ? { limits: options.limits } : {}) };
  const runChecked = async (path: string, extra: Pick<CheckOptions, 'zipVisitor'> = {}): Promise<CheckResult> => {
    try {
      return await runCheck(path, { ...checkOptions, ...extra });
    } catch (e) {
      if (e instanceof InputError) throw new BundleError(e.text, e.file);
      throw e;
    }
  };
  try {
    if (st.isDirectory()) {
      const root = countyFolderIn(inputPath);
      const { integrity, manifest } = await checkIntegrity(root);
      const check = await runChecked(root);
      return result('folder', basename(root), integrity, check, manifest, !existsSync(join(root, MANIFEST_NAME)));
    }
    if (!st.isFile() || !looksLikeZip(inputPath)) {
      const name = printable(basename(inputPath));
      throw new BundleError({ zh: `${name}：不是可读的 zip 文件或已损坏（不是 zip 格式）`, en: `${name}: not a readable zip file, or damaged (not in zip format)` }, inputPath);
    }
    const files = new Map<string, { size: number; sha256: string }>();
    let read: ManifestRead = { absent: true };
    const check = await runChecked(inputPath, {
      zipVisitor: {
        write: [MANIFEST_NAME],
        visit: (f) => {
          if (f.path === MANIFEST_NAME) {
            if (f.file) read = readManifestAt(f.file, `${basename(inputPath)}: ${MANIFEST_NAME}`);
          } else if (!isJunkPath(f.path)) files.set(f.path, { size: f.size, sha256: f.sha256 });
        },
      },
    });
    const received = [...files.keys()].sort(compareUtf8).map((path) => ({ path }));
    const { integrity, manifest } = await compareWithManifest(check.info.rootName, read, received, async (path) => files.get(path)!);
    return result('zip', check.info.rootName, integrity, check, manifest, 'absent' in read);
  } finally {
    if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
    release();
  }
}

function result(inputKind: 'folder' | 'zip', rootName: string, integrity: IntegrityReport, check: CheckResult, manifest: Manifest | undefined, manifestAbsent: boolean): VerifyResult {
  return {
    manifestAbsent,
    inputKind,
    rootName,
    ...(manifest ? { manifest } : {}),
    integrity,
    check,
    claims: manifest ? compareClaims(manifest, check) : [],
    passed: integrity.ok && check.summary.passed,
  };
}

/**
 * What the manifest says about the packer's check against verify's own re-check: the verdict, --force, the profile
 * (hash and default or not), the rules run, total and per-rule error and warning counts, and the tool and rule-set
 * versions. Every difference is one entry, so a supervisor sees exactly where the packer's claim does not hold.
 */
function compareClaims(manifest: Manifest, check: CheckResult): ClaimDifference[] {
  const claim = manifest.check;
  const s = check.summary;
  if (!claim) return [{ what: 'noClaim', claimed: '', found: s.passed ? 'passed' : `${s.errors} errors` }];
  const out: ClaimDifference[] = [];
  if (claim.passed !== s.passed) out.push({ what: 'passed', claimed: String(claim.passed), found: String(s.passed) });
  // a forced package is one packed despite errors: the re-check should find errors too
  if (claim.forced && s.passed) out.push({ what: 'forced', claimed: 'true', found: 'false' });
  if (claim.profile && (claim.profile.hash !== check.profile.hash || claim.profile.default !== check.profile.default)) {
    out.push({ what: 'profile', claimed: `${claim.profile.default ? 'default' : 'non-default'} ${claim.profile.hash}`, found: `${check.profile.default ? 'default' : 'non-default'} ${check.profile.hash}` });
  }
  const claimedRules = claim.byRule?.map((r) => r.ruleId);
  const foundRules = s.byRule.map((r) => r.ruleId);
  if (claimedRules ? claimedRules.join('\n') !== foundRules.join('\n') : claim.rulesRun !== s.rulesRun) {
    const only = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
    out.push({
      what: 'rules',
      claimed: claimedRules ? `${claimedRules.length}${only(claimedRules, foundRules).length ? ` (+${only(claimedRules, foundRules).join(', ')})` : ''}` : String(claim.rulesRun),
      found: claimedRules ? `${foundRules.length}${only(foundRules, claimedRules).length ? ` (+${only(foundRules, claimedRules).join(', ')})` : ''}` : String(s.rulesRun),
    });
  }
  if (claim.errors !== s.errors) out.push({ what: 'errors', claimed: String(claim.errors), found: String(s.errors) });
  if (claim.warnings !== s.warnings) out.push({ what: 'warnings', claimed: String(claim.warnings), found: String(s.warnings) });
  if (claim.byRule) {
    const found = new Map(s.byRule.map((r) => [r.ruleId, r]));
    for (const c of claim.byRule) {
      const f = found.get(c.ruleId);
      if (f && (f.errors !== c.errors || f.warnings !== c.warnings)) {
        out.push({ what: 'ruleCounts', ruleId: c.ruleId, claimed: `${c.errors}/${c.warnings}`, found: `${f.errors}/${f.warnings}` });
      }
    }
  }
  if (claim.toolVersion !== undefined && claim.toolVersion !== toolVersion) out.push({ what: 'toolVersion', claimed: claim.toolVersion, found: toolVersion });
  if (claim.ruleSetVersion !== undefined && claim.ruleSetVersion !== ruleSetVersion()) out.push({ what: 'ruleSetVersion', claimed: claim.ruleSetVersion, found: ruleSetVersion() });
  return out;
}
