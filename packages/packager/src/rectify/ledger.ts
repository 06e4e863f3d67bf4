import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import MDBReader from 'mdb-reader';
import YAML from 'yaml';
import { formatLocation, type FindingsDocument } from '@nyt2539/checker';
import { LocalizedError, type Localized } from '@nyt2539/schema';
import { readFindingsFile } from './findings-file.js';
import { unitOf } from './diff.js';

// ---------------------------------------------------------------------------------------------------------
// The plan: rule → responsible unit and deadline

interface PlanRule {
  /** a rule id, `<group>/*`, or `*` */
  readonly match: string;
  readonly unit?: string;
  /** days after the problem was first seen */
  readonly days?: number;
  /** a fixed date, YYYY-MM-DD */
  readonly deadline?: string;
}

interface Plan {
  readonly format: 'nyt2539-plan';
  readonly defaultDays: number;
  readonly rules: readonly PlanRule[];
}

const defaultPlanUrl = new URL('./default-plan.yaml', import.meta.url);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function planError(path: string, what: Localized): never {
  throw new LocalizedError({ zh: `整改计划 ${path} 有误：${what.zh}`, en: `plan ${path} is wrong: ${what.en}` }, { code: 'plan-invalid', file: path });
}

/** Read a plan (YAML or JSON, which is YAML too); every mistake named with its place in the file. */
export function readPlan(path: string = defaultPlanUrl.pathname): Plan {
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    planError(path, { zh: (err as Error).message, en: (err as Error).message });
  }
  const p = raw as Partial<Plan> | null;
  if (!p || typeof p !== 'object' || p.format !== 'nyt2539-plan') planError(path, { zh: '缺少 format: nyt2539-plan', en: 'format: nyt2539-plan is missing' });
  if (typeof p.defaultDays !== 'number' || !(p.defaultDays >= 0)) planError(path, { zh: 'defaultDays 应为非负天数', en: 'defaultDays must be a number of days' });
  if (!Array.isArray(p.rules)) planError(path, { zh: 'rules 应为列表', en: 'rules must be a list' });
  p.rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (!r || typeof r.match !== 'string' || r.match === '') planError(path, { zh: `${at} 缺少 match`, en: `${at} has no match` });
    const extra = Object.keys(r).filter((k) => !['match', 'unit', 'days', 'deadline'].includes(k));
    if (extra.length > 0) planError(path, { zh: `${at} 含未知项 ${extra.join('、')}`, en: `${at} has unknown keys ${extra.join(', ')}` });
    if (r.unit !== undefined && (typeof r.unit !== 'string' || r.unit.trim() === '')) planError(path, { zh: `${at}.unit 应为单位名称`, en: `${at}.unit must name a unit` });
    if (r.days !== undefined && !(typeof r.days === 'number' && r.days >= 0)) planError(path, { zh: `${at}.days 应为非负天数`, en: `${at}.days must be a number of days` });
    if (r.deadline !== undefined && !(typeof r.deadline === 'string' && DATE.test(r.deadline))) planError(path, { zh: `${at}.deadline 应为 YYYY-MM-DD`, en: `${at}.deadline must be YYYY-MM-DD` });
  });
  return p as Plan;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Responsible unit and deadline of a problem of `ruleId` first seen on `firstSeen`. */
function assign(plan: Plan, ruleId: string, firstSeen: string): { unit: string; deadline: string } {
  const r = plan.rules.find((x) => x.match === '*' || x.match === ruleId || (x.match.endsWith('/*') && ruleId.startsWith(x.match.slice(0, -1))));
  const unit = r?.unit ?? unitOf(ruleId);
  const deadline = r?.deadline ?? addDays(firstSeen, r?.days ?? plan.defaultDays);
  return { unit, deadline };
}

// ---------------------------------------------------------------------------------------------------------
// The ledger file

/** A data value a correction request asks for, checked in the package before the item can be closed. */
interface RequestedValue {
  readonly table: string;
  /** the row's code, e.g. DKBM=3407111012010100048 */
  readonly key: string;
  readonly field: string;
  readonly value: string;
}

