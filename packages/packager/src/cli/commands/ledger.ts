import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkDate } from '@nyt2539/checker';
import { formatMessage, type Localized, LocalizedError, writeFileAtomic } from '@nyt2539/schema';
import type { CliCommand } from '../command.js';
import { readFindingsFile } from '../../rectify/findings-file.js';
import {
  addManualItem,
  applyCheck,
  closeItem,
  emptyLedger,
  findingsInFolder,
  manualKinds,
  progressByUnit,
  readLedger,
  readPlan,
  renderLedgerJson,
  type Ledger,
  type ManualKind,
} from '../../rectify/ledger.js';
import { importManualItems, ledgerHtml, ledgerXlsx } from '../../rectify/ledger-render.js';

interface LedgerArgs {
  input: string;
  rest?: string[];
  plan?: string;
  check?: string[];
  out?: string;
  date?: string;
  kind: string;
  problem?: string;
  location?: string;
  unit?: string;
  deadline?: string;
  table?: string;
  key?: string;
  field?: string;
  value?: string;
  by?: string;
  note?: string;
  evidence?: string;
  package?: string;
}

const TEXT = {
  describe: {
    zh: '整改台账：由历次 findings.json（文件夹）或台账文件生成/更新台账（XLSX、HTML）；ledger add|close|import 登记、销号、导入手工条目',
    en: 'Rectification ledger from successive findings.json (a folder) or a ledger file (XLSX, HTML); ledger add|close|import for items kept by hand',
  },
  input: { zh: '历次 findings.json 所在文件夹，或台账文件 ledger.json；或 add、close、import', en: 'folder of successive findings.json, or a ledger.json; or add, close, import' },
  plan: { zh: '整改计划（YAML 或 JSON：规则 → 责任单位与期限；默认用内置计划）', en: 'plan (YAML or JSON: rule → responsible unit and deadline; default: the built-in plan)' },
  check: { zh: '追加登记的一次检查的 findings.json（可多次给出）', en: 'findings.json of a check to append (repeatable)' },
  out: { zh: '输出目录：ledger.json、ledger.xlsx、ledger.html（默认写回台账文件所在目录）', en: 'output folder: ledger.json, ledger.xlsx, ledger.html (default: beside the ledger file)' },
  date: { zh: '日期 YYYY-MM-DD（逾期判断、登记与销号日期；默认 NYT2539_DATE 或当天）', en: 'date YYYY-MM-DD (overdue, add and close dates; default NYT2539_DATE or today)' },
  kind: { zh: `手工条目类别：${manualKinds.join('、')}`, en: `kind of manual item: ${manualKinds.join(', ')}` },
  usage: {
    zh: '用法：ledger add <台账> --problem … --location …；ledger close <台账> <编号> --by … --note … --evidence …；ledger import <台账> <条目.xlsx>',
    en: 'usage: ledger add <ledger> --problem … --location …; ledger close <ledger> <id> --by … --note … --evidence …; ledger import <ledger> <items.xlsx>',
  },
  progress: { zh: '{unit}：共 {total}，已整改 {closed}，遗留 {open}，逾期 {overdue}', en: '{unit}: {total} items, {closed} closed, {open} open, {overdue} overdue' },
  added: { zh: '已登记 {id}', en: 'added {id}' },
  closed: { zh: '{id} 已销号', en: '{id} closed' },
  wrote: { zh: '已写入 {path}', en: 'wrote {path}' },
} satisfies Record<string, Localized>;

function usage(): never {
  throw new LocalizedError(TEXT.usage, { code: 'bad-option' });
}

/** Ledger, its XLSX and HTML written together into `dir`. */
async function save(ledger: Ledger, ledgerPath: string, asOf: string): Promise<void> {
  const dir = dirname(ledgerPath);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(ledgerPath, renderLedgerJson(ledger));
  writeFileAtomic(join(dir, 'ledger.xlsx'), await ledgerXlsx(ledger, asOf));
  writeFileAtomic(join(dir, 'ledger.html'), ledgerHtml(ledger, asOf));
}

function latest(ledger: Ledger, fallback: string): string {
  return ledger.checks.length > 0 && ledger.checks[ledger.checks.length - 1].checkedAt > fallback ? ledger.checks[ledger.checks.length - 1].checkedAt : fallback;
}

