import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateFindingsDocument, type FindingsDocument } from '@nyt2539/checker';
import { LocalizedError, writeFileAtomic } from '@nyt2539/schema';
import { readBatchState, writeBatchState } from '../batch/run.js';
import { writeOverview } from '../batch/overview.js';
import { RECORD_FILE, readRecord, renderRecord } from '../batch/record.js';
import { drawSample, readHouseholds, type Sample, type StratumLevel } from './draw.js';
import { householdDossier, householdSketch } from './dossier.js';
import { locateCjkFont } from '../pdf/font.js';
import { renderSketch } from '../sketch/render.js';
import { sampleOutcome, type SampleResults } from './results.js';
import type { SchemeOptions } from './scheme.js';
import { sampleSheet } from './sheet.js';
import { reportFormatters, writeReports } from '../reports/index.js';

export * from './scheme.js';
export * from './draw.js';
export * from './results.js';
export * from './grading.js';
export { sampleSheet, SHEET_COLUMNS, SHEET_NAME, INFO_SHEET } from './sheet.js';
export { householdDossier } from './dossier.js';

export interface SampleOptions {
  readonly seed: number;
  readonly by: StratumLevel;
  readonly scheme: SchemeOptions;
  readonly plotsPerHousehold: number;
  readonly mask: boolean;
  /** write one PDF dossier per sampled household */
  readonly dossiers: boolean;
}

interface SampleWritten {
  readonly sample: Sample;
  readonly sheet: string;
  readonly json: string;
  readonly dossiers: readonly string[];
  /** the sampled households' sketch maps (the sketch/ renderer), beside their dossiers */
  readonly sketches: readonly string[];
}

/** Draws the sample of one package and writes the spot-check sheet, sample.json and the dossiers into `out`. */
export async function writeSample(input: string, out: string, options: SampleOptions): Promise<SampleWritten> {
  let drawn: ReturnType<typeof drawSample> | undefined;
  const read = await readHouseholds(input, (households, names) => {
    drawn = drawSample(households, names, options);
    return options.dossiers ? drawn.strata.flatMap((s) => s.sampled.flatMap((h) => h.plots.map((p) => p.DKBM))) : [];
  });
  if (!drawn) throw new Error('unreachable: the sample is drawn while the package is read');
  const sample: Sample = {
    rootName: read.rootName,
    county: read.county,
    countyName: read.countyName,
    seed: options.seed,
    by: options.by,
    scheme: options.scheme,
    plotsPerHousehold: options.plotsPerHousehold,
    ...drawn,
  };
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  const sheet = join(dir, `${sample.rootName}-抽检核查表.xlsx`);
  writeFileAtomic(sheet, await sampleSheet(sample, { mask: options.mask }));
  const json = join(dir, `${sample.rootName}-抽样.json`);
  const plain = {
    format: 'nyt2539-sample',
    formatVersion: 1,
    rootName: sample.rootName,
    seed: sample.seed,
    by: sample.by,
    scheme: sample.scheme,
    plotsPerHousehold: sample.plotsPerHousehold,
    households: sample.households,
    masked: options.mask,
    strata: sample.strata.map((s) => ({ code: s.code, name: s.name, size: s.size, sampled: s.sampled.map((h) => ({ CBFBM: h.CBFBM, DKBM: h.sampledPlots.map((p) => p.DKBM) })) })),
  };
  writeFileAtomic(json, `${JSON.stringify(plain, null, 2)}\n`);
  const dossiers: string[] = [];
  const sketches: string[] = [];
  if (options.dossiers) {
    const font = locateCjkFont();
    const ddir = join(dir, `${sample.rootName}-抽检档案`);
    mkdirSync(ddir, { recursive: true });
    for (const st of sample.strata) {
      for (const h of st.sampled) {
        const path = join(ddir, `${h.CBFBM}.pdf`);
        writeFileAtomic(path, await householdDossier(sample, h, { mask: options.mask }));
        dossiers.push(path);
        const sketch = householdSketch(sample, h, read.outlines, { mask: options.mask });
        if (sketch) {
          const spath = join(ddir, `${h.CBFBM}-地块示意图.pdf`);
          writeFileAtomic(spath, await renderSketch(sketch, { font }));
          sketches.push(spath);
        }
      }
    }
  }
  return { sample, sheet, json, dossiers, sketches };
}

/**
 * Puts imported spot-check results into a batch output: the county's county.json and batch.json carry them and
 * the province overview is written again with the rate, interval, verdict and grade columns filled.
 */
export async function applyResultsToProvince(province: string, results: SampleResults, lang: 'zh' | 'en'): Promise<void> {
  const out = resolve(province);
  const state = readBatchState(out);
  if (!state) throw new LocalizedError({ zh: `${out} 不是批量复核的输出目录（缺少 batch.json）`, en: `${out} is not a batch output folder (no batch.json)` }, { code: 'province', file: out });
  const outcome = sampleOutcome(results);
  const hit = state.records.findIndex((r) => r.rootName === results.rootName && r.verdict !== 'duplicate');
  if (hit < 0) throw new LocalizedError({ zh: `省级汇总中没有 ${results.rootName}`, en: `${results.rootName} is not in the province overview` }, { code: 'province', file: out });
  const records = state.records.map((r) => (r.rootName === results.rootName ? { ...r, sample: outcome } : r));
  const own = records[hit]!;
  const recordPath = join(out, own.dir, RECORD_FILE);
  if (readRecord(recordPath)) writeFileAtomic(recordPath, renderRecord(own));
  writeFileAtomic(join(out, own.dir, 'sample-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const findings = join(out, own.dir, 'findings.json');
  if (existsSync(findings)) await applyResultsToFindings(findings, results, lang);
  writeBatchState(out, records);
  await writeOverview(out, records, lang);
}

/**
 * Puts imported spot-check results into a county's findings.json (`acceptance`) and renders again, from that
 * document, every report already beside it, so its 质检报告 (DOCX, HTML) carries the grade. `target` is the
 * findings.json or the folder holding it; the findings themselves are kept as they are.
 */
export async function applyResultsToFindings(target: string, results: SampleResults, lang: 'zh' | 'en'): Promise<string[]> {
  let file = resolve(target);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'findings.json');
  let doc: FindingsDocument;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as FindingsDocument;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new LocalizedError({ zh: `${file}：无法读取 findings.json（${why}）`, en: `${file}: cannot read findings.json (${why})` }, { code: 'findings-json', file });
  }
  const invalid = validateFindingsDocument(doc);
  if (invalid.length) {
    const at = `${invalid[0]!.instancePath || '/'} ${invalid[0]!.message ?? ''}`.trim();
    throw new LocalizedError({ zh: `${file}：不是有效的 findings.json（${at}）`, en: `${file}: not a valid findings.json (${at})` }, { code: 'findings-json', file });
  }
  if (doc.package.rootName !== results.rootName) {
    throw new LocalizedError(
      { zh: `${file} 属于 ${doc.package.rootName}，抽检结果属于 ${results.rootName}`, en: `${file} belongs to ${doc.package.rootName}, the spot-check results to ${results.rootName}` },
      { code: 'findings-json', file },
    );
  }
  const next: FindingsDocument = { ...doc, acceptance: sampleOutcome(results) };
  const dir = dirname(file);
  // json always; every other format only when its file is already there (a folder of `check --json` stays one file)
  const formats = reportFormatters.filter((f) => f.id === 'json' || existsSync(join(dir, f.files[lang][0] ?? ''))).map((f) => f.id);
  const written = await writeReports(next, dir, { lang, formats });
  return written.flatMap((w) => w.files);
}
