import { basename, resolve } from 'node:path';
import { localize, type Localized } from '@nyt2539/schema';
import { batchInputs } from '../../batch/run.js';
import { writeOverview } from '../../batch/overview.js';
import { createBatchDisplay } from '../../batch/progress.js';
import { serveBatch, startWorker } from '../../queue/index.js';
import { UserError, type CliCommand } from '../command.js';

const TEXT = {
  serve: {
    zh: '省级服务模式（入队）：把每个县的复核作为 BullMQ 任务放入 Redis 队列，由各台机器上的 worker 检查，结果与 batch 相同的目录结构，完成后写出省级汇总',
    en: 'Province service mode (enqueue): each county becomes a BullMQ job in Redis, checked by workers on any machine; results in the batch layout, then the province overview',
  },
  worker: {
    zh: '省级服务模式（检查）：从 Redis 队列领取县级复核任务并检查（每县一个子进程）；被中止的任务由其他 worker 重试',
    en: 'Province service mode (check): take county jobs from the Redis queue and check them (a child process per county); a job of a killed worker is retried by another',
  },
  source: { zh: '存放汇交包的文件夹，或每行一个路径的清单文件', en: 'a folder of bundles, or a list file with one path a line' },
  out: { zh: '输出目录（各 worker 须能访问同一路径）', en: 'output folder (every worker must reach the same path)' },
  redis: { zh: 'Redis 地址，如 redis://127.0.0.1:6379', en: 'Redis URL, e.g. redis://127.0.0.1:6379' },
  queue: { zh: '队列名', en: 'queue name' },
  concurrency: { zh: '本 worker 同时检查的县数', en: 'counties this worker checks at a time' },
  lock: { zh: '任务锁时长（秒）：worker 失联超过此时长后任务交给其他 worker', en: 'job lock (seconds): a job of a worker silent for this long goes to another' },
  mask: { zh: '报告中的证件号码与电话号码脱敏（--no-mask 关闭）', en: 'mask ID and phone numbers in reports (--no-mask to disable)' },
  none: { zh: '{source} 中没有汇交包（.zip 或文件夹）', en: 'no bundles (.zip or folders) in {source}' },
  wrote: { zh: '已写入 {xlsx} 与 {html}', en: 'wrote {xlsx} and {html}' },
  ready: { zh: 'worker 已就绪，等待队列 {queue} 中的任务（Ctrl-C 退出）', en: 'worker ready, waiting for jobs on {queue} (Ctrl-C to stop)' },
  start: { zh: '开始 {input}（任务 {job}）', en: 'started {input} (job {job})' },
  done: { zh: '完成 {input}：{detail}', en: 'finished {input}: {detail}' },
  failed: { zh: '失败 {input}：{detail}', en: 'failed {input}: {detail}' },
  interrupted: { zh: '已中断：再次运行将从未完成的县继续', en: 'interrupted: run again to resume' },
} satisfies Record<string, Localized>;

interface ServeArgs {
  source: string;
  out: string;
  redis: string;
  queue: string;
  mask: boolean;
}

export const serveCommand: CliCommand<ServeArgs> = {
  command: 'serve <source>',
  describe: TEXT.serve,
  builder: (y, lang) =>
    y
      .positional('source', { type: 'string', describe: TEXT.source[lang] })
      .option('out', { type: 'string', demandOption: true, describe: TEXT.out[lang] })
      .option('redis', { type: 'string', demandOption: true, describe: TEXT.redis[lang] })
      .option('queue', { type: 'string', default: 'nyt2539-county-checks', describe: TEXT.queue[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] }),
  async handler(args) {
    const { lang } = args;
    const inputs = batchInputs(args.source);
    if (inputs.length === 0) throw new UserError(localize(TEXT.none, lang, { source: resolve(args.source) }));
    const out = resolve(args.out);
    const display = createBatchDisplay(process.stderr, lang);
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.once('SIGINT', onSignal);
    let result;
    try {
      result = await serveBatch(inputs, { out, lang, mask: args.mask, redis: args.redis, queue: args.queue, onEvent: display.onEvent, signal: abort.signal });
    } finally {
      display.stop();
      process.off('SIGINT', onSignal);
    }
    if (result.interrupted) {
      process.stderr.write(`${localize(TEXT.interrupted, lang)}\n`);
      return 130;
    }
    const written = await writeOverview(out, result.records, lang);
    process.stderr.write(`${localize(TEXT.wrote, lang, written)}\n`);
    return result.records.every((r) => r.verdict === 'passed' || r.verdict === 'duplicate') ? 0 : 1;
  },
};

interface WorkerArgs {
  redis: string;
  queue: string;
  concurrency: number;
  lockSeconds: number;
}

export const workerCommand: CliCommand<WorkerArgs> = {
  command: 'worker',
  describe: TEXT.worker,
  builder: (y, lang) =>
    y
      .option('redis', { type: 'string', demandOption: true, describe: TEXT.redis[lang] })
      .option('queue', { type: 'string', default: 'nyt2539-county-checks', describe: TEXT.queue[lang] })
      .option('concurrency', { type: 'number', default: 1, describe: TEXT.concurrency[lang] })
      .option('lock-seconds', { type: 'number', default: 30, describe: TEXT.lock[lang] }),
  async handler(args) {
    const { lang } = args;
    const worker = await startWorker({
      redis: args.redis,
      queue: args.queue,
      concurrency: args.concurrency,
      lockMs: Math.max(1, args.lockSeconds) * 1000,
      onEvent: (e) => process.stderr.write(`${localize(TEXT[e.type], lang, { input: basename(e.input), job: e.job, detail: e.detail ?? '' })}\n`),
    });
    process.stderr.write(`${localize(TEXT.ready, lang, { queue: args.queue })}\n`);
    await new Promise<void>((res) => {
      process.once('SIGINT', () => res());
      process.once('SIGTERM', () => res());
    });
    await worker.close();
    return 0;
  },
};