export interface LedgerItem {
  /** a finding's fingerprint (with #n for a repeat), or M-0001 for an item added by hand */
  readonly id: string;
  readonly source: 'check' | 'manual';
  /** rule id, or manual/provincial-feedback, manual/area-correction, manual/other */
  readonly ruleId: string;
  readonly problem: string;
  readonly location: string;
  unit: string;
  deadline: string;
  status: 'open' | 'closed';
  readonly firstSeen: string;
  lastSeen: string;
  /** checks that reported it */
  checks: number;
  closedOn?: string;
  closedBy?: string;
  note?: string;
  evidence?: string;
  readonly requested?: RequestedValue;
  /** earlier closings that a later check undid */
  reopened?: string[];
}

interface LedgerCheck {
  readonly checkedAt: string;
  readonly findings: number;
  readonly source: string;
}

export interface Ledger {
  readonly format: 'nyt2539-ledger';
  readonly formatVersion: 1;
  package: string;
  checks: LedgerCheck[];
  items: LedgerItem[];
}

export function emptyLedger(): Ledger {
  return { format: 'nyt2539-ledger', formatVersion: 1, package: '', checks: [], items: [] };
}

function ledgerError(path: string, text: Localized, code: string): never {
  throw new LocalizedError(text, { code, file: path });
}

/** Read a ledger; a damaged or foreign file is an error naming it, never a fresh ledger in its place. */
export function readLedger(path: string): Ledger {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    ledgerError(path, { zh: `整改台账 ${path} 已损坏或无法读取（${(err as Error).message}）；未做任何改动`, en: `ledger ${path} is damaged or unreadable (${(err as Error).message}); nothing was changed` }, 'ledger-corrupt');
  }
  const l = doc as Partial<Ledger> | null;
  if (!l || typeof l !== 'object' || l.format !== 'nyt2539-ledger') {
    ledgerError(path, { zh: `${path} 不是 nyt2539 整改台账；未做任何改动`, en: `${path} is not an nyt2539 ledger; nothing was changed` }, 'ledger-foreign');
  }
  if (l.formatVersion !== 1) ledgerError(path, { zh: `整改台账 ${path} 的版本 ${String(l.formatVersion)} 不受支持`, en: `ledger ${path} has unsupported version ${String(l.formatVersion)}` }, 'ledger-version');
  const bad = !Array.isArray(l.items) || !Array.isArray(l.checks) || typeof l.package !== 'string' || l.items.some((i) => !i || typeof i.id !== 'string' || typeof i.status !== 'string' || typeof i.firstSeen !== 'string' || typeof i.deadline !== 'string');
  if (bad) ledgerError(path, { zh: `整改台账 ${path} 内容不完整（items/checks）；未做任何改动`, en: `ledger ${path} is incomplete (items/checks); nothing was changed` }, 'ledger-corrupt');
  return l as Ledger;
}

export function renderLedgerJson(ledger: Ledger): string {
  return `${JSON.stringify(ledger, null, 2)}\n`;
}

/**
 * Record one check: its findings open items (or keep them open), and open check items it no longer reports are
 * closed (销号) on its date, unless their rule did not run completely. A closed item reported again is reopened,
 * the earlier closing kept in `reopened`. Checks go in date order; an older one is refused.
 */
