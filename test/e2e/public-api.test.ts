/**
 * Each workspace package's public index exports what another workspace imports from it, nothing more, each name
 * listed (no `export *`): a name nobody imports is either module-private or gone. The checker's index has its own,
 * stricter test (packages/checker/src/index.test.ts); this one covers schema, packager and examples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const workspaces = ['packages/schema', 'packages/checker', 'packages/packager', 'examples', 'test'];

/** package → its index, and the names a published-library user imports under `nyt2539[/sub]` (test/dist) */
const packages = [
  { name: '@nyt2539/schema', dir: 'packages/schema', index: 'packages/schema/src/index.ts', published: 'nyt2539/schema' },
  { name: '@nyt2539/packager', dir: 'packages/packager', index: 'packages/packager/src/index.ts', published: 'nyt2539' },
  { name: '@nyt2539/examples', dir: 'examples', index: 'examples/src/index.ts', published: undefined },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist-package' || e.name.startsWith('.')) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** names in a `{ … }` list: `type X`, `X as Y` → X */
const listed = (list: string): string[] =>
  list
    .split(',')
    .map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0])
    .filter((n) => n !== '');

const escape = (s: string): string => s.replace(/[/.]/g, '\\$&');

/** Names imported from `specifier` anywhere outside `ownDir`: static imports, re-exports, `const { … } = await import(…)`. */
function importedNames(specifiers: readonly string[], ownDir: string): Set<string> {
  const alternatives = specifiers.map(escape).join('|');
  const staticPattern = new RegExp(`\\b(?:import|export)\\s*(?:type\\s*)?\\{([^{}]*)\\}\\s*from\\s*['"](?:${alternatives})['"]`, 'g');
  const dynamicPattern = new RegExp(`\\{([^{}]*)\\}\\s*=\\s*await\\s+import\\(\\s*['"](?:${alternatives})['"]\\s*\\)`, 'g');
  const names = new Set<string>();
  for (const ws of workspaces) {
    if (ws === ownDir) continue;
    for (const file of sources(join(repo, ws))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(staticPattern)) for (const n of listed(m[1])) names.add(n);
      for (const m of text.matchAll(dynamicPattern)) for (const n of listed(m[1].replace(/:\s*\w+/g, ''))) names.add(n);
    }
  }
  return names;
}

describe('the public index of each workspace package', () => {
  for (const pkg of packages) {
    it(`${pkg.name} exports exactly the names other workspaces import, each listed`, () => {
      const index = readFileSync(join(repo, pkg.index), 'utf8');
      expect(index).not.toMatch(/export \*/);
      const exported = [...index.matchAll(/^export (?:type )?\{([^}]*)\} from '\.\/[^']+';$/gm)].flatMap((m) =>
        m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!),
      );
      expect(exported.length).toBeGreaterThan(5);
      const imported = importedNames(pkg.published ? [pkg.name, pkg.published] : [pkg.name], pkg.dir);
      expect(exported.filter((n) => !imported.has(n)), 'exported, imported by no other workspace').toEqual([]);
      expect([...imported].filter((n) => !exported.includes(n)).sort(), 'imported, not exported').toEqual([]);
    });
  }
});
