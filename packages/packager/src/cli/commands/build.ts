import { join, resolve } from 'node:path';
import { FOLDER, localize, type Localized } from '@nyt2539/schema';
import { buildPackage } from '../../build/index.js';
import { finishBuild } from '../../build/finish.js';
import type { CliCommand } from '../command.js';

interface BuildArgs {
  source: string;
  out: string;
  county?: string;
  name?: string;
  year?: number;
  crs?: string;
  files?: string;
  sketch: boolean;
  date?: string;
  mask: boolean;
}

const TEXT = {
  describe: {
    zh: '由工作数据（GeoPackage、CSV/XLSX+shapefile/GeoJSON 文件夹或已有汇交成果）构建完整汇交成果，含地块示意图与质检报告',
    en: 'Build a complete package from working data (GeoPackage, a CSV/XLSX + shapefile/GeoJSON folder, or an existing package), with sketch maps and the inspection report',
  },
  source: { zh: 'GeoPackage 文件、数据文件夹或已有汇交成果文件夹', en: 'a GeoPackage, a data folder, or an existing package folder' },
  out: { zh: '输出目录（在其中写 <县代码><县名>/）', en: 'output folder (the package <county6><name>/ is written in it)' },
  county: { zh: '6 位县级行政区划代码（数据源未给出时）', en: '6-digit county code (when the source does not state it)' },
  name: { zh: '县名，如 郊区', en: 'county name, e.g. 郊区' },
  year: { zh: '文件名中的年份', en: 'year in the file names' },
  crs: { zh: '目标坐标系 EPSG 代码（CGCS2000 3° 高斯-克吕格，4513–4554）；只有给出时才重投影', en: 'target CRS EPSG code (CGCS2000 3° Gauss–Krüger, 4513–4554); the only way the build reprojects' },
  files: { zh: '随 GeoPackage 一起放入成果的文件夹（其他资料/…、栅格数据/…）', en: 'folder of files carried into the package with a GeoPackage source (其他资料/…, 栅格数据/…)' },
  sketch: { zh: '生成地块示意图（--no-sketch 跳过）', en: 'draw the sketch maps (--no-sketch to skip)' },
  date: { zh: '示意图制图日期（YYYY-MM-DD；默认取元数据日期）', en: 'date printed on the sketch maps (YYYY-MM-DD; default: the metadata date)' },
  mask: { zh: '报告与示意图中的证件号码与电话号码脱敏（--no-mask 关闭）', en: 'mask ID and phone numbers in reports and sketch maps (--no-mask to disable)' },
  encoding: { zh: '编码：{file} {encoding}（{how}）', en: 'encoding: {file} {encoding} ({how})' },
  issue: { zh: '{where}：{message}', en: '{where}: {message}' },
  unlisted: { zh: '另有 {n} 处同类问题未逐条列出', en: '{n} more issues of the same kinds not listed' },
  built: { zh: '已构建 {dir}（{source}；{records}）', en: 'built {dir} ({source}; {records})' },
  reprojected: { zh: '已按 --crs 重投影', en: 'reprojected per --crs' },
  verdict: { zh: '质检结论：{verdict}（{errors} 个错误，{warnings} 个警告），报告在 {dir}', en: 'inspection verdict: {verdict} ({errors} errors, {warnings} warnings); reports in {dir}' },
} satisfies Record<string, Localized>;

export const buildCommand: CliCommand<BuildArgs> = {
  command: 'build <source>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('source', { type: 'string', describe: TEXT.source[lang] })
      .option('out', { type: 'string', demandOption: true, describe: TEXT.out[lang] })
      .option('county', { type: 'string', describe: TEXT.county[lang] })
      .option('name', { type: 'string', describe: TEXT.name[lang] })
      .option('year', { type: 'number', describe: TEXT.year[lang] })
      .option('crs', { type: 'string', describe: TEXT.crs[lang] })
      .option('files', { type: 'string', describe: TEXT.files[lang] })
      .option('sketch', { type: 'boolean', default: true, describe: TEXT.sketch[lang] })
      .option('date', { type: 'string', describe: TEXT.date[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] }),
  async handler(args) {
    const { lang } = args;
    let verdict: Awaited<ReturnType<typeof finishBuild>> | undefined;
    const result = await buildPackage(resolve(args.source), {
      out: args.out,
      ...(args.county !== undefined ? { county: String(args.county) } : {}),
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.year !== undefined ? { year: args.year } : {}),
      ...(args.crs !== undefined ? { crs: args.crs } : {}),
      ...(args.files !== undefined ? { files: resolve(args.files) } : {}),
      lang,
      onIssue: (i) => {
        const where = [i.file, i.table, i.row !== undefined ? `#${i.row}` : undefined, i.field].filter(Boolean).join(' ');
        process.stderr.write(`${localize(TEXT.issue, lang, { where, message: i.message[lang] })}\n`);
      },
      finish: async (dir, staging, data, transform) => {
        verdict = await finishBuild(dir, staging, data, {
          lang,
          sketch: args.sketch,
          mask: args.mask,
          ...(args.date !== undefined ? { date: args.date } : {}),
          ...(transform ? { transform } : {}),
        });
      },
    });
    for (const e of result.encodings) process.stderr.write(`${localize(TEXT.encoding, lang, { file: e.file, encoding: e.encoding, how: e.how[lang] })}\n`);
    const records = Object.entries(result.records).map(([t, n]) => `${t} ${n}`).join('，');
    process.stdout.write(`${localize(TEXT.built, lang, { dir: result.packageDir, source: result.source, records })}\n`);
    if (result.reprojected) process.stdout.write(`${localize(TEXT.reprojected, lang)}\n`);
    if (verdict) {
      process.stdout.write(
        `${localize(TEXT.verdict, lang, { verdict: verdict.passed ? (lang === 'zh' ? '通过' : 'passed') : lang === 'zh' ? '不通过' : 'failed', errors: verdict.errors, warnings: verdict.warnings, dir: join(result.packageDir, ...FOLDER.reports.split('/')) })}\n`,
      );
      return verdict.passed ? 0 : 1;
    }
    return 0;
  },
};