export function applyCheck(ledger: Ledger, doc: FindingsDocument, plan: Plan, source: string): void {
  const last = ledger.checks[ledger.checks.length - 1];
  if (last && doc.checkedAt < last.checkedAt) {
    throw new LocalizedError(
      { zh: `${source} 的检查日期 ${doc.checkedAt} 早于台账中最后一次检查 ${last.checkedAt}：请按时间顺序登记`, en: `${source} was checked on ${doc.checkedAt}, before the ledger's last check ${last.checkedAt}: add checks in date order` },
      { code: 'ledger-order', file: source },
    );
  }
  if (ledger.package === '') ledger.package = doc.package.rootName;
  else if (ledger.package !== doc.package.rootName) {
    throw new LocalizedError(
      { zh: `${source} 是 ${doc.package.rootName} 的检查，而台账属于 ${ledger.package}`, en: `${source} checks ${doc.package.rootName}, the ledger is for ${ledger.package}` },
      { code: 'ledger-package', file: source },
    );
  }
  const byId = new Map(ledger.items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const repeats = new Map<string, number>();
  for (const f of doc.findings) {
    const n = (repeats.get(f.fingerprint) ?? 0) + 1;
    repeats.set(f.fingerprint, n);
    const id = n === 1 ? f.fingerprint : `${f.fingerprint}#${n}`;
    seen.add(id);
    const item = byId.get(id);
    if (item) {
      if (item.status === 'closed') {
        item.reopened = [...(item.reopened ?? []), item.closedOn ?? ''];
        item.status = 'open';
        delete item.closedOn;
      }
      item.lastSeen = doc.checkedAt;
      item.checks++;
      continue;
    }
    const { unit, deadline } = assign(plan, f.ruleId, doc.checkedAt);
    const created: LedgerItem = {
      id,
      source: 'check',
      ruleId: f.ruleId,
      problem: f.message.zh,
      location: formatLocation(f, 'zh'),
      unit,
      deadline,
      status: 'open',
      firstSeen: doc.checkedAt,
      lastSeen: doc.checkedAt,
      checks: 1,
    };
    ledger.items.push(created);
    byId.set(id, created);
  }
  const complete = new Set(doc.summary.byRule.filter((r) => r.dropped === 0).map((r) => r.ruleId));
  for (const item of ledger.items) {
    if (item.source !== 'check' || item.status !== 'open' || seen.has(item.id) || !complete.has(item.ruleId)) continue;
    item.status = 'closed';
    item.closedOn = doc.checkedAt;
  }
  ledger.checks.push({ checkedAt: doc.checkedAt, findings: doc.findings.length, source });
}

/** The findings.json files of a folder, in check-date order. */
export function findingsInFolder(dir: string): { path: string; doc: FindingsDocument }[] {
  const files = readdirSync(dir)
    .filter((n) => /\.json$/i.test(n))
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile());
  const docs = files.map((path) => ({ path, doc: readFindingsFile(path) }));
  return docs.sort((a, b) => (a.doc.checkedAt < b.doc.checkedAt ? -1 : a.doc.checkedAt > b.doc.checkedAt ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------
// Items added by hand

export const manualKinds = ['provincial-feedback', 'area-correction', 'other'] as const;
export type ManualKind = (typeof manualKinds)[number];

export interface ManualItemInput {
  readonly kind: ManualKind;
  readonly problem: string;
  readonly location: string;
  readonly unit?: string;
  readonly deadline?: string;
  readonly date: string;
  readonly requested?: RequestedValue;
}

export function addManualItem(ledger: Ledger, plan: Plan, input: ManualItemInput): LedgerItem {
  if (input.problem.trim() === '') throw new LocalizedError({ zh: '请写明问题（--problem）', en: 'describe the problem (--problem)' }, { code: 'bad-option' });
  if (input.deadline !== undefined && !DATE.test(input.deadline)) throw new LocalizedError({ zh: `期限 ${input.deadline} 应为 YYYY-MM-DD`, en: `deadline ${input.deadline} must be YYYY-MM-DD` }, { code: 'bad-option' });
  const ruleId = `manual/${input.kind}`;
  const planned = assign(plan, ruleId, input.date);
  const n = ledger.items.filter((i) => i.source === 'manual').length + 1;
  const item: LedgerItem = {
    id: `M-${String(n).padStart(4, '0')}`,
    source: 'manual',
    ruleId,
    problem: input.problem.trim(),
    location: input.location.trim(),
    unit: input.unit?.trim() || planned.unit,
    deadline: input.deadline ?? planned.deadline,
    status: 'open',
    firstSeen: input.date,
    lastSeen: input.date,
    checks: 0,
    ...(input.requested ? { requested: input.requested } : {}),
  };
  ledger.items.push(item);
  return item;
}

/** The value of `field` in the row of `table` whose code is `key` (CODE=value), read from the package's .mdb. */
function valueInPackage(packageDir: string, r: RequestedValue): string | null | undefined {
  const dir = join(packageDir, '权属数据');
  const mdb = existsSync(dir) ? readdirSync(dir).find((n) => /^\d{10}\.mdb$/i.test(n)) : undefined;
  if (!mdb) throw new LocalizedError({ zh: `${packageDir} 中没有权属数据库`, en: `no ownership database in ${packageDir}` }, { code: 'ledger-package', file: packageDir });
  const reader = new MDBReader(readFileSync(join(dir, mdb)));
  if (!reader.getTableNames().includes(r.table)) return undefined;
  const [code, value] = r.key.split('=');
  const row = (reader.getTable(r.table).getData() as Record<string, unknown>[]).find((x) => String(x[code] ?? '').trim() === value);
  if (!row) return undefined;
  const v = row[r.field];
  return v === null || v === undefined ? null : String(v).trim();
}

/**
 * Close a manual item: by a person, with a note and the path of the evidence. An item that asks for a data
 * change closes only when the package of a later check shows the requested value.
 */
export function closeItem(ledger: Ledger, id: string, input: { by: string; note: string; evidence: string; date: string; packageDir?: string }): LedgerItem {
  const item = ledger.items.find((i) => i.id === id);
  if (!item) throw new LocalizedError({ zh: `台账中没有编号为 ${id} 的条目`, en: `the ledger has no item ${id}` }, { code: 'ledger-item' });
  if (item.source !== 'manual') throw new LocalizedError({ zh: `${id} 由质检发现，复查不再报告时自动销号，不能手工关闭`, en: `${id} comes from a check and closes when a re-check no longer reports it` }, { code: 'ledger-item' });
  if (item.status === 'closed') throw new LocalizedError({ zh: `${id} 已于 ${item.closedOn ?? ''} 销号`, en: `${id} was closed on ${item.closedOn ?? ''}` }, { code: 'ledger-item' });
  if (input.by.trim() === '' || input.note.trim() === '' || input.evidence.trim() === '') {
    throw new LocalizedError({ zh: '销号须写明经办人（--by）、整改说明（--note）与佐证材料路径（--evidence）', en: 'closing needs the person (--by), a note (--note) and the evidence path (--evidence)' }, { code: 'bad-option' });
  }
  if (item.requested) {
    const r = item.requested;
    const last = ledger.checks[ledger.checks.length - 1];
    if (!input.packageDir || !last || last.checkedAt <= item.firstSeen) {
      throw new LocalizedError(
        { zh: `${id} 要求修改数据（${r.table} ${r.key} ${r.field} → ${r.value}）：须在之后的一次复查登记入台账后，用 --package 指定复查的数据包来销号`, en: `${id} asks for a data change (${r.table} ${r.key} ${r.field} → ${r.value}): record a later check in the ledger, then close it with --package naming the checked package` },
        { code: 'ledger-needs-check' },
      );
    }
    const now = valueInPackage(input.packageDir, r);
    if (now !== r.value) {
      throw new LocalizedError(
        { zh: `${id} 未能销号：数据包中 ${r.table} ${r.key} 的 ${r.field} 仍为 ${String(now ?? '（无此记录）')}，申请的值为 ${r.value}`, en: `${id} cannot close: ${r.table} ${r.key} ${r.field} is still ${String(now ?? '(no such row)')} in the package, the request asks for ${r.value}` },
        { code: 'ledger-not-changed' },
      );
    }
  }
  item.status = 'closed';
  item.closedOn = input.date;
  item.closedBy = input.by.trim();
  item.note = input.note.trim();
  item.evidence = input.evidence.trim();
  return item;
}

// ---------------------------------------------------------------------------------------------------------
// Progress

interface UnitProgress {
  readonly unit: string;
  readonly total: number;
  readonly closed: number;
  readonly open: number;
  readonly overdue: number;
}

export const isOverdue = (i: LedgerItem, asOf: string): boolean => i.status === 'open' && i.deadline < asOf;

export function progressByUnit(ledger: Ledger, asOf: string): UnitProgress[] {
  const order = ['测绘单位', '村组', '乡镇', '县确权办'];
  const units = [...new Set(ledger.items.map((i) => i.unit))].sort((a, b) => {
    const ra = order.indexOf(a) < 0 ? order.length : order.indexOf(a);
    const rb = order.indexOf(b) < 0 ? order.length : order.indexOf(b);
    return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
  });
  return units.map((unit) => {
    const items = ledger.items.filter((i) => i.unit === unit);
    const closed = items.filter((i) => i.status === 'closed').length;
    return { unit, total: items.length, closed, open: items.length - closed, overdue: items.filter((i) => isOverdue(i, asOf)).length };
  });
}
