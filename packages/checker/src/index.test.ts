/**
 * The checker's public API is what the other workspace packages import, nothing more: a name added to index.ts
 * that no caller imports fails here, and so does a runtime name added or removed without updating this list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as checker from './index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const callers = ['packages/packager', 'examples', 'test'];

/** the runtime names; types are checked by the second test */
const publicValues = [
  'DBF_EOF', 'DBF_FIELD_DESCRIPTOR_BYTES', 'DBF_FIELD_OFFSET', 'DBF_HEADER_BYTES', 'DBF_HEADER_TERMINATOR', 'DBF_OFFSET',
  'DBF_RECORD_ACTIVE', 'DBF_RECORD_DELETED', 'DBF_VERSION_DBASE3', 'EMPTY_EXTENT', 'InputError', 'LDID_GBK', 'LDID_NONE',
  'MetadataReadError', 'ReaderError', 'SHP_FILE_CODE', 'SHP_HEADER_BYTES', 'SHP_OFFSET', 'SHP_POINT_CONTENT_BYTES',
  'SHP_POLY_FIXED_BYTES', 'SHP_RECORD_HEADER_BYTES', 'SHP_VERSION', 'SHX_ENTRY_BYTES', 'ShapeTypeCode', 'adoptFrame',
  'applyEol', 'checkDate', 'childProcessEntry', 'computeSummaries', 'coordinateTransform',
  'createProgressReporter', 'dbfHeaderLength', 'decodeGeometry', 'defaultProfile', 'defaultZipLimits',
  'describeDeviation', 'displayWidth', 'encodeText', 'eols', 'findingsDocument', 'fingerprintOf',
  'formatLocation', 'geosHeapBytes', 'getRule', 'hasStoreTable', 'isIdNumberField', 'isInsideFolder', 'isPhoneField',
  'layerColumn', 'loadLayer', 'loadPackage', 'loadProfile', 'looksLikeZip', 'localFrame', 'lonLatTransform', 'maskFinding',
  'maskIdNumber', 'maskPhone', 'muPairs', 'openLayer', 'openShapefile', 'openSqlite', 'openStore', 'parsePrj',
  'prepareSummaryCheck', 'provideGeometry', 'readPackageInfo', 'readRegularFile', 'readSummaryTable',
  'readUnitCodeTable', 'readVectorMetadata', 'readXls', 'readerCodeSeverity', 'readerIssueMessage',   'renderJson', 'renderText', 'renderTextReport', 'reportCover', 'resolveRules',
  'ruleGroupOrder', 'ruleGroups', 'ruleSetVersion', 'ruleThreadCount', 'rules', 'runCheck', 'runRules',
  'runRulesParallel', 'safeFileName', 'sourceTables', 'summarize', 'textReportLines', 'toolVersion',
  'validateFindingsDocument', 'workerEntry', 'writeJsonAtomic',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** names in `{ … }` lists: `type X`, `X as Y` → X */
const listed = (list: string): string[] =>
  list
    .split(',')
    .map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/))
    .filter((n) => n[0] !== '')
    .map((n) => n[0]);

describe('the checker public API', () => {
  it('exports at run time exactly the listed names', () => {
    expect(Object.keys(checker).sort()).toEqual([...publicValues].sort());
  });

  it('exports only names another package imports, each from the module that defines it', () => {
    const index = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    expect(index).not.toMatch(/export \*/);
    // the public name is what follows `as` in the index; callers import by it
    const exported = [...index.matchAll(/^export (?:type )?\{([^}]*)\} from '\.\/[^']+';$/gm)].flatMap((m) =>
      m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!),
    );
    expect(exported.length).toBeGreaterThan(publicValues.length);
    const imported = new Set<string>();
    const pattern = /\b(?:import|export)\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]@nyt2539\/checker['"]/g;
    for (const ws of callers) for (const file of sources(join(repo, ws))) for (const m of readFileSync(file, 'utf8').matchAll(pattern)) for (const n of listed(m[1])) imported.add(n);
    // the CLI reads the version through a dynamic import, so --help does not load the checker
    imported.add('toolVersion');
    expect(exported.filter((n) => !imported.has(n))).toEqual([]);
    expect([...imported].filter((n) => !exported.includes(n))).toEqual([]);
  });
});
