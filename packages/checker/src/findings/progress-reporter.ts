import type CliProgress from 'cli-progress';
import { formatMessage, type Lang } from '@nyt2539/schema';
import { requireCommonJs } from '../io/require.js';

/** What runCheck reports while it works (check.ts `onProgress`). */
export interface CheckProgress {
  /** 'load': reading files into the store; 'rules': running rules */
  readonly phase: 'load' | 'rules';
  readonly done: number;
  readonly total?: number;
  /** the file being read or the rule being run */
  readonly label?: string;
}

interface ProgressReporter {
  readonly onProgress: (p: CheckProgress) => void;
  /** stop the bar (call before printing the report) */
  stop(): void;
}

const t = {
  load: { zh: '读取', en: 'reading' },
  rules: { zh: '检查', en: 'checking' },
  loadLine: { zh: '读取 {label}', en: 'reading {label}' },
  rulesStart: { zh: '运行 {total} 条检查规则…', en: 'running {total} rules…' },
  rulesDone: { zh: '检查完成', en: 'rules done' },
} as const;

/**
 * Progress on stderr, so stdout carries only the report: a cli-progress bar on a terminal, plain lines
 * (one per file read, one when rules start and end) when stderr is a pipe or a log file.
 */
export function createProgressReporter(stream: NodeJS.WriteStream, lang: Lang): ProgressReporter {
  if (stream.isTTY) {
    // loaded only for a terminal (io/require.ts): a run whose stderr is a pipe or a log never loads it
    const cliProgress = requireCommonJs<typeof CliProgress>('cli-progress');
    const bar = new cliProgress.SingleBar(
      { stream, format: '{phase} |{bar}| {value}/{total} {label}', hideCursor: true, clearOnComplete: true, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
    let phase: CheckProgress['phase'] | undefined;
    return {
      onProgress(p) {
        const total = Math.max(p.total ?? 0, p.done, 1);
        const payload = { phase: t[p.phase][lang], label: p.label ?? '' };
        if (phase !== p.phase) {
          if (phase !== undefined) bar.stop();
          bar.start(total, p.done, payload);
          phase = p.phase;
        } else {
          bar.setTotal(total);
          bar.update(p.done, payload);
        }
      },
      stop: () => bar.stop(),
    };
  }
  let rulesStarted = false;
  let lastFile = '';
  return {
    onProgress(p) {
      if (p.phase === 'load') {
        const file = p.label?.replace(/ \d+\/\d+$/, '');
        if (file && file !== lastFile) {
          lastFile = file;
          stream.write(`${formatMessage(t.loadLine[lang], { label: file })}\n`);
        }
        return;
      }
      if (!rulesStarted) {
        rulesStarted = true;
        stream.write(`${formatMessage(t.rulesStart[lang], { total: p.total ?? '?' })}\n`);
      }
      if (p.total !== undefined && p.done >= p.total) stream.write(`${t.rulesDone[lang]}\n`);
    },
    stop() {},
  };
}
