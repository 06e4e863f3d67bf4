import type { Argv } from 'yargs';
import { allTables, localize, standardDocument, standardMarkdown, type Lang } from '@nyt2539/schema';
import { UserError, type CliCommand } from '../command.js';

interface SchemaArgs {
  format: string;
  table?: string;
}

const text = {
  describe: { zh: '输出本工具编码的 NY/T 2539-2016 标准（要素、图层、表结构、代码表、物理结构、决策）', en: 'print the encoded NY/T 2539-2016 standard (features, layers, tables, code tables, physical schema, decisions)' },
  format: { zh: '输出格式：json（一个 JSON 文档）或 md（可读的 Markdown 表格）', en: 'output format: json (one JSON document) or md (readable markdown tables)' },
  table: { zh: '只输出一个表或图层，如 DK、CBF_JTCY', en: 'print one table or layer only, e.g. DK, CBF_JTCY' },
  unknownTable: { zh: '--table {value}：标准中没有这个表（可用：{known}）', en: '--table {value}: no such table in the standard (known: {known})' },
} as const;

export const schemaCommand: CliCommand<SchemaArgs> = {
  command: 'schema',
  describe: text.describe,
  builder(y: Argv, lang: Lang): Argv {
    return y
      .option('format', { type: 'string', choices: ['json', 'md'], default: 'md', describe: text.format[lang] })
      .option('table', { type: 'string', describe: text.table[lang] });
  },
  async handler(args) {
    const { lang } = args;
    const doc = standardDocument(args.table);
    if (!doc) throw new UserError(localize(text.unknownTable, lang, { value: args.table, known: allTables.map((t) => t.name).join(', ') }));
    // `schema | head` closes the pipe early: that is the reader's choice, not an error
    process.stdout.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
    process.stdout.write(args.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : standardMarkdown(doc, lang));
    return 0;
  },
};
