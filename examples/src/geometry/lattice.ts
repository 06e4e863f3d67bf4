/**
 * The jittered lattice every polygon of a synthetic county is cut from. Plots, groups, villages,
 * towns and the county are unions of lattice cells, so neighbours share edges by construction:
 * every vertex (lattice corner or extra vertex on an edge) is computed by one function of its
 * identity, and both sides of an edge list exactly the same vertices. No overlaps, no gaps.
 *
 * Index space: column lines i = 0..ni (west→east), row lines j = 0..nj (south→north); cell (i,j)
 * spans [i,i+1]×[j,j+1]. Coordinates are CGCS2000 Gauss-Krüger metres rounded to the millimetre.
 */

/** Cheap integer hash for per-vertex/per-edge decisions (millions of calls at county scale). */
function mix(seed: number, a: number, b: number, c: number): number {
  let h = seed ^ 0x9e3779b9;
  h = Math.imul(h ^ a, 0x85ebca6b);
  h = (h << 13) | (h >>> 19);
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h = (h << 17) | (h >>> 15);
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Vertex kinds packed into a vertex id. */
const CORNER = 0;
const MID_H = 1; // extra vertex on the horizontal edge (i,j)→(i+1,j)
const MID_V = 2; // extra vertex on the vertical edge (i,j)→(i,j+1)

interface LatticeOptions {
  seed: number;
  /** cells west→east and south→north */
  ni: number;
  nj: number;
  /** south-west corner of the lattice (easting, northing) */
  x0: number;
  y0: number;
  /** cell size range in metres and per-vertex jitter */
  minCell?: number;
  maxCell?: number;
  jitter?: number;
  /** share of edges that carry one extra vertex */
  midShare?: number;
}

export type XY = [number, number];

type Side = 'N' | 'E' | 'S' | 'W';

/**
 * A clockwise ring of vertex ids (not closed). For position k, the ring edge ids[k] → ids[k+1]
 * lies on a lattice edge whose other side is cell (outI[k], outJ[k]), facing `side[k]`.
 */
export interface TracedRing {
  readonly ids: number[];
  readonly outI: number[];
  readonly outJ: number[];
  readonly side: Side[];
}

export class Lattice {
  readonly ni: number;
  readonly nj: number;
  private readonly seed: number;
  private readonly colX: Float64Array;
  private readonly rowY: Float64Array;
  private readonly jitter: number;
  private readonly midShare: number;
  private readonly stride: number;

  constructor(o: LatticeOptions) {
    this.seed = o.seed >>> 0;
    this.ni = o.ni;
    this.nj = o.nj;
    const min = o.minCell ?? 15;
    const max = o.maxCell ?? 36;
    this.jitter = o.jitter ?? 2.5;
    this.midShare = o.midShare ?? 0.3;
    this.colX = new Float64Array(o.ni + 1);
    this.rowY = new Float64Array(o.nj + 1);
    this.colX[0] = o.x0;
    for (let i = 1; i <= o.ni; i++) this.colX[i] = this.colX[i - 1] + min + (max - min) * mix(this.seed, 1, i, 0);
    this.rowY[0] = o.y0;
    for (let j = 1; j <= o.nj; j++) this.rowY[j] = this.rowY[j - 1] + min + (max - min) * mix(this.seed, 2, j, 0);
    this.stride = (o.ni + 1) * (o.nj + 1);
  }

  cornerId(i: number, j: number): number {
    return j * (this.ni + 1) + i;
  }

  /** Extra vertex on the edge from corner (i,j) heading east ('h') or north ('v'), or -1. */
  midId(dir: 'h' | 'v', i: number, j: number): number {
    const kind = dir === 'h' ? MID_H : MID_V;
    if (mix(this.seed, 10 + kind, i, j) >= this.midShare) return -1;
    return kind * this.stride + j * (this.ni + 1) + i;
  }

  /** Largest vertex id + 1 (JZD numbers are id + 1). */
  get vertexIdLimit(): number {
    return 3 * this.stride;
  }

  /** Millimetre-rounded coordinates of a vertex id. */
  xy(id: number): XY {
    const kind = Math.floor(id / this.stride);
    const rest = id - kind * this.stride;
    const j = Math.floor(rest / (this.ni + 1));
    const i = rest - j * (this.ni + 1);
    if (kind === CORNER) return this.corner(i, j);
    const a = this.corner(i, j);
    const b = kind === MID_H ? this.corner(i + 1, j) : this.corner(i, j + 1);
    const t = 0.3 + 0.4 * mix(this.seed, 20 + kind, i, j);
    // bend the edge sideways a little so shared edges are not straight lines
    const off = (mix(this.seed, 30 + kind, i, j) - 0.5) * 3;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    return [mm(a[0] + dx * t - (dy / len) * off), mm(a[1] + dy * t + (dx / len) * off)];
  }

  private corner(i: number, j: number): XY {
    const jx = (mix(this.seed, 3, i, j) - 0.5) * 2 * this.jitter;
    const jy = (mix(this.seed, 4, i, j) - 0.5) * 2 * this.jitter;
    return [mm(this.colX[i] + jx), mm(this.rowY[j] + jy)];
  }

  /**
   * Clockwise outer ring of a union of cells. `cells` must include every cell of the region that
   * touches its boundary (interior cells may be omitted); `inside` answers for any cell. The region
   * must be edge-connected without holes or pinch points (true for the blocks and merged plots the
   * generator builds); anything else is a generator bug and throws.
   */
  traceRing(cells: Iterable<readonly [number, number]>, inside: (i: number, j: number) => boolean): TracedRing {
    // start corner → [end corner, outside cell i, outside cell j, side]; boundary edges run clockwise
    const next = new Map<number, [number, number, number, Side]>();
    const add = (ai: number, aj: number, bi: number, bj: number, oi: number, oj: number, side: Side): void => {
      const a = this.cornerId(ai, aj);
      if (next.has(a)) throw new Error(`lattice: pinch point at corner ${ai},${aj}`);
      next.set(a, [this.cornerId(bi, bj), oi, oj, side]);
    };
    for (const [i, j] of cells) {
      if (!inside(i, j)) continue;
      if (!inside(i, j + 1)) add(i, j + 1, i + 1, j + 1, i, j + 1, 'N'); // heading east
      if (!inside(i + 1, j)) add(i + 1, j + 1, i + 1, j, i + 1, j, 'E'); // heading south
      if (!inside(i, j - 1)) add(i + 1, j, i, j, i, j - 1, 'S'); // heading west
      if (!inside(i - 1, j)) add(i, j, i, j + 1, i - 1, j, 'W'); // heading north
    }
    if (next.size === 0) throw new Error('lattice: empty region');
    // start at the smallest corner id so the ring start is deterministic
    let start = Infinity;
    for (const k of next.keys()) if (k < start) start = k;
    const ids: number[] = [];
    const outI: number[] = [];
    const outJ: number[] = [];
    const side: Side[] = [];
    let cur = start;
    let steps = 0;
    do {
      const e = next.get(cur);
      if (e === undefined) throw new Error('lattice: open boundary');
      const [nxt, oi, oj, sd] = e;
      ids.push(cur);
      outI.push(oi);
      outJ.push(oj);
      side.push(sd);
      const mid = this.midOfEdge(cur, nxt);
      if (mid >= 0) {
        ids.push(mid);
        outI.push(oi);
        outJ.push(oj);
        side.push(sd);
      }
      cur = nxt;
      if (++steps > next.size) throw new Error('lattice: boundary does not close');
    } while (cur !== start);
    if (steps !== next.size) throw new Error('lattice: region has holes or several parts');
    return { ids, outI, outJ, side };
  }

  /** Clockwise ring of a cell rectangle. */
  traceRect(i0: number, j0: number, w: number, h: number): TracedRing {
    const cells: [number, number][] = [];
    for (let i = i0; i < i0 + w; i++) cells.push([i, j0], [i, j0 + h - 1]);
    for (let j = j0 + 1; j < j0 + h - 1; j++) cells.push([i0, j], [i0 + w - 1, j]);
    return this.traceRing(cells, (i, j) => i >= i0 && i < i0 + w && j >= j0 && j < j0 + h);
  }

  /** Corner ids (vertex kind 0) — the only vertices that can be shared by more than two cells. */
  isCorner(id: number): boolean {
    return id < this.stride;
  }

  /** Cells touching a vertex: four for a corner, two for an extra edge vertex. */
  cellsAround(id: number): [number, number][] {
    const kind = Math.floor(id / this.stride);
    const rest = id - kind * this.stride;
    const j = Math.floor(rest / (this.ni + 1));
    const i = rest - j * (this.ni + 1);
    if (kind === CORNER) return [[i - 1, j - 1], [i, j - 1], [i - 1, j], [i, j]];
    if (kind === MID_H) return [[i, j - 1], [i, j]];
    return [[i - 1, j], [i, j]];
  }

  /** The extra vertex of the lattice edge between two adjacent corners, or -1. */
  midOfEdge(a: number, b: number): number {
    const w = this.ni + 1;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const i = lo % w;
    const j = Math.floor(lo / w);
    return hi - lo === 1 ? this.midId('h', i, j) : this.midId('v', i, j);
  }
}

function mm(v: number): number {
  return Math.round(v * 1000) / 1000;
}
