import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Finding, FindingLocation } from '../engine/finding.js';
import { buildSpatialStore, polygon, square } from '../rules/testing/spatial-store.js';
import { locateFindings } from './locate.js';

const DK_FILE = '矢量数据/DK2205812016.shp';
const MDB = '权属数据/2205812016.mdb';

function finding(location: FindingLocation): Finding {
  return { ruleId: 'values/code-domain', group: 'values', severity: 'error', messageId: 'm', message: { zh: '值有误', en: 'wrong value' }, location, fingerprint: '0' };
}

describe('locateFindings', () => {
  it('gives attribute findings the box of their feature, or of the plot their DKBM names; leaves the rest as they are', () => {
    const store = buildSpatialStore(
      [
        {
          name: 'DK',
          file: DK_FILE,
          rows: [
            { DKBM: '2205811012010100001', TDYT: '7', geom: polygon(square(500100, 4300100, 10)) },
            { DKBM: '2205811012010100002', TDYT: '1', geom: polygon(square(500200, 4300200, 20)) },
            // the same code twice: a record naming it cannot be placed
            { DKBM: '2205811012010100002', TDYT: '1', geom: polygon(square(500900, 4300900, 5)) },
            { DKBM: '2205811012010100004', TDYT: '1', geom: null },
          ],
        },
      ],
      { tables: [{ name: 'CBDKXX', columns: [{ name: 'DKBM' }, { name: 'HTMJ' }], rows: [{ DKBM: '2205811012010100001', HTMJ: '1' }] }] },
    );
    const db = new Database(store.path, { readonly: true });
    try {
      const onRow = finding({ file: DK_FILE, table: 'DK', record: 1, keys: { DKBM: '2205811012010100001' }, field: 'TDYT' });
      const onDuplicateRow = finding({ file: DK_FILE, table: 'DK', record: 3, keys: { DKBM: '2205811012010100002' }, field: 'TDYT' });
      const onNullShape = finding({ file: DK_FILE, table: 'DK', record: 4, keys: { DKBM: '2205811012010100004' }, field: 'TDYT' });
      const viaCode = finding({ file: MDB, table: 'CBDKXX', record: 1, keys: { DKBM: '2205811012010100001', CBFBM: '220581101201010001' }, field: 'HTMJ' });
      const ambiguous = finding({ file: MDB, table: 'CBDKXX', record: 2, keys: { DKBM: '2205811012010100002' }, field: 'HTMJ' });
      const unknown = finding({ file: MDB, table: 'CBDKXX', record: 3, keys: { DKBM: '2205811012010199999' }, field: 'HTMJ' });
      const located = finding({ file: DK_FILE, table: 'DK', record: 2, point: [1, 2] });
      const noRow = finding({ file: MDB, table: 'CBF', field: 'CBFMC' });
      const out = locateFindings(db, [onRow, onDuplicateRow, onNullShape, viaCode, ambiguous, unknown, located, noRow]);
      expect(out.map((f) => f.location.bbox ?? null)).toEqual([
        [500100, 4300100, 500110, 4300110],
        [500900, 4300900, 500905, 4300905],
        null,
        [500100, 4300100, 500110, 4300110],
        null,
        null,
        null,
        null,
      ]);
      // nothing else of a finding changes; one that needs nothing is the same object
      expect(out[0]).toEqual({ ...onRow, location: { ...onRow.location, bbox: [500100, 4300100, 500110, 4300110] } });
      expect(out[6]).toBe(located);
      expect(out[7]).toBe(noRow);
    } finally {
      db.close();
      store.dispose();
    }
  });
});
