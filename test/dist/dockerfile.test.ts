/**
 * The province-server image (packages/packager/release/Dockerfile). No container engine runs here, so the file is
 * linted structurally: pinned base images, only Debian packages that exist (apt-cache), a non-root user, an exec-form
 * ENTRYPOINT running nyt2539, the tarball installed. Where `docker info` answers (CI with an engine), the image is
 * also built from a fresh `npm pack` and run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dockerfile = resolve(import.meta.dirname, '../../packages/packager/release/Dockerfile');

interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** Dockerfile instructions: comments dropped, `\` continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    current += (current ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (!line.endsWith('\\')) {
      logical.push(current);
      current = '';
    }
  }
  if (current) logical.push(current);
  return logical.map((l) => {
    const m = /^(\S+)\s*(.*)$/.exec(l)!;
    return { op: m[1].toUpperCase(), args: m[2] };
  });
}

/** Packages named by every `apt-get install` in RUN instructions. */
function aptPackages(instructions: readonly Instruction[]): string[] {
  const out: string[] = [];
  for (const i of instructions.filter((x) => x.op === 'RUN')) {
    for (const cmd of i.args.split(/&&|;/)) {
      const words = cmd.trim().split(/\s+/);
      const at = words.indexOf('install');
      if (words[0] !== 'apt-get' || at < 0) continue;
      out.push(...words.slice(at + 1).filter((w) => !w.startsWith('-')));
    }
  }
  return out;
}

describe('the province-server Dockerfile', () => {
  const instructions = parseDockerfile(readFileSync(dockerfile, 'utf8'));
  const stages = instructions.filter((i) => i.op === 'FROM');
  const finalStage = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));

  it('parses (the parser joins continuations and drops comments)', () => {
    expect(parseDockerfile('# c\nFROM a:1\nRUN x \\\n  && y\n')).toEqual([
      { op: 'FROM', args: 'a:1' },
      { op: 'RUN', args: 'x && y' },
    ]);
    expect(aptPackages(parseDockerfile('RUN apt-get update && apt-get install -y --no-install-recommends a b\n'))).toEqual(['a', 'b']);
  });

  it('builds on a pinned Debian slim Node 20 image in every stage', () => {
    expect(stages.length).toBeGreaterThan(0);
    for (const s of stages) {
      const image = s.args.split(/\s+/)[0];
      expect(image).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    }
  });

  it('installs only Debian packages that exist, without recommends, and cleans the lists', () => {
    const packages = aptPackages(instructions);
    expect(packages).toContain('fonts-noto-cjk');
    // the CLI needs neither a browser nor GDAL: keep the image lean
    for (const heavy of ['chromium', 'gdal-bin', 'libreoffice']) expect(packages).not.toContain(heavy);
    for (const p of packages) {
      const r = spawnSync('apt-cache', ['show', '--no-all-versions', p], { encoding: 'utf8' });
      expect(r.status, `apt-cache show ${p}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`Package: ${p}`);
    }
    for (const i of instructions.filter((x) => x.op === 'RUN' && x.args.includes('apt-get install'))) {
      expect(i.args).toContain('--no-install-recommends');
      expect(i.args).toContain('rm -rf /var/lib/apt/lists/*');
    }
  });

  it('installs the packed tarball and runs nyt2539 as a non-root user through an exec-form ENTRYPOINT', () => {
    expect(instructions.some((i) => i.op === 'COPY' && /nyt2539-\*\.tgz/.test(i.args))).toBe(true);
    expect(instructions.some((i) => i.op === 'RUN' && /npm install -g .*nyt2539-\*\.tgz/.test(i.args))).toBe(true);
    const user = finalStage.filter((i) => i.op === 'USER').pop();
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    const entry = finalStage.filter((i) => i.op === 'ENTRYPOINT').pop();
    const argv = JSON.parse(entry!.args) as string[];
    expect(argv[argv.length - 1]).toBe('nyt2539');
    expect(finalStage.findIndex((i) => i.op === 'USER')).toBeLessThan(finalStage.findIndex((i) => i.op === 'ENTRYPOINT'));
    expect(finalStage.some((i) => i.op === 'WORKDIR' && i.args === '/data')).toBe(true);
  });

  it('builds and runs where a container engine answers', async () => {
    const engine = spawnSync('docker', ['info'], { encoding: 'utf8' });
    if (engine.status !== 0) {
      // no engine on this machine: the structural checks above are the test
      expect(engine.status).not.toBe(0);
      return;
    }
    const { buildPackage } = await import('../../packages/packager/release/build.js');
    const built = await buildPackage();
    const context = mkdtempSync(join(tmpdir(), 'nyt2539-docker-'));
    try {
      execFileSync('npm', ['pack', '--pack-destination', context], { cwd: built.outDir });
      expect(readdirSync(context).some((f) => f.endsWith('.tgz'))).toBe(true);
      execFileSync('docker', ['build', '-f', dockerfile, '-t', 'nyt2539:test', context], { stdio: 'inherit' });
      const version = execFileSync('docker', ['run', '--rm', 'nyt2539:test', '--version'], { encoding: 'utf8' });
      expect(version.trim()).toBe(built.version);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  }, 1_200_000);
});
