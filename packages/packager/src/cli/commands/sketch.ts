import { resolve } from 'node:path';
import { deserialize } from 'node:v8';
import { LocalizedError, localize, sketchMapPath, type Localized } from '@nyt2539/schema';
import { stageSource } from '../../build/index.js';
import { renderSketches } from '../../sketch/index.js';
import type { CliCommand } from '../command.js';

interface SketchArgs {
  package: string;
  only?: string[];
  date?: string;
  producer?: string;
  mask: boolean;
}

const TEXT = {
  describe: {
    zh: '为汇交成果绘制地块示意图：每本权证一个 PDF（无权证的承包方每户一个），写入 图件/<发包方编码>/DKSYT<权证编码>.pdf',
    en: 'Draw the sketch maps of a package: one PDF per certificate (per contractor where none) at 图件/<FBFBM>/DKSYT<CBJYQZBM>.pdf',
  },
  package: { zh: '县级汇交成果文件夹', en: 'the county package folder' },
  only: { zh: '只绘制这些权证（CBJYQZBM）或承包方（CBFBM）', en: 'only these certificates (CBJYQZBM) or contractors (CBFBM)' },
  date: { zh: '制图日期（YYYY-MM-DD；默认取元数据日期）', en: 'date printed (YYYY-MM-DD; default: the metadata date)' },
  producer: { zh: '制图单位（默认取元数据的负责单位）', en: 'producer printed (default: the metadata organisation)' },
  mask: { zh: '证件号码脱敏（--no-mask 关闭）', en: 'mask ID numbers (--no-mask to disable)' },
  noSource: { zh: '{dir} 不是汇交成果文件夹（没有 权属数据/）', en: '{dir} is not a package folder (no 权属数据/)' },
  noDate: { zh: '元数据没有日期：请用 --date 指定', en: 'the metadata has no date: give --date' },
  mismatch: {
    zh: '注意：{n} 条 CBJYQZDJB.DKSYT 与示意图路径不一致（如 {example}）；用 nyt2539 build 重新构建可一并更正',
    en: 'note: {n} CBJYQZDJB.DKSYT values differ from the sketch-map paths (e.g. {example}); re-build with nyt2539 build to correct them',
  },
  written: { zh: '已绘制 {n} 幅地块示意图（{bytes} 字节）', en: 'drew {n} sketch maps ({bytes} bytes)' },
} satisfies Record<string, Localized>;

export const sketchCommand: CliCommand<SketchArgs> = {
  command: 'sketch <package>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('package', { type: 'string', describe: TEXT.package[lang] })
      .option('only', { type: 'string', array: true, describe: TEXT.only[lang] })
      .option('date', { type: 'string', describe: TEXT.date[lang] })
      .option('producer', { type: 'string', describe: TEXT.producer[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] }),
  async handler(args) {
    const { lang } = args;
    const dir = resolve(args.package);
    const staged = await stageSource(dir, undefined, undefined, false);
    try {
      if (staged.facts.kind !== 'package') throw new LocalizedError(TEXT.noSource, { code: 'sketch-source', file: dir });
      const m = staged.facts.metadata.date ?? '';
      const date = args.date ?? (/^\d{8}$/.test(m) ? `${m.slice(0, 4)}-${m.slice(4, 6)}-${m.slice(6, 8)}` : undefined);
      if (!date) throw new LocalizedError(TEXT.noDate, { code: 'sketch-date' });
      const mismatched: string[] = [];
      for (const b of staged.staging.db.prepare(`SELECT data FROM rows WHERE tbl = 'CBJYQZDJB' ORDER BY sortkey`).pluck().iterate() as Iterable<Buffer>) {
        const r = (deserialize(b) as { a: Record<string, unknown> }).a;
        const expected = sketchMapPath(String(r.FBFBM ?? ''), String(r.CBJYQZBM ?? ''));
        if (r.DKSYT !== expected) mismatched.push(String(r.CBJYQZBM));
      }
      const only = args.only?.flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
      const result = await renderSketches(staged.staging.db, dir, {
        producer: args.producer ?? staged.facts.metadata.rpOrgName ?? '',
        date,
        mask: args.mask,
        ...(only && only.length ? { only } : {}),
      });
      process.stdout.write(`${localize(TEXT.written, lang, { n: result.written, bytes: result.bytes })}\n`);
      if (mismatched.length) process.stderr.write(`${localize(TEXT.mismatch, lang, { n: mismatched.length, example: mismatched[0] })}\n`);
      return 0;
    } finally {
      staged.dispose();
    }
  },
};
