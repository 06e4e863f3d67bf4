/** One benchmark case: run it, return named figures (numbers in SI units, or with the unit in the key). */
export interface BenchCase {
  readonly name: string;
  /** scales the case supports; `pnpm bench -- --scale county` picks the larger one */
  run(opts: { scale: 'example' | 'county'; workDir: string }): Promise<Record<string, number | string>>;
}

/** Peak resident set size of this process so far, in MiB (Linux VmHWM). */
export async function peakRssMiB(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile('/proc/self/status', 'utf8');
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1048576);
}
