/**
 * End to end: generated packages checked by the whole catalog, judged on the non-spatial rule families of the
 * cross-table catalog (coding, references, persons, contracts, plots, signatures, summary, metadata,
 * attachments). A clean package yields none of their findings; with every injected defect, each defect those
 * families can see is found (recall) and each of their findings belongs to an injected defect (precision).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type Finding } from '@nyt2539/checker';
import { generatePackage, type DefectRecord, type GroundTruth } from '@nyt2539/examples';

const FAMILIES = /^(coding|references|persons|contracts|plots|signatures|summary|metadata|attachments)\//;

/** The rules that may report each injected defect (a defect may surface in several places, all of them real). */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'member-missing': ['persons/member-count'],
  'fbf-code-wrong': ['references/foreign-key', 'references/prefix', 'contracts/register-agrees'],
  'sketch-map-not-filed': ['attachments/path-missing'],
  'contract-area-wrong': ['contracts/total-area', 'contracts/mu-conversion'],
  'id-attachment-missing': ['attachments/identity-document'],
};

/** A finding belongs to a defect when it sits on the same row, names one of its codes, or names its file. */
function belongs(f: Finding, d: DefectRecord): boolean {
  const table = d.table ?? d.layer;
  if (table && f.location.table === table && f.location.record !== undefined && f.location.record === d.record) return true;
  const codes = new Set(Object.values(d.keys));
  if (Object.values(f.location.keys ?? {}).some((v) => codes.has(v))) return true;
  return d.kind === 'file-missing' && f.actual === d.file;
}

async function check(defects: string, dir: string): Promise<{ findings: Finding[]; truth: GroundTruth }> {
  await generatePackage({ scale: 'tiny', seed: 7, defects, outDir: dir });
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const { findings } = await runCheck(join(dir, truth.package), { workDir: join(dir, 'work') });
  return { findings: findings.filter((f) => FAMILIES.test(f.ruleId)), truth };
}

describe('non-spatial families against ground truth', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-gt-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('a clean package has no finding of these families', async () => {
    const { findings } = await check('none', join(base, 'clean'));
    expect(findings.map((f) => `${f.ruleId} ${f.message.en}`)).toEqual([]);
  });

  it('every injected defect is found and every finding is an injected defect', async () => {
    const { findings, truth } = await check('all', join(base, 'all'));
    const visible = truth.defects.filter((d) => EXPECTED[d.id]);
    expect(visible.length).toBeGreaterThan(0);
    const missed = visible.filter((d) => !findings.some((f) => EXPECTED[d.id].includes(f.ruleId) && belongs(f, d)));
    expect(missed.map((d) => `${d.id} ${d.description}`)).toEqual([]);
    const unexpected = findings.filter((f) => !truth.defects.some((d) => (EXPECTED[d.id] ?? []).includes(f.ruleId) && belongs(f, d)));
    expect(unexpected.map((f) => `${f.ruleId} ${f.message.en}`)).toEqual([]);
  });
});