export const ledgerCommand: CliCommand<LedgerArgs> = {
  command: 'ledger <input> [rest..]',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('input', { type: 'string', describe: TEXT.input[lang] })
      .option('plan', { type: 'string', describe: TEXT.plan[lang] })
      .option('check', { type: 'string', array: true, describe: TEXT.check[lang] })
      .option('out', { type: 'string', describe: TEXT.out[lang] })
      .option('date', { type: 'string', describe: TEXT.date[lang] })
      .option('kind', { choices: [...manualKinds], default: 'other', describe: TEXT.kind[lang] })
      .option('problem', { type: 'string' })
      .option('location', { type: 'string' })
      .option('unit', { type: 'string' })
      .option('deadline', { type: 'string' })
      .option('table', { type: 'string' })
      .option('key', { type: 'string' })
      .option('field', { type: 'string' })
      .option('value', { type: 'string' })
      .option('by', { type: 'string' })
      .option('note', { type: 'string' })
      .option('evidence', { type: 'string' })
      .option('package', { type: 'string' }),
  async handler(args) {
    const { lang } = args;
    const plan = args.plan !== undefined ? readPlan(resolve(args.plan)) : readPlan();
    const date = checkDate(args.date);
    const rest = (args.rest ?? []).map(String);
    const action = args.input;
    if (action === 'add' || action === 'close' || action === 'import') {
      if (rest.length < 1) usage();
      const path = resolve(rest[0]);
      // a missing ledger starts empty; a damaged one is an error (readLedger), never replaced
      const ledger = existsSync(path) ? readLedger(path) : emptyLedger();
      if (action === 'add') {
        const requested = args.field !== undefined ? { table: args.table ?? '', key: args.key ?? '', field: args.field, value: args.value ?? '' } : undefined;
        const item = addManualItem(ledger, plan, { kind: args.kind as ManualKind, problem: args.problem ?? '', location: args.location ?? '', ...(args.unit ? { unit: args.unit } : {}), ...(args.deadline ? { deadline: args.deadline } : {}), date, ...(requested ? { requested } : {}) });
        process.stderr.write(`${formatMessage(TEXT.added[lang], { id: item.id })}\n`);
      } else if (action === 'close') {
        if (rest.length < 2) usage();
        const item = closeItem(ledger, rest[1], { by: args.by ?? '', note: args.note ?? '', evidence: args.evidence ?? '', date, ...(args.package ? { packageDir: resolve(args.package) } : {}) });
        process.stderr.write(`${formatMessage(TEXT.closed[lang], { id: item.id })}\n`);
      } else {
        if (rest.length < 2) usage();
        const xlsx = resolve(rest[1]);
        for (const input of await importManualItems(readFileSync(xlsx), xlsx, date)) addManualItem(ledger, plan, input);
      }
      await save(ledger, path, latest(ledger, date));
      return 0;
    }
    const input = resolve(action);
    let ledger: Ledger;
    let ledgerPath: string;
    if (statSync(input, { throwIfNoEntry: false })?.isDirectory()) {
      ledger = emptyLedger();
      for (const { path, doc } of findingsInFolder(input)) applyCheck(ledger, doc, plan, path);
      ledgerPath = join(resolve(args.out ?? input), 'ledger.json');
    } else {
      if (!existsSync(input)) throw new LocalizedError({ zh: `找不到 ${input}`, en: `${input} not found` }, { code: 'not-found', file: input });
      ledger = readLedger(input);
      ledgerPath = args.out !== undefined ? join(resolve(args.out), 'ledger.json') : input;
    }
    for (const c of args.check ?? []) applyCheck(ledger, readFindingsFile(resolve(c)), plan, resolve(c));
    const asOf = latest(ledger, date);
    await save(ledger, ledgerPath, asOf);
    for (const p of progressByUnit(ledger, asOf)) process.stdout.write(`${formatMessage(TEXT.progress[lang], { ...p })}\n`);
    process.stderr.write(`${formatMessage(TEXT.wrote[lang], { path: ledgerPath })}\n`);
    return 0;
  },
};
