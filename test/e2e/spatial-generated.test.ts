import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules, runCheck, type Finding } from '@nyt2539/checker';
import type { DefectRecord, GroundTruth } from '@nyt2539/examples';
import { generatePackage } from '@nyt2539/packager';

/**
 * The spatial rules on generated packages (real shapefiles through the real loader): a clean county has no
 * spatial finding; with every injected defect, each spatial defect is found by its rule (recall) and each
 * spatial finding belongs to an injected defect (precision) — on the defect's row, naming its codes, or, for the
 * neighbours a moved vertex disturbs, within a metre of the changed geometry.
 */
const spatial = rules.filter((r) => /^(crs|topology|area)\//.test(r.meta.id));

/** The rule that must report each spatial defect of the generator. */
const EXPECTED: Readonly<Record<string, string>> = {
  'duplicate-vertex': 'topology/vertex-spacing',
  'self-intersecting-plot': 'topology/polygon-valid',
  'plot-spike': 'topology/sharp-angle',
  'plots-overlap': 'topology/plot-overlap',
  'vertex-unsnapped': 'topology/plot-snapping',
  'jzd-missing': 'topology/jzd-plot-vertex',
  'jzd-coordinates-swapped': 'topology/jzd-coordinates',
  'plot-area-wrong': 'area/plot-area',
};

function defectBox(d: DefectRecord): [number, number, number, number] | undefined {
  const pts = [d.before, d.after].flatMap((g) => (Array.isArray(g) ? (g as unknown[]).filter((p): p is [number, number] => Array.isArray(p) && p.length === 2) : []));
  if (pts.length === 0) return undefined;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs) - 1, Math.min(...ys) - 1, Math.max(...xs) + 1, Math.max(...ys) + 1];
}

function belongs(f: Finding, d: DefectRecord): boolean {
  if ((d.layer ?? d.table) === f.location.table && d.record === f.location.record) return true;
  const codes = new Set(Object.values(d.keys).flatMap((v) => String(v).split('/')));
  if (typeof d.after === 'string' && d.after !== '') codes.add(d.after);
  const text = `${f.message.zh} ${String(f.actual ?? '')} ${Object.values(f.location.keys ?? {}).join(' ')}`;
  if ([...codes].some((c) => c.length >= 3 && text.includes(c))) return true;
  const box = defectBox(d);
  const p = f.location.point;
  const b = f.location.bbox;
  if (box && p) return p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3];
  if (box && b) return b[0] <= box[2] && b[2] >= box[0] && b[1] <= box[3] && b[3] >= box[1];
  return false;
}

async function check(defects: string, dir: string): Promise<{ findings: readonly Finding[]; truth: GroundTruth }> {
  await generatePackage({ scale: 'tiny', seed: 11, defects, outDir: dir });
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const { findings } = await runCheck(join(dir, truth.package), { workDir: join(dir, 'work'), rules: spatial });
  return { findings, truth };
}

describe('spatial rules on generated packages', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-spatial-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('a clean package has no spatial finding', async () => {
    const { findings, truth } = await check('none', join(base, 'clean'));
    expect(truth.stats.plots).toBeGreaterThan(100);
    expect(findings.map((f) => `${f.ruleId} ${f.message.en}`)).toEqual([]);
  }, 300_000);

  it('every injected spatial defect is found, and every spatial finding is an injected defect', async () => {
    const { findings, truth } = await check('all', join(base, 'all'));
    const visible = truth.defects.filter((d) => EXPECTED[d.id]);
    expect(visible.length).toBeGreaterThan(0);
    const missed = visible.filter((d) => !findings.some((f) => f.ruleId === EXPECTED[d.id] && belongs(f, d)));
    expect(missed.map((d) => `${d.id} ${d.description}`)).toEqual([]);
    // a finding at exactly the place of a finding that belongs to a defect is a consequence of it (a removed
    // 界址点 leaves its JZX vertex bare where the plots' vertices are bare)
    const placed = findings.filter((f) => f.location.point && truth.defects.some((d) => belongs(f, d))).map((f) => f.location.point!);
    const samePlace = (f: Finding) => !!f.location.point && placed.some((p) => Math.hypot(p[0] - f.location.point![0], p[1] - f.location.point![1]) < 0.01);
    const unexpected = findings.filter((f) => !truth.defects.some((d) => belongs(f, d)) && !samePlace(f));
    expect(unexpected.map((f) => `${f.ruleId} ${f.message.en}`)).toEqual([]);
  }, 300_000);
});
