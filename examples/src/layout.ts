import type { CountyDef } from './counties.js';
import { countyFullName } from './counties.js';
import { chineseNumber, placeName } from './names.js';
import { Rng } from './random.js';
import type { ScaleDef } from './scales.js';

/**
 * The administrative skeleton of a synthetic county, in lattice cells: county rows of towns, each
 * town a grid of villages, each village a grid of slots. A slot is one 组 (and its 发包方) or, in some
 * villages, the village-level 发包方 (FBFBM ending 00). Every unit is a union of whole slots, so
 * unit polygons are exact unions of their plots.
 */
export interface Rect {
  readonly i0: number;
  readonly j0: number;
  readonly w: number;
  readonly h: number;
}

export interface Slot {
  readonly index: number;
  /** 14-digit 发包方编码 (= 组级区域代码 for a group) */
  readonly fbfbm: string;
  /** 1-based group number, or 0 for the village-level 发包方 */
  readonly groupNo: number;
  /** short name (三组, or the village name for the village-level 发包方) */
  readonly name: string;
  readonly fullName: string;
  readonly rect: Rect;
  readonly village: Village;
}

interface Village {
  readonly code: string; // 12
  readonly name: string;
  readonly fullName: string;
  readonly rect: Rect;
  readonly town: Town;
  readonly slots: Slot[];
}

interface Town {
  readonly code: string; // 9
  readonly name: string;
  readonly fullName: string;
  readonly rect: Rect;
  readonly villages: Village[];
  /** absolute lattice column/row lines of its slot grid, for lookups */
  readonly colLines: number[];
  readonly rowLines: number[];
  readonly slotGrid: Slot[][]; // [row][col]
}

export interface CountyLayout {
  readonly county: CountyDef;
  readonly fullName: string;
  readonly towns: Town[];
  readonly slots: Slot[];
  /** lattice size in cells */
  readonly ni: number;
  readonly nj: number;
  /** county rows (south→north): [j0, j1) and the towns in it ordered west→east */
  readonly rows: { j0: number; j1: number; towns: Town[] }[];
  slotAt(i: number, j: number): Slot | undefined;
}

export function buildLayout(county: CountyDef, scale: ScaleDef, seed: number): CountyLayout {
  const rng = Rng.derive(seed, 'layout');
  const [vc, vr] = scale.villageGrid;
  const [gc, gr] = scale.slotGrid;
  const slotCols = vc * gc;
  const slotRows = vr * gr;
  const fullCounty = countyFullName(county);
  const towns: Town[] = [];
  const slots: Slot[] = [];
  const rows: { j0: number; j1: number; towns: Town[] }[] = [];
  const rowHeights: number[][] = [];
  const usedTownNames = new Set<string>();
  let j0 = 0;
  let ni = 0;
  for (let t = 0; t < scale.towns; t++) {
    const rowIndex = Math.floor(t / scale.townsPerRow);
    if (!rows[rowIndex]) {
      // every town in a county row shares the row's slot heights, so the row is a rectangle
      const heights = Array.from({ length: slotRows }, () => vary(rng, scale.slotCells[1]));
      const h = heights.reduce((a, b) => a + b, 0);
      rows[rowIndex] = { j0, j1: j0 + h, towns: [] };
      rowHeights[rowIndex] = heights;
      j0 += h;
    }
    const row = rows[rowIndex];
    const heights = rowHeights[rowIndex];
    const widths = Array.from({ length: slotCols }, () => vary(rng, scale.slotCells[0]));
    const i0 = row.towns.length === 0 ? 0 : row.towns[row.towns.length - 1].rect.i0 + row.towns[row.towns.length - 1].rect.w;
    const colLines = [i0];
    for (const w of widths) colLines.push(colLines[colLines.length - 1] + w);
    const rowLines = [row.j0];
    for (const h of heights) rowLines.push(rowLines[rowLines.length - 1] + h);
    const townCode = county.code + String(101 + t).padStart(3, '0');
    let townName = placeName(rng, rng.chance(0.8) ? '镇' : '乡');
    while (usedTownNames.has(townName)) townName = placeName(rng, '镇');
    usedTownNames.add(townName);
    const town: Town = {
      code: townCode,
      name: townName,
      fullName: fullCounty + townName,
      rect: { i0, j0: row.j0, w: colLines[slotCols] - i0, h: row.j1 - row.j0 },
      villages: [],
      colLines,
      rowLines,
      slotGrid: Array.from({ length: slotRows }, () => [] as Slot[]),
    };
    const usedVillageNames = new Set<string>();
    for (let v = 0; v < vc * vr; v++) {
      const vcol = v % vc;
      const vrow = vr - 1 - Math.floor(v / vc); // number villages from the north-west
      let vname = placeName(rng, '村');
      while (usedVillageNames.has(vname)) vname = placeName(rng, '村');
      usedVillageNames.add(vname);
      const sc0 = vcol * gc;
      const sr0 = vrow * gr;
      const village: Village = {
        code: townCode + String(201 + v).padStart(3, '0'),
        name: vname,
        fullName: town.fullName + vname,
        rect: { i0: colLines[sc0], j0: rowLines[sr0], w: colLines[sc0 + gc] - colLines[sc0], h: rowLines[sr0 + gr] - rowLines[sr0] },
        town,
        slots: [],
      };
      const hasVillageFbf = rng.chance(scale.villageFbfShare);
      const nSlots = gc * gr;
      let groupNo = 0;
      for (let s = 0; s < nSlots; s++) {
        const scol = sc0 + (s % gc);
        const srow = sr0 + gr - 1 - Math.floor(s / gc);
        const villageLevel = hasVillageFbf && s === nSlots - 1;
        if (!villageLevel) groupNo++;
        const gname = villageLevel ? vname : `${chineseNumber(groupNo)}组`;
        const slot: Slot = {
          index: slots.length,
          fbfbm: village.code + (villageLevel ? '00' : String(groupNo).padStart(2, '0')),
          groupNo: villageLevel ? 0 : groupNo,
          name: gname,
          fullName: villageLevel ? village.fullName : village.fullName + gname,
          rect: { i0: colLines[scol], j0: rowLines[srow], w: colLines[scol + 1] - colLines[scol], h: rowLines[srow + 1] - rowLines[srow] },
          village,
        };
        slots.push(slot);
        village.slots.push(slot);
        town.slotGrid[srow][scol] = slot;
      }
      town.villages.push(village);
    }
    row.towns.push(town);
    towns.push(town);
    ni = Math.max(ni, town.rect.i0 + town.rect.w);
  }
  const nj = j0;
  const rowStarts = rows.map((r) => r.j0);
  const townStarts = rows.map((r) => r.towns.map((t) => t.rect.i0));
  return {
    county,
    fullName: fullCounty,
    towns,
    slots,
    ni,
    nj,
    rows,
    slotAt(i: number, j: number): Slot | undefined {
      if (i < 0 || j < 0 || j >= nj) return undefined;
      const ri = upperIndex(rowStarts, j);
      const row = rows[ri];
      if (!row || j >= row.j1) return undefined;
      const town = row.towns[upperIndex(townStarts[ri], i)];
      if (!town || i >= town.rect.i0 + town.rect.w) return undefined;
      const c = upperIndex(town.colLines, i);
      const r = upperIndex(town.rowLines, j);
      return town.slotGrid[r]?.[c];
    },
  };
}

/** index of the last line ≤ v in an ascending array */
function upperIndex(lines: readonly number[], v: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function vary(rng: Rng, mean: number): number {
  return Math.max(4, mean + rng.int(-2, 2));
}
