/**
 * The spatial rules adopt the geometry the loader decoded (store/layer-geometry.ts) instead of decoding the
 * store's `_geom` blobs again: every layer adopted that way must equal, array for array, the layer decoded from
 * the store — on a generated package with a deleted .dbf record in DK and JZD (left out of both) — and a
 * geometry whose rows are not the store's, or that another connection already took, falls back to the blobs. The
 * layer's key and preloaded attribute columns are the loader's too, or read from the store when it kept none.
 */
import { cpSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptFrame, layerColumn, localFrame, loadLayer, loadPackage, openStore, provideGeometry, type LayerData, type LayerGeometry } from '@nyt2539/checker';
import { generatePackage } from '@nyt2539/packager';

/** Marks record `n` (1-based) of a .dbf deleted, in place. */
function deleteDbfRecord(path: string, n: number): void {
  const fd = openSync(path, 'r+');
  try {
    const head = Buffer.alloc(12);
    readSync(fd, head, 0, 12, 0);
    writeSync(fd, Buffer.from('*'), 0, 1, head.readUInt16LE(8) + (n - 1) * head.readUInt16LE(10));
  } finally {
    closeSync(fd);
  }
}

function arrays(l: LayerData): Record<string, unknown> {
  const keys = Array.from({ length: l.count }, (_, i) => l.key(i));
  return {
    count: l.count,
    frame: l.frame,
    rid: [...l.rid],
    rec: [...l.rec],
    files: l.fileOf.length ? [...l.fileOf].map((f) => l.files[f]) : [],
    shapeType: [...l.shapeType],
    zm: [...l.zm],
    coords: [...l.coords],
    partStart: [...l.partStart],
    featurePart: [...l.featurePart],
    bbox: [...l.bbox],
    keys,
    index: l.index ? [...new Uint8Array(l.index.data)] : null,
  };
}

describe('layer geometry decoded at load', () => {
  let base: string;
  let storePath: string;
  let layers: readonly LayerGeometry[];
  let pristineJzd: LayerGeometry;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-layer-geometry-'));
    const { packageDir } = await generatePackage({ scale: 'tiny', seed: 5, defects: 'all', outDir: join(base, 'gen') });
    const pkg = join(base, 'pkg');
    cpSync(packageDir, pkg, { recursive: true });
    const vector = join(pkg, '矢量数据');
    for (const f of readdirSync(vector).filter((n) => /^(DK|JZD)\d.*\.dbf$/i.test(n))) deleteDbfRecord(join(vector, f), 2);
    const loaded = await loadPackage(pkg, { workDir: join(base, 'work'), keepStore: true });
    loaded.close();
    storePath = loaded.storePath;
    layers = loaded.layers;
    // adopting a geometry makes its coordinates local in place: a copy as loaded, for the last test
    const jzd = layers.find((l) => l.table === 'JZD')!;
    pristineJzd = { ...jzd, coords: jzd.coords.slice() };
  }, 120_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('equals the layer decoded from the store, for every layer', () => {
    expect(layers.map((l) => l.table)).toEqual(expect.arrayContaining(['DK', 'JZD', 'JZX', 'XJXZQ']));
    const fromStore = openStore(storePath);
    const adopted = openStore(storePath);
    // the frame from the boxes the loader saw, not from a scan of every layer table
    expect(adoptFrame(adopted, layers)).toBe(true);
    expect(localFrame(adopted)).toEqual(localFrame(fromStore));
    expect(localFrame(adopted).ox).toBeGreaterThan(0);
    provideGeometry(adopted, layers);
    for (const g of layers) {
      const a = loadLayer(adopted, g.table)!;
      const b = loadLayer(fromStore, g.table)!;
      // adopted, not decoded: the layer's coordinates are the loader's array, and so are its key and preloaded
      // columns (compared below with the store's)
      expect(g.taken[0]).toBe(1);
      expect(a.coords.buffer).toBe(g.coords.buffer);
      expect(g.attributes).toBeDefined();
      expect(arrays(a)).toEqual(arrays(b));
      for (const c of ['SCMJ', 'SFJBNT', 'DKBM', 'XZBZ', 'QJZDH']) {
        const ca = layerColumn(adopted, a, c);
        const cb = layerColumn(fromStore, b, c);
        expect(ca && Array.from({ length: ca.length }, (_, i) => ca.get(i))).toEqual(cb && Array.from({ length: cb.length }, (_, i) => cb.get(i)));
      }
    }
    const dk = loadLayer(fromStore, 'DK')!;
    // the deleted record is left out of both
    expect([...dk.rec].slice(0, 3)).toEqual([1, 3, 4]);
    fromStore.close();
    adopted.close();
  });

  it('falls back to the blobs when the geometry was taken or its rows are not the store’s', () => {
    const fromStore = openStore(storePath);
    const second = openStore(storePath);
    const dk = layers.find((l) => l.table === 'DK')!;
    // taken by the first test: decoded from the store, equal all the same
    provideGeometry(second, [dk]);
    const again = loadLayer(second, 'DK')!;
    expect(again.coords.buffer).not.toBe(dk.coords.buffer);
    expect(arrays(again)).toEqual(arrays(loadLayer(fromStore, 'DK')!));
    // rows that are not the store's (a rid off by one)
    const jzx = layers.find((l) => l.table === 'JZX')!;
    const wrong: LayerGeometry = { ...jzx, rid: jzx.rid.map((r) => r + 1), taken: new Int32Array(new SharedArrayBuffer(4)) };
    const third = openStore(storePath);
    provideGeometry(third, [wrong]);
    const fallback = loadLayer(third, 'JZX')!;
    expect(fallback.coords.buffer).not.toBe(jzx.coords.buffer);
    expect(arrays(fallback)).toEqual(arrays(loadLayer(fromStore, 'JZX')!));
    // a geometry without the loader's columns (a value the store might give back changed): read from the store
    const bare: LayerGeometry = { ...pristineJzd, attributes: undefined, taken: new Int32Array(new SharedArrayBuffer(4)) };
    const fourth = openStore(storePath);
    adoptFrame(fourth, layers);
    provideGeometry(fourth, [bare]);
    const read = loadLayer(fourth, 'JZD')!;
    expect(read.coords.buffer).toBe(bare.coords.buffer);
    expect(arrays(read)).toEqual(arrays(loadLayer(fromStore, 'JZD')!));
    const dkbm = layerColumn(fourth, read, 'DKBM')!;
    const stored = layerColumn(fromStore, loadLayer(fromStore, 'JZD')!, 'DKBM')!;
    expect(Array.from({ length: dkbm.length }, (_, i) => dkbm.get(i))).toEqual(Array.from({ length: stored.length }, (_, i) => stored.get(i)));
    for (const d of [fromStore, second, third, fourth]) d.close();
  });
});
