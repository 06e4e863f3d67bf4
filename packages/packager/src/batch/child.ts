import { rules as catalog } from '@nyt2539/checker';
import { tuneCompiler } from '@nyt2539/checker/compiler';
import { checkCounty, type CountyProgress } from './county.js';
import type { CountyRecord } from './record.js';

/** What the scheduler hands a county process (as JSON in argv[2]). */
export interface ChildTask {
  readonly input: string;
  readonly outDir: string;
  readonly workDir: string;
  readonly bundleHash: string;
  readonly lang: 'zh' | 'en';
  readonly mask: boolean;
  /** only these rule groups (tests); default the whole catalog */
  readonly groups?: readonly string[];
}

export type ChildMessage = { readonly type: 'progress'; readonly progress: CountyProgress } | { readonly type: 'done'; readonly record: CountyRecord };

/**
 * One county in its own process (forked by the scheduler and by the queue worker), so that a crash or an
 * out-of-memory end in one county cannot take the batch down: progress and the final record go over IPC.
 */
async function main(): Promise<void> {
  // the parent died (killed batch or queue worker): stop, so a retry elsewhere does not race this one
  process.on('disconnect', () => process.exit(1));
  tuneCompiler();
  const task = JSON.parse(process.argv[2] as string) as ChildTask;
  const send = (m: ChildMessage): Promise<void> => new Promise((res) => (process.send ? process.send(m, () => res()) : res()));
  let last = 0;
  let lastPhase = '';
  const record = await checkCounty(task.input, task.outDir, {
    lang: task.lang,
    mask: task.mask,
    workDir: task.workDir,
    bundleHash: task.bundleHash,
    ...(task.groups ? { rules: catalog.filter((r) => task.groups!.includes(r.meta.group)) } : {}),
    onProgress: (p) => {
      const now = Date.now();
      // phase changes always, counters at most 5 times a second
      if (p.phase === lastPhase && now - last < 200) return;
      last = now;
      lastPhase = p.phase;
      void send({ type: 'progress', progress: p });
    },
  });
  await send({ type: 'done', record });
  process.removeAllListeners('disconnect');
  process.disconnect?.();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(3);
});
