import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createProgressReporter, renderText, safeFileName } from '@nyt2539/checker';
import { localize, type Lang, type Localized } from '@nyt2539/schema';
import { packSubmission } from '../../bundle/index.js';
import type { CliCommand } from '../command.js';

interface DemoArgs {
  out: string;
  regenerate: boolean;
}

/** The embedded example: 340711 (铜陵市郊区), one township, with the typical defects of real counties injected. */
const DEMO_EXAMPLE = { scale: 'example', seed: 2539, county: '340711', defects: 'seed' } as const;

const TEXT = {
  describe: {
    zh: '演示：生成内置示例（340711 铜陵市郊区，含典型缺陷），质检并输出报告，再打包汇交',
    en: 'demo: generate the embedded example (340711, typical defects injected), check it, report, and pack it',
  },
  out: { zh: '演示输出目录', en: 'demo output folder' },
  regenerate: { zh: '重新生成示例数据包', en: 'regenerate the example package' },
  generating: { zh: '① 生成示例数据包（规模 example，种子 {seed}，注入典型缺陷）…', en: '① generating the example package (scale example, seed {seed}, typical defects)…' },
  reuse: { zh: '① 使用已生成的示例数据包 {dir}', en: '① reusing the generated example package {dir}' },
  generated: { zh: '   {plots} 个地块，{households} 户，注入 {defects} 个缺陷（真值：{truth}）', en: '   {plots} plots, {households} households, {defects} injected defects (ground truth: {truth})' },
  checking: { zh: '② 质检并打包 {dir}', en: '② checking and packing {dir}' },
  reports: {
    zh: '③ 报告（{dir}）：\n   质检报告（审核、签字盖章）：{docx}\n   网页版质检报告（地图与筛选，离线打开）：{html}\n   问题清单（测绘单位逐条整改）：{xlsx}\n   问题图层（QGIS/ArcGIS 打开）：{map}\n   文本报告：{report}\n   问题清单（JSON）：{json}',
    en: '③ reports ({dir}):\n   inspection report (review, sign): {docx}\n   HTML report (map and filters, opens offline): {html}\n   findings list (row-by-row fixing): {xlsx}\n   map layers (QGIS/ArcGIS): {map}\n   text report: {report}\n   findings (JSON): {json}',
  },
  packing: { zh: '④ 打包汇交成果（存在错误，按 --force 打包并在清单中注明）', en: '④ packing the submission (errors present: packed with --force, recorded in the manifest)' },
  packed: { zh: '   汇交包：{zip}', en: '   bundle: {zip}' },
} satisfies Record<string, Localized>;

function say(text: Localized, lang: Lang, data?: Record<string, unknown>): void {
  process.stdout.write(`${localize(text, lang, data)}\n`);
}

export const demoCommand: CliCommand<DemoArgs> = {
  command: 'demo',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .option('out', { type: 'string', default: '.work/demo', describe: TEXT.out[lang] })
      .option('regenerate', { type: 'boolean', default: false, describe: TEXT.regenerate[lang] }),
  async handler(args) {
    const { lang } = args;
    const out = resolve(args.out);
    const genDir = join(out, 'example');
    const truthPath = join(genDir, 'ground-truth.json');
    // the generator is deterministic, so a package already generated with the same options can be reused
    const { generatePackage } = await import('../../package/generate.js');
    let packageDir: string;
    if (args.regenerate || !existsSync(truthPath)) {
      say(TEXT.generating, lang, { seed: DEMO_EXAMPLE.seed });
      const r = await generatePackage({ ...DEMO_EXAMPLE, outDir: genDir });
      packageDir = r.packageDir;
      say(TEXT.generated, lang, { plots: r.stats.plots, households: r.stats.households, defects: r.stats.defects, truth: r.groundTruthPath });
    } else {
      const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as { package: string };
      packageDir = join(genDir, truth.package);
      say(TEXT.reuse, lang, { dir: packageDir });
    }

    say(TEXT.checking, lang, { dir: packageDir });
    const progress = createProgressReporter(process.stderr, lang);
    const zipPath = join(out, 'bundle', `${safeFileName(basename(packageDir))}.zip`);
    // pack runs the checker itself and writes its findings beside the zip; the example carries defects on purpose,
    // so it is packed with force and the manifest records that
    const packed = await packSubmission(packageDir, zipPath, { force: true, lang, mask: true, reports: {}, check: { onProgress: progress.onProgress } }).finally(() =>
      progress.stop(),
    );
    const { findings, summary, info } = packed.check;
    process.stdout.write(renderText(info, summary, findings, { lang, limit: 20, mask: true }));
    const file = (format: string, k = 0) => packed.reports?.find((r) => r.format === format)?.files[k] ?? '';
    say(TEXT.reports, lang, {
      dir: packed.reportsDir ?? '',
      docx: file('docx'),
      html: file('html'),
      xlsx: file('xlsx'),
      map: [file('geojson'), file('shp')].filter(Boolean).join('  '),
      report: packed.reportPath,
      json: packed.findingsPath,
    });
    say(TEXT.packing, lang);
    say(TEXT.packed, lang, { zip: zipPath });
    // the demo ran to the end: its exit code says so, the report says whether the example passed
    return 0;
  },
};
