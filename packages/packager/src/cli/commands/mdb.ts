import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { atomicTarget } from '@nyt2539/checker';
import { localize, physicalTables, type Localized } from '@nyt2539/schema';
import { UserError, type CliCommand } from '../command.js';
import { CsvLoadError, csvTableInputs, type LocatedViolation } from '../../mdb/csv-load.js';
import { MdbSizeLimitError, MdbValueError, writeMdb } from '../../mdb/index.js';

interface MdbArgs {
  action: 'create';
  out: string;
  from?: string;
  validate: boolean;
}

const TEXT = {
  describe: { zh: '生成 Jet4 权属数据库（.mdb，12 张表）：空库，或从 CSV 目录装入', en: 'Write the Jet4 ownership database (.mdb, 12 tables): empty, or loaded from a CSV directory' },
  action: { zh: 'create：新建数据库', en: 'create: write a new database' },
  out: { zh: '输出的 .mdb 文件', en: 'output .mdb file' },
  from: { zh: '含 <表名>.csv 的目录（UTF-8，首行为字段代码，空单元格为空值）', en: 'directory of <TABLE>.csv files (UTF-8, header row of field codes, empty cell = null)' },
  validate: { zh: '按标准（附录 A/B）逐行检查，有错误则不输出（--no-validate 跳过）', en: 'check each row against the standard (Annex A/B); no output on errors (--no-validate skips)' },
  noDir: { zh: '--from 目录不存在: {dir}', en: '--from directory does not exist: {dir}' },
  noOutDir: { zh: '输出目录不存在: {dir}', en: 'output directory does not exist: {dir}' },
  unused: { zh: '提示: {file} 不对应任何表，已忽略', en: 'note: {file} matches no table; ignored' },
  written: { zh: '已写入 {out}（{bytes} 字节）', en: 'wrote {out} ({bytes} bytes)' },
  rows: { zh: '  {table}: {n} 条记录', en: '  {table}: {n} rows' },
  violation: { zh: '{file}:{line}: 表 {table} 字段 {field}: {kind}，应为 {expected}，实际 {actual}', en: '{file}:{line}: table {table} field {field}: {kind}, expected {expected}, got {actual}' },
  warning: { zh: '警告 ', en: 'warning ' },
  more: { zh: '……另有 {n} 处', en: '… and {n} more' },
  failed: { zh: '{n} 处不符合标准，未输出 {out}', en: '{n} violations of the standard; {out} not written' },
} satisfies Record<string, Localized>;

const MAX_PRINTED = 50;

/** Violation kinds (schema validate.ts) in the user's language. */
const KIND: Record<LocatedViolation['kind'], Localized> = {
  type: { zh: '类型不符', en: 'wrong type' },
  length: { zh: '长度超限', en: 'too long' },
  decimals: { zh: '小数位超限', en: 'too many decimals' },
  domain: { zh: '不在代码表中', en: 'not in the code list' },
  required: { zh: '必填项为空', en: 'required but empty' },
  format: { zh: '格式不符', en: 'wrong format' },
  pattern: { zh: '编码格式不符', en: 'does not match the pattern' },
};

export const mdbCommand: CliCommand<MdbArgs> = {
  command: 'mdb <action> <out>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('action', { choices: ['create'] as const, describe: TEXT.action[lang] })
      .positional('out', { type: 'string', describe: TEXT.out[lang] })
      .option('from', { type: 'string', describe: TEXT.from[lang] })
      .option('validate', { type: 'boolean', default: true, describe: TEXT.validate[lang] }),
  async handler(args) {
    const { lang } = args;
    const out = resolve(args.out);
    if (!existsSync(dirname(out))) throw new UserError(localize(TEXT.noOutDir, lang, { dir: dirname(out) }));
    const violations: LocatedViolation[] = [];
    let errors = 0;
    let load: ReturnType<typeof csvTableInputs> | undefined;
    if (args.from !== undefined) {
      const dir = resolve(args.from);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(localize(TEXT.noDir, lang, { dir }));
      load = csvTableInputs(dir, physicalTables, {
        validate: args.validate,
        onViolation: (v) => {
          if (!v.advisory) errors++;
          if (violations.length < MAX_PRINTED) violations.push(v);
        },
      });
      for (const file of load.unused) process.stderr.write(`${localize(TEXT.unused, lang, { file })}\n`);
    }
    // written beside the target and moved into place only if every row passed validation
    const target = atomicTarget(out);
    let result;
    try {
      result = await writeMdb(target.tmp, load?.inputs ?? []);
    } catch (err) {
      target.abort();
      const at = load && load.position.file ? `${load.position.file}:${load.position.line}: ` : '';
      if (err instanceof CsvLoadError) throw new UserError(err.localized(lang));
      if (err instanceof MdbValueError || err instanceof MdbSizeLimitError) throw new UserError(at + err.localized(lang));
      throw err;
    }
    for (const v of violations) {
      const line = localize(TEXT.violation, lang, { ...v, kind: KIND[v.kind][lang], actual: JSON.stringify(v.actual) });
      process.stderr.write(`${v.advisory ? TEXT.warning[lang] : ''}${line}\n`);
    }
    if (errors > MAX_PRINTED) process.stderr.write(`${localize(TEXT.more, lang, { n: errors - MAX_PRINTED })}\n`);
    if (errors > 0) {
      target.abort();
      process.stderr.write(`${localize(TEXT.failed, lang, { n: errors, out })}\n`);
      return 1;
    }
    target.commit();
    process.stdout.write(`${localize(TEXT.written, lang, { out, bytes: result.bytes })}\n`);
    for (const [table, n] of Object.entries(result.rowCounts)) if (n > 0) process.stdout.write(`${localize(TEXT.rows, lang, { table, n })}\n`);
    return 0;
  },
};
