import type initGeosJs from 'geos-wasm';

/**
 * GEOS (WebAssembly build, GEOS 3.13) for what must not be home-made: validity, relate and overlay. npm-notes
 * §2.6 measured it correct where turf is not. `initGeos()` loads and instantiates it once per thread (a 2.5 MB
 * module: commands and checks that never run a spatial rule do not pay for it); rules run synchronously, so the
 * runners (`runCheck`, the rule worker) await it before any rule runs, and a call before that is an internal
 * error that says so. Geometries are built from local coordinates (frame origin subtracted) and every pointer is
 * freed by the code that made it: `withPolygon` and friends own their geometries for the duration of a callback.
 */
type GeosApi = Awaited<ReturnType<typeof initGeosJs>>;

const notReady = new Proxy({} as GeosApi, {
  get() {
    throw new Error('GEOS is not initialised: await initGeos() before running spatial code');
  },
});

let lastError = '';
let geos: GeosApi = notReady;
let M: GeosApi['Module'] = notReady as unknown as GeosApi['Module'];
/** Scratch cells in the wasm heap reused by every call (out-parameters). */
let scratch = 0;
let ready: Promise<void> | undefined;

/** Load and instantiate GEOS in this thread (once; later calls return the same promise). */
export function initGeos(): Promise<void> {
  ready ??= import('geos-wasm').then(async ({ default: init }) => {
    const api = await init({
      noticeHandler: () => {},
      errorHandler: (message: string) => {
        lastError = message;
      },
    });
    scratch = api.Module._malloc(32);
    M = api.Module;
    geos = api;
  });
  return ready;
}

const relatePatterns = new Map<string, number>();

function patternPointer(pattern: string): number {
  let p = relatePatterns.get(pattern);
  if (p === undefined) {
    p = M._malloc(pattern.length + 1);
    M.stringToUTF8(pattern, p, pattern.length + 1);
    relatePatterns.set(pattern, p);
  }
  return p;
}

/** A GEOS geometry pointer; 0 means GEOS refused the input (its message is in `lastError`). */
export type GeomPtr = number;

function coordSeq(coords: Float64Array): number {
  const n = coords.length >> 1;
  const bytes = n * 16;
  const ptr = M._malloc(bytes);
  M.HEAPF64.set(coords.subarray(0, 2 * n), ptr / 8);
  const seq = geos.GEOSCoordSeq_copyFromBuffer(ptr, n, 0, 0);
  M._free(ptr);
  return seq;
}

/**
 * A polygon from rings (first = shell, rest = holes), or 0 when GEOS refuses it (unclosed ring, < 4 points).
 * Rings are taken as given: the caller decides which rings belong together.
 */
export function makePolygon(rings: readonly Float64Array[]): GeomPtr {
  lastError = '';
  const ringPtrs: number[] = [];
  for (const r of rings) {
    const ring = geos.GEOSGeom_createLinearRing(coordSeq(r));
    if (!ring) {
      for (const p of ringPtrs) geos.GEOSGeom_destroy(p);
      return 0;
    }
    ringPtrs.push(ring);
  }
  if (ringPtrs.length === 0) return 0;
  const holes = ringPtrs.length - 1;
  let holesPtr = 0;
  if (holes > 0) {
    holesPtr = M._malloc(4 * holes);
    for (let i = 0; i < holes; i++) M.HEAPU32[holesPtr / 4 + i] = ringPtrs[i + 1];
  }
  const poly = geos.GEOSGeom_createPolygon(ringPtrs[0], holesPtr, holes);
  if (holesPtr) M._free(holesPtr);
  return poly;
}

export function makePoint(x: number, y: number): GeomPtr {
  return geos.GEOSGeom_createPointFromXY(x, y);
}

/** A MultiPolygon (or GeometryCollection) owning `members`; destroying it destroys them. */
export function makeCollection(type: 'MultiPolygon' | 'GeometryCollection' | 'MultiLineString', members: readonly GeomPtr[]): GeomPtr {
  const typeId = type === 'MultiPolygon' ? 6 : type === 'MultiLineString' ? 5 : 7;
  const ptr = M._malloc(4 * Math.max(1, members.length));
  members.forEach((g, i) => (M.HEAPU32[ptr / 4 + i] = g));
  const coll = geos.GEOSGeom_createCollection(typeId, ptr, members.length);
  M._free(ptr);
  return coll;
}

export function destroy(g: GeomPtr): void {
  if (g) geos.GEOSGeom_destroy(g);
}

/** Run `fn` with a geometry and free it afterwards, whatever happens. */
export function using<T>(g: GeomPtr, fn: (g: GeomPtr) => T): T {
  try {
    return fn(g);
  } finally {
    destroy(g);
  }
}

interface Validity {
  readonly valid: boolean;
  /** GEOS reason text ("Self-intersection", "Ring Self-intersection", "Too few points", …) */
  readonly reason: string;
  /** local coordinates of the problem, when GEOS gives one */
  readonly at?: readonly [number, number];
}

