/**
 * One fuzz worker: checks the inputs its parent sends (IPC), one at a time, the way the CLI does (runCheck, the
 * text and JSON reports), and answers how it ended. Anything thrown that is not a located user error is a crash.
 * Runs in its own process so the parent can kill it on a hang and watch its memory.
 */
import { findingsDocument, renderJson, renderText, runCheck } from '@nyt2539/checker';
import { LocalizedError } from '@nyt2539/schema';

export interface FuzzJob {
  readonly id: number;
  readonly input: string;
  readonly workDir: string;
}

export interface FuzzAnswer {
  readonly id: number;
  readonly outcome: 'checked' | 'input-error' | 'crash';
  /** the CLI's exit code: 0 no error, 1 errors, 2 cannot check */
  readonly exit: number;
  readonly errors: number;
  readonly warnings: number;
  /** every finding's file + message (English), or the exit-2 line, or the crash's stack */
  readonly lines: readonly string[];
  /** peak resident memory of this worker so far, bytes */
  readonly maxRss: number;
}

function located(e: unknown): string | undefined {
  return e instanceof LocalizedError ? e.localized('en') : undefined;
}

async function handle(job: FuzzJob): Promise<FuzzAnswer> {
  const maxRss = (): number => process.resourceUsage().maxRSS * 1024;
  try {
    const r = await runCheck(job.input, { workDir: job.workDir });
    renderText(r.info, r.summary, r.findings, { lang: 'zh', limit: r.findings.length, mask: true });
    renderJson(findingsDocument(r.info, r.summary, r.findings, { mask: true }));
    return {
      id: job.id,
      outcome: 'checked',
      exit: r.summary.passed ? 0 : 1,
      errors: r.summary.errors,
      warnings: r.summary.warnings,
      lines: r.findings.map((f) => `${f.severity} ${f.ruleId} ${f.location.file ?? ''}${f.location.table ? `#${f.location.table}` : ''} ${f.message.en}`),
      maxRss: maxRss(),
    };
  } catch (e) {
    const text = located(e);
    if (text !== undefined) return { id: job.id, outcome: 'input-error', exit: 2, errors: 0, warnings: 0, lines: [text], maxRss: maxRss() };
    return { id: job.id, outcome: 'crash', exit: 2, errors: 0, warnings: 0, lines: [String((e as Error)?.stack ?? e)], maxRss: maxRss() };
  }
}

process.on('message', (job: FuzzJob) => {
  void handle(job).then((answer) => process.send?.(answer));
});
process.send?.({ ready: true });
