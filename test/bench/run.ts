/**
 * `pnpm bench [-- --scale example|county] [--only name]`: runs every `*.bench.ts` case in this folder, each in its
 * own child process (so peak RSS is per case), and writes `.bench/results.json` plus the same JSON on stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const scale = (args[args.indexOf('--scale') + 1] ?? 'example') === 'county' && args.includes('--scale') ? 'county' : 'example';
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const child = args.includes('--child') ? args[args.indexOf('--child') + 1] : undefined;

if (child) {
  const mod = (await import(join(here, child))) as { default: import('./harness.js').BenchCase };
  const workDir = join(root, '.bench', 'work', mod.default.name);
  mkdirSync(workDir, { recursive: true });
  const figures = await mod.default.run({ scale, workDir });
  process.stdout.write(`${JSON.stringify({ name: mod.default.name, ...figures })}\n`);
} else {
  const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
  const results: unknown[] = [];
  for (const f of files) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'run.ts'), '--child', f, '--scale', scale], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    try {
      results.push(JSON.parse(last));
    } catch {
      results.push({ name: f, error: `exit ${r.status}` });
    }
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    scale,
    results,
  };
  mkdirSync(join(root, '.bench'), { recursive: true });
  writeFileSync(join(root, '.bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
