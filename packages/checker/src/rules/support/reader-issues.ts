import type { Localized } from '@nyt2539/schema';
import { hasStoreTable } from '../../store/facts.js';
import type { CodeSeverity, Rule, RuleMeta } from '../../engine/types.js';
import { readerIssueCodes } from '../../store/issue-codes.js';
import { issueMessage } from '../../readers/issues.js';

interface IssueRow {
  code: string;
  file: string | null;
  tbl: string | null;
  record: number | null;
  field: string | null;
  params_json: string | null;
}

/**
 * A rule that reports the reader issues (store table `load_issues`, contract in readers/issues.ts) whose codes
 * it owns. `codes` gives each owned code its default severity; the message of each code is its reader's template
 * (messageId = the code), so RULES.md lists every code with its wording and default.
 */
export function readerIssueRule(meta: Omit<RuleMeta, 'messages' | 'readerCodes'> & { readonly codes: Readonly<Record<string, CodeSeverity>> }): Rule {
  const { codes, ...rest } = meta;
  const messages: Record<string, Localized> = {};
  for (const code of Object.keys(codes)) {
    const template = readerIssueCodes[code];
    if (!template) throw new Error(`${meta.id}: no reader declares the issue code '${code}' (store/issue-codes.ts)`);
    messages[code] = template;
  }
  const owned = Object.keys(codes).sort();
  return {
    meta: { ...rest, messages, readerCodes: codes },
    run(ctx) {
      if (!hasStoreTable(ctx.db, 'load_issues')) return;
      const rows = ctx.db
        .prepare(`SELECT code, file, tbl, record, field, params_json FROM load_issues WHERE code IN (${owned.map(() => '?').join(', ')}) ORDER BY id`)
        .iterate(...owned) as IterableIterator<IssueRow>;
      for (const r of rows) {
        ctx.report({
          messageId: r.code,
          code: r.code,
          data: r.params_json ? (JSON.parse(r.params_json) as Record<string, unknown>) : {},
          ...(r.file ? { file: r.file } : {}),
          ...(r.tbl ? { table: r.tbl } : {}),
          ...(r.record !== null ? { record: r.record } : {}),
          ...(r.field ? { field: r.field } : {}),
        });
      }
    },
  };
}

/**
 * The default severity of a reader-issue code: what the rule owning it declares (for callers outside a check,
 * such as `build`, that must decide whether a record a reader complained about can be used).
 */
export function readerCodeSeverity(code: string, catalog: readonly Rule[]): CodeSeverity | undefined {
  for (const r of catalog) {
    const s = r.meta.readerCodes?.[code];
    if (s !== undefined) return s;
  }
  return undefined;
}

/** A reader issue's message in both languages, from its reader's template. */
export function readerIssueMessage(issue: { code: string; file?: string; table?: string; record?: number; field?: string; params?: Readonly<Record<string, unknown>> }): Localized {
  const template = readerIssueCodes[issue.code];
  return template ? issueMessage(template, issue) : { zh: issue.code, en: issue.code };
}
