import type Database from 'better-sqlite3';
import type { Localized } from '@nyt2539/schema';

export type IssueSeverity = 'error' | 'warning' | 'info';

/** A fact a reader met while loading (truncated file, undecodable text, …). Rules decide what is a finding. */
export interface LoadIssue {
  readonly severity: IssueSeverity;
  readonly code: string;
  readonly file?: string;
  readonly tbl?: string;
  readonly record?: number;
  readonly field?: string;
  readonly message: Localized;
  readonly detail?: unknown;
}

/** Appends load issues to `load_issues`. */
export class IssueLog {
  readonly #insert: Database.Statement;
  count = 0;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(
      `INSERT INTO load_issues (severity, code, file, tbl, record, field, message_zh, message_en, detail_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  add(issue: LoadIssue): void {
    this.count++;
    this.#insert.run(
      issue.severity,
      issue.code,
      issue.file ?? null,
      issue.tbl ?? null,
      issue.record ?? null,
      issue.field ?? null,
      issue.message.zh,
      issue.message.en,
      issue.detail === undefined ? null : JSON.stringify(issue.detail),
    );
  }
}

/** The message of an unknown thrown value, for issue details. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
