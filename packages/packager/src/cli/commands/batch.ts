import { resolve } from 'node:path';
import { localize, type Localized } from '@nyt2539/schema';
import { batchInputs, runBatch } from '../../batch/run.js';
import { writeOverview } from '../../batch/overview.js';
import { createBatchDisplay } from '../../batch/progress.js';
import { UserError, type CliCommand } from '../command.js';

interface BatchArgs {
  source: string;
  out: string;
  jobs?: number;
  mask: boolean;
}

const TEXT = {
  describe: {
    zh: '批量复核：逐县核对清单哈希并质检（每县一个进程，可中断续跑），写出省级汇总 province.xlsx / province.html',
    en: 'Batch re-check: verify each county bundle against its manifest and check it (a process per county; resumable), then the province overview province.xlsx / province.html',
  },
  source: { zh: '存放汇交包（.zip 或县级文件夹）的文件夹，或每行一个路径的清单文件', en: 'a folder of bundles (.zip or county folders), or a list file with one path a line' },
  out: { zh: '输出目录：每县一个子文件夹，另有 province.xlsx、province.html', en: 'output folder: one sub-folder per county, plus province.xlsx and province.html' },
  jobs: { zh: '同时检查的县数（默认按 CPU 核数与空闲内存）', en: 'counties checked at a time (default: from the cores and free memory)' },
  mask: { zh: '报告中的证件号码与电话号码脱敏（--no-mask 关闭）', en: 'mask ID and phone numbers in reports (--no-mask to disable)' },
  none: { zh: '{source} 中没有汇交包（.zip 或文件夹）', en: 'no bundles (.zip or folders) in {source}' },
  badJobs: { zh: '--jobs 应为正整数：{jobs}', en: '--jobs must be a positive whole number: {jobs}' },
  interrupted: { zh: '已中断：已完成的县保存在 {out}，再次运行将从未完成的县继续', en: 'interrupted: finished counties are kept in {out}; run again to resume' },
  wrote: { zh: '已写入 {xlsx} 与 {html}', en: 'wrote {xlsx} and {html}' },
} satisfies Record<string, Localized>;

export const batchCommand: CliCommand<BatchArgs> = {
  command: 'batch <source>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('source', { type: 'string', describe: TEXT.source[lang] })
      .option('out', { type: 'string', demandOption: true, describe: TEXT.out[lang] })
      .option('jobs', { type: 'number', describe: TEXT.jobs[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] }),
  async handler(args) {
    const { lang } = args;
    if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1)) throw new UserError(localize(TEXT.badJobs, lang, { jobs: String(args.jobs) }));
    const inputs = batchInputs(args.source);
    if (inputs.length === 0) throw new UserError(localize(TEXT.none, lang, { source: resolve(args.source) }));
    const out = resolve(args.out);
    const display = createBatchDisplay(process.stderr, lang);
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let result;
    try {
      result = await runBatch(inputs, { out, lang, mask: args.mask, onEvent: display.onEvent, signal: abort.signal, ...(args.jobs ? { jobs: args.jobs } : {}) });
    } finally {
      display.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (result.interrupted) {
      process.stderr.write(`${localize(TEXT.interrupted, lang, { out })}\n`);
      return 130;
    }
    const written = await writeOverview(out, result.records, lang);
    process.stderr.write(`${localize(TEXT.wrote, lang, written)}\n`);
    return result.records.every((r) => r.verdict === 'passed' || r.verdict === 'duplicate') ? 0 : 1;
  },
};
