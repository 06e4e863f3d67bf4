import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { localize, physicalTables, type Localized } from '@nyt2539/schema';
import { UserError, type CliCommand } from '../command.js';
import type { BuildIssue } from '../../build/ingest.js';
import { csvTableInputs, type CsvLoad } from '../../build/mdb-from-csv.js';
import { MdbSizeLimitError, MdbValueError, writeMdb, type MdbTableInput, type WriteMdbResult } from '../../mdb/index.js';

interface MdbArgs {
  action: 'create';
  out: string;
  from?: string;
  validate: boolean;
  draft: boolean;
}

const TEXT = {
  describe: { zh: '生成 Jet4 权属数据库（.mdb，12 张表）：空库，或从 CSV 目录装入', en: 'Write the Jet4 ownership database (.mdb, 12 tables): empty, or loaded from a CSV directory' },
  action: { zh: 'create：新建数据库', en: 'create: write a new database' },
  out: { zh: '输出的 .mdb 文件', en: 'output .mdb file' },
  from: {
    zh: '含 <表名>.csv 的目录（UTF-8 或 GBK，自动识别；首行为字段代码，空单元格为空值）',
    en: 'directory of <TABLE>.csv files (UTF-8 or GBK, detected; header row of field codes, empty cell = null)',
  },
  validate: { zh: '按标准（附录 A/B）逐行检查（--no-validate 跳过）', en: 'check each row against the standard (Annex A/B) (--no-validate skips)' },
  draft: {
    zh: '有问题也写出草稿：不符合标准的值照原样写入（由 check 报告），无法存入的单元格留空，无法存入的行略去；问题逐条列出',
    en: 'write a draft despite problems: values that break the standard are written as they are (for check to report), cells that cannot be stored are left empty, rows that cannot be stored are left out; every problem is listed',
  },
  noDir: { zh: '--from 目录不存在: {dir}', en: '--from directory does not exist: {dir}' },
  noOutDir: { zh: '输出目录不存在: {dir}', en: 'output directory does not exist: {dir}' },
  unused: { zh: '提示: {file} 不对应任何表，已忽略', en: 'note: {file} matches no table; ignored' },
  encoding: { zh: '编码：{file} {encoding}（{how}）', en: 'encoding: {file} {encoding} ({how})' },
  written: { zh: '已写入 {out}（{bytes} 字节）', en: 'wrote {out} ({bytes} bytes)' },
  rows: { zh: '  {table}: {n} 条记录', en: '  {table}: {n} rows' },
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  issue: { zh: '{file}:{line}: {severity}：{where}{message}', en: '{file}:{line}: {severity}: {where}{message}' },
  table: { zh: '表 {table}', en: 'table {table}' },
  field: { zh: ' 字段 {field}', en: ' field {field}' },
  unlisted: { zh: '另有 {n} 处同类问题未逐条列出', en: '{n} more issues of the same kinds not listed' },
  summary: { zh: '共 {errors} 个错误、{warnings} 个警告', en: '{errors} errors, {warnings} warnings in all' },
  failed: { zh: '有错误，未输出 {out}；改正后重试，或加 --draft 写出可以写入的部分', en: 'errors found; {out} not written: correct them and run again, or add --draft to write what can be written' },
  draftWritten: {
    zh: '已写出草稿：以上错误未改正，请用 nyt2539 check 检查汇交成果',
    en: 'wrote a draft: the errors above are not corrected; check the package with nyt2539 check',
  },
} satisfies Record<string, Localized>;

/** Thrown into the writer after the last table when there are errors and no --draft: the writer removes its temp file. */
class NotWritten extends Error {}

export const mdbCommand: CliCommand<MdbArgs> = {
  command: 'mdb <action> <out>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('action', { choices: ['create'] as const, describe: TEXT.action[lang] })
      .positional('out', { type: 'string', describe: TEXT.out[lang] })
      .option('from', { type: 'string', describe: TEXT.from[lang] })
      .option('validate', { type: 'boolean', default: true, describe: TEXT.validate[lang] })
      .option('draft', { type: 'boolean', default: false, describe: TEXT.draft[lang] }),
  async handler(args) {
    const { lang } = args;
    const out = resolve(args.out);
    if (!existsSync(dirname(out))) throw new UserError(localize(TEXT.noOutDir, lang, { dir: dirname(out) }));
    let load: CsvLoad | undefined;
    if (args.from !== undefined) {
      const dir = resolve(args.from);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(localize(TEXT.noDir, lang, { dir }));
      load = csvTableInputs(dir, physicalTables, { validate: args.validate });
      for (const file of load.unused) process.stderr.write(`${localize(TEXT.unused, lang, { file })}\n`);
    }
    const csv = load;
    async function* tables(): AsyncGenerator<MdbTableInput> {
      if (!csv) return;
      yield* csv.inputs;
      if (csv.log.errors > 0 && !args.draft) throw new NotWritten();
    }
    let result: WriteMdbResult | undefined;
    try {
      result = await writeMdb(out, tables());
    } catch (err) {
      if (!(err instanceof NotWritten)) {
        const at = csv && csv.position.file ? `${csv.position.file}:${csv.position.line}: ` : '';
        if (err instanceof MdbValueError || err instanceof MdbSizeLimitError) throw new UserError(at + err.localized(lang));
        throw err;
      }
    }
    if (csv) {
      for (const e of csv.encodings) process.stderr.write(`${localize(TEXT.encoding, lang, { file: e.file, encoding: e.encoding, how: e.how[lang] })}\n`);
      for (const i of csv.log.issues) process.stderr.write(`${issueLine(i, lang)}\n`);
      const unlisted = csv.log.unlisted();
      if (unlisted > 0) process.stderr.write(`${localize(TEXT.unlisted, lang, { n: unlisted })}\n`);
      if (csv.log.errors + csv.log.warnings > 0) process.stderr.write(`${localize(TEXT.summary, lang, { errors: csv.log.errors, warnings: csv.log.warnings })}\n`);
    }
    if (!result) {
      process.stderr.write(`${localize(TEXT.failed, lang, { out })}\n`);
      return 1;
    }
    process.stdout.write(`${localize(TEXT.written, lang, { out, bytes: result.bytes })}\n`);
    for (const [table, n] of Object.entries(result.rowCounts)) if (n > 0) process.stdout.write(`${localize(TEXT.rows, lang, { table, n })}\n`);
    if (csv && csv.log.errors > 0) {
      process.stdout.write(`${localize(TEXT.draftWritten, lang)}\n`);
      return 1;
    }
    return 0;
  },
};

/** `CBF.csv:4: 错误：表 CBF 字段 CBFCYSL：“abc” 不是整数` — file and line first, as editors jump to them. */
function issueLine(i: BuildIssue, lang: 'zh' | 'en'): string {
  const sep = lang === 'zh' ? '：' : ': ';
  const where = i.table === undefined ? '' : `${localize(TEXT.table, lang, { table: i.table })}${i.field !== undefined ? localize(TEXT.field, lang, { field: i.field }) : ''}${sep}`;
  return localize(TEXT.issue, lang, { file: i.file, line: i.row ?? 0, severity: (i.severity === 'error' ? TEXT.error : TEXT.warning)[lang], where, message: i.message[lang] });
}
