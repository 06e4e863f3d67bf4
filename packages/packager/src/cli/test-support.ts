import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The one way tests start `nyt2539` from source: node with tsx's loader on `cli/main.ts`, from the repository root
 * (where `tsx` resolves), so every CLI test runs the same entry with the same flags.
 */
export const repoRoot = resolve(import.meta.dirname, '../../../..');
const cliMain = resolve(repoRoot, 'packages/packager/src/cli/main.ts');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface CliOptions {
  /** extra environment variables (merged over the test's own environment) */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** ms after which the child is killed (a hang then fails the test instead of stalling the suite) */
  readonly timeout?: number;
}

/** node's arguments that run `nyt2539 <args>` from source. */
export function cliArgv(args: readonly string[]): string[] {
  return ['--import', 'tsx', cliMain, ...args];
}

/** Run `nyt2539 <args>` to the end; output as text. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, cliArgv(args), { cwd: options.cwd ?? repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...options.env }, ...(options.timeout ? { timeout: options.timeout } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run `nyt2539 <args>` to the end without blocking the test's event loop (a server it talks to keeps running). */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = startCli(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Start `nyt2539 <args>` and return the process (signals, long-running workers). */
export function startCli(args: readonly string[], options: CliOptions & Pick<SpawnOptions, 'stdio'> = {}): ChildProcess {
  return spawn(process.execPath, cliArgv(args), { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env }, ...(options.stdio ? { stdio: options.stdio } : {}) });
}
