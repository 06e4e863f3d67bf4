import { type Lang, removePendingTemps } from '@nyt2539/schema';

let installed = false;

/**
 * Ctrl-C / SIGTERM during a command that writes scratch (check, verify, pack): remove the working store, the
 * extracted zip and every pending `*.tmp-*` (one registry: `registerScratch` / `atomicTarget` in the schema
 * package's atomic.ts), say so in one line, and exit with the shell's code for the signal (130, 143).
 */
export function installSignalCleanup(lang: Lang): void {
  if (installed) return;
  installed = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    removePendingTemps();
    process.stderr.write(`\n${lang === 'zh' ? `已中断（${signal}），临时文件已清理` : `interrupted (${signal}); temporary files removed`}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
