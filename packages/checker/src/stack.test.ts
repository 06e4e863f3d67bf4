/**
 * The checker's import stack (README.md "Stack"): a source file may import only from its own layer or the layers
 * below it, so there is no cycle between folders and nothing low knows about anything high. Tests may import
 * anything (they are not part of the stack).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Bottom first. An entry is a folder under src/ or a file directly in src/. */
const checkerStack: readonly string[] = [
  'io', // thread settings, worker entries, the worker pool
  'readers', // bytes → values and reader issues (readers/issues.ts); no store, no rules
  'package', // zip and folder discovery: which reader gets which file
  'summary', // derivations shared with the writers (computeSummaries)
  'store', // the working store: schema, loaders (write side), facts and PackageInfo (read side)
  'load.ts', // the loader: discovery → readers → store, derivations last
  'engine', // Rule, RuleContext, Finding, Severity, groups, profile, runner
  'spatial', // decoded layers, GEOS, spatial indexes (engine only for types)
  'rules', // the catalog; rules/support shared helpers, rules/testing test kits
  'threads', // the one scheduler: rules and rule partitions across worker threads
  'findings', // the findings document and its context, text report, masking, progress output
  'check.ts', // runCheck: load, validate the profile, run, summarize
  'index.ts', // the public surface
];

const src = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Layer of a file: its top folder under src/, or its own name when it sits in src/. */
function layerOf(file: string): string {
  const parts = relative(src, file).split(sep);
  return parts.length === 1 ? parts[0] : parts[0];
}

/** Relative module specifiers a file imports (static, dynamic and re-exports). */
function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of text.matchAll(pattern)) found.push(m[1]);
  return found;
}

describe('the checker import stack', () => {
  it('every source file sits in a layer of the stack', () => {
    const unknown = sources(src).filter((f) => !checkerStack.includes(layerOf(f)));
    expect(unknown.map((f) => relative(src, f))).toEqual([]);
  });

  it('no source file imports from a layer above its own', () => {
    const rank = new Map(checkerStack.map((l, i) => [l, i]));
    const upward: string[] = [];
    for (const file of sources(src)) {
      const from = layerOf(file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const target = join(dirname(file), spec);
        if (relative(src, target).startsWith('..')) {
          upward.push(`${relative(src, file)} → ${spec} (outside src/)`);
          continue;
        }
        const to = layerOf(target.replace(/\.js$/, '.ts'));
        if ((rank.get(to) ?? Infinity) > (rank.get(from) ?? -1)) upward.push(`${relative(src, file)} → ${relative(src, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('spatial code takes only types from the engine (it must run the same in any thread and in the loader)', () => {
    const valueImports = sources(join(src, 'spatial')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^import\s+(?!type\b)[^;]*from\s+['"](\.\.\/engine\/[^'"]+)['"]/gm)].map((m) => `${relative(src, f)} → ${m[1]}`),
    );
    expect(valueImports).toEqual([]);
  });

  it('a rule thread loads no file-format library (its start-up is paid again in every thread)', () => {
    // what a module loads when it runs: static imports that are not type-only, and dynamic ones are left out
    const runtimeImports = (text: string): string[] =>
      [...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;'"]*?\bfrom\s*)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) visit(join(dirname(file), spec).replace(/\.js$/, '.ts'));
        else packages.add(spec);
      }
    };
    visit(join(src, 'threads', 'rule-worker.ts'));
    expect(seen.size).toBeGreaterThan(100);
    expect([...packages].filter((p) => ['@e965/xlsx', 'mdb-reader', 'iconv-lite', 'exceljs'].includes(p))).toEqual([]);
  });

  it('the check itself catches an upward import', () => {
    expect(importsOf(`import type { X } from '../check.js';\nexport { y } from "./y.js";\nconst m = await import('../rules/index.js');`)).toEqual([
      '../check.js',
      './y.js',
      '../rules/index.js',
    ]);
  });
});
