import { dirname, join, resolve, basename } from 'node:path';
import { localize, type Localized, writeFileAtomic } from '@nyt2539/schema';
import { applyResultsToFindings, applyResultsToProvince, importResults, loadGradingScheme, renderResults, UNVERIFIED_NOTE, writeSample, type SchemeId, type StratumLevel } from '../../sample/index.js';
import { UserError, type CliCommand } from '../command.js';

interface SampleArgs {
  input?: string;
  out?: string;
  seed?: number;
  scheme?: SchemeId;
  households?: string;
  min: number;
  by: StratumLevel;
  plotsPerHousehold: number;
  dossiers: boolean;
  mask: boolean;
  results?: string;
  acceptable: string;
  province?: string;
  findings?: string;
  grading?: string;
}

const TEXT = {
  describe: {
    zh: '抽检：按乡镇或村分层、用随机种子可复现地抽取承包方及其地块，写出核查表（xlsx）与每户档案（pdf）；--results 导入填好的核查表，计算错误率、置信区间与结论',
    en: 'Spot check: a reproducible (seeded) sample of contractors and their plots stratified by 乡镇 or 村, as a check sheet (xlsx) and one dossier per household (pdf); --results imports a filled sheet: error rates, intervals, verdict',
  },
  input: { zh: '县级汇交成果文件夹或汇交包 .zip', en: 'the county package folder or bundle .zip' },
  out: { zh: '输出目录（默认当前目录）', en: 'output folder (default: the current folder)' },
  seed: { zh: '随机种子（整数；写入每个输出）', en: 'random seed (a whole number; printed in every output)' },
  scheme: {
    zh: '抽样方案：gbt24356（默认，GB/T 24356 式批量-样本量表，每层一批；内置表数值未经核实，见 --grading）或 percent（按比例）',
    en: 'sampling scheme: gbt24356 (default, a GB/T 24356-style batch-size table, a batch per stratum; the built-in numbers are unverified, see --grading) or percent',
  },
  households: { zh: '按比例抽取的承包方比例，如 5%（给出时默认 percent 方案）', en: 'share of contractors for the percent scheme, e.g. 5% (implies --scheme percent)' },
  min: { zh: '按比例方案全县至少抽取的户数', en: 'county minimum of households (percent scheme)' },
  by: { zh: '分层：乡镇 或 村', en: 'strata: 乡镇 (township) or 村 (village)' },
  plots: { zh: '每户核查的地块数', en: 'plots to verify per household' },
  dossiers: { zh: '每户写出一份 PDF 档案（--no-dossiers 关闭）', en: 'write a PDF dossier per household (--no-dossiers to skip)' },
  mask: { zh: '证件号码与电话号码脱敏（--no-mask 关闭）', en: 'mask ID and phone numbers (--no-mask to disable)' },
  results: { zh: '导入填好的核查表 xlsx，计算错误率', en: 'import a filled check sheet (xlsx) and compute the error rates' },
  acceptable: { zh: '可接受错误率，如 5%', en: 'acceptable error rate, e.g. 5%' },
  province: { zh: '批量复核的输出目录：把抽检结果写入省级汇总及该县的 findings.json 与质检报告', en: "a batch output folder: put the results into the province overview and the county's findings.json and reports" },
  findings: { zh: '该县的 findings.json（或其所在目录）：写入抽检结果并重写旁边的质检报告', en: "the county's findings.json (or its folder): add the results and render the reports beside it again" },
  grading: {
    zh: '评分方案 YAML（样本量表、A/B/C/D 扣分、等级分数线）；默认内置方案的数值未经核实',
    en: 'grading scheme YAML (sample-size table, A/B/C/D deductions, grade cut-offs); the built-in numbers are unverified',
  },
  appliedFindings: { zh: '已写入 findings.json 与质检报告：{dir}', en: 'written into findings.json and the reports: {dir}' },
  unverified: { zh: '注意：{note}', en: 'Note: {note}' },
  needInput: { zh: '请指定汇交成果（或用 --results 导入核查结果）', en: 'give the package (or --results to import a filled sheet)' },
  needSeed: { zh: '请用 --seed 指定随机种子（整数），抽样才可复现', en: 'give --seed (a whole number) so the sample can be reproduced' },
  badShare: { zh: '比例应为 0–100% 之间的百分数，如 5%：{v}', en: 'a share must be a percentage within 0–100%, e.g. 5%: {v}' },
  drawn: { zh: '随机种子 {seed}：{households} 户中抽取 {n} 户（{strata} 层），已写入 {sheet}', en: 'seed {seed}: {n} of {households} households in {strata} strata; wrote {sheet}' },
  dossiersWritten: { zh: '已写入 {n} 份档案：{dir}', en: 'wrote {n} dossiers: {dir}' },
  applied: { zh: '已写入省级汇总：{dir}', en: 'written into the province overview: {dir}' },
} satisfies Record<string, Localized>;

