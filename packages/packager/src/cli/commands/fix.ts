import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatMessage, LocalizedError, type Localized } from '@nyt2539/schema';
import type { CliCommand } from '../command.js';
import { fixKinds, fixPackage, type FixKind } from '../../rectify/fix.js';
import { writeFixLog } from '../../rectify/fix-log.js';

interface FixArgs {
  input: string;
  out?: string;
  only?: string;
  dryRun: boolean;
  mask: boolean;
}

const TEXT = {
  describe: {
    zh: '自动整改数据本身能确定的问题（亩面积含地块图层 SCMJM、首尾空格、汇总表、权属单位代码表、矢量元数据的 geoID/坐标系/图层列表），写出新的汇交成果与修改记录',
    en: 'Fix what the data itself determines (亩 areas incl. the DK layer\'s SCMJM, leading/trailing spaces, summary tables, unit code table, the vector metadata\'s geoID/reference system/layer list) into a new package, with a change log',
  },
  input: { zh: '县级汇交成果文件夹（不会被改动）', en: 'the county package folder (never changed)' },
  out: { zh: '输出目录：写入整改后的 <县级文件夹>、fix-log.json 与 fix-log.xlsx', en: 'output folder: writes the fixed <county folder>, fix-log.json and fix-log.xlsx' },
  only: { zh: `只做其中几类：${fixKinds.join(',')}（mu 亩面积，trim 首尾空格，summary 汇总表与代码表，metadata 矢量元数据）`, en: `only these kinds: ${fixKinds.join(',')} (mu 亩 areas, trim spaces, summary tables and code table, metadata the vector metadata)` },
  dryRun: { zh: '只列出将要做的修改，不写出数据包', en: 'list the changes without writing a package' },
  mask: { zh: '修改记录中的证件号码与电话号码脱敏（--no-mask 关闭）', en: 'mask ID and phone numbers in the log (--no-mask to disable)' },
  needOut: { zh: '请用 --out 指定输出目录（或用 --dry-run 只查看修改）', en: 'give the output folder with --out (or --dry-run to only list the changes)' },
  badOnly: { zh: '--only 只能取 {kinds}，而不是 {v}', en: '--only takes {kinds}, not {v}' },
  summary: { zh: '修改 {n} 处（{files} 个文件），{m} 处计数/合计与记录不符未修改（见修改记录）', en: '{n} changes in {files} files; {m} counts/totals disagree with the records and were left alone (see the log)' },
  wrote: { zh: '已写入 {path}', en: 'wrote {path}' },
} satisfies Record<string, Localized>;

export const fixCommand: CliCommand<FixArgs> = {
  command: 'fix <input>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('input', { type: 'string', describe: TEXT.input[lang] })
      .option('out', { type: 'string', describe: TEXT.out[lang] })
      .option('only', { type: 'string', describe: TEXT.only[lang] })
      .option('dry-run', { type: 'boolean', default: false, describe: TEXT.dryRun[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] }),
  async handler(args) {
    const { lang } = args;
    const only = (args.only ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const bad = only.filter((k) => !(fixKinds as readonly string[]).includes(k));
    if (bad.length > 0) throw new LocalizedError({ zh: formatMessage(TEXT.badOnly.zh, { kinds: fixKinds.join(','), v: bad.join(',') }), en: formatMessage(TEXT.badOnly.en, { kinds: fixKinds.join(','), v: bad.join(',') }) }, { code: 'bad-option' });
    if (!args.dryRun && args.out === undefined) throw new LocalizedError(TEXT.needOut, { code: 'bad-option' });
    const result = await fixPackage(resolve(args.input), args.out, { only: only as FixKind[], dryRun: args.dryRun, mask: args.mask });
    const { log } = result;
    for (const c of log.changes) process.stdout.write(`${c.file}\t${c.table}\t${c.key}\t${c.field}\t${String(c.before)} → ${String(c.after)}\t${c.rule}\n`);
    for (const r of log.notFixed) process.stdout.write(`${r.file}\t${r.table}\t${r.key}\t${r.field}\t${String(r.actual)} ≠ ${String(r.expected)}\t${r.rule}\t${r.cause[lang]}\n`);
    process.stderr.write(`${formatMessage(TEXT.summary[lang], { n: log.changes.length, files: result.rewritten.length, m: log.notFixed.length })}\n`);
    if (args.out !== undefined) {
      const dir = resolve(args.out);
      mkdirSync(dir, { recursive: true });
      await writeFixLog(log, join(dir, 'fix-log.json'), join(dir, 'fix-log.xlsx'), lang);
      if (result.packageDir) process.stderr.write(`${formatMessage(TEXT.wrote[lang], { path: result.packageDir })}\n`);
    }
    return 0;
  },
};
