import { basename } from 'node:path';
import type { Lang, Localized } from '@nyt2539/schema';
import type { CountyPhase } from './county.js';
import type { BatchEvent } from './run.js';

const PHASE: Record<CountyPhase, Localized> = {
  hash: { zh: '计算哈希', en: 'hashing' },
  load: { zh: '读取', en: 'reading' },
  rules: { zh: '检查', en: 'checking' },
  write: { zh: '写出结果', en: 'writing results' },
};

const VERDICT: Record<string, Localized> = {
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '不通过', en: 'failed' },
  unreadable: { zh: '无法检查', en: 'cannot be checked' },
  duplicate: { zh: '重复', en: 'duplicate' },
};

function duration(seconds: number, lang: Lang): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  if (lang === 'zh') return m > 0 ? `${m} 分 ${s % 60} 秒` : `${s} 秒`;
  return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

export interface BatchDisplay {
  readonly onEvent: (e: BatchEvent) => void;
  stop(): void;
}

/**
 * One display for the whole batch on stderr: on a terminal a block redrawn in place (counties done of total, ETA,
 * one line per running county with its phase); otherwise plain lines when a county starts, changes phase, ends.
 */
export function createBatchDisplay(stream: NodeJS.WriteStream, lang: Lang, now: () => number = Date.now): BatchDisplay {
  const tty = Boolean(stream.isTTY);
  let total = 0;
  let toCheck = 0;
  let jobs = 1;
  let done = 0;
  let checkedDone = 0;
  const started = now();
  const running = new Map<string, { phase: CountyPhase; done?: number; total?: number }>();
  let drawn = 0;

  const eta = (): string => {
    if (checkedDone === 0) return '';
    const per = (now() - started) / 1000 / checkedDone;
    const left = Math.ceil((toCheck - checkedDone) / jobs) * per;
    return lang === 'zh' ? `，预计剩余 ${duration(left, lang)}` : `, about ${duration(left, lang)} left`;
  };
  const headline = (): string => (lang === 'zh' ? `已完成 ${done}/${total} 个县${eta()}` : `${done}/${total} counties done${eta()}`);
  const redraw = (): void => {
    if (!tty) return;
    let text = drawn > 0 ? `\x1b[${drawn}A` : '';
    const lines = [headline(), ...[...running].map(([input, p]) => `  ${basename(input)}  ${PHASE[p.phase][lang]}${p.total ? ` ${p.done ?? 0}/${p.total}` : ''}`)];
    text += lines.map((l) => `\x1b[2K${l}\n`).join('');
    // clear lines left over from a taller block
    for (let i = lines.length; i < drawn; i++) text += '\x1b[2K\n';
    const extra = Math.max(0, drawn - lines.length);
    if (extra) text += `\x1b[${extra}A`;
    drawn = lines.length;
    stream.write(text);
  };
  const line = (s: string): void => {
    if (tty) {
      // a finished county is printed above the live block, which is redrawn below it
      stream.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}\x1b[2K${s}\n`);
      drawn = Math.max(0, drawn - 1);
      redraw();
    } else stream.write(`${s}\n`);
  };
  return {
    onEvent(e) {
      switch (e.type) {
        case 'start':
          total = e.total;
          toCheck = e.toCheck;
          jobs = e.jobs;
          line(lang === 'zh' ? `共 ${e.total} 个输入，需检查 ${e.toCheck} 个，同时 ${e.jobs} 个` : `${e.total} inputs, ${e.toCheck} to check, ${e.jobs} at a time`);
          return;
        case 'county-start':
          running.set(e.input, { phase: 'hash' });
          if (!tty) line(`${basename(e.input)}: ${lang === 'zh' ? '开始' : 'started'}`);
          redraw();
          return;
        case 'county-progress': {
          const prev = running.get(e.input);
          running.set(e.input, { ...e.progress });
          if (!tty && prev?.phase !== e.progress.phase) line(`${basename(e.input)}: ${PHASE[e.progress.phase][lang]}`);
          redraw();
          return;
        }
        case 'county-done': {
          running.delete(e.record.input);
          done++;
          if (!e.skipped) checkedDone++;
          const r = e.record;
          const what = e.skipped && r.verdict !== 'duplicate' ? (lang === 'zh' ? '（未变，跳过）' : ' (unchanged, skipped)') : '';
          const counts = r.verdict === 'passed' || r.verdict === 'failed' ? (lang === 'zh' ? `，错误 ${r.errors}，警告 ${r.warnings}` : `, ${r.errors} errors, ${r.warnings} warnings`) : '';
          const reason = r.reason ? `：${r.reason[lang]}` : '';
          line(`[${done}/${total}] ${r.rootName ?? r.dir} ${VERDICT[r.verdict]![lang]}${counts}${what}${reason}  ${headline()}`);
          return;
        }
      }
    },
    stop() {
      if (tty) redraw();
    },
  };
}