function parseShare(v: string, lang: 'zh' | 'en'): number {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(v.trim());
  const x = m ? Number(m[1]) / 100 : NaN;
  if (!(x >= 0 && x <= 1)) throw new UserError(localize(TEXT.badShare, lang, { v }));
  return x;
}

export const sampleCommand: CliCommand<SampleArgs> = {
  command: 'sample [input]',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('input', { type: 'string', describe: TEXT.input[lang] })
      .option('out', { type: 'string', describe: TEXT.out[lang] })
      .option('seed', { type: 'number', describe: TEXT.seed[lang] })
      .option('scheme', { choices: ['gbt24356', 'percent'] as const, describe: TEXT.scheme[lang] })
      .option('households', { type: 'string', describe: TEXT.households[lang] })
      .option('min', { type: 'number', default: 30, describe: TEXT.min[lang] })
      .option('by', { choices: ['乡镇', '村'] as const, default: '乡镇', describe: TEXT.by[lang] })
      .option('plots-per-household', { type: 'number', default: 2, describe: TEXT.plots[lang] })
      .option('dossiers', { type: 'boolean', default: true, describe: TEXT.dossiers[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] })
      .option('results', { type: 'string', describe: TEXT.results[lang] })
      .option('acceptable', { type: 'string', default: '5%', describe: TEXT.acceptable[lang] })
      .option('province', { type: 'string', describe: TEXT.province[lang] })
      .option('findings', { type: 'string', describe: TEXT.findings[lang] })
      .option('grading', { type: 'string', describe: TEXT.grading[lang] }),
  async handler(args) {
    const { lang } = args;
    if (args.results !== undefined) {
      const file = resolve(args.results);
      const grading = args.grading !== undefined ? loadGradingScheme(resolve(args.grading)) : undefined;
      const results = await importResults(file, { acceptableRate: parseShare(args.acceptable, lang), ...(grading ? { grading } : {}) });
      const text = renderResults(results);
      process.stdout.write(text);
      if (results.grading && !results.grading.verified) process.stderr.write(`${localize(TEXT.unverified, lang, { note: UNVERIFIED_NOTE[lang] })}\n`);
      const base = join(args.out ? resolve(args.out) : dirname(file), basename(file).replace(/\.xlsx$/i, ''));
      writeFileAtomic(`${base}.results.json`, `${JSON.stringify(results, null, 2)}\n`);
      if (args.province !== undefined) {
        await applyResultsToProvince(args.province, results, lang);
        process.stderr.write(`${localize(TEXT.applied, lang, { dir: resolve(args.province) })}\n`);
      }
      if (args.findings !== undefined) {
        const files = await applyResultsToFindings(args.findings, results, lang);
        process.stderr.write(`${localize(TEXT.appliedFindings, lang, { dir: dirname(files[0]!) })}\n`);
      }
      return results.passed ? 0 : 1;
    }
    if (args.input === undefined) throw new UserError(localize(TEXT.needInput, lang));
    if (args.seed === undefined || !Number.isInteger(args.seed) || args.seed < 0) throw new UserError(localize(TEXT.needSeed, lang));
    const scheme: SchemeId = args.scheme ?? (args.households !== undefined ? 'percent' : 'gbt24356');
    const grading = args.grading !== undefined ? loadGradingScheme(resolve(args.grading)) : undefined;
    if (scheme === 'gbt24356' && !(grading?.verified ?? false)) process.stderr.write(`${localize(TEXT.unverified, lang, { note: UNVERIFIED_NOTE[lang] })}\n`);
    const written = await writeSample(args.input, args.out ?? '.', {
      seed: args.seed,
      by: args.by,
      scheme: { scheme, share: parseShare(args.households ?? '5%', lang), min: args.min, ...(grading ? { grading } : {}) },
      plotsPerHousehold: Math.max(0, Math.floor(args.plotsPerHousehold)),
      mask: args.mask,
      dossiers: args.dossiers,
    });
    const n = written.sample.strata.reduce((a, s) => a + s.sampled.length, 0);
    process.stderr.write(`${localize(TEXT.drawn, lang, { seed: args.seed, households: written.sample.households, n, strata: written.sample.strata.length, sheet: written.sheet })}\n`);
    if (written.dossiers.length) process.stderr.write(`${localize(TEXT.dossiersWritten, lang, { n: written.dossiers.length, dir: dirname(written.dossiers[0]!) })}\n`);
    return 0;
  },
};
