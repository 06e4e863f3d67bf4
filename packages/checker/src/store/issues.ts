import type Database from 'better-sqlite3';
import type { IssueCodes, ReaderIssue } from '../readers/issues.js';

/** Codes the loader itself emits while placing what the readers read into the store. */
export const storeIssueCodes = {
  'duplicate-table': {
    zh: '表或图层“{table}”重复出现（或与工作库内部表同名），此处的数据未载入',
    en: 'table or layer "{table}" appears more than once (or clashes with an internal table); this copy was not loaded',
  },
  'column-name-reserved': {
    zh: '表 {table} 的字段名 {field} 与工作库保留名冲突，数据未载入（字段定义已记录）',
    en: 'column {field} of table {table} clashes with a store-reserved name; its data was not loaded (definition recorded)',
  },
} as const satisfies IssueCodes;

/** Appends reader issues to `load_issues`, the one table every reader's issues go to. */
export class IssueLog {
  readonly #db: Database.Database;
  #insert: Database.Statement | undefined;
  count = 0;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  add(issue: ReaderIssue): void {
    this.count++;
    // prepared at the first issue: a load thread's file (a RecordingContext's) has no load_issues table
    this.#insert ??= this.#db.prepare(`INSERT INTO load_issues (code, file, tbl, record, field, params_json) VALUES (?, ?, ?, ?, ?, ?)`);
    this.#insert.run(
      issue.code,
      issue.file ?? null,
      issue.table ?? null,
      issue.record ?? null,
      issue.field ?? null,
      issue.params === undefined || Object.keys(issue.params).length === 0 ? null : JSON.stringify(issue.params),
    );
  }
}