export function validity(g: GeomPtr): Validity {
  const reasonCell = scratch;
  const locationCell = scratch + 4;
  M.HEAPU32[reasonCell / 4] = 0;
  M.HEAPU32[locationCell / 4] = 0;
  const r = geos.GEOSisValidDetail(g, 0, reasonCell, locationCell);
  if (r === 1) return { valid: true, reason: '' };
  const reasonPtr = M.HEAPU32[reasonCell / 4];
  const locPtr = M.HEAPU32[locationCell / 4];
  const reason = reasonPtr ? M.UTF8ToString(reasonPtr) : lastError;
  if (reasonPtr) geos.GEOSFree(reasonPtr);
  let at: [number, number] | undefined;
  if (locPtr) {
    at = pointXY(locPtr);
    geos.GEOSGeom_destroy(locPtr);
  }
  return { valid: false, reason, ...(at ? { at } : {}) };
}

function pointXY(p: GeomPtr): [number, number] {
  const xCell = scratch + 8;
  const yCell = scratch + 16;
  geos.GEOSGeomGetX(p, xCell);
  geos.GEOSGeomGetY(p, yCell);
  return [M.HEAPF64[xCell / 8], M.HEAPF64[yCell / 8]];
}

export function area(g: GeomPtr): number {
  const cell = scratch + 8;
  geos.GEOSArea(g, cell);
  return M.HEAPF64[cell / 8];
}

/** Local bbox of a geometry, undefined when empty. */
export function extent(g: GeomPtr): [number, number, number, number] | undefined {
  if (geos.GEOSisEmpty(g)) return undefined;
  const c = scratch;
  geos.GEOSGeom_getExtent(g, c, c + 8, c + 16, c + 24);
  return [M.HEAPF64[c / 8], M.HEAPF64[c / 8 + 1], M.HEAPF64[c / 8 + 2], M.HEAPF64[c / 8 + 3]];
}

/** A point inside the geometry (for locating a finding), in local coordinates. */
export function pointOnSurface(g: GeomPtr): [number, number] | undefined {
  if (geos.GEOSisEmpty(g)) return undefined;
  const p = geos.GEOSPointOnSurface(g);
  if (!p) return undefined;
  try {
    return pointXY(p);
  } finally {
    geos.GEOSGeom_destroy(p);
  }
}

export function intersection(a: GeomPtr, b: GeomPtr): GeomPtr {
  return geos.GEOSIntersection(a, b);
}

export function difference(a: GeomPtr, b: GeomPtr): GeomPtr {
  return geos.GEOSDifference(a, b);
}

/** DE-9IM pattern test (e.g. interiors meet: 'T********'). */
export function relatePattern(a: GeomPtr, b: GeomPtr, pattern: string): boolean {
  return geos.GEOSRelatePattern(a, b, patternPointer(pattern)) === 1;
}

/** A prepared geometry for repeated predicates against one shape; free with `destroyPrepared`. */
export function prepare(g: GeomPtr): number {
  return geos.GEOSPrepare(g);
}

export function destroyPrepared(p: number): void {
  if (p) geos.GEOSPreparedGeom_destroy(p);
}

export function preparedRelatePattern(p: number, g: GeomPtr, pattern: string): boolean {
  return geos.GEOSPreparedRelatePattern(p, g, patternPointer(pattern)) === 1;
}

export function preparedCovers(p: number, g: GeomPtr): boolean {
  return geos.GEOSPreparedCovers(p, g) === 1;
}

export function geomEquals(a: GeomPtr, b: GeomPtr): boolean {
  return geos.GEOSEquals(a, b) === 1;
}

/** Bytes the wasm heap holds (for benchmarks: it only grows). */
export function heapBytes(): number {
  return geos === notReady ? 0 : M.HEAPU8.byteLength;
}

/**
 * Holes of the union of a polygon coverage (areas enclosed by the polygons but covered by none), each as
 * [area, local bbox]. `members` are taken: the collection is built from them (no copy of a whole group's
 * plots) and freed here with them.
 */
export function coverageHoles(members: readonly GeomPtr[]): { area: number; bbox: [number, number, number, number] }[] {
  if (members.length === 0) return [];
  const coll = makeCollection('GeometryCollection', members);
  const holes: { area: number; bbox: [number, number, number, number] }[] = [];
  try {
    const union = geos.GEOSCoverageUnion(coll) || geos.GEOSUnaryUnion(coll);
    if (!union) return holes;
    try {
      const n = geos.GEOSGetNumGeometries(union);
      for (let k = 0; k < n; k++) {
        const poly = n === 1 ? union : geos.GEOSGetGeometryN(union, k);
        if (geos.GEOSGeomTypeId(poly) !== 3) continue; // polygons only
        const rings = geos.GEOSGetNumInteriorRings(poly);
        for (let r = 0; r < rings; r++) {
          const ring = geos.GEOSGetInteriorRingN(poly, r);
          const shell = geos.GEOSGeom_createLinearRing(geos.GEOSCoordSeq_clone(geos.GEOSGeom_getCoordSeq(ring)));
          const hole = geos.GEOSGeom_createPolygon(shell, 0, 0);
          if (!hole) continue;
          const box = extent(hole);
          if (box) holes.push({ area: area(hole), bbox: box });
          geos.GEOSGeom_destroy(hole);
        }
      }
    } finally {
      geos.GEOSGeom_destroy(union);
    }
  } finally {
    geos.GEOSGeom_destroy(coll);
  }
  return holes;
}
