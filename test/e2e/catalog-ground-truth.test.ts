/**
 * End to end, the whole defect catalog against the whole rule catalog (issue "examples" §2): clean packages
 * yield no finding of any rule; with every defect kind injected, each injected defect is reported by one of the
 * rules its kind names (recall 100 %) and every finding is explained by an injected defect (precision 100 %).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules, runCheck, type Finding } from '@nyt2539/checker';
import { generatePackage } from '@nyt2539/packager';
import { applyWrittenDefects, catalogInjectors, seedKinds, seedSet, selectInjectors, type DefectRecord, type GroundTruth } from '@nyt2539/examples';
import type { Scale } from '@nyt2539/examples';

interface KindRules {
  readonly rules: readonly string[];
  readonly alsoReportedBy?: readonly string[];
}
const kinds: Readonly<Record<string, KindRules>> = { ...seedKinds, ...Object.fromEntries(catalogInjectors.map((k) => [k.id, k])) };
const mustCatch = (d: DefectRecord): readonly string[] => kinds[d.id]?.rules ?? [];
const mayReport = (d: DefectRecord): readonly string[] => [...mustCatch(d), ...(kinds[d.id]?.alsoReportedBy ?? [])];

const codesIn = (v: unknown): string[] => (typeof v === 'string' ? v.split('/').filter(Boolean) : []);

const isXY = (p: unknown): p is [number, number] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number';

/** Bounding box of the vertices a spatial defect touched (a ring before and after, or a removed point), grown by 1 m. */
function defectBox(d: DefectRecord): [number, number, number, number] | undefined {
  if (d.kind !== 'geometry' && d.kind !== 'record-removed') return undefined;
  const pts = [d.before, d.after].flatMap((p) => (isXY(p) ? [p] : Array.isArray(p) ? (p as unknown[]).filter(isXY) : []));
  if (pts.length === 0) return undefined;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs) - 1, Math.min(...ys) - 1, Math.max(...xs) + 1, Math.max(...ys) + 1];
}

/**
 * A finding belongs to a defect when it sits on the same record, names one of its key codes (in its keys or,
 * for the long codes, in its message), names its file, or lies where its geometry was changed.
 */
function belongs(f: Finding, d: DefectRecord): boolean {
  const table = d.table ?? d.layer;
  if (table && f.location.table === table && f.location.record !== undefined && f.location.record === d.record) return true;
  const codes = new Set([...Object.values(d.keys).flatMap(codesIn), ...(d.kind === 'value' ? codesIn(d.after) : [])]);
  if (Object.values(f.location.keys ?? {}).flatMap(codesIn).some((v) => codes.has(v))) return true;
  // whole codes only: a CBFBM is the start of its plots' DKBM
  if ([...codes].some((c) => c.length >= 14 && new RegExp(`(?<![0-9A-Za-z])${c}(?![0-9A-Za-z])`).test(f.message.en))) return true;
  if (d.record === undefined) {
    const paths = [d.file, d.after].filter((x): x is string => typeof x === 'string' && /[\\/]/.test(x));
    const files = paths.map((x) => x.split('\\').join('/'));
    if (files.includes(String(f.actual)) || files.includes(String(f.location.file))) return true;
    // a field of a layer (structure findings name the layer's .shp, the defect its .dbf)
    if (table && d.field && f.location.table === table && f.location.field === d.field) return true;
    // a whole-layer defect seen from another file (metadata/crs names the layer whose .prj disagrees)
    if (d.layer && new RegExp(`\\blayer ${d.layer}\\b`).test(f.message.en)) return true;
  }
  const box = defectBox(d);
  const at = f.location.bbox ?? (f.location.point ? [...f.location.point, ...f.location.point] : undefined);
  return box !== undefined && at !== undefined && at[0] <= box[2] && at[2] >= box[0] && at[1] <= box[3] && at[3] >= box[1];
}

async function check(scale: Scale, defects: string, dir: string): Promise<{ findings: readonly Finding[]; truth: GroundTruth }> {
  const { packageDir } = await generatePackage({ scale, seed: 7, defects, outDir: dir });
  let truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  // until generatePackage runs the afterWrite kinds itself, run them here on the written package
  const written = selectInjectors(defects).selected.filter((i) => 'afterWrite' in i && !truth.defects.some((d) => d.id === i.id));
  if (written.length > 0) {
    const added = applyWrittenDefects(written, { packageDir, seed: truth.seed, county: truth.county.code, year: truth.year });
    truth = { ...truth, defects: [...truth.defects, ...added] };
  }
  const { findings } = await runCheck(join(dir, truth.package), { workDir: join(dir, 'work') });
  return { findings, truth };
}

const show = (f: Finding): string => `${f.ruleId} ${f.location.table ?? f.location.file ?? ''}#${f.location.record ?? ''} ${f.message.en}`;

describe('the defect catalog against the rule catalog', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-catalog-gt-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('names only rules the checker has', () => {
    const ids = new Set(rules.map((r) => r.meta.id));
    const named = Object.values(kinds).flatMap((k) => [...k.rules, ...(k.alsoReportedBy ?? [])]);
    expect(named.filter((r) => !ids.has(r))).toEqual([]);
    expect(Object.keys(seedKinds).sort()).toEqual([...seedSet].sort());
  });

  it('a clean tiny package has no finding of any rule', async () => {
    const { findings } = await check('tiny', 'none', join(base, 'clean-tiny'));
    expect(findings.map(show)).toEqual([]);
  });

  it('a clean example package has no finding of any rule', async () => {
    const { findings } = await check('example', 'none', join(base, 'clean-example'));
    expect(findings.map(show)).toEqual([]);
  }, 600_000);

  it('--defects all: every injected defect is found and every finding is an injected defect', async () => {
    const { findings, truth } = await check('tiny', 'all', join(base, 'all'));
    expect(new Set(truth.defects.map((d) => d.id))).toEqual(new Set(Object.keys(kinds)));
    const missed = truth.defects.filter((d) => !findings.some((f) => mustCatch(d).includes(f.ruleId) && belongs(f, d)));
    expect(missed.map((d) => `${d.id} ${d.table ?? d.layer ?? d.file}#${d.record ?? ''} ${d.field ?? ''}: ${d.description}`)).toEqual([]);
    const unexplained = findings.filter((f) => !truth.defects.some((d) => mayReport(d).includes(f.ruleId) && belongs(f, d)));
    expect(unexplained.map(show)).toEqual([]);
  });

  it('--defects seed: each seed kind is found', async () => {
    const { findings, truth } = await check('tiny', 'seed', join(base, 'seed'));
    const found = new Set(truth.defects.filter((d) => findings.some((f) => mustCatch(d).includes(f.ruleId) && belongs(f, d))).map((d) => d.id));
    expect([...seedSet].filter((id) => !found.has(id))).toEqual([]);
  });
});
