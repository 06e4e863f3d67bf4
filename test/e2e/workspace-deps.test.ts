/**
 * Every workspace package declares exactly the packages its sources import (nothing resolves only through root
 * hoisting), and the package graph has no cycle: schema → checker → packager, examples → schema only (the
 * generator makes data; the packager writes it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspaces = ['packages/schema', 'packages/checker', 'packages/packager', 'examples', 'test'];
/** test tooling lives in the root package.json for every workspace */
const rootTools = new Set(['vitest', 'fast-check', 'typescript']);
/** run from source, worker entries register tsx (a root devDependency); the built package precompiles its workers */
const pending = new Set(['packages/checker:tsx', 'packages/packager:tsx']);

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const manifest = (ws: string): Manifest => JSON.parse(readFileSync(join(repo, ws, 'package.json'), 'utf8')) as Manifest;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    // the build output (dist-package, git-ignored) holds emitted declarations of the same sources, not sources
    if (e.name === 'node_modules' || e.name === 'dist-package' || e.name.startsWith('.')) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** Package names a file imports (static, dynamic, re-export), builtins left out. */
function packagesImported(text: string): string[] {
  const names: string[] = [];
  const pattern = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"./][^'"]*)['"]|^\s*import\s*['"]([^'"./][^'"]*)['"]|\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) continue;
    names.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return names;
}

/** tests and the release build script may use devDependencies; nothing that runs in the installed CLI may */
const isDevFile = (ws: string, f: string): boolean => ws === 'test' || /\.(test|bench)\.ts$|test-support\.ts$|\/release\/[^/]+\.ts$/.test(f);

describe('workspace package manifests', () => {
  it('declare every package their sources import', () => {
    const missing: string[] = [];
    for (const ws of workspaces) {
      const m = manifest(ws);
      const prod = new Set(Object.keys(m.dependencies ?? {}));
      const dev = new Set(Object.keys(m.devDependencies ?? {}));
      for (const file of sources(join(repo, ws))) {
        for (const name of packagesImported(readFileSync(file, 'utf8'))) {
          if (name === m.name || rootTools.has(name) || pending.has(`${ws}:${name}`)) continue;
          const declared = prod.has(name) || (isDevFile(ws, file) && dev.has(name));
          if (!declared) missing.push(`${file.slice(repo.length + 1)} imports ${name}`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('form no cycle, and examples does not depend on the packager', () => {
    const byName = new Map(workspaces.map((ws) => [manifest(ws).name, manifest(ws)]));
    const edges = (name: string): string[] => {
      const m = byName.get(name)!;
      return Object.keys({ ...m.dependencies, ...m.devDependencies }).filter((d) => byName.has(d));
    };
    expect(edges('@nyt2539/examples')).not.toContain('@nyt2539/packager');
    const cycles: string[] = [];
    const visit = (name: string, path: readonly string[]): void => {
      if (path.includes(name)) {
        cycles.push([...path.slice(path.indexOf(name)), name].join(' → '));
        return;
      }
      for (const d of edges(name)) visit(d, [...path, name]);
    };
    for (const name of byName.keys()) visit(name, []);
    expect(cycles).toEqual([]);
  });
});
